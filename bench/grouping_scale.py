"""What matching a new post costs as the desk's history grows (run through
``python -m bench.grouping --scale``).

Three databases in one run, on disk as the desk keeps them, spread over the
district's streets, 19 categories and coordinates on a third of the rows: a
young desk (1,000 appeals, 80 of them open, 50 open problems); the same open
load under a year of history (100,000 appeals, 80 open, 50 open problems);
and a year of a busy desk (100,000 appeals, a month's 8,000 open, 5,000 open
problems). The young desk and the history desk hold the very same open
appeals and problems (drawn apart from the closed history), so that they
differ by history alone. The same stream of new posts (at a house, naming a
street alone, with a location only, naming no place) is matched against each;
the figure is the CPU time per :meth:`Grouper.match` in microseconds, the
wall time beside it (the desks take turns every 50 posts, three times over the
stream, so that the shared machine's load falls on all alike; the fastest
round counts), and the ratios of CPU time to the young desk. Matching is
index-bound when history alone leaves the cost where it was (a ratio near 1):
only what is open near a post costs anything. Last, the hottest place: a new
post at a house whose outage has 300 open appeals.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from bench.grouping import START, desk_settings
from bot.problems.grouping import Grouper, MatchKind
from bot.reading.category import Category
from storage.db import Database
from storage.models import Draft, to_db_time

STREETS = [f"улица{n}" for n in range(120)]
CATEGORIES = [c.value for c in Category]
NOW = START + timedelta(days=365)
LAT, LON = 51.17, 71.43  # the district's middle; posts within ~8 km


def _place(rng: random.Random) -> tuple[str, str | None, float | None, float | None]:
    street = rng.choice(STREETS)
    house = str(rng.randint(1, 150))
    located = rng.random() < 0.33
    lat = LAT + rng.uniform(-0.07, 0.07) if located else None
    lon = LON + rng.uniform(-0.1, 0.1) if located else None
    return street, house, lat, lon


def _tickets(appeals: int, problems: int, still_open: int) -> tuple[list, list]:
    """Rows of ``appeals`` tickets over a year (the newest ``still_open`` open) and
    ``problems`` open problems, each with a few of the open appeals. What is open
    is drawn alone, so that two desks with the same open load have the very same
    open appeals and problems, whatever history lies under them: the history
    desk then differs from the young one by its closed history only."""
    history, now = random.Random(appeals), random.Random(still_open * 10_007 + problems)
    problem_rows = []
    for n in range(1, problems + 1):
        street, house, lat, lon = _place(now)
        problem_rows.append(
            (n, "problem", now.choice(CATEGORIES), f"{street} {house}", lat, lon,
             to_db_time(NOW - timedelta(days=now.uniform(0, 30))), to_db_time(NOW))
        )  # fmt: skip
    tickets = []
    closed = appeals - still_open
    for n in range(1, appeals + 1):
        # The open ones over the last month, whatever came before them.
        k = n - closed  # the open ones counted alone
        rng = now if k > 0 else history
        if k > 0:
            at = NOW - timedelta(days=30 * (still_open - k) / still_open)
        else:
            at = NOW - timedelta(days=30 + 335 * (closed - n) / closed)
        street, house, lat, lon = _place(rng)
        # Each problem holds a few open appeals (its place and category aside).
        problem = 1 + k % problems if k > 0 and k % 3 == 0 else None
        tickets.append(
            (f"H-{n}", "housing", n, -1003, n, 1000 + (k if k > 0 else n) % 5000, "Resident",
             f"жалоба {k if k > 0 else n}", "new" if k > 0 else "closed", to_db_time(at),
             to_db_time(at), rng.choice(CATEGORIES), f"{street.title()}, {house}",
             f"{street} {house}", lat, lon, problem)
        )  # fmt: skip
    return tickets, problem_rows


async def _desk(path: Path, appeals: int, problems: int, still_open: int) -> Database:
    db = await Database.open(path)
    tickets, problem_rows = _tickets(appeals, problems, still_open)

    def fill(conn: sqlite3.Connection) -> None:
        conn.executemany(
            "INSERT INTO problems (number, title, category, address_key, lat, lon, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            problem_rows,
        )
        conn.executemany(
            "INSERT INTO tickets (code, chat_key, number, source_chat_id, source_message_id,"
            " author_id, author_name, text, status, created_at, updated_at, category, address,"
            " address_key, lat, lon, problem_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            tickets,
        )

    await db.write(fill)
    return db


def _posts(count: int, seed: int) -> list[Draft]:
    rng = random.Random(seed)
    out = []
    for n in range(count):
        street, house, lat, lon = _place(rng)
        kind = n % 4  # a house, the street alone, a location only, no place
        key = {0: f"{street} {house}", 1: street}.get(kind)
        out.append(
            Draft(
                chat_key="housing", prefix="H", source_chat_id=-1003,
                source_message_id=10**7 + n, source_thread_id=None, author_id=n,
                author_name="Resident", author_username=None, author_language=None,
                text="нет горячей воды второй день", media_type=None, media_file_id=None,
                created_at=NOW, category=rng.choice(CATEGORIES),
                address=(f"{street.title()}, {house}" if kind == 0 else street.title())
                if key else None,
                address_key=key,
                lat=lat if kind in (0, 2) else None,
                lon=lon if kind in (0, 2) else None,
            )
        )  # fmt: skip
    return out


ROUNDS = 3
CHUNK = 50


async def _rounds(dbs: list[Database], posts: list[Draft]) -> list[tuple[float, float]]:
    """(CPU, wall) µs per match on each database, each the fastest of the rounds.
    The desks take turns every few dozen posts, for a few rounds over the stream,
    so that the machine's load (shared with others) falls on all of them alike;
    the CPU time (the process's, the database thread's too) leaves out the time
    others held the machine, which the wall time does not."""
    groupers = [Grouper(db, desk_settings()) for db in dbs]
    for grouper in groupers:
        for draft in posts[:CHUNK]:  # warm the caches of all alike
            await grouper.match(draft)
    cpu = [[0.0] * ROUNDS for _ in dbs]
    wall = [[0.0] * ROUNDS for _ in dbs]
    for round_ in range(ROUNDS):
        for start in range(0, len(posts), CHUNK):
            chunk = posts[start : start + CHUNK]
            for n, grouper in enumerate(groupers):
                started, used = time.perf_counter(), time.process_time()
                for draft in chunk:
                    await grouper.match(draft)
                cpu[n][round_] += time.process_time() - used
                wall[n][round_] += time.perf_counter() - started
    return [
        (min(c) / len(posts) * 1e6, min(w) / len(posts) * 1e6)
        for c, w in zip(cpu, wall, strict=True)
    ]


async def run(appeals: int, problems: int, posts: int = 2000) -> None:
    stream = _posts(posts, seed=7)
    busy_open = appeals * 8 // 100  # a month's appeals are still open
    desks = [
        ("young: 1,000 appeals (80 open), 50 open problems", 1000, 50, 80),
        (f"history: {appeals:,} appeals (80 open), 50 open problems", appeals, 50, 80),
        (
            f"busy: {appeals:,} appeals ({busy_open:,} open), {problems:,} open problems",
            appeals,
            problems,
            busy_open,
        ),
    ]
    print(f"matching {posts} new posts (a quarter each: house, street, location, no place)")
    with tempfile.TemporaryDirectory() as folder:
        dbs = [
            await _desk(Path(folder) / f"{n}.sqlite3", count, open_problems, still_open)
            for n, (_, count, open_problems, still_open) in enumerate(desks)
        ]
        try:
            kinds = [await _kinds(db, stream) for db in dbs]
            costs = await _rounds(dbs, stream)
        finally:
            for db in dbs:
                await db.close()
    for (name, *_), (cpu, wall), found in zip(desks, costs, kinds, strict=True):
        print(f"  {name}: {cpu:.0f} µs per post of CPU ({wall:.0f} wall)  {found}")
    young, history, busy = (cpu for cpu, _ in costs)
    print(f"  ratio to the young desk: history {history / young:.2f}, busy {busy / young:.2f}")
    await _outage(posts)


async def _kinds(db: Database, posts: list[Draft]) -> dict[str, int]:
    grouper = Grouper(db, desk_settings())
    kinds = dict.fromkeys((k.value for k in MatchKind), 0)
    for draft in posts:
        kinds[(await grouper.match(draft)).kind.value] += 1
    return kinds


async def _outage(posts: int) -> None:
    """The hottest place there is: one house whose outage has 300 open appeals."""
    db = await Database.open(":memory:")
    try:
        rows = [
            (f"H-{n}", "housing", n, -1003, n, n, "Resident", f"нет отопления {n}", "new",
             to_db_time(NOW - timedelta(seconds=n)), to_db_time(NOW), "heating",
             "Улица1, 1", "улица1 1", None, None)
            for n in range(1, 301)
        ]  # fmt: skip

        def fill(conn: sqlite3.Connection) -> None:
            conn.executemany(
                "INSERT INTO tickets (code, chat_key, number, source_chat_id,"
                " source_message_id, author_id, author_name, text, status, created_at,"
                " updated_at, category, address, address_key, lat, lon)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            conn.execute(
                "INSERT INTO problems (number, title, category, address_key, created_at,"
                " updated_at) VALUES (1, 'outage', 'heating', 'улица1 1', ?, ?)",
                (to_db_time(NOW), to_db_time(NOW)),
            )
            conn.execute("UPDATE tickets SET problem_id = 1")

        await db.write(fill)
        draft = replace(_posts(1, seed=1)[0], address="Улица1, 1", address_key="улица1 1")
        draft = replace(draft, category="heating", lat=None, lon=None)
        stream = [draft] * max(posts // 10, 10)
        [(cpu, wall)] = await _rounds([db], stream)
        kinds = await _kinds(db, stream)
        print(
            f"  one house with 300 open appeals in its outage: {cpu:.0f} µs per post of CPU"
            f" ({wall:.0f} wall)  {kinds}"
        )
    finally:
        await db.close()


def main(appeals: int, problems: int) -> None:
    asyncio.run(run(appeals, problems))


if __name__ == "__main__":
    main(100_000, 5_000)
