"""The public roadmap in a resident chat, through the real desk and the fake Telegram:
one pinned message edited in place when the roadmap changes, within its rate, and
the weekly summary once per week across restarts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from bot.delivery.pacing import Limits, Pacer
from storage.db import Database
from storage.roadmap import PlanEdit
from storage.rules import PlanChange, Role
from tests.conftest import AKIMAT, HOUSING, MOD1, running_desk, settings_data
from tests.roadmap_data import NOW, TODAY, problem_id, seed_roadmap

STAFF = {Role.moderator}


class Clock:
    def __init__(self) -> None:
        self.now = NOW  # Friday 27.11.2026, 14:30 in Astana

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def settings(fake, tmp_path) -> Settings:
    data = settings_data(
        fake,
        tmp_path / "desk.sqlite3",
        roadmap={"public_chats": ["housing"], "public_edit_minutes": 5},
    )
    db = await Database.open(tmp_path / "desk.sqlite3")
    await db.query(seed_roadmap)
    await db.close()
    return Settings(**data)


def roadmaps(fake) -> list[dict]:
    return [m for m in fake.bot_messages(HOUSING) if "Дорожная карта: ЖКХ" in m.get("text", "")]


def summaries(fake) -> list[str]:
    return [m["text"] for m in fake.bot_messages(HOUSING) if "Итоги недели" in m.get("text", "")]


def sends(fake, method: str) -> int:
    return len(fake.sent(method, chat_id=HOUSING))


async def test_the_pinned_roadmap_is_edited_in_place_within_its_rate(fake, settings):
    clock = Clock()
    async with running_desk(fake, settings, clock) as desk:
        # Posted and pinned as the desk starts.
        await fake.wait_until(lambda: fake.pinned(HOUSING))
        [shown] = roadmaps(fake)
        assert fake.pinned(HOUSING) == [shown["message_id"]]
        text = shown["text"]
        # The chat's open problems only, in the roadmap's order, with residents counted.
        assert [w for w in text.split() if w.startswith("P-")] == ["P-12", "P-7", "P-3", "P-21"]
        assert "P-12 Отопление — Кенесары 40 — в работе · срок был 24.11.2026 · 👥 3" in text
        assert "P-21 Вода — Кабанбай батыра 11 — новая · 👥 1" in text
        assert "Обновлено 27.11.2026 14:30" in text
        assert not fake.bot_messages(AKIMAT)  # a chat without the public roadmap has none

        app = desk.app
        water = await app.db.query(lambda conn: problem_id(conn, 21))
        edit = PlanEdit(organisation="water", measure="Замена трубы", due_on=TODAY + timedelta(5))
        assert (await app.roadmap.change(water, PlanChange.plan, MOD1, STAFF, edit)).done
        # Changed, but edited less than five minutes ago: not yet.
        clock.now += timedelta(minutes=4)
        assert await app.public_roadmap.refresh() == 0
        assert "P-21 Вода — Кабанбай батыра 11 — новая" in roadmaps(fake)[0]["text"]
        clock.now += timedelta(minutes=1)
        assert await app.public_roadmap.refresh() == 1
        [edited] = roadmaps(fake)
        assert edited["message_id"] == shown["message_id"]
        assert (
            "P-21 Вода — Кабанбай батыра 11 — запланировано · до 02.12.2026 · 👥 1"
            in (edited["text"])
        )
        # Nothing changed: no call at all, however long after.
        edits = sends(fake, "editMessageText")
        clock.now += timedelta(hours=1)
        assert await app.public_roadmap.refresh() == 0
        assert sends(fake, "editMessageText") == edits == 1
        assert sends(fake, "pinChatMessage") == 1

        # Someone deleted it: it is posted and pinned again.
        fake.delete_user_message(HOUSING, shown["message_id"])
        assert (await app.roadmap.change(water, PlanChange.start, MOD1, STAFF)).done
        clock.now += timedelta(minutes=5)
        assert await app.public_roadmap.refresh() == 1
        [again] = roadmaps(fake)
        assert again["message_id"] != shown["message_id"] and "в работе" in again["text"]
        assert fake.pinned(HOUSING)[-1] == again["message_id"]


class Ticks:
    """A monotonic clock for the pacer that the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_the_pinned_roadmap_waits_while_a_burst_spends_the_chat_s_budget(fake, settings):
    clock, ticks = Clock(), Ticks()
    async with running_desk(fake, settings, clock) as desk:
        await fake.wait_until(lambda: fake.pinned(HOUSING))
        app = desk.app
        assert app.public_roadmap.pacer is app.delivery.pacer  # one budget per chat
        pacer = app.public_roadmap.pacer = Pacer(Limits(), clock=ticks)
        water = await app.db.query(lambda conn: problem_id(conn, 21))
        edit = PlanEdit(organisation="water", measure="Замена трубы", due_on=TODAY + timedelta(5))
        assert (await app.roadmap.change(water, PlanChange.plan, MOD1, STAFF, edit)).done
        clock.now += timedelta(minutes=5)
        # Acknowledgements of a burst have spent half of the group's minute: the roadmap,
        # due for an edit, waits and makes no call.
        for _ in range(Limits().group_per_window // 2):
            pacer.sent(HOUSING)
            ticks.now += 1.5
        edits = sends(fake, "editMessageText")
        assert await app.public_roadmap.refresh() == 0
        assert sends(fake, "editMessageText") == edits
        # The minute is over: it is edited, and the edit is counted in the chat's budget.
        ticks.now += 60
        assert await app.public_roadmap.refresh() == 1
        assert sends(fake, "editMessageText") == edits + 1
        assert "P-21 Вода — Кабанбай батыра 11 — запланировано" in roadmaps(fake)[0]["text"]
        for _ in range(Limits().group_per_window // 2 - 1):
            pacer.sent(HOUSING)
        assert pacer.scarce(HOUSING)  # 9 more sends, plus the roadmap's edit: half spent


async def test_the_weekly_summary_is_sent_once_per_week_across_restarts(fake, settings):
    clock = Clock()
    async with running_desk(fake, settings, clock) as desk:
        await fake.wait_until(lambda: fake.pinned(HOUSING))
        await desk.settle()
        # The desk started mid-week: last week's summary went out (an empty week).
        assert summaries(fake) == [
            "📅 Итоги недели 16.11 – 22.11: решено проблем — 0, запланировано — 0,"
            " ждут финансирования — 1."
        ]
        app = desk.app
        water = await app.db.query(lambda conn: problem_id(conn, 21))
        lights = await app.db.query(lambda conn: problem_id(conn, 7))
        edit = PlanEdit(organisation="water", measure="Замена трубы", funding=None)
        await app.roadmap.change(water, PlanChange.plan, MOD1, STAFF, edit)
        await app.roadmap.change(lights, PlanChange.finish, MOD1, STAFF)
        assert await app.public_roadmap.refresh() >= 0
        await desk.settle()
        assert len(summaries(fake)) == 1  # this week is not over
        # Monday, before the digest's hour: not yet; at 09:00: the week that ended.
        clock.now = datetime(2026, 11, 30, 3, 59, tzinfo=UTC)  # 08:59 in Astana
        await app.public_roadmap.refresh()
        await desk.settle()
        assert len(summaries(fake)) == 1
        clock.now = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)
        await app.public_roadmap.refresh()
        await desk.settle()
        # Solved: P-7's plan done, and P-14 closed as solved (seeded closed this Friday).
        assert summaries(fake)[1:] == [
            "📅 Итоги недели 23.11 – 29.11: решено проблем — 2, запланировано — 1,"
            " ждут финансирования — 1."
        ]
        await app.public_roadmap.refresh()
    async with running_desk(fake, settings, clock) as desk:
        await desk.app.public_roadmap.refresh()
        await desk.settle()
        assert len(summaries(fake)) == 2
