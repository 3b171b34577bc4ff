"""Residents' posts through the real Dispatcher, Bot and HTTP session, against
the fake Telegram: tickets, acknowledgements and staff cards."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from bot.config import Settings
from bot.textfit import MESSAGE_LIMIT, utf16_len
from storage.models import Status
from tests.conftest import (
    AKIMAT,
    CHANNEL,
    HEAD,
    HOUSING,
    LAW,
    MOD1,
    OTHER_GROUP,
    RESIDENT,
    RESIDENT2,
    STAFF_CHAT,
    running_desk,
    settings_data,
)

POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"


def cards(fake):
    return fake.bot_messages(STAFF_CHAT)


def acks(fake, chat_id):
    return fake.bot_messages(chat_id)


@pytest.mark.parametrize(("chat_id", "code"), [(AKIMAT, "A-1"), (LAW, "L-1"), (HOUSING, "H-1")])
async def test_post_becomes_ticket_ack_and_card(desk, fake, chat_id, code):
    post = fake.post(chat_id, RESIDENT, POST)
    await desk.settle()

    ticket = await desk.ticket(code)
    assert ticket.status is Status.new
    assert (ticket.source_chat_id, ticket.source_message_id) == (chat_id, post["message_id"])
    assert ticket.author_name == "Айгерім Сейітова" and ticket.author_username == "aigerim"
    assert ticket.text == POST

    [ack] = acks(fake, chat_id)
    assert code in ack["text"]
    assert ack["reply_to_message"]["message_id"] == post["message_id"]
    assert ticket.ack_message_id is None or ticket.ack_message_id == ack["message_id"]
    assert (await desk.ticket(code)).ack_message_id == ack["message_id"]

    [card] = cards(fake)
    assert code in card["text"] and POST in card["text"]
    buttons = [b["callback_data"] for row in card["reply_markup"]["inline_keyboard"] for b in row]
    ticket = await desk.ticket(code)
    assert buttons[0] == f"t:take:{ticket.id}"
    assert ticket.card_message_id == card["message_id"]
    assert ticket.response_due_at is not None and ticket.resolve_due_at is not None
    assert ("102" in ack["text"]) is (chat_id == LAW)


async def test_codes_count_per_chat(desk, fake):
    for chat_id in (HOUSING, HOUSING, AKIMAT, HOUSING):
        fake.post(chat_id, RESIDENT, POST)
    await desk.settle()
    assert [await desk.count()] == [4]
    for code in ("H-1", "H-2", "H-3", "A-1"):
        await desk.ticket(code)
    assert len(cards(fake)) == 4


@pytest.mark.parametrize(
    "kind",
    [
        "command",
        "command_with_bot_name",
        "short_thanks",
        "plus",
        "staff_moderator",
        "staff_head",
        "bot_author",
        "channel_post",
        "anonymous_admin",
        "join",
        "sticker",
        "pinned",
        "poll",
    ],
)
async def test_not_an_appeal(desk, fake, kind):
    if kind == "command":
        fake.post(HOUSING, RESIDENT, "/start")
    elif kind == "command_with_bot_name":
        fake.post(HOUSING, RESIDENT, "/help@akimat_desk_bot пожалуйста помогите")
    elif kind == "short_thanks":
        fake.post(HOUSING, RESIDENT, "  спасибо  ")
    elif kind == "plus":
        fake.post(HOUSING, RESIDENT, "+")
    elif kind == "staff_moderator":
        fake.post(HOUSING, MOD1, "Уважаемые жители, завтра отключат воду с 10 до 14")
    elif kind == "staff_head":
        fake.post(HOUSING, HEAD, "Завтра приём граждан в акимате с 9 утра")
    elif kind == "bot_author":
        fake.post(HOUSING, 9009, "Купите рекламу в нашем канале прямо сейчас")
    elif kind == "channel_post":
        fake.post(HOUSING, None, "Новость района: открыт новый парк", sender_chat=CHANNEL)
    elif kind == "anonymous_admin":
        fake.post(
            HOUSING,
            None,
            "Объявление администрации чата для всех",
            sender_chat={"id": HOUSING, "type": "supergroup", "title": "ЖКХ"},
        )
    elif kind == "join":
        fake.join(HOUSING, RESIDENT2)
    elif kind == "sticker":
        fake.post(HOUSING, RESIDENT, None, sticker=True)
    elif kind == "pinned":
        fake.post(
            HOUSING,
            RESIDENT,
            None,
            extra={
                "pinned_message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": HOUSING, "type": "supergroup"},
                    "text": "old",
                }
            },
        )
    elif kind == "poll":
        fake.post(
            HOUSING,
            RESIDENT,
            None,
            extra={
                "poll": {
                    "id": "1",
                    "question": "Когда уборка?",
                    "options": [],
                    "total_voter_count": 0,
                    "is_closed": False,
                    "is_anonymous": True,
                    "type": "regular",
                    "allows_multiple_answers": False,
                    "allows_revoting": False,
                    "members_only": False,
                }
            },
        )
    await desk.settle()
    assert await desk.count() == 0
    assert cards(fake) == [] and acks(fake, HOUSING) == []


async def test_media_posts_become_tickets(desk, fake):
    fake.post(HOUSING, RESIDENT, None, photo=True)  # a photo alone is an appeal
    fake.post(HOUSING, RESIDENT, None, voice=True)
    fake.post(HOUSING, RESIDENT, None, document=True, caption="Акт")
    fake.post(HOUSING, RESIDENT, None, location=(51.1694, 71.4491))
    fake.post(HOUSING, RESIDENT, None, video=True, caption="Лифт шумит между этажами")
    await desk.settle()
    kinds = []
    for number in range(1, 6):
        kinds.append((await desk.ticket(f"H-{number}")).media_type)
    assert kinds == ["photo", "voice", "document", "location", "video"]
    assert (await desk.ticket("H-4")).media_file_id == "51.169400,71.449100"
    assert len(cards(fake)) == 5 and len(acks(fake, HOUSING)) == 5


async def test_photo_with_caption_card_is_a_photo(desk, fake):
    long_caption = "Яма на дороге у школы № 45, " * 35  # ~1000 characters
    fake.post(HOUSING, RESIDENT, None, photo=True, caption=long_caption)
    await desk.settle()
    ticket = await desk.ticket("H-1")
    assert ticket.media_type == "photo" and ticket.text == long_caption
    [card] = cards(fake)
    assert card["photo"][-1]["file_id"] == ticket.media_file_id
    assert "H-1" in card["caption"] and utf16_len(card["caption"]) <= 1024
    assert "сокращено" in card["caption"]


async def test_reply_to_post_or_ack_is_a_followup(desk, fake):
    post = fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    [ack] = acks(fake, HOUSING)
    fake.post(HOUSING, RESIDENT, "Добавляю: и в соседнем дворе тоже", reply_to=post["message_id"])
    fake.post(HOUSING, RESIDENT2, "У нас в доме 14 такая же проблема", reply_to=ack["message_id"])
    await desk.settle()

    assert await desk.count() == 1
    ticket = await desk.ticket("H-1")
    assert ticket.followups == 2
    events = [e.kind for e in await desk.app.tickets.events(ticket.id)]
    assert events == ["created", "followup", "followup"]
    [card] = cards(fake)  # edited in place, never re-posted
    assert "Дополнений от жителя: 2" in card["text"]
    assert "такая же проблема" in card["text"]
    assert fake.sent("editMessageText", chat_id=STAFF_CHAT)
    assert len(acks(fake, HOUSING)) == 1  # follow-ups are not acknowledged again


async def test_reply_to_an_untracked_message_is_a_new_ticket(desk, fake):
    other = fake.post(HOUSING, RESIDENT2, "ок")  # too short to be an appeal
    fake.post(HOUSING, RESIDENT, POST, reply_to=other["message_id"])
    await desk.settle()
    assert await desk.count() == 1
    assert (await desk.ticket("H-1")).author_id == RESIDENT


async def test_edit_updates_ticket_and_card(desk, fake):
    post = fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    fake.edit(HOUSING, post["message_id"], POST + " — и это уже неделю")
    await desk.settle()
    ticket = await desk.ticket("H-1")
    assert ticket.text.endswith("и это уже неделю")
    events = await desk.app.tickets.events(ticket.id)
    assert [e.kind for e in events] == ["created", "edited"]
    assert events[1].payload["previous"] == POST
    [card] = cards(fake)
    assert "и это уже неделю" in card["text"]


async def test_edit_that_makes_a_short_message_an_appeal(desk, fake):
    post = fake.post(HOUSING, RESIDENT, "свет")
    await desk.settle()
    assert await desk.count() == 0
    fake.edit(HOUSING, post["message_id"], "Нет света во всём подъезде дома 3")
    await desk.settle()
    assert (await desk.ticket("H-1")).source_message_id == post["message_id"]


async def test_same_update_twice_is_one_ticket(desk, fake):
    post = fake.post(HOUSING, RESIDENT, POST)
    fake.enqueue_raw({"message": post})  # Telegram re-delivers after a lost confirmation
    fake.edit(HOUSING, post["message_id"], POST)  # an edit that changes nothing
    await desk.settle()
    assert await desk.count() == 1
    assert len(cards(fake)) == 1 and len(acks(fake, HOUSING)) == 1
    ticket = await desk.ticket("H-1")
    assert [e.kind for e in await desk.app.tickets.events(ticket.id)] == ["created"]


async def test_unconfigured_chat_is_ignored_and_logged_once(desk, fake, caplog):
    caplog.set_level(logging.WARNING, logger="handlers.unknown")
    fake.post(OTHER_GROUP, RESIDENT, POST)
    fake.post(OTHER_GROUP, RESIDENT2, POST + "!")
    await desk.settle()
    assert await desk.count() == 0
    lines = [r.getMessage() for r in caplog.records if "not configured" in r.getMessage()]
    assert len(lines) == 1
    assert str(OTHER_GROUP) in lines[0] and "Соседи <двор>" in lines[0]
    assert fake.bot_messages(OTHER_GROUP) == []


async def test_bot_added_to_a_chat_logs_its_id(desk, fake, caplog):
    caplog.set_level(logging.WARNING, logger="handlers.unknown")
    fake.add_bot_to_chat(OTHER_GROUP, MOD1)
    await desk.settle()
    assert any(
        str(OTHER_GROUP) in r.getMessage() and "NOT configured" in r.getMessage()
        for r in caplog.records
    )


async def test_hostile_html_is_escaped_and_accepted(desk, fake):
    nasty = 'Помогите <b>срочно</b> & <a href="javascript:x">тут</a> </i> &amp; <tg-spoiler>'
    fake.post(AKIMAT, RESIDENT, nasty)
    await desk.settle()
    [card] = cards(fake)
    assert nasty in card["text"]  # shown literally: parsed by the strict fake, not as markup
    assert (await desk.ticket("A-1")).text == nasty


async def test_huge_text_is_cut_on_the_card_but_kept_whole(desk, fake):
    huge = ("Жалоба на управляющую компанию. " * 200)[:5000]
    fake.post(AKIMAT, RESIDENT, huge)
    await desk.settle()
    assert (await desk.ticket("A-1")).text == huge
    [card] = cards(fake)
    assert utf16_len(card["text"]) <= MESSAGE_LIMIT
    assert "текст сокращён" in card["text"]


async def test_card_survives_429_and_5xx(desk, fake):
    fake.fail("sendMessage", error_code=429, retry_after=1, chat_id=STAFF_CHAT)
    fake.fail("sendMessage", error_code=502, chat_id=HOUSING)
    fake.post(HOUSING, RESIDENT, POST)
    await desk.settle(timeout=8)
    await fake.wait_until(lambda: len(cards(fake)) == 1 and len(acks(fake, HOUSING)) == 1, 8)
    failed = [c for c in fake.calls if c.method == "sendMessage" and not c.ok]
    assert sorted(c.error_code for c in failed) == [429, 502]
    retried = [
        c for c in fake.calls if c.method == "sendMessage" and c.params["chat_id"] == STAFF_CHAT
    ]
    assert retried[1].at - retried[0].at >= 0.9  # waited retry_after
    assert len(cards(fake)) == 1


async def test_press_on_a_card_is_always_answered(desk, fake):
    fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    [card] = cards(fake)
    fake.press(STAFF_CHAT, card["message_id"], RESIDENT, "t:take:1:forged:extra")
    await desk.settle()
    [answer] = fake.sent("answerCallbackQuery")
    assert answer.params.get("show_alert") is True
    assert (await desk.ticket("H-1")).status is Status.new


@pytest.mark.parametrize("mode", ["reaction", "none"])
async def test_ack_modes(fake, tmp_path, mode):
    settings = Settings(**settings_data(fake, tmp_path / "d.sqlite3", intake={"ack": mode}))
    async with running_desk(fake, settings) as desk:
        post = fake.post(HOUSING, RESIDENT, POST)
        await desk.settle()
        assert acks(fake, HOUSING) == []
        reactions = fake.sent("setMessageReaction")
        if mode == "reaction":
            [call] = reactions
            assert call.params["message_id"] == post["message_id"]
            assert call.params["reaction"] == [{"type": "emoji", "emoji": "👀"}]
        else:
            assert reactions == []
        assert len(cards(fake)) == 1


async def test_cards_go_to_the_chats_staff_topic(fake, tmp_path):
    fake.add_chat(STAFF_CHAT, title="Staff", is_forum=True)
    fake.add_topic(STAFF_CHAT, 77)
    data = settings_data(fake, tmp_path / "d.sqlite3")
    data["chats"][2]["staff_topic_id"] = 77
    async with running_desk(fake, Settings(**data)) as desk:
        fake.post(HOUSING, RESIDENT, POST)
        fake.post(AKIMAT, RESIDENT, POST)
        await desk.settle()
    threads = {
        c.params.get("message_thread_id") for c in fake.sent("sendMessage", chat_id=STAFF_CHAT)
    }
    assert threads == {77, None}


async def test_pending_updates_are_not_dropped_at_start(fake, settings):
    fake.post(HOUSING, RESIDENT, POST)  # posted while the bot was down
    async with running_desk(fake, settings) as desk:
        await desk.settle()
        assert (await desk.ticket("H-1")).text == POST
    assert all(
        not c.params.get("drop_pending_updates") for c in fake.calls if c.method == "deleteWebhook"
    )


async def test_delivery_outlives_a_storage_failure(desk, fake, monkeypatch):
    outbox = desk.app.outbox
    real_mark_sent, failures = outbox.mark_sent, []

    async def broken_mark_sent(row, *args, **kwargs):
        if row.role == "ack" and len(failures) < 3:  # more than the worker's own retries
            failures.append(1)
            raise sqlite3.OperationalError("database is locked")
        return await real_mark_sent(row, *args, **kwargs)

    monkeypatch.setattr(outbox, "mark_sent", broken_mark_sent)
    fake.post(HOUSING, RESIDENT, POST)
    await fake.wait_until(lambda: len(failures) == 3, 8)
    fake.post(AKIMAT, RESIDENT, POST)
    await fake.wait_until(lambda: len(cards(fake)) == 2, 8)
    await desk.settle()
    assert (await desk.ticket("A-1")).card_message_id is not None
    # The message whose delivery could not be recorded was sent again: the one
    # duplicate the design accepts, rather than a loss.
    assert len(acks(fake, HOUSING)) == 2


async def test_an_album_is_one_ticket(desk, fake):
    album = {"media_group_id": "13579"}
    first = fake.post(HOUSING, RESIDENT, None, photo=True, extra=album)
    fake.post(
        HOUSING, RESIDENT, None, photo=True, caption="Лифт в подъезде 2 стоит неделю", extra=album
    )
    third = fake.post(HOUSING, RESIDENT, None, photo=True, extra=album)
    await desk.settle()
    assert await desk.count() == 1
    ticket = await desk.ticket("H-1")
    assert ticket.source_message_id == first["message_id"]
    assert ticket.attachments == 2 and ticket.text == "Лифт в подъезде 2 стоит неделю"
    assert len(acks(fake, HOUSING)) == 1
    [card] = cards(fake)
    assert "фото (в альбоме 3)" in card["caption"] and "Лифт в подъезде 2" in card["caption"]
    # A reply to any photo of the album is a follow-up on the same ticket.
    fake.post(HOUSING, RESIDENT2, "Подтверждаю, лифт не работает", reply_to=third["message_id"])
    await desk.settle()
    assert (await desk.ticket("H-1")).followups == 1 and await desk.count() == 1


async def test_a_card_refresh_that_changes_nothing_is_not_sent(desk, fake):
    fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    ticket = await desk.ticket("H-1")
    staff = desk.app.workflow
    await desk.app.tickets.note_event(
        ticket.id, "looked_at", {}, actor_id=MOD1, deliver=lambda t: [staff.card(t)]
    )
    desk.app.delivery.wake()
    await desk.settle()
    assert fake.sent("editMessageText") == []  # same text, same buttons: no call
    fake.edit(HOUSING, ticket.source_message_id, POST + " уже неделю")
    await desk.settle()
    assert len(fake.sent("editMessageText")) == 1
