"""Delivery under Telegram's faults and limits, measured (not part of the tests).

Experiments against the fake Bot API server on 127.0.0.1, each in one run:

* faults: N resident posts while 30 % of sends answer 429 (retry_after) and
  10 % answer 5xx, half of those as a proxy's HTML page and a third of them
  after the message was delivered; counts messages queued vs delivered, and
  duplicates against the 5xx that followed a delivery (at most one each).
* pacing: N posts into one group with Telegram's 20-per-minute group limit
  enforced by the fake (time scaled down by --scale), with the bot's pacing
  on and, as the baseline, off; reports 429s provoked per 100 messages.
* staff chat lost: the bot is removed from the staff chat, N posts come in,
  it is added back; every card must arrive, the heads told once.
* slow calls: every sendMessage answers 2 s late while N posts come in; then
  a moderator presses Answer while sendMessage takes 20 s, and a resident
  posts: how long until that post is stored.
* flood: one resident posts 200 appeals, then another resident one, with
  Telegram's limits scaled by --scale; how many flood cards went before the
  other's card, and its wait in Telegram's (unscaled) time.

    python -m bench.delivery [--posts 60] [--scale 10] [--seed 1]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import re
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
    HEAD,
    HOUSING,
    LAW,
    MOD1,
    RESIDENT,
    RESIDENT2,
    STAFF_CHAT,
    populate,
    running_desk,
    settings_data,
)

POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"
SENDS = {"sendMessage", "sendPhoto", "editMessageText", "editMessageCaption", "setMessageReaction"}
CHATS = (HOUSING, AKIMAT, LAW)


def code_of(message: dict) -> str | None:
    found = re.search(r"\b[AHL]-\d+", message.get("text") or "")
    return found[0] if found else None


def staff_cards(fake: FakeTelegram) -> list[dict]:
    """The cards in the staff chat (prompts and notices name codes too)."""
    return [
        m
        for m in fake.bot_messages(STAFF_CHAT)
        if (m.get("reply_markup") or {}).get("inline_keyboard")
    ]


async def until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        await asyncio.sleep(0.05)
    return False


async def drained(running, seconds: float = 120) -> None:
    """Until nothing is pending, retries waiting out their back-off included."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not (await running.app.outbox.stats()).pending:
            break
        await asyncio.sleep(0.1)
    await running.settle(timeout=60)


async def faults(posts: int, seed: int, workdir: Path) -> dict[str, float]:
    fake = FakeTelegram()
    await fake.start()
    populate(fake)
    data = settings_data(fake, workdir / "faults.sqlite3")
    fake.fault_rate(
        SENDS,
        rate_429=0.3,
        rate_5xx=0.1,
        retry_after=1,
        seed=seed,
        page_share=0.5,
        delivered_share=1 / 3,
    )
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
            await drained(running)
            stats = await app.outbox.stats()
        acks = collections.Counter(
            (c, m["reply_to_message"]["message_id"]) for c in CHATS for m in fake.bot_messages(c)
        )
        cards = collections.Counter(code_of(m) for m in staff_cards(fake))
        failures = [c for c in fake.calls if not c.ok and c.method in SENDS]
        # A 5xx after delivery: the message is there, the bot was told it failed.
        took_effect = collections.Counter(
            c.params.get("chat_id") for c in failures if c.took_effect
        )
        doubles: collections.Counter[int] = collections.Counter()
        for chat in (*CHATS, STAFF_CHAT):
            shown = collections.Counter(m["text"] for m in fake.bot_messages(chat))
            doubles[chat] = sum(n - 1 for n in shown.values())
        return {
            "posts": posts,
            "messages queued": 2 * posts,
            "acks delivered": len(acks),
            "cards delivered": len(cards),
            "duplicates": sum(n - 1 for n in acks.values()) + sum(n - 1 for n in cards.values()),
            "5xx after delivery": sum(took_effect.values()),
            "chats over 1 per fault": sum(doubles[c] > took_effect[c] for c in doubles),
            "429 answers": sum(c.error_code == 429 for c in failures),
            "5xx answers": sum((c.error_code or 0) >= 500 for c in failures),
            "of which HTML": sum(c.page for c in failures),
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


async def outage(posts: int, workdir: Path) -> dict[str, float]:
    """Every call to one chat fails with a 502 for a while, each message sent
    meanwhile delivered before the error came."""
    fake = FakeTelegram()
    await fake.start()
    populate(fake)
    data = settings_data(fake, workdir / "outage.sqlite3")
    fake.fail("*", error_code=502, after_effect=True, chat_id=HOUSING, times=40)
    started = time.monotonic()
    try:
        async with running_desk(fake, Settings(**data)) as running:
            for n in range(posts):
                fake.post(HOUSING, RESIDENT, f"{POST} #{n}")
            await until(lambda: len(fake.sent("sendMessage", chat_id=HOUSING)) >= posts, 600)
            await running.settle(timeout=60)
            stats = await running.app.outbox.stats()
        faults = [c for c in fake.calls if not c.ok and c.error_code == 502]
        acks = collections.Counter(
            m["reply_to_message"]["message_id"] for m in fake.bot_messages(HOUSING)
        )
        return {
            "posts": posts,
            "502 answers": len(faults),
            "of them sends delivered": sum(
                c.took_effect and c.method == "sendMessage" for c in faults
            ),
            "acks delivered": len(acks),
            "duplicate acks": sum(n - 1 for n in acks.values()),
            "left pending": stats.pending,
            "failed": stats.failed,
            "seconds": round(time.monotonic() - started, 1),
        }
    finally:
        await fake.stop()


async def staff_chat_lost(posts: int, workdir: Path) -> dict[str, float]:
    fake = FakeTelegram()
    await fake.start()
    populate(fake)
    data = settings_data(fake, workdir / "staff-lost.sqlite3")
    started = time.monotonic()
    try:
        async with running_desk(fake, Settings(**data)) as running:
            fake.post(HEAD, HEAD, "/start")
            await running.settle()
            fake.add_bot_to_chat(STAFF_CHAT, MOD1, "kicked")
            for n in range(posts):
                fake.post(CHATS[n % 3], RESIDENT, f"{POST} #{n}")
            await until(lambda: sum(len(fake.bot_messages(c)) for c in CHATS) >= posts, 600)
            while_out = len(fake.bot_messages(STAFF_CHAT))
            fake.add_bot_to_chat(STAFF_CHAT, MOD1, "administrator")
            back = time.monotonic()
            await until(lambda: len(fake.bot_messages(STAFF_CHAT)) >= posts, 600)
            regained = time.monotonic() - back
            await running.settle(timeout=60)
            stats = await running.app.outbox.stats()
        cards = collections.Counter(code_of(m) for m in staff_cards(fake))
        return {
            "posts": posts,
            "cards while out": while_out,
            "cards after": sum(cards.values()),
            "duplicates": sum(n - 1 for n in cards.values()),
            "heads told": len(fake.bot_messages(HEAD)) - 1,  # less the /start greeting
            "s to deliver all": round(regained, 1),
            "left pending": stats.pending,
            "failed": stats.failed,
            "seconds": round(time.monotonic() - started, 1),
        }
    finally:
        await fake.stop()


async def slow_calls(posts: int, workdir: Path) -> dict[str, float]:
    fake = FakeTelegram()
    await fake.start()
    populate(fake)
    data = settings_data(fake, workdir / "slow.sqlite3")
    started = time.monotonic()
    try:
        async with running_desk(fake, Settings(**data)) as running:
            fake.delay("sendMessage", 2.0)
            for n in range(posts):
                fake.post(CHATS[n % 3], RESIDENT, f"{POST} #{n}")
            await until(lambda: fake.pending_updates == 0, 600)
            stored = time.monotonic() - started
            await until(lambda: len(fake.bot_messages(STAFF_CHAT)) >= posts, 600)
            # A moderator presses Answer while Telegram takes 20 s to answer
            # sendMessage, and a resident posts just after.
            fake.delay("sendMessage", 20.0)
            first = await running.ticket("H-1")
            fake.press(STAFF_CHAT, first.card_message_id, MOD1, f"t:answer:{first.id}")
            await asyncio.sleep(0.5)
            pressed = time.monotonic()
            late = fake.post(HOUSING, RESIDENT2, f"{POST}, и у нас")
            tickets_app = running.app.tickets
            for _ in range(600):
                if await tickets_app.by_message(HOUSING, late["message_id"]) is not None:
                    break
                await asyncio.sleep(0.05)
            behind_prompt = time.monotonic() - pressed
            fake.delay("sendMessage", 0)
            await running.settle(timeout=60)
            stats = await running.app.outbox.stats()
            tickets = await running.count()
        cards = collections.Counter(code_of(m) for m in staff_cards(fake))
        return {
            "posts": posts,
            "tickets": tickets,
            "s until all stored": round(stored, 1),
            "post behind a 20 s prompt stored after s": round(behind_prompt, 1),
            "cards": len(cards),
            "duplicates": sum(n - 1 for n in cards.values()),
            "left pending": stats.pending,
            "failed": stats.failed,
            "seconds": round(time.monotonic() - started, 1),
        }
    finally:
        await fake.stop()


async def flood(scale: float, workdir: Path, size: int = 200) -> dict[str, float]:
    fake = FakeTelegram()
    await fake.start()
    populate(fake)
    window = 60.0 / scale
    fake.group_rate_limit, fake.group_rate_window = 20, window
    data = settings_data(fake, workdir / "flood.sqlite3")
    data["delivery"].update(
        chat_per_second=1.0 * scale, chat_burst=3, group_per_minute=20, group_window_seconds=window
    )
    started = time.monotonic()
    try:
        async with running_desk(fake, Settings(**data)) as running:
            for n in range(size):
                fake.post(HOUSING, RESIDENT, f"{POST}, обращение №{n}")
            fake.post(HOUSING, RESIDENT2, "Во дворе дома 3 прорвало трубу, всё заливает")
            await until(lambda: fake.pending_updates == 0, 600)
            posted = time.monotonic()
            other = f"H-{size + 1}"
            await until(lambda: other in map(code_of, fake.bot_messages(STAFF_CHAT)), 3600)
            waited = time.monotonic() - posted
            await until(lambda: len(fake.bot_messages(STAFF_CHAT)) >= size + 1, 3600)
            await running.settle(timeout=120)
            stats = await running.app.outbox.stats()
        order = [code_of(m) for m in fake.bot_messages(STAFF_CHAT)]
        return {
            "flood posts": size,
            "flood cards before the other's": order.index(other),
            "other's card after (Telegram s)": round(waited * scale, 1),
            "cards": len(set(order)),
            "left pending": stats.pending,
            "failed": stats.failed,
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
        print("\noutage: 40 calls to one chat answer 502 after taking effect")
        print(table([await outage(args.posts // 3, workdir)]))
        print("\nstaff chat lost: the bot removed from it, posts, the bot added back")
        print(table([await staff_chat_lost(args.posts, workdir)]))
        print("\nslow calls: every sendMessage answered 2 s late")
        print(table([await slow_calls(args.posts, workdir)]))
        print(f"\none author's flood, Telegram's limits / {args.scale:g}")
        print(table([await flood(args.scale, workdir)]))


if __name__ == "__main__":
    asyncio.run(main())
