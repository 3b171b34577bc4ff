"""Crash/restart benchmark: SIGKILL the real bot in the middle of bursts of posts, N times.

Each cycle residents post a burst in the three chats (with some follow-up replies and edits)
while the fake Telegram answers some sends with 429 or with a proxy's HTML 5xx page, and
cycles take turns at one more fault: none, the bot removed from the staff chat for the burst
(added back after it), every sendMessage answered 1 s late, one resident posting the whole
burst;
the running ``python -m bot`` process is killed with SIGKILL at a random point (seeded): after
the k-th staff card, after the k-th acknowledgement, or t seconds into the burst; the rest of
the burst is posted while it is down, and it is restarted.  After the last cycle it runs until
settled and is stopped with SIGTERM; then the SQLite file and the fake Telegram are compared
(the checks of tests/test_crash_restart.py).  Exit code 0 when nothing was lost or doubled
beyond what the kills explain, 1 otherwise.

Run from the project root:  python -m bench.crash_restart --help
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a file: python bench/crash_restart.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.sandbox import FakeTelegram
from tests.conftest import MOD1, RESIDENT, STAFF_CHAT, populate
from tests.test_crash_restart import (
    RESIDENT_CHATS,
    Audit,
    DeskProcess,
    Residents,
    audit,
    db_path,
    wait_for,
    write_crash_config,
)

SENDS = {"sendMessage", "sendPhoto", "editMessageText", "editMessageCaption", "setMessageReaction"}
FAULTS = ("none", "staff chat lost", "slow calls", "one-author flood")


@dataclass
class Cycle:
    number: int
    fault: str
    trigger: str
    reached: bool  # False: the trigger never came (the bot was done first); killed anyway
    tickets: int = 0
    unconfirmed: int = 0
    outbox_pending: int = 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.crash_restart",
        description="SIGKILL the real bot at random points of bursts of residents' posts "
        "(against the fake Telegram), restart it each time, and count what was lost or doubled.",
    )
    parser.add_argument("--cycles", type=int, default=5, help="bursts, each ending in a SIGKILL")
    parser.add_argument("--posts", type=int, default=100, help="posts per burst")
    parser.add_argument(
        "--interval", type=float, default=0.02, help="seconds between residents' actions"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the kill points and replies")
    parser.add_argument(
        "--together",
        type=int,
        default=0,
        help="acknowledge this many waiting posts of a chat in one message (0: one by one)",
    )
    parser.add_argument(
        "--no-extras", action="store_true", help="posts only: no follow-up replies, no edits"
    )
    parser.add_argument(
        "--no-faults",
        action="store_true",
        help="no 429 or HTML 5xx answers, no staff chat loss, slow calls or floods",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (database, config)"
    )
    args = parser.parse_args(argv)
    if args.cycles < 1 or args.posts < 1 or args.interval < 0:
        parser.error("--cycles and --posts must be at least 1, --interval not negative")
    return args


def choose_trigger(
    rng: random.Random, posts: int, interval: float, fault: str
) -> tuple[str, str, float]:
    """(kind, description, amount): kill after the k-th card or ack of this process, or after
    t seconds of the burst (no card can come while the staff chat is lost)."""
    kind = rng.choice(("ack", "time") if fault == "staff chat lost" else ("card", "ack", "time"))
    if kind == "time":
        seconds = round(rng.uniform(0.0, posts * interval + 1.0), 2)
        return kind, f"{seconds:.2f} s into the burst", seconds
    k = rng.randint(1, posts)
    return kind, f"after {kind} {k} of this process", k


async def run_cycle(
    number: int, desk: DeskProcess, residents: Residents, args: argparse.Namespace, rng
) -> Cycle:
    fault = "none" if args.no_faults else FAULTS[(number - 1) % len(FAULTS)]
    kind, description, amount = choose_trigger(rng, args.posts, args.interval, fault)
    if not desk.running:
        await desk.start()
    fake = desk.fake
    if fault == "staff chat lost":
        fake.add_bot_to_chat(STAFF_CHAT, MOD1, "kicked")
    elif fault == "slow calls":
        fake.delay("sendMessage", 1.0)
    elif fault == "one-author flood":
        residents.only_author = RESIDENT
    began = time.monotonic()
    poster = asyncio.create_task(residents.burst(args.posts, args.interval))
    chats = (STAFF_CHAT,) if kind == "card" else RESIDENT_CHATS
    if kind == "time":
        reached = await wait_for(lambda: time.monotonic() - began >= amount, amount + 1)
    else:
        # If the process is done before the k-th message, it is killed when idle instead.
        burst_time = args.posts * args.interval
        reached = await wait_for(lambda: desk.sends(chats) >= amount, burst_time + 30)
    kill = await desk.kill(description, posting=not residents.done.is_set())
    await asyncio.wait_for(poster, args.posts * args.interval * 2 + 30)
    # The fault ends with the burst: the bot is back in the staff chat before it restarts.
    if fault == "staff chat lost":
        fake.add_bot_to_chat(STAFF_CHAT, MOD1, "administrator")
    fake.delay("sendMessage", 0)
    residents.only_author = None
    return Cycle(
        number,
        fault,
        description,
        reached,
        kill.tickets,
        kill.pending_updates,
        kill.outbox_pending,
    )


async def bench(args: argparse.Namespace, directory: Path) -> tuple[Audit, list[Cycle], dict]:
    began = time.monotonic()
    rng = random.Random(args.seed)
    fake = FakeTelegram()
    await fake.start()
    populate(fake)
    if not args.no_faults:
        fake.fault_rate(SENDS, rate_429=0.05, rate_5xx=0.05, seed=args.seed, page_share=1.0)
    database = db_path(directory)
    desk = DeskProcess(fake, write_crash_config(fake, directory, args.together), database)
    residents = Residents(fake, seed=args.seed, extras=not args.no_extras)
    cycles: list[Cycle] = []
    extra: dict = {"settled": False, "exit_code": None}
    try:
        for number in range(1, args.cycles + 1):
            cycles.append(await run_cycle(number, desk, residents, args, rng))
        await desk.start()
        extra["settled"] = await desk.settle(timeout=60 + args.posts * args.cycles * 0.05)
        extra["exit_code"] = await desk.stop()
    finally:
        await desk.ensure_dead()
        result = audit(fake, residents, database, desk.kills)
        await fake.stop()
    extra["elapsed"] = time.monotonic() - began
    extra["starts"] = desk.starts
    return result, cycles, extra


def report(result: Audit, cycles: list[Cycle], extra: dict) -> str:
    lines = [
        "cycle  fault             kill point                        tickets  unconfirmed"
        "  outbox pending"
    ]
    for c in cycles:
        point = c.trigger if c.reached else f"{c.trigger} (not reached; idle)"
        counts = f"{c.tickets:>7}  {c.unconfirmed:>11}  {c.outbox_pending:>14}"
        lines.append(f"{c.number:>5}  {c.fault:<16}  {point:<32}  {counts}")
    doubled = len(result.doubled) + len(result.strays)
    rows = [
        ("posts sent", result.posts),
        ("replies / edits sent", f"{result.replies} / {result.edits}"),
        ("tickets created", result.tickets),
        ("tickets missing", len(result.missing)),
        ("tickets doubled", doubled),
        ("cards sent", result.cards),
        ("duplicate cards", result.duplicate_cards),
        ("acks sent", result.acks),
        ("duplicate acks", result.duplicate_acks),
        ("duplicates not explained by a kill", len(result.unexplained)),
        ("cards or acks missing", len(result.no_card) + len(result.no_ack)),
        ("follow-up / edit problems", len(result.followup_problems) + len(result.lost_edits)),
        ("pending / failed outbox rows", f"{result.pending} / {result.failed}"),
        ("process starts / SIGKILLs", f"{extra['starts']} / {len(cycles)}"),
        ("settled, exit code on SIGTERM", f"{extra['settled']}, {extra['exit_code']}"),
        ("elapsed", f"{extra['elapsed']:.1f} s"),
    ]
    width = max(len(name) for name, _ in rows)
    lines.append("")
    lines += [f"{name:<{width}}  {value}" for name, value in rows]
    details = (
        result.missing
        + result.doubled
        + result.strays
        + result.unexplained
        + result.no_card
        + result.no_ack
        + result.wrong_record
        + result.followup_problems
        + result.lost_edits
        + result.outbox_rows
    )
    if details:
        lines += ["", "problems:"] + [f"  {d}" for d in details[:30]]
    return "\n".join(lines)


def healthy(result: Audit, extra: dict) -> bool:
    return not (
        result.missing
        or result.doubled
        or result.strays
        or result.unexplained
        or result.no_card
        or result.no_ack
        or result.followup_problems
        or result.lost_edits
        or result.pending
        or result.failed
        or extra["exit_code"] != 0
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print(
        f"crash_restart: {args.cycles} cycles of {args.posts} posts, one action every"
        f" {args.interval} s, seed {args.seed}",
        flush=True,
    )
    directory = Path(tempfile.mkdtemp(prefix="crash_restart-"))
    try:
        result, cycles, extra = asyncio.run(bench(args, directory))
    finally:
        if args.keep:
            print(f"kept: {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)
    print(report(result, cycles, extra))
    return 0 if healthy(result, extra) else 1


if __name__ == "__main__":
    sys.exit(main())
