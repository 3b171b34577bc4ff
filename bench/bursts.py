"""A burst of posts in one chat at Telegram's limits: how long until each post
is acknowledged, with one reply per post (the baseline) and with the waiting
posts acknowledged together, in one run (not part of the tests).

N residents (default 45) post in the Housing chat within S seconds (default
25), with Telegram's limits enforced by the fake (20 messages a minute in a
group) and the bot's pacing on, time scaled down by --scale. The lag of a post
is from its posting to the fake's receipt of the call that acknowledged it,
in Telegram's (unscaled) seconds.

    python -m bench.bursts [--posts 45] [--seconds 25] [--scale 5]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.delivery import table, until  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.sandbox import FakeTelegram  # noqa: E402
from tests.conftest import HOUSING, populate, running_desk, settings_data  # noqa: E402

TEXTS = [
    "В доме {n} по Кенесары нет отопления с утра, батареи холодные",
    "Кенесары {n}, в квартире холодно, отопление отключили без предупреждения",
    "Кенесары {n} үйде жылу жоқ, балалар тоңып отыр",
    "Почему нет тепла в доме {n} на Кенесары? Когда включат?",
]
_CODE = re.compile(r"\bH-\d+\b")


async def burst(posts: int, seconds: float, scale: float, least: int, workdir: Path) -> dict:
    """One run: ``least`` acknowledgements waiting make one message (0: never)."""
    fake = FakeTelegram()
    await fake.start()
    populate(fake)
    window = 60.0 / scale
    fake.group_rate_limit, fake.group_rate_window = 20, window
    data = settings_data(fake, workdir / f"bursts-{least}.sqlite3")
    data["delivery"].update(
        chat_per_second=1.0 * scale, chat_burst=3, group_per_minute=20, group_window_seconds=window
    )
    data["intake"]["ack_together_from"] = least
    people = [7000 + n for n in range(posts)]
    for n, user_id in enumerate(people):
        fake.add_user(user_id, f"Житель {n + 1}")
    posted: dict[int, float] = {}  # the post's message id -> when it was posted
    started = time.monotonic()
    try:
        async with running_desk(fake, Settings(**data)) as desk:
            for n, user_id in enumerate(people):
                at = started + n * seconds / scale / max(posts - 1, 1)
                await asyncio.sleep(max(at - time.monotonic(), 0))
                text = TEXTS[n % len(TEXTS)].format(n=40 + n % 3)
                posted[fake.post(HOUSING, user_id, text)["message_id"]] = time.monotonic()

            def named() -> set[str]:
                return {c for m in fake.bot_messages(HOUSING) for c in _CODE.findall(m["text"])}

            await until(lambda: len(named()) >= posts, 3600)
            await desk.settle(timeout=60)
            sources = {}
            async with desk.app.db.read() as conn:
                async with conn.execute("SELECT code, source_message_id FROM tickets") as cur:
                    sources = dict(await cur.fetchall())
        acked: dict[str, float] = {}
        for call in fake.calls:
            if call.method == "sendMessage" and call.ok and call.params.get("chat_id") == HOUSING:
                for code in _CODE.findall(call.result.get("text", "")):
                    acked.setdefault(code, call.at)
        lags = sorted((acked[code] - posted[source]) * scale for code, source in sources.items())
        messages = len(fake.bot_messages(HOUSING))
        provoked = sum(c.error_code == 429 for c in fake.calls)
        return {
            "acknowledged": f"together from {least}" if least else "one reply per post",
            "posts": len(lags),
            "messages in chat": messages,
            "lag median s": round(statistics.median(lags), 1),
            "lag p90 s": round(lags[int(0.9 * (len(lags) - 1))], 1),
            "lag max s": round(lags[-1], 1),
            "429s": provoked,
        }
    finally:
        await fake.stop()


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=45, help="posts in the burst")
    parser.add_argument("--seconds", type=float, default=25.0, help="over how long (Telegram s)")
    parser.add_argument("--scale", type=float, default=5.0, help="time speed-up of the limits")
    parser.add_argument("--together", type=int, default=3, help="ack_together_from to measure")
    args = parser.parse_args(argv)
    print(
        f"{args.posts} posts in one group within {args.seconds:g} s; Telegram's limit 20 per"
        f" minute, time scaled down {args.scale:g} times; lags in Telegram's seconds"
    )
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        rows = [
            await burst(args.posts, args.seconds, args.scale, 0, workdir),
            await burst(args.posts, args.seconds, args.scale, args.together, workdir),
        ]
    print(table(rows))
    base, now = rows[0]["lag max s"], rows[1]["lag max s"]
    print(f"longest wait for an acknowledgement: {base} s -> {now} s ({base / max(now, 0.1):.1f}x)")


if __name__ == "__main__":
    asyncio.run(main())
