"""The akim's outage alert: a problem that gains ten appeals within the hour is
told to the heads once per problem and window, through the real delivery to the
fake Telegram, with a controllable clock; a restart does not repeat it."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import App, build_app, make_bot
from bot.config import Settings
from bot.sandbox import FakeTelegram
from storage.models import Draft, Outgoing
from tests.conftest import HEAD, HOUSING, STAFF_CHAT, due, settings_data
from tests.problem_rows import insert_problem, join

T0 = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)  # Monday 09:00 in Astana


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@contextlib.asynccontextmanager
async def running(fake: FakeTelegram, path: Path, clock: Clock) -> AsyncIterator[App]:
    settings = Settings(**settings_data(fake, path))
    app = await build_app(settings, bot=make_bot(settings), clock=clock)
    await app.delivery.start()
    try:
        yield app
    finally:
        await app.delivery.stop(2)
        await app.bot.session.close()
        await app.close()


async def problem(app: App, title: str = "Отопление — Кенесары 40", status: str = "new") -> int:
    return await insert_problem(app.db, title, T0, status=status)


async def appeals(app: App, problem_id: int, count: int, at: datetime, first: int) -> None:
    """``count`` appeals of different residents, posted at ``at``, in the problem."""
    for n in range(first, first + count):
        draft = Draft(
            chat_key="housing",
            prefix="H",
            source_chat_id=HOUSING,
            source_message_id=n,
            source_thread_id=None,
            author_id=7000 + n,
            author_name=f"Житель {n}",
            author_username=None,
            author_language="ru",
            text="Нет отопления, батареи холодные",
            media_type=None,
            media_file_id=None,
            created_at=at,
            response_due_at=at + timedelta(hours=24),
            resolve_due_at=at + timedelta(days=21),
            category="heating",
        )
        created = await app.tickets.create(
            draft, lambda t: [Outgoing.card(t, app.settings.staff.chat_id)]
        )
        await join(app.db, problem_id, created.ticket.id)


async def check(app: App, fake: FakeTelegram, clock: Clock, at: datetime) -> int:
    clock.now = at
    told = await app.outages.check()
    for _ in range(100):  # let the worker send what the check queued
        if not await due(app.outbox):
            break
        await fake.wait_until(lambda: True, 0.05)
    return told


def alerts(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [m["text"] for m in fake.bot_messages(chat_id) if "⚡" in (m.get("text") or "")]


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def test_ten_appeals_within_the_hour_alert_the_akim_once(fake, tmp_path, clock):
    fake.start_private(HEAD)
    path = tmp_path / "d.sqlite3"
    async with running(fake, path, clock) as app:
        await app.residents.started(HEAD, "ru")
        heating = await problem(app)
        await appeals(app, heating, 9, T0, first=1)
        assert await check(app, fake, clock, T0 + timedelta(minutes=5)) == 0
        await appeals(app, heating, 1, T0 + timedelta(minutes=20), first=10)
        assert await check(app, fake, clock, T0 + timedelta(minutes=21)) == 1
        [text] = alerts(fake, HEAD)
        assert "P-1" in text and "Отопление — Кенесары 40" in text
        assert "10 обращений за 60 мин" in text and "всего жителей: 10" in text
        assert "Кенесары 40" in text.split("\n")[-1]
        await appeals(app, heating, 3, T0 + timedelta(minutes=30), first=11)
        assert await check(app, fake, clock, T0 + timedelta(minutes=31)) == 0
    # After a restart the alert is remembered: not told again within the hour.
    async with running(fake, path, clock) as app:
        assert await check(app, fake, clock, T0 + timedelta(minutes=40)) == 0
        assert len(alerts(fake, HEAD)) == 1
        # The outage goes on: ten more in the next hour are told again.
        await appeals(app, heating, 10, T0 + timedelta(minutes=90), first=20)
        assert await check(app, fake, clock, T0 + timedelta(minutes=95)) == 1
        assert len(alerts(fake, HEAD)) == 2
        async with app.db.read() as conn:
            async with conn.execute(
                "SELECT COUNT(*) FROM problem_events WHERE kind = 'outage_alert'"
            ) as cur:
                assert (await cur.fetchone())[0] == 2
    assert alerts(fake, STAFF_CHAT) == []


async def test_slow_appeals_and_closed_problems_are_no_outage(fake, tmp_path, clock):
    async with running(fake, tmp_path / "d.sqlite3", clock) as app:
        lamp = await problem(app, "Освещение — Абая 12")
        closed = await problem(app, "Отопление — Сейфуллина 5", status="closed")
        for hour in range(3):  # nine an hour for three hours: 27, never ten in one hour
            await appeals(app, lamp, 9, T0 + timedelta(hours=hour), first=100 + 10 * hour)
        await appeals(app, closed, 12, T0 + timedelta(hours=2), first=200)
        assert await check(app, fake, clock, T0 + timedelta(hours=2, minutes=30)) == 0
    assert alerts(fake, STAFF_CHAT) == []
    assert not any("⚡" in (c.params.get("text") or "") for c in fake.calls)


async def test_unreachable_head_is_told_through_the_staff_chat(fake, tmp_path, clock):
    async with running(fake, tmp_path / "d.sqlite3", clock) as app:
        heating = await problem(app)
        await appeals(app, heating, 10, T0, first=1)
        assert await check(app, fake, clock, T0 + timedelta(minutes=1)) == 1
    [text] = alerts(fake, STAFF_CHAT)
    assert "P-1" in text and "/start" in text
