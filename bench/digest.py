"""How the akim's digest grows with the history behind it (not part of the tests).

Two databases with the same daily volume (by default ~550 appeals a day, what
1,000,000 tickets over five years make): a small one holding only the last
weeks (10,000 tickets) and a large one holding five years (1,000,000). The
digest for yesterday reads one day and a fortnight; with its indexes it should
cost about the same on both. Each figure is the median of several runs, both
measured in the same run of this script; the query plans are checked for
full scans of the tickets table.

    python -m bench.digest [--small 10000] [--large 1000000] [--runs 7]
        [--workdir DIR] [--strict]

Databases are kept in --workdir (default: a temporary directory) and reused
when they already have the wanted number of tickets.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.performance import make_database, ticket_count  # noqa: E402
from storage import digest as digest_queries  # noqa: E402
from storage.digest import read_digest  # noqa: E402

ZONE = ZoneInfo("Asia/Almaty")
KEYS = ["akimat", "law_order", "housing"]
PER_DAY = 1_000_000 / (5 * 365)
# Partial indexes holding open tickets only: scanning them is reading the open ones.
OPEN_INDEXES = ("tickets_open", "tickets_resolve_due", "tickets_response_due ")


def make(path: Path, tickets: int, per_day: float) -> float:
    """The generator of bench.performance, over as many recent days as ``tickets``
    fill at ``per_day``; kept when it already has them. Returns seconds."""
    if ticket_count(path) == tickets:
        return 0.0
    path.unlink(missing_ok=True)
    return asyncio.run(make_database(path, tickets, days=tickets / per_day))


def measure(path: Path, runs: int) -> dict[str, object]:
    now = datetime.now(UTC)
    day = now.astimezone(ZONE).date() - timedelta(days=1)
    times = []
    for _ in range(runs):
        begun = time.perf_counter()
        data = read_digest(path, day, ZONE, now, KEYS)
        times.append(time.perf_counter() - begun)
    return {"seconds": statistics.median(times), "new": data.total.new, "open": data.total.open}


def full_scans(path: Path) -> list[str]:
    """Every query the digest makes, planned by SQLite: those that scan the whole
    tickets table (or an index of all tickets) instead of a window or the open ones."""
    now = datetime.now(UTC)
    day = now.astimezone(ZONE).date() - timedelta(days=1)
    queries: list[str] = []
    opened = digest_queries.open_snapshot

    def traced(where: Path | str) -> tuple[sqlite3.Connection, set[str]]:
        conn, tables = opened(where)
        conn.set_trace_callback(queries.append)
        return conn, tables

    digest_queries.open_snapshot = traced  # type: ignore[assignment]
    try:
        read_digest(path, day, ZONE, now, KEYS)
    finally:
        digest_queries.open_snapshot = opened  # type: ignore[assignment]
    conn = sqlite3.connect(path)
    found = []
    try:
        for sql in (q for q in queries if q.startswith("SELECT")):
            for *_, step in conn.execute(f"EXPLAIN QUERY PLAN {sql}"):
                scan = step.startswith("SCAN t")
                if scan and not any(index in step for index in OPEN_INDEXES):
                    found.append(f"{step} in {sql[:60]}…")
    finally:
        conn.close()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.digest", description=__doc__)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--strict", action="store_true", help="exit 1 if the ratio exceeds 3")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        results = {}
        for size in (args.small, args.large):
            path = workdir / f"digest-{size}.sqlite3"
            built = make(path, size, PER_DAY)
            if built:
                print(f"built {size:,} tickets in {built:.0f} s", flush=True)
            results[size] = measure(path, args.runs)
        scans = full_scans(workdir / f"digest-{args.large}.sqlite3")
    small, large = results[args.small], results[args.large]
    ratio = large["seconds"] / small["seconds"]  # type: ignore[operator]
    print(f"{'tickets':>12} {'digest, median':>15} {'new yesterday':>14} {'open now':>9}")
    for size, row in results.items():
        print(f"{size:>12,} {row['seconds'] * 1000:>12.1f} ms {row['new']:>14} {row['open']:>9}")
    print(f"data x{args.large / args.small:.0f}, digest time x{ratio:.2f}")
    print("full scans of tickets: " + ("; ".join(scans) if scans else "none"))
    return 1 if args.strict and (ratio > 3 or scans) else 0


if __name__ == "__main__":
    sys.exit(main())
