"""Spam and floods through the real Dispatcher against the fake Telegram: sure
spam removed with one line for the staff and no acknowledgement, "Not spam"
restoring the appeal with its original time, floods and copies merged, and
nothing from staff or trusted members checked."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import Settings
from bot.intake.spam.checks import SpamChecks
from bot.intake.spam.model import seed_examples, train
from storage.db import Database
from storage.spam import SpamRepository
from tests.conftest import (
    AKIMAT,
    HOUSING,
    LAW,
    MOD1,
    RESIDENT,
    RESIDENT2,
    STAFF_CHAT,
    running_desk,
    settings_data,
)

SPAM = "Срочно нужны люди на удалёнку, доход от 12 000 тг в день, без опыта. Пишите в лс 💰💰💰"
APPEAL = "Третий день нет горячей воды в доме по Кенесары 40, дети не могут помыться"


@pytest.fixture(scope="module")
def model_bytes() -> bytes:
    return train(seed_examples(), SpamChecks()).to_bytes()


@pytest.fixture
async def settings(fake, tmp_path: Path, model_bytes: bytes) -> Settings:
    path = tmp_path / "desk.sqlite3"
    # The classifier the desk would train at start-up, stored as it stores it.
    db = await Database.open(path)
    await SpamRepository(db, lambda: datetime.now(UTC)).save_model(
        model_bytes, len(seed_examples())
    )
    await db.close()
    return Settings(
        **settings_data(
            fake,
            path,
            spam={"enabled": True},
            intake={"flood_seconds": 120, "same_text_hours": 24},
        )
    )


@pytest.fixture
async def desk(fake, settings):
    async with running_desk(fake, settings) as running:
        await running.app.spam.training_done()  # the stored model, read back
        assert running.app.spam.judge.model is not None
        yield running


def lines(fake) -> list[dict]:
    return fake.bot_messages(STAFF_CHAT)


def restricted(fake, chat_id: int) -> dict:
    return fake.chats[chat_id].restricted


async def rows(desk, sql: str, *args) -> list[tuple]:
    async with desk.app.db.read() as conn:
        async with conn.execute(sql, args) as cur:
            return [tuple(r) for r in await cur.fetchall()]


async def test_sure_spam_is_deleted_without_ack_and_one_line_for_staff(desk, fake):
    post = fake.post(HOUSING, RESIDENT, SPAM)
    await desk.settle()

    assert fake.message(HOUSING, post["message_id"]) is None  # gone from the chat
    assert fake.bot_messages(HOUSING) == []  # no acknowledgement, no code
    assert await desk.count() == 0
    [line] = lines(fake)
    assert "удалёнку" in line["text"]
    buttons = [b["callback_data"] for row in line["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons[0].startswith("s:not_spam:") and buttons[1].startswith("s:ban:")
    for chat_id in (AKIMAT, LAW, HOUSING):
        assert restricted(fake, chat_id)[RESIDENT]["can_send_messages"] is False
    [(text, status)] = await rows(desk, "SELECT text, status FROM spam_posts")
    assert (text, status) == (SPAM, "removed")


async def test_not_spam_restores_the_appeal_with_its_original_time(desk, fake):
    post = fake.post(HOUSING, RESIDENT, SPAM)
    await desk.settle()
    [line] = lines(fake)
    not_spam = line["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await asyncio.sleep(1.1)  # the press comes later than the post, by whole seconds

    query = fake.press(STAFF_CHAT, line["message_id"], MOD1, not_spam)
    await desk.settle()

    ticket = await desk.ticket("H-1")
    assert ticket.text == SPAM and ticket.author_id == RESIDENT
    assert ticket.created_at == datetime.fromtimestamp(post["date"], UTC)
    assert ticket.source_message_id == post["message_id"]
    [ack] = fake.bot_messages(HOUSING)
    assert "H-1" in ack["text"]
    assert "H-1" in fake.callback_answer(query)["text"]
    assert not any(RESIDENT in restricted(fake, c) for c in (AKIMAT, LAW, HOUSING))
    [edited] = [m for m in lines(fake) if m["message_id"] == line["message_id"]]
    assert "H-1" in edited["text"] and "reply_markup" not in edited
    assert await desk.app.spam.repo.is_trusted(RESIDENT)
    assert await rows(desk, "SELECT spam, source FROM spam_examples") == [(0, "not_spam")]

    # A second "Not spam" (a stale line, a double press) changes nothing.
    decisions = desk.app.dispatcher.workflow_data["decisions"]
    assert await decisions.not_spam(1, MOD1, None, desk.app.bot) is None
    await desk.settle()
    assert await desk.count() == 1

    # Trusted now: the same text again is an appeal, not spam.
    fake.post(AKIMAT, RESIDENT, "Работа: " + SPAM)
    await desk.settle()
    assert await desk.count("spam_posts") == 1


async def test_ban_button_bans_in_every_chat(desk, fake):
    fake.post(HOUSING, RESIDENT, SPAM)
    await desk.settle()
    [line] = lines(fake)
    ban = line["reply_markup"]["inline_keyboard"][0][1]["callback_data"]
    fake.press(STAFF_CHAT, line["message_id"], MOD1, ban)
    await desk.settle(timeout=15)  # a ban in each of three chats, paced like any send
    for chat_id in (AKIMAT, LAW, HOUSING):
        assert RESIDENT in fake.banned(chat_id)


async def test_only_staff_may_press(desk, fake):
    fake.post(HOUSING, RESIDENT, SPAM)
    await desk.settle()
    [line] = lines(fake)
    not_spam = line["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    query = fake.press(STAFF_CHAT, line["message_id"], RESIDENT2, not_spam)
    await desk.settle()
    assert fake.callback_answer(query)["show_alert"] is True
    assert await desk.count() == 0


async def test_a_flood_of_twenty_posts_in_a_minute_is_one_appeal(desk, fake):
    for n in range(20):
        fake.post(HOUSING, RESIDENT2, f"{APPEAL}. Пишу ещё раз, уже {n + 1}-й раз за минуту!")
    await desk.settle(timeout=20)

    assert await desk.count() == 1
    ticket = await desk.ticket("H-1")
    assert ticket.followups == 19
    assert len(fake.bot_messages(HOUSING)) == 1  # one acknowledgement
    assert len(lines(fake)) == 1  # one card
    assert await desk.count("spam_posts") == 0


async def test_the_same_text_in_three_chats_is_one_appeal_linked_to_each_post(desk, fake):
    posts = [fake.post(chat_id, RESIDENT2, APPEAL) for chat_id in (AKIMAT, HOUSING, LAW)]
    await desk.settle()

    assert await desk.count() == 1
    ticket = await desk.ticket("A-1")
    linked = await rows(
        desk, "SELECT chat_id, message_id FROM ticket_messages WHERE ticket_id = ?", ticket.id
    )
    for chat_id, post in zip((AKIMAT, HOUSING, LAW), posts, strict=True):
        assert (chat_id, post["message_id"]) in linked


async def test_nothing_from_staff_or_trusted_members_is_checked(desk, fake, monkeypatch):
    judged: list[str] = []
    reasons = desk.app.spam.judge.checks.reasons
    monkeypatch.setattr(
        desk.app.spam.judge.checks.__class__,
        "reasons",
        lambda self, post: judged.append(post.text) or reasons(post),
    )
    await desk.app.spam.repo.trust(RESIDENT2, "test")

    fake.post(HOUSING, MOD1, SPAM)  # staff: never an appeal, never checked
    fake.post(HOUSING, RESIDENT2, SPAM)  # trusted: an appeal like any
    await desk.settle()

    assert judged == []
    assert await desk.count("spam_posts") == 0
    assert (await desk.ticket("H-1")).author_id == RESIDENT2


async def test_a_trusted_member_still_meets_the_repeat_check(desk, fake):
    fake.post(HOUSING, RESIDENT, SPAM)
    await desk.settle()
    await desk.app.spam.repo.trust(RESIDENT2, "test")
    copy = fake.post(LAW, RESIDENT2, SPAM + " 🔥")
    await desk.settle()
    assert fake.message(LAW, copy["message_id"]) is None
    assert await desk.count("spam_posts") == 2 and await desk.count() == 0


async def test_genuine_appeal_is_taken_and_counts_towards_trust(desk, fake):
    fake.post(HOUSING, RESIDENT2, APPEAL)
    await desk.settle()
    assert (await desk.ticket("H-1")).text == APPEAL
    assert await rows(desk, "SELECT checked FROM members WHERE user_id = ?", RESIDENT2) == [(1,)]
    assert not await desk.app.spam.repo.is_trusted(RESIDENT2)


async def test_spam_command_lists_recent_decisions_with_reasons(desk, fake):
    fake.post(HOUSING, RESIDENT, SPAM)
    await desk.settle()
    fake.post(STAFF_CHAT, MOD1, "/spam")
    await desk.settle()
    answer = lines(fake)[-1]
    assert "удалёнку" in answer["text"] and "личные сообщения" in answer["text"]


async def test_an_unsure_appeal_is_taken_and_its_card_says_why_with_spam_first(desk, fake):
    # A neighbour's request with an invitation to write privately and no reason
    # given: the seed model scores it high, but one weak sign never deletes.
    text = "Всем привет, напишите мне в личку, у кого есть ключ от щитовой"
    post = fake.post(HOUSING, RESIDENT2, text)
    await desk.settle()

    ticket = await desk.ticket("H-1")
    assert fake.message(HOUSING, post["message_id"]) is not None
    assert "H-1" in fake.bot_messages(HOUSING)[0]["text"]  # acknowledged like any appeal
    [card] = [m for m in lines(fake) if m.get("reply_markup")]
    buttons = [b["callback_data"] for row in card["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons[0] == f"t:spam:{ticket.id}"
    assert "Похоже на спам" in card["text"] and "личные сообщения" in card["text"]
    assert await desk.count("spam_posts") == 0


async def test_a_genuine_appeals_card_has_take_first_and_no_spam_line(desk, fake):
    fake.post(HOUSING, RESIDENT2, APPEAL)
    await desk.settle()
    ticket = await desk.ticket("H-1")
    [card] = lines(fake)
    assert card["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == f"t:take:{ticket.id}"
    assert "Похоже на спам" not in card["text"]


async def test_the_digest_counts_spam_caught_and_restored(desk, fake):
    fake.post(HOUSING, RESIDENT, SPAM)
    fake.post(LAW, RESIDENT2, "Займы без проверки кредитной истории! Одобрение 99%, пишите в лс")
    await desk.settle()
    line = lines(fake)[0]
    not_spam = line["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    fake.press(STAFF_CHAT, line["message_id"], MOD1, not_spam)
    await desk.settle()

    digest = desk.app.digest
    data = await digest.build(datetime.now(digest.zone).date())
    assert (data.spam_caught, data.spam_restored) == (2, 1)
    text = "\n".join(digest.text(data, "ru"))
    assert "Спам: удалено 2" in text and "«Не спам»: 1" in text


async def test_first_start_trains_in_the_background_and_the_next_reads_it_back(
    fake, tmp_path, monkeypatch
):
    settings = Settings(**settings_data(fake, tmp_path / "fresh.sqlite3", spam={"enabled": True}))
    async with running_desk(fake, settings) as first:
        await first.app.spam.training_done()
        stored = await first.app.spam.repo.load_model()
        assert stored is not None and stored[1] == len(seed_examples())

    def no_training(*args, **kwargs):
        raise AssertionError("the stored model should have been read back")

    monkeypatch.setattr("bot.intake.spam.guard.train", no_training)
    async with running_desk(fake, settings) as second:
        await fake.wait_until(lambda: second.app.spam.judge.model is not None, timeout=60)
