"""What the roadmap costs as it grows (not part of the tests).

Two databases measured in the same run: a district's year (500 problems of 10
appeals each) and a city's worth (5,000 problems of 20 appeals, 100,000 appeals),
a third of them planned with due dates. For each: one page of /roadmap (the page,
the counts by status, the overdue count: what the bot reads per press), one chat's
public roadmap, and the whole roadmap published as the public page and as the
xlsx. Each figure is the median of several runs; the large/small ratio is what
to watch.

    python -m bench.roadmap [--small 500] [--large 5000] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.reports.roadmap_export import publish  # noqa: E402
from bot.texts import Texts  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import to_db_time  # noqa: E402
from storage.roadmap import RoadmapRepository  # noqa: E402
from storage.rules import PlanStatus  # noqa: E402

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
CATEGORIES = ("heating", "water", "lighting", "yard", "roads", "garbage", "elevator")
CHATS = (("housing", -1003, "H"), ("akimat", -1001, "A"), ("law_order", -1002, "L"))
STATUSES = ("planned", "in_progress", "done", "not_planned")


def fill(conn, problems: int, appeals: int) -> None:
    stamp = to_db_time(NOW)
    rows, tickets, plans = [], [], []
    number = 0
    for p in range(1, problems + 1):
        category = CATEGORIES[p % len(CATEGORIES)]
        rows.append((p, p, f"{category} — street {p}", category, f"street {p}", stamp, stamp))
        key, chat_id, prefix = CHATS[p % len(CHATS)]
        for a in range(appeals):
            number += 1
            tickets.append(
                (
                    f"{prefix}-{number}",
                    key,
                    number,
                    chat_id,
                    number,
                    10_000 + (p * 7 + a) % 9000,
                    "name",
                    "text",
                    stamp,
                    stamp,
                    p,
                    category,
                )
            )
        if p % 3 == 0:
            due = (TODAY + timedelta(days=(p % 90) - 30)).isoformat()
            plans.append((p, STATUSES[p % 4], "osi", "measure", due, "budget", stamp))
    with conn:
        conn.executemany(
            "INSERT INTO problems (id, number, title, category, address, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO tickets (code, chat_key, number, source_chat_id, source_message_id,"
            " author_id, author_name, text, created_at, updated_at, problem_id, category)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            tickets,
        )
        conn.executemany(
            "INSERT INTO plans (problem_id, status, organisation, measure, due_on, funding,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            plans,
        )


async def build(path: Path, problems: int, appeals: int) -> None:
    db = await Database.open(path)
    await db.query(lambda conn: fill(conn, problems, appeals))
    await db.close()


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        begun = time.perf_counter()
        fn()
        times.append((time.perf_counter() - begun) * 1000)
    return statistics.median(times)


async def telegram_reads(path: Path, runs: int) -> tuple[float, float]:
    db = await Database.open(path)
    repo = RoadmapRepository(db, lambda: NOW)
    open_ = (PlanStatus.in_progress, PlanStatus.planned, PlanStatus.new)

    async def timed(make) -> float:  # type: ignore[no-untyped-def]
        times = []
        for _ in range(runs):
            begun = time.perf_counter()
            await make()
            times.append((time.perf_counter() - begun) * 1000)
        return statistics.median(times)

    async def page() -> None:
        await repo.page(TODAY, 0, 8)
        await repo.counts()
        await repo.overdue_count(TODAY)

    async def public() -> None:
        await repo.page(TODAY, 0, 30, statuses=open_, chat_key="housing")

    result = await timed(page), await timed(public)
    await db.close()
    return result


def settings_for(path: Path) -> Settings:
    return Settings(
        storage={"path": str(path)},
        staff={"chat_id": -100, "moderators": [1]},
        chats=[{"key": k, "title": k, "chat_id": c, "prefix": p} for k, c, p in CHATS],
    )


def measure(path: Path, runs: int) -> dict[str, float]:
    page, public = asyncio.run(telegram_reads(path, runs))
    settings, texts = settings_for(path), Texts()
    html = median_ms(lambda: publish(settings, texts, "html", io.BytesIO(), today=TODAY), runs)
    xlsx = median_ms(lambda: publish(settings, texts, "roadmap", io.BytesIO(), today=TODAY), 3)
    return {"/roadmap page": page, "public roadmap": public, "html page": html, "xlsx": xlsx}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=500, help="problems in the small database")
    parser.add_argument("--large", type=int, default=5000, help="problems in the large one")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        small, large = Path(folder) / "small.sqlite3", Path(folder) / "large.sqlite3"
        asyncio.run(build(small, args.small, 10))
        asyncio.run(build(large, args.large, 20))
        a, b = measure(small, args.runs), measure(large, args.runs)
    print(f"{'':16} {args.small:>6} problems {args.large:>6} problems   ratio")
    for name in a:
        print(f"{name:16} {a[name]:>11.1f} ms {b[name]:>11.1f} ms {b[name] / a[name]:>7.1f}")


if __name__ == "__main__":
    main()
