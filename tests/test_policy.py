"""The ticket policy: every action from every state, by every kind of person,
through the real write transaction; and the card shows exactly what it allows."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.card.callbacks import Action, TicketAction
from bot.card.keyboards import card_keyboard
from bot.texts import Texts
from storage.changes import PROBLEM_LINKS
from storage.db import Database
from storage.models import Draft, Priority, Resolution, Status, Ticket
from storage.problems import ProblemOutcome, ProblemRepository
from storage.records import AnswerDraft
from storage.rules import (
    RULES,
    STAFF,
    Change,
    Refusal,
    Role,
    State,
    allowed,
    buttons,
    refusal,
    status_after,
)
from storage.tickets import TicketRepository
from tests.conftest import MOD1, RESIDENT, RESIDENT2, STAFF_CHAT
from tests.test_resident_e2e import buttons as message_buttons
from tests.test_resident_e2e import post_and_answer, private, say

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
HEAD = 333
AUTHOR = 5001
STRANGER = 5002
# Who presses, and the roles the desk gives them (the author's is the ticket's to say).
PEOPLE: dict[str, tuple[int, frozenset[Role]]] = {
    "moderator": (MOD1, STAFF),
    "head": (HEAD, frozenset({Role.head})),
    "author": (AUTHOR, frozenset()),
    "stranger": (STRANGER, frozenset()),
}


def clock() -> datetime:
    return NOW


# How a ticket is brought to each state: (change, actor, arguments), in order.
def _close(resolution: Resolution) -> tuple[Change, int, dict]:
    return Change.close, MOD1, {"resolution": resolution}


STATES: dict[str, list[tuple[Change, int, dict]]] = {
    "new": [],
    "assigned": [(Change.take, MOD1, {})],
    "answered": [(Change.answer, MOD1, {"answer": AnswerDraft(MOD1, "Ответ")})],
    "urgent": [(Change.urgent, MOD1, {"priority": Priority.urgent})],
    "resolved": [_close(Resolution.resolved)],
    "rejected": [_close(Resolution.rejected)],
    "duplicate": [_close(Resolution.duplicate)],
    "spam": [(Change.spam, MOD1, {})],
    "spam, author banned": [(Change.spam, MOD1, {}), (Change.ban, MOD1, {})],
    "resolved, rated": [_close(Resolution.resolved), (Change.rate, AUTHOR, {"closing": 1})],
    "disputed": [_close(Resolution.resolved), (Change.dispute, AUTHOR, {"closing": 1})],
    "resolved again": [
        _close(Resolution.resolved),
        (Change.reopen, MOD1, {}),
        _close(Resolution.resolved),
    ],
}


def arguments(change: Change, state: State, ticket: Ticket) -> dict:
    """Valid arguments for ``change``: only the policy may refuse it."""
    toggled = Priority.normal if ticket.priority is Priority.urgent else Priority.urgent
    return {
        Change.assign: {"assignee_id": MOD1},
        Change.answer: {"answer": AnswerDraft(MOD1, "Ответ")},
        Change.note: {"answer": AnswerDraft(MOD1, "заметка")},
        Change.close: {"resolution": Resolution.resolved},
        Change.extend: {"due": NOW + timedelta(days=40), "reason": "выезд"},
        Change.urgent: {"priority": toggled},
        Change.rate: {"closing": state.closings},
        Change.dispute: {"closing": state.closings},
        Change.recategorize: {"category": "water"},
        Change.readdress: {"address": "Кенесары, 40", "address_key": "кенесары 40"},
    }.get(change, {})


@pytest.fixture
async def db() -> AsyncIterator[Database]:
    db = await Database.open(":memory:")
    yield db
    await db.close()


@pytest.fixture
def repo(db: Database) -> TicketRepository:
    return TicketRepository(db, clock)


async def link(
    problems: ProblemRepository, tickets: Tickets, ticket: Ticket, change: Change, **who
) -> ProblemOutcome | None:
    """Make, attach, detach: the problem repository writes them (the ticket's alone refuses)."""
    if change is Change.make:
        return await problems.make([ticket.id], title=lambda _: "Отопление", **who)
    if change is Change.detach:
        return await problems.detach(ticket.id, **who)
    other = await tickets.in_state("new")
    made = await problems.make([other.id], actor_id=MOD1, title=lambda _: "Отопление")
    assert made is not None and made.problem is not None
    return await problems.attach(made.problem.id, ticket.id, **who)


class Tickets:
    """Fresh tickets in a given state, one per attempt (an attempt may change it)."""

    def __init__(self, repo: TicketRepository) -> None:
        self.repo = repo
        self.posts = itertools.count(1)

    async def in_state(self, name: str) -> Ticket:
        draft = Draft(
            chat_key="housing",
            prefix="H",
            source_chat_id=-103,
            source_message_id=next(self.posts),
            source_thread_id=None,
            author_id=AUTHOR,
            author_name="Айгерім",
            author_username=None,
            author_language="kk",
            text="Нет отопления в доме 5",
            media_type=None,
            media_file_id=None,
            created_at=NOW,
            resolve_due_at=NOW + timedelta(days=21),
        )
        ticket = (await self.repo.create(draft)).ticket
        for change, actor, args in STATES[name]:
            roles = STAFF if actor == MOD1 else frozenset()
            outcome = await self.repo.apply(ticket.id, change, actor_id=actor, roles=roles, **args)
            assert outcome is not None and outcome.done, (name, change)
            ticket = outcome.ticket
        return ticket


async def test_every_action_from_every_state_by_everyone(repo, db):
    tickets, texts = Tickets(repo), Texts()
    problems = ProblemRepository(db, clock)
    seen_done: set[Change] = set()
    seen_refused: set[Change] = set()
    for name, person in itertools.product(STATES, PEOPLE):
        user_id, desk_roles = PEOPLE[person]
        roles = desk_roles | ({Role.author} if user_id == AUTHOR else set())
        done: list[Change] = []
        for change in Change:
            ticket = await tickets.in_state(name)
            state = await repo.state(ticket)
            events = len(await repo.events(ticket.id))
            if change in PROBLEM_LINKS:
                who = {"actor_id": user_id, "roles": desk_roles}
                outcome = await link(problems, tickets, ticket, change, **who)
            else:
                outcome = await repo.apply(
                    ticket.id,
                    change,
                    actor_id=user_id,
                    roles=desk_roles,
                    **arguments(change, state, ticket),
                )
            assert outcome is not None
            expected = allowed(
                change, state, roles, closing=arguments(change, state, ticket).get("closing")
            )
            assert outcome.done is expected, (name, person, change)
            after = await repo.get(ticket.id)
            if outcome.done:
                done.append(change)
                seen_done.add(change)
                assert after.status is status_after(change, state.status), (name, change)
                assert len(await repo.events(ticket.id)) > events
            else:
                seen_refused.add(change)
                assert outcome.refusal is not None
                assert after == ticket, (name, person, change)  # a refusal changes nothing
                assert len(await repo.events(ticket.id)) == events
        # The card this person would see shows exactly the actions that went through.
        ticket = await tickets.in_state(name)
        facts = await repo.facts(ticket.id)
        markup = card_keyboard(ticket, texts, "ru", facts, roles=roles)
        shown = [
            TicketAction.unpack(b.callback_data).action
            for row in markup.inline_keyboard
            for b in row
        ]
        assert shown == [Action(c) for c in done if RULES[c].button], (name, person)
    # Nothing above is vacuous: each action was both done and refused somewhere.
    # Nothing is attached or offered a problem here: tests/test_problem_policy.py drives those.
    assert seen_done == set(Change) - {Change.detach, Change.attach}
    assert seen_refused == set(Change)


def test_the_cards_buttons_by_state_and_role():
    grid = itertools.product(
        Status, [None, *Resolution], [False, True], [frozenset(), STAFF, frozenset({Role.head})]
    )
    for status, resolution, banned, roles in grid:
        state = State(status, resolution, banned=banned)
        expected = [c for c in Change if RULES[c].button and allowed(c, state, roles)]
        assert buttons(state, roles) == expected
        if Role.moderator not in roles:
            assert expected == []  # only moderators act on cards
    # Every button an action of the policy's, and every such action has a button.
    assert {a.value for a in Action} - {"back"} == {c.value for c in Change if RULES[c].button}


async def test_the_rating_is_the_authors_once_for_the_latest_resolved_closing(repo):
    tickets = Tickets(repo)
    spam = await tickets.in_state("spam")
    # A forged "not solved" on a spam ticket: it stays closed.
    outcome = await repo.apply(spam.id, Change.dispute, actor_id=AUTHOR, roles=(), closing=1)
    assert outcome is not None and outcome.refusal is Refusal.state
    assert (await repo.get(spam.id)).status is Status.closed
    again = await tickets.in_state("resolved again")
    old = await repo.apply(again.id, Change.dispute, actor_id=AUTHOR, roles=(), closing=1)
    assert old is not None and old.refusal is Refusal.stale
    other = await repo.apply(again.id, Change.dispute, actor_id=STRANGER, roles=(), closing=2)
    assert other is not None and other.refusal is Refusal.role
    state = await repo.state(again)
    assert refusal(Change.rate, state, {Role.author}, closing=2) is None
    first = await repo.apply(again.id, Change.rate, actor_id=AUTHOR, roles=(), closing=2)
    assert first is not None and first.done
    second = await repo.apply(again.id, Change.dispute, actor_id=AUTHOR, roles=(), closing=2)
    assert second is not None and second.refusal is Refusal.repeated


async def test_a_forged_rating_button_does_not_reopen_spam(desk, fake):
    await say(desk, fake, "/start")
    card = await post_and_answer(desk, fake)
    ticket = await desk.ticket("H-1")
    fake.press(STAFF_CHAT, card["message_id"], MOD1, f"t:spam:{ticket.id}")
    await desk.settle()
    assert (await desk.ticket("H-1")).resolution is Resolution.spam
    greeting = private(fake)[0]
    query = fake.press(RESIDENT, greeting["message_id"], RESIDENT, f"r:{ticket.id}:1:no")
    await desk.settle()
    answer = fake.callback_answer(query)
    assert answer["show_alert"] and "не актуален" in answer["text"]
    assert (await desk.ticket("H-1")).status is Status.closed
    # Nor does anyone else's press, on a ticket that was asked.
    fake.press(STAFF_CHAT, card["message_id"], MOD1, f"t:reopen:{ticket.id}")
    await desk.settle()
    fake.press(STAFF_CHAT, card["message_id"], MOD1, f"t:close:{ticket.id}:resolved")
    await desk.settle()
    question = private(fake)[-1]
    assert message_buttons(question) == [f"r:{ticket.id}:2:yes", f"r:{ticket.id}:2:no"]
    query = fake.press(RESIDENT, question["message_id"], RESIDENT2, f"r:{ticket.id}:2:no")
    await desk.settle()
    assert (await desk.ticket("H-1")).status is Status.closed


@pytest.mark.parametrize("change", sorted(PROBLEM_LINKS))
async def test_the_ticket_alone_cannot_link_a_problem(repo, change):
    """A problem link written on the ticket alone would leave a "problem made" in its
    history and no problem: it is refused loudly, and nothing is written."""
    ticket = await Tickets(repo).in_state("new")
    events = await repo.events(ticket.id)
    with pytest.raises(ValueError, match="ProblemRepository"):
        await repo.apply(ticket.id, change, actor_id=MOD1, roles=STAFF)
    assert await repo.get(ticket.id) == ticket
    assert await repo.events(ticket.id) == events
