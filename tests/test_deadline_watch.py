"""Reminders and escalation with a controllable clock (no sleeps): each fires
once per ticket and deadline, through the real delivery to the fake Telegram."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.app import build_app, make_bot
from bot.config import Settings
from storage.models import Draft, Outgoing, Resolution
from storage.records import AnswerDraft
from storage.rules import Change
from tests.conftest import HEAD, HOUSING, MOD1, STAFF_CHAT, due, settings_data

T0 = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)  # Monday 09:00 in Astana


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def app(fake, tmp_path):
    clock = Clock()
    settings = Settings(**settings_data(fake, tmp_path / "d.sqlite3"))
    app = await build_app(settings, bot=make_bot(settings), clock=clock)
    await app.delivery.start()
    app.clock = clock
    yield app
    await app.delivery.stop(2)
    await app.bot.session.close()
    await app.close()


async def ticket(app, message_id: int):
    draft = Draft(
        chat_key="housing",
        prefix="H",
        source_chat_id=HOUSING,
        source_message_id=message_id,
        source_thread_id=None,
        author_id=5001,
        author_name="Айгерім",
        author_username=None,
        author_language="ru",
        text="Во дворе не горят фонари",
        media_type=None,
        media_file_id=None,
        created_at=T0,
        response_due_at=T0 + timedelta(hours=24),
        resolve_due_at=T0 + timedelta(days=21),
    )
    created = await app.tickets.create(
        draft, lambda t: [Outgoing.card(t, app.settings.staff.chat_id)]
    )
    return created.ticket


async def run(app, fake, at: timedelta) -> int:
    app.clock.now = T0 + at
    done = await app.watch.check()
    app.delivery.wake()
    for _ in range(100):  # let the worker send what the check queued
        if not await due(app.outbox):
            break
        await fake.wait_until(lambda: True, 0.05)
    return done


async def test_reminder_then_escalation_each_once(app, fake):
    first = await ticket(app, 1)
    second = await ticket(app, 2)
    await app.tickets.apply(second.id, Change.take, actor_id=MOD1)
    fake.start_private(MOD1)  # the moderator has started the bot
    await app.residents.started(MOD1, "ru")

    assert await run(app, fake, timedelta(hours=20)) == 0  # nothing due yet
    assert await run(app, fake, timedelta(hours=22, minutes=30)) == 2
    staff = [m["text"] for m in fake.bot_messages(STAFF_CHAT) if "нужен до" in m["text"]]
    assert len(staff) == 1 and "H-1" in staff[0]  # unassigned: to the staff chat
    assert "H-2" in fake.bot_messages(MOD1)[-1]["text"]  # to the assignee privately
    assert await run(app, fake, timedelta(hours=23)) == 0  # never twice

    # The second ticket is answered in time; the first is not.
    await app.tickets.apply(
        second.id, Change.answer, actor_id=MOD1, answer=AnswerDraft(MOD1, "Отвечаем")
    )
    assert await run(app, fake, timedelta(hours=25)) == 1
    alerts = [m["text"] for m in fake.bot_messages(STAFF_CHAT) if "Просрочен" in m["text"]]
    assert len(alerts) == 1 and "H-1" in alerts[0] and "ещё не запустил" in alerts[0]
    card = fake.message(STAFF_CHAT, (await app.tickets.get(first.id)).card_message_id)
    assert "просрочено" in card["text"]
    assert await run(app, fake, timedelta(hours=26)) == 0

    # Past the resolution deadline both are escalated once more; the akim has started the bot.
    await app.residents.started(HEAD, "ru")
    fake.start_private(HEAD)
    assert await run(app, fake, timedelta(days=22)) == 2
    to_head = [m["text"] for m in fake.bot_messages(HEAD)]
    assert len(to_head) == 2 and all("Просрочен срок рассмотрения" in t for t in to_head)
    assert await run(app, fake, timedelta(days=23)) == 0
    kinds = [e.kind for e in await app.tickets.events(first.id)]
    assert kinds.count("overdue_response") == 1 and kinds.count("overdue_resolve") == 1

    # Extended: the new deadline has its own alert, once; the first answer's stays done.
    await app.tickets.apply(
        first.id, Change.extend, actor_id=MOD1, due=T0 + timedelta(days=40), reason="выезд"
    )
    assert await run(app, fake, timedelta(days=39)) == 0
    assert await run(app, fake, timedelta(days=41)) == 1
    assert await run(app, fake, timedelta(days=42)) == 0
    kinds = [e.kind for e in await app.tickets.events(first.id)]
    assert kinds.count("overdue_response") == 1 and kinds.count("overdue_resolve") == 2


async def test_closed_tickets_are_left_alone(app, fake):
    closed = await ticket(app, 3)
    await app.tickets.apply(closed.id, Change.close, actor_id=MOD1, resolution=Resolution.resolved)
    assert await run(app, fake, timedelta(days=30)) == 0
