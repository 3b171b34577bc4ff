"""Problems in storage: a problem's card refresh is queued once while one is
pending, an appeal in a problem refreshes its problem's card (and its own only
if it has one), and an appeal joining at intake is recorded in both histories."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from storage.db import Database
from storage.models import Draft, Outgoing, Resolution
from storage.outbox import OutboxRepository
from storage.problem_changes import AppealArgs
from storage.problems import ProblemRepository
from storage.rules import ProblemChange
from storage.tickets import TicketRepository
from tests.conftest import MOD1

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
STAFF = -1009000000000


def clock() -> datetime:
    return NOW


class Repos:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.tickets = TicketRepository(db, clock)
        self.problems = ProblemRepository(db, clock)
        self.outbox = OutboxRepository(db, clock)
        self.n = 0

    def draft(self, **more) -> Draft:
        self.n += 1
        return Draft(
            chat_key="housing",
            prefix="H",
            source_chat_id=-1001000000003,
            source_message_id=self.n,
            source_thread_id=None,
            author_id=7000 + self.n,
            author_name=f"Житель {self.n}",
            author_username=None,
            author_language="ru",
            text="Нет отопления, Кенесары 40",
            media_type=None,
            media_file_id=None,
            created_at=NOW,
            resolve_due_at=NOW + timedelta(days=21),
            category="heating",
            address="Кенесары, 40",
            address_key="кенесары 40",
            **more,
        )

    async def pending_cards(self) -> list[tuple[int | None, int | None]]:
        async with self.db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT ticket_id, problem_id FROM outbox WHERE kind = 'card'"
                " AND status = 'pending' ORDER BY id"
            )
        return [(r[0], r[1]) for r in rows]


@pytest.fixture
async def repos() -> AsyncIterator[Repos]:
    db = await Database.open(":memory:")
    yield Repos(db)
    await db.close()


def cards(problem, appeals):
    return [Outgoing.problem_card(problem, STAFF), *(Outgoing.card(t, STAFF) for t in appeals)]


async def test_a_problems_card_refresh_is_queued_once_while_pending(repos):
    ids = [(await repos.tickets.create(repos.draft())).ticket.id for _ in range(2)]
    made = await repos.problems.make(ids, actor_id=MOD1, title=lambda t: "Отопление", deliver=cards)
    assert made is not None and made.done and made.problem is not None
    pid = made.problem.id
    # The appeals had no card of their own: only the problem's card is queued, once.
    assert await repos.pending_cards() == [(None, pid)]
    joined = await repos.tickets.create(
        repos.draft(problem_id=pid), lambda t: [Outgoing.card(t, STAFF)]
    )
    assert joined.problem is not None and joined.problem.residents == 3
    assert joined.ticket.problem_id == pid
    assert await repos.pending_cards() == [(None, pid)]
    # Once the worker has claimed it, a change needs a refresh of its own.
    [[row]] = await repos.outbox.due_by_chat(5)
    await repos.outbox.claim_many([row])
    await repos.problems.retitle(pid, "Отопление: весь дом", actor_id=MOD1, deliver=cards)
    assert await repos.pending_cards() == [(None, pid), (None, pid)]
    history = [e.kind for e in await repos.tickets.events(joined.ticket.id)]
    assert history == ["created", "attach"]


async def test_an_appeal_with_its_own_card_refreshes_both(repos):
    ticket = (await repos.tickets.create(repos.draft())).ticket
    async with repos.db.transaction() as conn:  # as if its card had been posted
        await conn.execute("UPDATE tickets SET card_message_id = 77 WHERE id = ?", (ticket.id,))
    made = await repos.problems.make(
        [ticket.id], actor_id=MOD1, title=lambda t: "Отопление", deliver=cards
    )
    assert made is not None and made.problem is not None
    assert await repos.pending_cards() == [(None, made.problem.id), (ticket.id, None)]
    # Detached, an appeal without a card gets one back.
    other = (await repos.tickets.create(repos.draft(problem_id=made.problem.id))).ticket
    detached = await repos.problems.detach(other.id, actor_id=MOD1, deliver=cards)
    assert detached is not None and detached.done
    assert (other.id, None) in await repos.pending_cards()


async def test_a_closed_problem_takes_no_appeal_at_intake(repos):
    ticket = (await repos.tickets.create(repos.draft())).ticket
    made = await repos.problems.make([ticket.id], actor_id=MOD1, title=lambda t: "Отопление")
    assert made is not None and made.problem is not None
    await repos.problems.apply(
        made.problem.id,
        ProblemChange.close,
        actor_id=MOD1,
        args=AppealArgs(resolution=Resolution.resolved),
    )
    late = await repos.tickets.create(repos.draft(problem_id=made.problem.id))
    assert late.problem is None and late.ticket.problem_id is None


async def test_an_offered_problem_is_a_button_naming_it_and_its_residents(repos):
    from bot.card.keyboards import card_keyboard
    from bot.texts import Texts

    first = (await repos.tickets.create(repos.draft())).ticket
    made = await repos.problems.make([first.id], actor_id=MOD1, title=lambda t: "Отопление")
    assert made is not None and made.problem is not None
    offered = (await repos.tickets.create(repos.draft(suggestion=(made.problem.id,)))).ticket
    facts = await repos.tickets.facts(offered.id)
    markup = card_keyboard(offered, Texts(), "ru", facts)
    found = [
        b for row in markup.inline_keyboard for b in row if b.callback_data.startswith("t:attach")
    ]
    assert [b.callback_data for b in found] == [f"t:attach:{offered.id}:{made.problem.id}"]
    assert "P-1" in found[0].text and "1" in found[0].text
    # Attached, the offer is gone and Detach is there instead.
    done = await repos.problems.attach(made.problem.id, offered.id, actor_id=MOD1)
    assert done is not None and done.done
    attached = await repos.tickets.get(offered.id)
    markup = card_keyboard(attached, Texts(), "ru", await repos.tickets.facts(offered.id))
    data = [b.callback_data for row in markup.inline_keyboard for b in row]
    assert f"t:detach:{offered.id}" in data and not any(d.startswith("t:attach") for d in data)
    assert not any(d.startswith("t:make") for d in data)
