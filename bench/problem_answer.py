"""What one answer for all costs: a reply to a problem's card answers each of its
open appeals (its own answer row, events, notices and card refresh queued) in
one transaction. Measured against answering the same appeals one by one through
the ticket path, in the same run, on a file database (not part of the tests).

    python -m bench.problem_answer [--appeals 40] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from storage.db import Database  # noqa: E402
from storage.models import Answer, Draft, Outgoing, Ticket  # noqa: E402
from storage.problem_changes import AppealArgs  # noqa: E402
from storage.problems import ProblemRepository  # noqa: E402
from storage.records import AnswerDraft  # noqa: E402
from storage.rules import Change, ProblemChange  # noqa: E402
from storage.tickets import TicketRepository  # noqa: E402

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
STAFF, HOUSING, MOD = -1009000000000, -1001000000003, 111


def clock() -> datetime:
    return NOW


def notices(ticket: Ticket, answer: Answer | None) -> list[Outgoing]:
    """What an answer sends: under the post, and the card."""
    return [
        Outgoing.send("sendMessage", HOUSING, {"text": "ответ"}, ticket_id=ticket.id),
        Outgoing.card(ticket, STAFF),
    ]


async def appeals(tickets: TicketRepository, n: int, start: int) -> list[int]:
    ids = []
    for k in range(start, start + n):
        draft = Draft(
            "housing", "H", HOUSING, k, None, 7000 + k, f"Житель {k}", None, "ru",
            "Нет отопления, Кенесары 40", None, None, NOW,
            resolve_due_at=NOW + timedelta(days=21), category="heating",
            address="Кенесары, 40", address_key="кенесары 40",
        )  # fmt: skip
        ids.append((await tickets.create(draft)).ticket.id)
    return ids


async def run(n: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = await Database.open(Path(folder) / "bench.sqlite3")
        tickets, problems = TicketRepository(db, clock), ProblemRepository(db, clock)
        together, apart = [], []
        for r in range(repeat):
            ids = await appeals(tickets, n, 1 + 2 * r * n)
            made = await problems.make(ids, actor_id=MOD, title=lambda t: "Отопление")
            assert made is not None and made.problem is not None
            draft = AnswerDraft(MOD, "Отопление дадут к 18:00")
            started = time.perf_counter()
            outcome = await problems.apply(
                made.problem.id,
                ProblemChange.answer,
                actor_id=MOD,
                args=AppealArgs(answer=draft),
                each=notices,
            )
            together.append(time.perf_counter() - started)
            assert outcome is not None and len(outcome.appeals) == n
            ids = await appeals(tickets, n, 1 + (2 * r + 1) * n)
            started = time.perf_counter()
            for ticket_id in ids:
                await tickets.apply(
                    ticket_id, Change.answer, actor_id=MOD, answer=draft, deliver=notices
                )
            apart.append(time.perf_counter() - started)
        await db.close()
    one, each = statistics.median(together), statistics.median(apart)
    print(f"{n} appeals, median of {repeat}")
    print(f"  one answer for all (one transaction): {one * 1000:8.1f} ms")
    print(f"  the same answered one by one:        {each * 1000:8.1f} ms")
    print(f"  ratio: {one / each:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(run(args.appeals, args.repeat))


if __name__ == "__main__":
    main()
