"""Long texts in every message that carries a user's words: cut to fit, never a
failed update, and a notice about a failure never fails itself."""

from __future__ import annotations

import sqlite3

from bot.textfit import MESSAGE_LIMIT, visible_length
from bot.texts import Html, Texts
from tests.conftest import HOUSING, MOD1, RESIDENT, STAFF_CHAT

POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"
# Escaping makes these several times longer: Fluent refuses a placeable over 2,500.
HOSTILE = "Вода & <свет> " * 190  # 2,660 characters, about 4,500 escaped
LONG = ("Проверили & <согласовали> с ГКП. " * 100)[:3000]


def failed_updates(caplog) -> list[str]:
    """Updates whose handling raised (logged by the desk's error handler or aiogram's)."""
    return [
        r.getMessage()
        for r in caplog.records
        if (r.name == "bot.app" and " failed: " in r.getMessage())
        or "Cause exception while process update" in r.getMessage()
    ]


def test_every_message_takes_any_length_of_user_text():
    texts = Texts()
    for locale in ("ru", "kk", "en"):
        for key in ("intake-failed", "unreadable-update", "extend-notice-private"):
            text = texts.get(
                locale,
                key,
                link=HOSTILE,
                author=HOSTILE,
                text=HOSTILE,
                chat=HOSTILE,
                code=HOSTILE,
                due="1 января",
                reason=HOSTILE,
            )
            assert visible_length(text) <= MESSAGE_LIMIT
            assert "Вода &amp; &lt;свет&gt;" in text and "…" in text
        # A long fragment of safe HTML is never cut (its tags would break) and passes.
        block = Html("<b>" + "x" * 3000 + "</b>")
        assert block in texts.get(locale, "ticket-not-found", code=block)
        plain = texts.plain(locale, "ticket-not-found", code=HOSTILE * 2)
        assert "Вода & <свет>" in plain and len(plain) < 3100


def test_a_failure_notice_falls_back_to_plain_text():
    texts = Texts()
    # A message that cannot be rendered (here: one of its arguments is missing).
    notice = texts.notice("ru", "intake-failed", link="https://t.me/c/1/2", text=HOSTILE)
    assert "https://t.me/c/1/2" in notice and "Вода &amp; &lt;свет&gt;" in notice
    assert visible_length(notice) <= MESSAGE_LIMIT


async def test_a_long_post_on_a_full_disk_reaches_the_staff(desk, fake, monkeypatch, caplog):
    async def full_disk(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(desk.app.tickets, "create", full_disk)
    post = fake.post(HOUSING, RESIDENT, HOSTILE)
    await desk.settle()
    [notice] = fake.bot_messages(STAFF_CHAT)
    assert "Не удалось зарегистрировать" in notice["text"]
    assert "Вода & <свет>" in notice["text"]
    assert f"/{post['message_id']}" in notice["text"]
    assert failed_updates(caplog) == []


async def test_a_long_unreadable_update_reaches_the_staff(desk, fake, caplog):
    fake.enqueue_raw(
        {
            "message": {
                "message_id": 777,
                "date": 1_780_000_000,
                "chat": {"id": HOUSING, "title": "ЖКХ"},
                "from": {"id": RESIDENT, "is_bot": False, "first_name": "Айгерім"},
                "text": [HOSTILE],
                "caption": HOSTILE,
            }
        },
        unreadable=True,
    )
    await desk.settle()
    [notice] = [m for m in fake.bot_messages(STAFF_CHAT) if "не смог разобрать" in m["text"]]
    assert "Вода & <свет>" in notice["text"] and "Айгерім" in notice["text"]
    assert failed_updates(caplog) == []


async def test_a_long_reason_still_extends_the_deadline(desk, fake, caplog):
    fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    ticket = await desk.ticket("H-1")
    card = fake.bot_messages(STAFF_CHAT)[-1]
    fake.press(STAFF_CHAT, card["message_id"], MOD1, f"t:extend:{ticket.id}")
    await desk.settle()
    card = fake.message(STAFF_CHAT, card["message_id"])
    day = card["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    fake.press(STAFF_CHAT, card["message_id"], MOD1, day)
    await desk.settle()
    [prompt] = [m for m in fake.bot_messages(STAFF_CHAT) if "почему срок" in m.get("text", "")]
    reason = fake.post(STAFF_CHAT, MOD1, LONG, reply_to=prompt["message_id"])
    await desk.settle()
    assert (await desk.ticket("H-1")).resolve_due_at > ticket.resolve_due_at
    assert fake.reactions(STAFF_CHAT, reason["message_id"]) == ["👍"]
    notice = fake.bot_messages(HOUSING)[-1]["text"]
    assert "продлён до" in notice and "Проверили & <согласовали>" in notice
    assert failed_updates(caplog) == []


async def test_long_answers_and_codes_are_shown(desk, fake, caplog):
    fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    card = fake.bot_messages(STAFF_CHAT)[-1]
    fake.post(STAFF_CHAT, MOD1, LONG, reply_to=card["message_id"])
    fake.post(RESIDENT, RESIDENT, "/ticket H-1")
    fake.post(RESIDENT, RESIDENT, "/ticket " + "H" * 3000)
    fake.post(STAFF_CHAT, MOD1, "/ticket " + "Z&" * 1500)
    await desk.settle()
    view, refusal = fake.bot_messages(RESIDENT)[-2:]
    assert "H-1" in view["text"] and "Проверили & <согласовали>" in view["text"]
    assert "Среди ваших обращений такого нет" in refusal["text"]
    assert "Z&Z&" in fake.bot_messages(STAFF_CHAT)[-1]["text"]
    assert failed_updates(caplog) == []
