"""The problem policy: every problem action from every state, by a moderator, the
akim and a stranger, through the real write transactions; the problem's card
shows exactly what it allows; each change is audited on the problem and on each
of its appeals."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.card.callbacks import ProblemAction, ProblemActionKind
from bot.card.problem_card import problem_keyboard
from bot.texts import Texts
from storage.db import Database
from storage.models import Draft, Problem, Resolution, Status
from storage.problem_changes import AppealArgs
from storage.problem_reads import problem_state
from storage.problems import ProblemOutcome, ProblemRepository
from storage.records import AnswerDraft
from storage.rules import (
    PROBLEM_RULES,
    STAFF,
    ProblemChange,
    ProblemState,
    Refusal,
    Role,
    problem_buttons,
    problem_refusal,
    problem_status_after,
)
from storage.tickets import TicketRepository
from tests.conftest import MOD1

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
HEAD = 333
PEOPLE = {
    "moderator": (MOD1, STAFF),
    "head": (HEAD, frozenset({Role.head})),
    "stranger": (5002, frozenset()),
}


def clock() -> datetime:
    return NOW


class Desk:
    def __init__(self, db: Database) -> None:
        self.tickets = TicketRepository(db, clock)
        self.problems = ProblemRepository(db, clock)
        self.db = db
        self.posts = itertools.count(1)

    async def appeal(self, author: int = 7001, offered: int | None = None, **more) -> int:
        n = next(self.posts)
        draft = Draft(
            chat_key="housing",
            prefix="H",
            source_chat_id=-1001000000003,
            source_message_id=n,
            source_thread_id=None,
            author_id=author + n,
            author_name=f"Житель {n}",
            author_username=None,
            author_language="ru",
            text=f"Нет отопления, Кенесары 40, кв. {n}",
            media_type=None,
            media_file_id=None,
            created_at=NOW,
            resolve_due_at=NOW + timedelta(days=21),
            category="heating",
            address="Кенесары, 40",
            address_key="кенесары 40",
            suggestion=(offered,) if offered else (),
            **more,
        )
        return (await self.tickets.create(draft)).ticket.id

    async def problem(self, appeals: int = 2) -> Problem:
        ids = [await self.appeal() for _ in range(appeals)]
        outcome = await self.problems.make(ids, actor_id=MOD1, title=lambda t: "Отопление")
        assert outcome is not None and outcome.done and outcome.problem is not None
        return outcome.problem

    async def in_state(self, name: str) -> Problem:
        problem = await self.problem()
        steps = {
            "new": [],
            "assigned": [ProblemChange.take],
            "answered": [ProblemChange.answer],
            "closed": [ProblemChange.close],
            "reopened": [ProblemChange.close, ProblemChange.reopen],
        }.get(name)
        if steps is None:  # merged into another
            other = await self.problem()
            outcome = await self.problems.merge(problem.id, other.id, actor_id=MOD1)
            assert outcome is not None and outcome.done
            merged = await self.problems.get(problem.id)
            assert merged is not None
            return merged
        for change in steps:
            outcome = await self.problems.apply(
                problem.id, change, actor_id=MOD1, args=ARGS.get(change)
            )
            assert outcome is not None and outcome.done, (name, change)
            problem = outcome.problem
        return problem

    async def act(
        self, problem: Problem, change: ProblemChange, actor: int, roles: frozenset
    ) -> ProblemOutcome | None:
        if change is ProblemChange.merge:
            other = await self.problem()
            return await self.problems.merge(problem.id, other.id, actor_id=actor, roles=roles)
        if change is ProblemChange.detach:
            appeals = await self.problems.appeals(problem.id)
            if not appeals:  # merged away: its appeals are the other one's now
                return ProblemOutcome(False, problem, Refusal.state)
            return await self.problems.detach(appeals[0].id, actor_id=actor, roles=roles)
        if change is ProblemChange.retitle:
            return await self.problems.retitle(
                problem.id, "Отопление: весь дом", actor_id=actor, roles=roles
            )
        if change is ProblemChange.attach:
            appeal = await self.appeal(offered=problem.id)
            return await self.problems.attach(problem.id, appeal, actor_id=actor, roles=roles)
        return await self.problems.apply(
            problem.id, change, actor_id=actor, roles=roles, args=ARGS.get(change)
        )

    async def problem_events(self, problem_id: int) -> int:
        async with self.db.read() as conn:
            [(n,)] = await conn.execute_fetchall(
                "SELECT COUNT(*) FROM problem_events WHERE problem_id = ?", (problem_id,)
            )
        return int(n)


ARGS = {
    ProblemChange.assign: AppealArgs(assignee_id=MOD1),
    ProblemChange.answer: AppealArgs(answer=AnswerDraft(MOD1, "Отопление дадут к 18:00")),
    ProblemChange.close: AppealArgs(resolution=Resolution.resolved),
}
STATES = ["new", "assigned", "answered", "closed", "reopened", "merged"]


@pytest.fixture
async def desk() -> AsyncIterator[Desk]:
    db = await Database.open(":memory:")
    yield Desk(db)
    await db.close()


async def test_every_problem_action_from_every_state_by_everyone(desk):
    texts = Texts()
    seen_done: set[ProblemChange] = set()
    seen_refused: set[ProblemChange] = set()
    for name, person in itertools.product(STATES, PEOPLE):
        actor, roles = PEOPLE[person]
        done = []
        for change in ProblemChange:
            problem = await desk.in_state(name)
            # An appeal offered a merged problem joins the one it was merged into.
            target = problem
            if change is ProblemChange.attach and problem.merged_into:
                target = await desk.problems.get(problem.merged_into)
                assert target is not None
            expected = problem_refusal(change, problem_state(target), roles) is None
            events = await desk.problem_events(target.id)
            outcome = await desk.act(problem, change, actor, roles)
            assert outcome is not None
            assert outcome.done is expected, (name, person, change, outcome.refusal)
            after = await desk.problems.get(target.id)
            assert after is not None
            if outcome.done:
                if target is problem:
                    done.append(change)
                seen_done.add(change)
                if change is not ProblemChange.merge:
                    assert after.status is problem_status_after(change, target.status)
                assert await desk.problem_events(target.id) > events
            else:
                seen_refused.add(change)
                assert after == target, (name, person, change)  # a refusal changes nothing
                assert await desk.problem_events(problem.id) == events
        problem = await desk.in_state(name)
        shown = [
            ProblemAction.unpack(b.callback_data).action
            for row in problem_keyboard(problem, texts, "ru", roles).inline_keyboard
            for b in row
        ]
        expected_buttons = [ProblemActionKind(c) for c in done if PROBLEM_RULES[c].button]
        assert shown == expected_buttons, (name, person)
    assert seen_done == set(ProblemChange)
    assert seen_refused == set(ProblemChange)


def test_the_problem_cards_buttons_by_state_and_role():
    for status, merged, roles in itertools.product(
        Status, [False, True], [frozenset(), STAFF, frozenset({Role.head})]
    ):
        state = ProblemState(status, merged)
        shown = problem_buttons(state, roles)
        if Role.moderator not in roles:
            assert shown == []
        assert shown == [
            c
            for c in ProblemChange
            if PROBLEM_RULES[c].button and problem_refusal(c, state, roles) is None
        ]
    buttons = {c.value for c in ProblemChange if PROBLEM_RULES[c].button}
    assert {a.value for a in ProblemActionKind} - {"back"} == buttons
