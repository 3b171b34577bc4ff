"""Delivery under Telegram's faults and limits, measured (not part of the tests).

Two experiments against the fake Bot API server on 127.0.0.1, each in one run:

* faults: N resident posts while 30 % of sends answer 429 (retry_after) and
  10 % answer 5xx; counts messages queued vs delivered and duplicates.
* pacing: N posts into one group with Telegram's 20-per-minute group limit
  enforced by the fake (time scaled down by --scale), with the bot's pacing
  on and, as the baseline, off; reports 429s provoked per 100 messages.

    python -m bench.delivery [--posts 60] [--scale 10] [--seed 1]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.sandbox import FakeTelegram  # noqa: E402
from tests.conftest import (  # noqa: E402
    AKIMAT,
    HOUSING,
    LAW,
    RESIDENT,
    STAFF_CHAT,
    populate,
    running_desk,
    settings_data,
)

POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"
SENDS = {"sendMessage", "sendPhoto", "editMessageText", "editMessageCaption", "setMessageReaction"}
CHATS = (HOUSING, AKIMAT, LAW)


async def until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        await asyncio.sleep(0.05)
    return False


async def faults(posts: int, seed: int, workdir: Path) -> dict[str, float]:
    fake = FakeTelegram()
    await fake.start()
    populate(fake)
    data = settings_data(fake, workdir / "faults.sqlite3")
    fake.fault_rate(SENDS, rate_429=0.3, rate_5xx=0.1, retry_after=1, seed=seed)
    started = time.monotonic()
    try:
        async with running_desk(fake, Settings(**data)) as running:
            app = running.app
            sent = [fake.post(CHATS[n % 3], RESIDENT, f"{POST} #{n}") for n in range(posts)]

            def delivered() -> int:
                return len(fake.bot_messages(STAFF_CHAT)) + sum(
                    len(fake.bot_messages(c)) for c in CHATS
                )

            await until(lambda: delivered() >= 2 * len(sent), seconds=600)
            await until(lambda: fake.pending_updates == 0, seconds=30)
            stats = await app.outbox.stats()
        acks = collections.Counter(
            (c, m["reply_to_message"]["message_id"]) for c in CHATS for m in fake.bot_messages(c)
        )
        cards = collections.Counter(
            m["text"].split("</b>")[0] for m in fake.bot_messages(STAFF_CHAT)
        )
        failures = [c for c in fake.calls if not c.ok and c.method in SENDS]
        return {
            "posts": posts,
            "messages queued": 2 * posts,
            "acks delivered": len(acks),
            "cards delivered": len(cards),
            "duplicates": sum(n - 1 for n in acks.values()) + sum(n - 1 for n in cards.values()),
            "429 answers": sum(c.error_code == 429 for c in failures),
            "5xx answers": sum((c.error_code or 0) >= 500 for c in failures),
            "left pending": stats.pending,
            "failed": stats.failed,
            "seconds": round(time.monotonic() - started, 1),
        }
    finally:
        await fake.stop()


async def pacing(posts: int, scale: float, paced: bool, workdir: Path) -> dict[str, float]:
    fake = FakeTelegram()
    await fake.start()
    populate(fake)
    window = 60.0 / scale
    fake.group_rate_limit, fake.group_rate_window = 20, window
    data = settings_data(fake, workdir / f"pacing-{paced}.sqlite3")
    if paced:  # Telegram's limits, with time scaled like the fake's
        data["delivery"].update(
            chat_per_second=1.0 * scale,
            chat_burst=3,
            group_per_minute=20,
            group_window_seconds=window,
        )
    started = time.monotonic()
    try:
        async with running_desk(fake, Settings(**data)):
            for n in range(posts):
                fake.post(HOUSING, RESIDENT, f"{POST} #{n}")
            await until(
                lambda: (
                    len(fake.bot_messages(HOUSING)) >= posts
                    and len(fake.bot_messages(STAFF_CHAT)) >= posts
                ),
                seconds=600,
            )
        calls = [c for c in fake.calls if c.method == "sendMessage"]
        provoked = sum(c.error_code == 429 for c in calls)
        delivered = sum(c.ok for c in calls)
        return {
            "pacing": "on" if paced else "off",
            "messages delivered": delivered,
            "429 provoked": provoked,
            "429 per 100 messages": round(100 * provoked / max(delivered, 1), 1),
            "seconds": round(time.monotonic() - started, 1),
        }
    finally:
        await fake.stop()


def table(rows: list[dict[str, float]]) -> str:
    keys = list(rows[0])
    widths = [max(len(k), *(len(str(r[k])) for r in rows)) for k in keys]
    lines = ["  ".join(k.rjust(w) for k, w in zip(keys, widths, strict=True))]
    lines += [
        "  ".join(str(r[k]).rjust(w) for k, w in zip(keys, widths, strict=True)) for r in rows
    ]
    return "\n".join(lines)


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=60, help="posts per experiment")
    parser.add_argument("--scale", type=float, default=10.0, help="time speed-up of the limits")
    parser.add_argument("--seed", type=int, default=1, help="seed of the fault mix")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        print("fault mix: 30 % 429 (retry_after 1 s), 10 % 5xx on every send")
        print(table([await faults(args.posts, args.seed, workdir)]))
        print(f"\ngroup limit 20 per {60 / args.scale:g} s (Telegram's minute / {args.scale:g})")
        rows = [
            await pacing(args.posts, args.scale, False, workdir),
            await pacing(args.posts, args.scale, True, workdir),
        ]
        print(table(rows))


if __name__ == "__main__":
    asyncio.run(main())
