"""The akim's view of the roadmap through the real Dispatcher and the fake Telegram:
/roadmap in the staff chat and the head's private chat, its pages by buttons,
refusals, and the alert when a plan's due date passes (once, across restarts)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config import Settings
from storage.db import Database
from storage.roadmap import PlanEdit
from storage.rules import PlanChange, Role
from tests.conftest import (
    HEAD,
    MOD1,
    RESIDENT,
    RESIDENT2,
    STAFF_CHAT,
    running_desk,
    settings_data,
)
from tests.roadmap_data import NOW, TODAY, problem_id, seed_roadmap


@pytest.fixture
def settings(fake, tmp_path) -> Settings:
    return Settings(**settings_data(fake, tmp_path / "desk.sqlite3", roadmap={"page_size": 3}))


def clock():
    # The seeded roadmap's dates are around this day, whatever the day the tests run.
    return NOW


def texts_of(fake, chat_id: int) -> list[str]:
    return [m.get("text", "") for m in fake.bot_messages(chat_id)]


def roadmap_message(fake, chat_id: int) -> dict:
    found = [m for m in fake.bot_messages(chat_id) if "Дорожная карта" in m.get("text", "")]
    found += [m for m in fake.bot_messages(chat_id) if "Жол картасы" in m.get("text", "")]
    assert found, texts_of(fake, chat_id)
    return found[-1]


def buttons(message: dict) -> dict[str, str]:
    markup = message.get("reply_markup") or {}
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}


def codes(message: dict) -> list[str]:
    return [word for word in message["text"].split() if word.startswith("P-")]


async def test_roadmap_pages_in_the_staff_chat(fake, settings):
    async with running_desk(fake, settings, clock) as desk:
        await desk.app.db.query(seed_roadmap)
        fake.post(STAFF_CHAT, MOD1, "/roadmap")
        await desk.settle()
        first = roadmap_message(fake, STAFF_CHAT)
        text = first["text"]
        # Overdue first, flagged, with the date it was due; then by status and date.
        assert "стр. 1 из 3 · проблем: 7" in text and "⚠️ срок прошёл: 1" in text
        assert codes(first) == ["P-12", "P-7", "P-3"]
        assert "1. ⚠️ P-12 Отопление — Кенесары 40 · 👥 3" in text
        assert "в работе · срок был 24.11.2026 · Городские тепловые сети · текущий бюджет" in text
        assert "↳ Замена задвижки на вводе" in text
        assert list(buttons(first)) == ["Далее ▶️"]

        query = fake.press(STAFF_CHAT, first["message_id"], MOD1, buttons(first)["Далее ▶️"])
        await desk.settle()
        assert fake.callback_answer(query) is not None
        second = fake.message(STAFF_CHAT, first["message_id"])
        assert "стр. 2 из 3" in second["text"] and codes(second) == ["P-21", "P-9", "P-5"]
        assert "↳ Дорога на балансе города" in second["text"]  # not planned: its reason
        assert list(buttons(second)) == ["◀️ Назад", "Далее ▶️"]

        # Someone in the staff chat who is not staff is refused, and nothing changes.
        fake.set_member(STAFF_CHAT, RESIDENT2)
        query = fake.press(STAFF_CHAT, first["message_id"], RESIDENT2, "m:2")
        await desk.settle()
        answer = fake.callback_answer(query)
        assert answer["show_alert"] and "только сотрудники" in answer["text"]
        assert fake.message(STAFF_CHAT, first["message_id"])["text"] == second["text"]
        # A forged page past the end shows the last page.
        query = fake.press(STAFF_CHAT, first["message_id"], MOD1, "m:99")
        await desk.settle()
        last = fake.message(STAFF_CHAT, first["message_id"])
        assert "стр. 3 из 3" in last["text"] and codes(last) == ["P-14"]
        assert list(buttons(last)) == ["◀️ Назад"]
        # A resident's /roadmap in the staff chat is not a staff command.
        shown = len(fake.bot_messages(STAFF_CHAT))
        fake.post(STAFF_CHAT, RESIDENT2, "/roadmap")
        await desk.settle()
        assert not any("Дорожная карта" in t for t in texts_of(fake, STAFF_CHAT)[shown:])


async def test_roadmap_in_the_heads_private_chat_in_their_language(fake, settings):
    async with running_desk(fake, settings, clock) as desk:
        await desk.app.db.query(seed_roadmap)
        fake.start_private(HEAD)
        await desk.app.residents.started(HEAD, "kk")
        fake.post(HEAD, HEAD, "/roadmap")
        await desk.settle()
        shown = roadmap_message(fake, HEAD)
        assert "Жол картасы" in shown["text"] and "3 беттің 1-беті" in shown["text"]
        assert "орындалуда · мерзімі 24.11.2026 еді · Қалалық жылу желілері" in shown["text"]
        query = fake.press(HEAD, shown["message_id"], HEAD, buttons(shown)["Әрі қарай ▶️"])
        await desk.settle()
        assert fake.callback_answer(query) is not None
        assert codes(fake.message(HEAD, shown["message_id"])) == ["P-21", "P-9", "P-5"]
        # A resident's /roadmap in private is not the akim's.
        fake.start_private(RESIDENT)
        fake.post(RESIDENT, RESIDENT, "/roadmap")
        await desk.settle()
        assert not any("карта" in t for t in texts_of(fake, RESIDENT))


async def test_an_empty_roadmap_says_so(fake, settings):
    async with running_desk(fake, settings, clock) as desk:
        fake.post(STAFF_CHAT, MOD1, "/roadmap")
        await desk.settle()
        [text] = [t for t in texts_of(fake, STAFF_CHAT) if "Дорожная карта" in t]
        assert "проблем: 0" in text and "Пока в дорожной карте нет проблем" in text


async def test_the_heads_are_told_once_when_a_plans_due_date_passes(fake, settings):
    db = await Database.open(settings.storage.path)
    await db.query(seed_roadmap)
    await db.close()

    def alerts(chat_id: int) -> list[str]:
        return [t for t in texts_of(fake, chat_id) if "Срок по плану прошёл" in t]

    async with running_desk(fake, settings, clock) as desk:
        # The watch runs as the desk starts. The head has not started the bot: the
        # alert goes to the staff chat, saying so.
        await fake.wait_until(lambda: alerts(STAFF_CHAT))
        await desk.settle()
        [alert] = alerts(STAFF_CHAT)
        assert "P-12" in alert and "Замена задвижки на вводе" in alert
        assert "Срок: 24.11.2026 · ответственный: Городские тепловые сети" in alert
        assert "ещё не запустил бота" in alert
        assert await desk.app.roadmap_watch.check() == 0
    # After a restart it is still told once.
    async with running_desk(fake, settings, clock) as desk:
        app = desk.app
        assert await app.roadmap_watch.check() == 0
        # The date is moved to yesterday, and passes again: told again, privately now.
        fake.start_private(HEAD)
        await app.residents.started(HEAD, "ru")
        heating = await app.db.query(lambda conn: problem_id(conn, 12))
        moved = await app.roadmap.change(
            heating,
            PlanChange.plan,
            MOD1,
            {Role.moderator},
            PlanEdit(due_on=TODAY - timedelta(days=1)),
        )
        assert moved.done
        assert await app.roadmap_watch.check() == 1
        await desk.settle()
        [private] = alerts(HEAD)
        assert "P-12" in private and "Срок: 26.11.2026" in private
        assert "ещё не запустил" not in private
        assert len(alerts(STAFF_CHAT)) == 1
