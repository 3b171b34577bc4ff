"""Histories a tester builds on purpose: an edit of a months-old message, a
spam verdict given twice around a reopen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import HOUSING, MOD1, RESIDENT, STAFF_CHAT

POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"


async def test_an_edit_of_an_old_message_is_an_appeal_of_today(desk, fake):
    old = fake.post(HOUSING, RESIDENT, "ок")  # too short to be an appeal
    fake.age_message(HOUSING, old["message_id"], 90 * 24 * 3600)
    await desk.settle()
    fake.edit(HOUSING, old["message_id"], POST)
    await desk.settle()
    ticket = await desk.ticket("H-1")
    now = datetime.now(UTC)
    assert now - ticket.created_at < timedelta(minutes=5)
    assert ticket.response_due_at > now and ticket.resolve_due_at > now
    # It still is that message's appeal: its card links the original.
    assert ticket.source_message_id == old["message_id"]
    card = fake.bot_messages(STAFF_CHAT)[-1]
    links = [e.get("url", "") for e in card.get("entities", [])]
    assert any(u.endswith(f"/{old['message_id']}") for u in links)
    assert "Просрочено" not in card["text"]


async def test_a_fresh_edit_keeps_the_post_date(desk, fake):
    post = fake.post(HOUSING, RESIDENT, "ок")
    fake.age_message(HOUSING, post["message_id"], 3600)
    await desk.settle()
    fake.edit(HOUSING, post["message_id"], POST)
    await desk.settle()
    created = (await desk.ticket("H-1")).created_at
    assert abs((created - datetime.fromtimestamp(post["date"] - 3600, UTC)).total_seconds()) < 2


async def test_spam_again_after_a_reopen_does_not_delete_twice(desk, fake):
    post = fake.post(HOUSING, RESIDENT, "Купите дешёвые кредиты по ссылке в профиле")
    await desk.settle()
    ticket = await desk.ticket("H-1")
    card = fake.bot_messages(STAFF_CHAT)[-1]["message_id"]
    for data in ("spam", "reopen", "spam"):
        fake.press(STAFF_CHAT, card, MOD1, f"t:{data}:{ticket.id}")
        await desk.settle()
    assert fake.message(HOUSING, post["message_id"]) is None
    kinds = [e.kind for e in await desk.app.tickets.events(ticket.id)]
    assert "post_delete_failed" not in kinds and kinds.count("post_deleted") == 1
    deletes = [c for c in fake.calls if c.method == "deleteMessage"]
    # The post once, and (since 🚫 Spam also removes it) the bot's acknowledgement once.
    assert [c.params["message_id"] for c in deletes].count(post["message_id"]) == 1
    assert len(deletes) == 2 and all(c.ok for c in deletes)
    text = fake.message(STAFF_CHAT, card)["text"]
    assert "Не удалось удалить" not in text and "Сообщение удалено" in text
