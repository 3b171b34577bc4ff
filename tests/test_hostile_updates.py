"""A corpus of odd and hostile updates, delivered through the fake Telegram to the
real desk: every kind of message a group member can send, service messages,
forwards, posts on behalf of chats, hostile text, replies and edits in every
shape, forum topics, chats the desk does not serve, update kinds it does not
subscribe to, and forged button presses.

Each case states the outcome it expects (a ticket with this text, a follow-up on
that ticket, nothing at all, a refusal as an alert), not merely "no crash".  Every
test also checks the common promises: no handler raised, Telegram (the strict
fake) accepted every request the bot made, and every message the bot left
behind fits Telegram's limits.

Cases that once showed a defect of the desk (each since fixed) live in
``test_known_defects``, one case each, as regression tests.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from bot.sandbox import FakeTelegram
from bot.textfit import CAPTION_LIMIT, MESSAGE_LIMIT, utf16_len
from storage.models import Priority, Status, Ticket
from tests.conftest import (
    AKIMAT,
    CHANNEL,
    HEAD,
    HOUSING,
    LAW,
    MOD1,
    MOD2,
    OTHER_GROUP,
    RESIDENT,
    RESIDENT2,
    STAFF_CHAT,
    Desk,
)

POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"
CARD_CUT = "текст сокращён"  # the card's marker for a text cut to fit
CAPTION_CUT = "сокращено"  # the photo card's marker
FILE_SERIAL = iter(range(700_000, 800_000))

# Users with hostile names (Telegram allows any characters in names).
HTML_NAME = 6001  # <b>…</b>, entities, an unclosed tag
RTL_NAME = 6002  # right-to-left override, Arabic, zero-width joiner
EMOJI_NAME = 6003  # 64 astral emoji: 128 UTF-16 units
TELEGRAM_SERVICE = {"id": 777000, "is_bot": False, "first_name": "Telegram"}
LINKED_CHANNEL = {"id": -1006666666666, "type": "channel", "title": "Акимат <b>официально</b>"}


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def now() -> int:
    return int(time.time())


def user(fake: FakeTelegram, user_id: int) -> dict:
    return copy.deepcopy(fake.users[user_id])


def chat_info(fake: FakeTelegram, chat_id: int) -> dict:
    return copy.deepcopy(fake.chats[chat_id].info)


def file_ids(prefix: str) -> dict[str, str]:
    serial = next(FILE_SERIAL)
    return {"file_id": f"{prefix}{serial:06d}", "file_unique_id": f"AQAD{serial:06d}"}


def audio() -> dict:
    return {
        **file_ids("CQACAgIAAxkBAAI"),
        "duration": 185,
        "performer": "<b>Дом</b> & Ко",
        "title": "Шум от стройки ночью",
        "mime_type": "audio/mpeg",
    }


def animation() -> tuple[dict, dict]:
    """An animation message carries the same file as ``animation`` and ``document``."""
    ids = file_ids("CgACAgIAAxkBAAI")
    gif = {**ids, "width": 320, "height": 240, "duration": 3, "mime_type": "video/mp4"}
    return gif, {**ids, "file_name": "lift.mp4", "mime_type": "video/mp4"}


def video_note() -> dict:
    return {**file_ids("DQACAgIAAxkBAAI"), "length": 240, "duration": 9}


def shown_text(message: dict | None) -> str:
    if message is None:
        return ""
    return message.get("text") or message.get("caption") or ""


def card_of(fake: FakeTelegram, ticket: Ticket) -> dict | None:
    if ticket.card_message_id is None:
        return None
    return fake.message(STAFF_CHAT, ticket.card_message_id)


async def link_of(desk: Desk, chat_id: int, message: dict) -> tuple[str, Ticket] | None:
    link = await desk.app.tickets.by_message(chat_id, message["message_id"])
    return None if link is None else (link.role, link.ticket)


async def ticket_of(desk: Desk, chat_id: int, message: dict) -> Ticket | None:
    """The ticket ``message`` is the post of, if any."""
    link = await link_of(desk, chat_id, message)
    return link[1] if link is not None and link[0] == "source" else None


async def event_kinds(desk: Desk, ticket: Ticket) -> list[str]:
    return [e.kind for e in await desk.app.tickets.events(ticket.id)]


def assert_clean(fake: FakeTelegram, caplog: pytest.LogCaptureFixture) -> None:
    """The promises every case keeps: no handler raised (bot.app.on_error logs "update %s
    failed"; aiogram logs from aiogram.event / aiogram.dispatcher), Telegram accepted every
    request, and every message the bot left behind fits Telegram's limits."""
    errors = [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], "errors were logged"
    rejected = [
        f"{c.method} {c.params.get('chat_id')}: {c.error_code} {c.description}"
        for c in fake.calls
        if c.done and not c.ok and c.method != "getUpdates"
    ]
    assert rejected == [], "Telegram rejected requests"
    for chat_id in (STAFF_CHAT, AKIMAT, LAW, HOUSING):
        for message in fake.bot_messages(chat_id):
            if "text" in message:
                assert utf16_len(message["text"]) <= MESSAGE_LIMIT
            if "caption" in message:
                assert utf16_len(message["caption"]) <= CAPTION_LIMIT


def raw_press(
    fake: FakeTelegram,
    user_id: int,
    data: str | None,
    *,
    message: dict | None = None,
    inline_message_id: str | None = None,
) -> str:
    """A callback query ``fake.press`` cannot make: on a message without buttons, on an
    inaccessible message (``{"chat", "message_id", "date": 0}``), on an inline message, or
    without data (a game button).  Registered so that answerCallbackQuery works."""
    query_id = f"7{next(FILE_SERIAL):018d}"
    fake.callback_answers[query_id] = None
    query: dict[str, Any] = {
        "id": query_id,
        "from": user(fake, user_id),
        "chat_instance": "-8123456789012345",
    }
    if message is not None:
        query["message"] = copy.deepcopy(message)
    if inline_message_id is not None:
        query["inline_message_id"] = inline_message_id
    if data is not None:
        query["data"] = data
    fake.enqueue_raw({"callback_query": query})
    return query_id


@pytest.fixture(autouse=True)
def _capture_warnings(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)


@pytest.fixture
def hostile_users(fake: FakeTelegram) -> None:
    fake.add_user(
        HTML_NAME,
        '<b>Жанна</b> & <a href="javascript:alert(1)">',
        last_name="&amp; </i> <tg-spoiler>",
        username="zhanna_1990",
    )
    fake.add_user(RTL_NAME, "\u202eвонавИ", last_name="محمد\u200dשלום")
    fake.add_user(EMOJI_NAME, "🏚" * 64, language_code="xx")


# --------------------------------------------------------------------------------------------
# Every kind of message a group member can send
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    name: str
    post: Callable[[FakeTelegram], dict]
    media: str | None = None  # expected media_type of the ticket; "" = a text ticket
    text: str | None = None  # expected ticket text; None = no ticket at all

    @property
    def appeal(self) -> bool:
        return self.text is not None


def _post(*args: Any, **kwargs: Any) -> Callable[[FakeTelegram], dict]:
    return lambda fake: fake.post(HOUSING, RESIDENT, *args, **kwargs)


def _extra(content: dict | Callable[[], dict]) -> Callable[[FakeTelegram], dict]:
    def post(fake: FakeTelegram) -> dict:
        body = content() if callable(content) else content
        return fake.post(HOUSING, RESIDENT, None, extra=body)

    return post


def _animation(caption: str | None) -> Callable[[FakeTelegram], dict]:
    def post(fake: FakeTelegram) -> dict:
        gif, doc = animation()
        extra: dict[str, Any] = {"animation": gif, "document": doc}
        if caption is not None:
            extra["caption"] = caption
        return fake.post(HOUSING, RESIDENT, None, extra=extra)

    return post


def _photo_with(extra: dict, caption: str) -> Callable[[FakeTelegram], dict]:
    return lambda fake: fake.post(HOUSING, RESIDENT, None, photo=True, caption=caption, extra=extra)


def _sticker_animated(fake: FakeTelegram) -> dict:
    sticker = {
        **file_ids("CAACAgIAAxkBAAI"),
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": True,
        "is_video": False,
        "emoji": "😡",
    }
    return fake.post(HOUSING, RESIDENT, None, extra={"sticker": sticker})


TEN = "Нет воды!!"  # exactly the minimum length
NINE = "Нет воды!"
POLL = {
    "id": "5001",
    "question": "Когда будет уборка двора? <b>голосуйте</b>",
    "options": [
        {"persistent_id": "a", "text": "Завтра", "voter_count": 0},
        {"persistent_id": "b", "text": "Никогда", "voter_count": 0},
    ],
    "total_voter_count": 0,
    "is_closed": False,
    "is_anonymous": False,
    "type": "regular",
    "allows_multiple_answers": False,
    "allows_revoting": True,
    "members_only": False,
}
QUIZ = {**POLL, "id": "5002", "type": "quiz", "correct_option_id": 0, "allows_revoting": False}

MESSAGE_KINDS = [
    Kind("text", _post(POST), "", POST),
    Kind("text_exactly_min_length", _post(TEN), "", TEN),
    Kind("text_one_short_of_min", _post(NINE)),
    Kind("text_short_once_stripped", _post("   " + NINE + "   ")),
    Kind(
        "text_with_entities",
        lambda fake: fake.post(
            HOUSING,
            RESIDENT,
            "Срочно: подробности по ссылке",
            extra={
                "entities": [
                    {"type": "bold", "offset": 0, "length": 6},
                    {"type": "text_link", "offset": 20, "length": 9, "url": "http://evil.example"},
                ]
            },
        ),
        "",
        "Срочно: подробности по ссылке",
    ),
    Kind("photo_without_caption", _post(None, photo=True), "photo", ""),
    Kind(
        "photo_with_spoiler_and_caption_above",
        _photo_with({"has_media_spoiler": True, "show_caption_above_media": True}, "Разбитое окно"),
        "photo",
        "Разбитое окно",
    ),
    Kind("video", _post(None, video=True, caption="Течёт крыша"), "video", "Течёт крыша"),
    Kind("animation_also_a_document", _animation("Лифт 🙃"), "animation", "Лифт 🙃"),
    Kind("audio", _extra(lambda: {"audio": audio()}), "audio", ""),
    Kind("document", _post(None, document=True), "document", ""),
    Kind("voice", _post(None, voice=True), "voice", ""),
    Kind("video_note", _extra(lambda: {"video_note": video_note()}), "video_note", ""),
    Kind("location", _post(None, location=(51.1282, 71.4307)), "location", ""),
    Kind(
        "live_location",
        _extra(
            {
                "location": {
                    "latitude": 51.1282,
                    "longitude": 71.4307,
                    "live_period": 900,
                    "heading": 90,
                    "horizontal_accuracy": 12.5,
                }
            }
        ),
        "location",
        "",
    ),
    Kind("sticker", _post(None, sticker=True)),
    Kind("animated_sticker", _sticker_animated),
    Kind(
        "contact",
        _extra(
            {
                "contact": {
                    "phone_number": "+77011234567",
                    "first_name": "Сантехник <Ержан>",
                    "vcard": "BEGIN:VCARD\nFN:&amp;\nEND:VCARD",
                }
            }
        ),
    ),
    Kind("poll", _extra({"poll": POLL})),
    Kind("quiz", _extra({"poll": QUIZ})),
    Kind("dice", _extra({"dice": {"emoji": "🎲", "value": 6}})),
    Kind("darts", _extra({"dice": {"emoji": "🎯", "value": 1}})),
    Kind("forwarded_story", _extra({"story": {"chat": CHANNEL, "id": 17}})),
    Kind(
        "checklist",
        _extra(
            {
                "checklist": {
                    "title": "Что сломано в подъезде",
                    "tasks": [
                        {"id": 1, "text": "Лампочка на 3 этаже"},
                        {"id": 2, "text": "Почтовые ящики"},
                    ],
                }
            }
        ),
    ),
]


async def test_every_kind_of_message_a_member_can_send(desk, fake, caplog):
    posted = [(kind, kind.post(fake)) for kind in MESSAGE_KINDS]
    await desk.settle()

    problems = []
    for kind, message in posted:
        ticket = await ticket_of(desk, HOUSING, message)
        if not kind.appeal:
            if ticket is not None:
                problems.append(f"{kind.name}: became {ticket.code}, is not an appeal")
            continue
        if ticket is None:
            problems.append(f"{kind.name}: no ticket")
            continue
        got = (ticket.media_type or "", ticket.text, ticket.author_id)
        if got != (kind.media, kind.text, RESIDENT):
            problems.append(f"{kind.name}: ticket {ticket.code} is {got}")
        if ticket.media_type and not ticket.media_file_id:
            problems.append(f"{kind.name}: {ticket.code} lost its file")
        card = card_of(fake, ticket)
        if card is None or ticket.code not in shown_text(card):
            problems.append(f"{kind.name}: no card for {ticket.code}")
    assert problems == []

    appeals = [m for kind, m in posted if kind.appeal]
    assert await desk.count() == len(appeals)
    acks = fake.bot_messages(HOUSING)
    assert sorted(a["reply_to_message"]["message_id"] for a in acks) == sorted(
        m["message_id"] for m in appeals
    )
    # A photo card is a photo; every other card is text naming the media.
    photo_cards = [m for m in fake.bot_messages(STAFF_CHAT) if "photo" in m]
    assert len(photo_cards) == 2
    assert_clean(fake, caplog)


# --------------------------------------------------------------------------------------------
# Service messages
# --------------------------------------------------------------------------------------------


def _service(fields: dict | Callable[[FakeTelegram], dict], by: int = RESIDENT):
    def post(fake: FakeTelegram) -> dict:
        body = fields(fake) if callable(fields) else fields
        return fake.post(HOUSING, by, None, extra=body)

    return post


SERVICE_MESSAGES: list[tuple[str, Callable[[FakeTelegram], dict]]] = [
    ("user_joins", lambda fake: fake.join(HOUSING, RESIDENT2)),
    (
        "members_added_with_a_bot",
        _service(
            lambda fake: {"new_chat_members": [user(fake, RESIDENT2), user(fake, 9009)]}, MOD1
        ),
    ),
    ("member_left", _service(lambda fake: {"left_chat_member": user(fake, RESIDENT)})),
    ("member_removed", _service(lambda fake: {"left_chat_member": user(fake, RESIDENT2)}, MOD1)),
    ("new_title", _service({"new_chat_title": "ЖКХ <b>Сарыарка</b> & </i>"}, MOD1)),
    (
        "new_photo",
        _service(
            lambda fake: {"new_chat_photo": fake.issue_file("photo")},
            MOD1,
        ),
    ),
    ("photo_deleted", _service({"delete_chat_photo": True}, MOD1)),
    (
        "pinned_a_long_post",
        _service(
            lambda fake: {
                "pinned_message": {
                    "message_id": 1,
                    "date": now() - 3600,
                    "chat": chat_info(fake, HOUSING),
                    "from": user(fake, RESIDENT2),
                    "text": POST,
                }
            },
            MOD1,
        ),
    ),
    (
        "pinned_an_inaccessible_message",
        _service(
            lambda fake: {
                "pinned_message": {"message_id": 2, "date": 0, "chat": chat_info(fake, HOUSING)}
            },
            MOD1,
        ),
    ),
    ("migrated_from_group", _service({"migrate_from_chat_id": -4001234567}, MOD1)),
    ("video_chat_scheduled", _service(lambda _: {"video_chat_scheduled": {"start_date": now()}})),
    ("video_chat_started", _service({"video_chat_started": {}}, MOD1)),
    ("video_chat_ended", _service({"video_chat_ended": {"duration": 3600}}, MOD1)),
    (
        "video_chat_invited",
        _service(
            lambda fake: {"video_chat_participants_invited": {"users": [user(fake, RESIDENT)]}},
            MOD1,
        ),
    ),
    (
        "auto_delete_timer",
        _service({"message_auto_delete_timer_changed": {"message_auto_delete_time": 86400}}),
    ),
    ("boost_added", _service({"boost_added": {"boost_count": 4}})),
    (
        "background_set",
        _service(
            {
                "chat_background_set": {
                    "type": {
                        "type": "fill",
                        "fill": {"type": "solid", "color": 16711680},
                        "dark_theme_dimming": 50,
                    }
                }
            }
        ),
    ),
    (
        "proximity_alert",
        _service(
            lambda fake: {
                "proximity_alert_triggered": {
                    "traveler": user(fake, RESIDENT),
                    "watcher": user(fake, RESIDENT2),
                    "distance": 12,
                }
            }
        ),
    ),
    ("checklist_tasks_done", _service({"checklist_tasks_done": {"marked_as_done_task_ids": [1]}})),
]


async def test_service_messages_are_never_appeals(desk, fake, caplog):
    posted = [(name, make(fake)) for name, make in SERVICE_MESSAGES]
    await desk.settle()
    problems = [
        f"{name}: became {ticket.code}"
        for name, message in posted
        if (ticket := await ticket_of(desk, HOUSING, message)) is not None
    ]
    assert problems == []
    assert await desk.count() == 0
    assert fake.bot_messages(HOUSING) == [] and fake.bot_messages(STAFF_CHAT) == []
    assert_clean(fake, caplog)


# --------------------------------------------------------------------------------------------
# Who is speaking: forwards, chats, channels, staff, bots
# --------------------------------------------------------------------------------------------


def _forward(origin: Callable[[FakeTelegram], dict], text: str, by: int = RESIDENT):
    return lambda fake: fake.post(HOUSING, by, text, extra={"forward_origin": origin(fake)})


def _bot_post(fake: FakeTelegram) -> dict:
    # Telegram never shows a bot other bots' messages; the desk must ignore one anyway.
    message = fake.post(HOUSING, 9009, "Купите рекламу в нашем канале, дёшево")
    fake.enqueue_raw({"message": message})
    return message


SENDERS: list[tuple[str, Callable[[FakeTelegram], dict], bool]] = [
    # (case, post it, is a ticket of RESIDENT)
    (
        "forward_from_user",
        _forward(
            lambda fake: {"type": "user", "sender_user": user(fake, RESIDENT2), "date": now()},
            "Пересылаю: у соседей тоже нет отопления",
        ),
        True,
    ),
    (
        "forward_from_hidden_user",
        _forward(
            lambda _: {
                "type": "hidden_user",
                "sender_user_name": "Скрытый <b>житель</b> &amp;",
                "date": now(),
            },
            "Пересылаю жалобу соседа про мусор",
        ),
        True,
    ),
    (
        "forward_from_channel",
        _forward(
            lambda _: {
                "type": "channel",
                "chat": CHANNEL,
                "message_id": 42,
                "date": now(),
                "author_signature": "<i>редакция</i>",
            },
            "Новость: в районе отключат газ, а нас не предупредили",
        ),
        True,
    ),
    (
        "forward_from_group",
        _forward(
            lambda fake: {"type": "chat", "sender_chat": chat_info(fake, OTHER_GROUP), "date": 0},
            "Из соседнего чата: во дворе открыт люк",
        ),
        True,
    ),
    (
        "forward_by_a_moderator",
        _forward(
            lambda fake: {"type": "user", "sender_user": user(fake, RESIDENT2), "date": now()},
            "Пересылаю для всех: график отключений",
            by=MOD1,
        ),
        False,
    ),
    (
        "channel_posts_as_itself",
        lambda fake: fake.post(HOUSING, None, POST, sender_chat=CHANNEL),
        False,
    ),
    (
        "resident_posts_as_own_channel",
        lambda fake: fake.post(
            HOUSING,
            None,
            "Мой блог: " + POST,
            sender_chat={"id": -1003333333333, "type": "channel", "title": "Блог <Ивана>"},
        ),
        False,
    ),
    (
        "anonymous_admin",
        lambda fake: fake.post(
            HOUSING, None, "Уважаемые жители! " + POST, sender_chat=chat_info(fake, HOUSING)
        ),
        False,
    ),
    (
        "automatic_forward_from_linked_channel",
        lambda fake: fake.post(
            HOUSING,
            None,
            "Официально: приём граждан перенесён на пятницу",
            extra={
                "from": TELEGRAM_SERVICE,
                "sender_chat": LINKED_CHANNEL,
                "is_automatic_forward": True,
                "forward_origin": {
                    "type": "channel",
                    "chat": LINKED_CHANNEL,
                    "message_id": 77,
                    "date": now(),
                },
            },
        ),
        False,
    ),
    ("moderator_post", lambda fake: fake.post(HOUSING, MOD1, POST), False),
    ("head_post_with_photo", lambda fake: fake.post(HOUSING, HEAD, None, photo=True), False),
    ("posted_by_another_bot", _bot_post, False),
    (
        "resident_via_inline_bot",
        lambda fake: fake.post(
            HOUSING,
            RESIDENT,
            "Сломана детская площадка, фото ниже",
            extra={"via_bot": user(fake, 9009)},
        ),
        True,
    ),
]


async def test_who_is_speaking(desk, fake, caplog):
    posted = [(name, make(fake), ticket) for name, make, ticket in SENDERS]
    await desk.settle()
    problems = []
    for name, message, expected in posted:
        ticket = await ticket_of(desk, HOUSING, message)
        if expected and (ticket is None or ticket.author_id != RESIDENT):
            problems.append(f"{name}: expected a ticket by the resident, got {ticket}")
        if expected and ticket is not None and ticket.text != message["text"]:
            problems.append(f"{name}: text {ticket.text!r}")
        if not expected and ticket is not None:
            problems.append(f"{name}: became {ticket.code}")
    assert problems == []
    assert await desk.count() == sum(1 for *_, expected in SENDERS if expected)
    assert_clean(fake, caplog)


async def test_replies_by_non_residents_are_not_followups(desk, fake, caplog):
    post = fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    [ack] = fake.bot_messages(HOUSING)
    cases = {
        "moderator_replies_in_the_chat": fake.post(
            HOUSING, MOD1, "Передали в ГКП, ждите ответа", reply_to=post["message_id"]
        ),
        "channel_replies": fake.post(
            HOUSING,
            None,
            "Канал отвечает: " + POST,
            sender_chat=CHANNEL,
            reply_to=post["message_id"],
        ),
        "anonymous_admin_replies_to_ack": fake.post(
            HOUSING,
            None,
            "Администрация чата: принято",
            sender_chat=chat_info(fake, HOUSING),
            reply_to=ack["message_id"],
        ),
        "resident_replies_with_a_command": fake.post(
            HOUSING, RESIDENT, "/status@akimat_desk_bot H-1", reply_to=ack["message_id"]
        ),
        "resident_replies_with_a_sticker": fake.post(
            HOUSING, RESIDENT2, None, sticker=True, reply_to=post["message_id"]
        ),
        "resident_replies_with_a_dice": fake.post(
            HOUSING,
            RESIDENT2,
            None,
            reply_to=post["message_id"],
            extra={"dice": {"emoji": "🎲", "value": 2}},
        ),
    }
    await desk.settle()
    linked = {name: await link_of(desk, HOUSING, m) for name, m in cases.items()}
    assert {name: link for name, link in linked.items() if link is not None} == {}
    ticket = await desk.ticket("H-1")
    assert ticket.followups == 0 and await event_kinds(desk, ticket) == ["created"]
    assert await desk.count() == 1
    assert_clean(fake, caplog)


# --------------------------------------------------------------------------------------------
# Hostile text: markup, limits, direction marks, invisible characters
# --------------------------------------------------------------------------------------------


def exactly(units: int, pattern: str, filler: str = "🏚") -> str:
    """``pattern`` repeated, topped up with astral ``filler``: exactly ``units`` UTF-16 units,
    the unit of Telegram's limits."""
    text = pattern * (units // utf16_len(pattern))
    while utf16_len(text) > units:
        text = text[:-1]
    while utf16_len(text) + utf16_len(filler) <= units:
        text += filler
    text += "." * (units - utf16_len(text))
    assert utf16_len(text) == units
    return text


ASTRAL_4096 = exactly(MESSAGE_LIMIT, "🚰 Нет воды в доме 5 ")
HTML_TEXT = (
    "Помогите <b>срочно</b> & </i> <a href=javascript:alert(1)>тут</a> &amp; &lt;b&gt; "
    "<tg-spoiler>скрыто</tg-spoiler> <blockquote> </blockquote> <pre><code>x</code> "
    '<span class="tg-spoiler"> <tg-emoji emoji-id="1"> &#128512; &nbsp &'
)
BREAK_OUT = "Жалоба</blockquote><b>не экранировано</b><blockquote>" * 3
MARKUP_4096 = exactly(MESSAGE_LIMIT, "<&>")
FLUENT_LOOKALIKE = "Заявка { $code } до { $due } {{ }} {-brand} \\u0000 %s %(x)s {0}"
SQL_TEXT = "'); DROP TABLE tickets; -- и ещё нет света в подъезде"
RTL_TEXT = "\u202eалсоп ен дов\u202c — لا يوجد ماء في المنزل منذ ثلاثة أيام — אין מים בבית"
ZERO_WIDTH_INSIDE = "Нет\u200b воды\u200c в доме\u200d 5\u2060 уже\ufeff три дня\u200e\u200f"
ZALGO = "Н̸̢̛е̷̡̛т̶̨̛ ̵в̴̧̛о̷̢д̶̨ы̸̡ " * 20
FAMILY = "👨\u200d👩\u200d👧\u200d👦 семья из 4 человек без газа 🇰🇿"
CAPTION_ASTRAL = exactly(CAPTION_LIMIT, "Яма 🕳 у школы № 45 ", "🕳")
CAPTION_MARKUP = exactly(CAPTION_LIMIT, "&lt;<b>")


@dataclass(frozen=True)
class Hostile:
    name: str
    text: str
    by: int = RESIDENT
    media: str | None = None  # photo / video / document, the text as its caption
    chat_id: int = AKIMAT


HOSTILE_TEXTS = [
    Hostile("html_lookalike", HTML_TEXT),
    Hostile("blockquote_break_out", BREAK_OUT),
    Hostile("huge_astral_4096", ASTRAL_4096),
    Hostile("huge_markup_4096", MARKUP_4096),
    Hostile("fluent_and_format_lookalike", FLUENT_LOOKALIKE),
    Hostile("sql_lookalike", SQL_TEXT),
    Hostile("right_to_left", RTL_TEXT, chat_id=LAW),
    Hostile("zero_width_inside_words", ZERO_WIDTH_INSIDE),
    Hostile("combining_marks", ZALGO),
    Hostile("zwj_emoji_and_flags", FAMILY),
    Hostile("code_and_mention_lookalike", "H-1 @akimat_desk_bot /start@akimat_desk_bot help"),
    Hostile("inner_newlines_and_tabs", "Нет воды\n\n\tв доме 5\r\nи в доме 7"),
    Hostile("photo_caption_1024_astral", CAPTION_ASTRAL, media="photo", chat_id=HOUSING),
    Hostile("photo_caption_1024_markup", CAPTION_MARKUP, media="photo", chat_id=HOUSING),
    Hostile("video_caption_1024_markup", CAPTION_MARKUP, media="video", chat_id=HOUSING),
    Hostile("document_caption_break_out", BREAK_OUT, media="document", chat_id=HOUSING),
    Hostile("author_name_html", POST, by=HTML_NAME),
    Hostile("author_name_right_to_left", POST, by=RTL_NAME, chat_id=LAW),
    Hostile("author_name_64_astral_emoji", POST, by=EMOJI_NAME),
    Hostile("author_name_emoji_photo_1024", CAPTION_ASTRAL, by=EMOJI_NAME, media="photo"),
]


@pytest.mark.usefixtures("hostile_users")
async def test_hostile_text_is_kept_verbatim_and_cards_are_accepted(desk, fake, caplog):
    posted = []
    for case in HOSTILE_TEXTS:
        if case.media is None:
            message = fake.post(case.chat_id, case.by, case.text)
        else:
            message = fake.post(
                case.chat_id, case.by, None, caption=case.text, **{case.media: True}
            )
        posted.append((case, message))
    await desk.settle()

    problems = []
    for case, message in posted:
        ticket = await ticket_of(desk, case.chat_id, message)
        if ticket is None:
            problems.append(f"{case.name}: no ticket")
            continue
        if ticket.text != case.text:
            problems.append(f"{case.name}: stored text differs")
        card = card_of(fake, ticket)
        shown = shown_text(card)
        badge = "🔴" if ticket.priority is Priority.urgent else "🆕"  # urgent words: 🔴
        if card is None or not shown.startswith(f"{badge} {ticket.code} · "):
            problems.append(f"{case.name}: card missing or mangled: {shown[:80]!r}")
            continue
        author = fake.users[case.by]
        full_name = " ".join(filter(None, [author["first_name"], author.get("last_name")]))
        if full_name not in shown:
            problems.append(f"{case.name}: author name not shown literally")
        photo_card = case.media == "photo"
        limit = CAPTION_LIMIT if photo_card else MESSAGE_LIMIT
        if utf16_len(shown) > limit:
            problems.append(f"{case.name}: card is {utf16_len(shown)} long")
        cut = CAPTION_CUT if photo_card else CARD_CUT
        if cut in shown:
            # Cut to fit: the card keeps a start of the text, shown literally.
            if case.text[:100] not in shown:
                problems.append(f"{case.name}: the cut card lost the text's start")
        elif case.text.strip() not in shown:
            problems.append(f"{case.name}: the text is not shown literally on the card")
    assert problems == []
    assert await desk.count() == len(HOSTILE_TEXTS)
    # Each ticket's acknowledgement went under its post, in its chat.
    for case, message in posted:
        acks = [
            a
            for a in fake.bot_messages(case.chat_id)
            if a["reply_to_message"]["message_id"] == message["message_id"]
        ]
        assert len(acks) == 1, case.name
    assert_clean(fake, caplog)


WHITESPACE_ONLY = {
    "ascii_spaces": " " * 12,
    "tabs_and_newlines": "\t\n \r\n" * 4,
    "no_break_spaces": "\u00a0" * 12,
    "ideographic_spaces": "\u3000" * 12,
    "em_and_thin_spaces": "\u2003\u2009\u202f\u205f" * 3,
    "line_and_paragraph_separators": "\u2028\u2029" * 6,
}


async def test_whitespace_only_text_is_not_an_appeal(desk, fake, caplog):
    posted = {name: fake.post(HOUSING, RESIDENT, text) for name, text in WHITESPACE_ONLY.items()}
    await desk.settle()
    made = {
        name: ticket.code
        for name, message in posted.items()
        if (ticket := await ticket_of(desk, HOUSING, message)) is not None
    }
    assert made == {}
    assert await desk.count() == 0 and fake.bot_messages(STAFF_CHAT) == []
    assert_clean(fake, caplog)


# --------------------------------------------------------------------------------------------
# Replies
# --------------------------------------------------------------------------------------------


async def test_replies_in_every_shape(desk, fake, caplog):
    post = fake.post(HOUSING, RESIDENT, POST)
    other_chat_post = fake.post(AKIMAT, RESIDENT2, "Вопрос по субсидиям на отопление дома")
    bots_post = fake.post(HOUSING, 9009, "Реклама: ремонт квартир недорого")  # bot never sees it
    await desk.settle()
    [ack] = fake.bot_messages(HOUSING)
    huge = exactly(MESSAGE_LIMIT, "Дополнение <b>&amp;</b> 🧱 ")

    followups = {
        "reply_to_post": fake.post(
            HOUSING, RESIDENT2, "У нас в доме 14 такая же беда", reply_to=post["message_id"]
        ),
        "reply_to_ack": fake.post(
            HOUSING, RESIDENT, "Добавляю адрес: Абая 12, подъезд 3", reply_to=ack["message_id"]
        ),
        "photo_reply_without_caption": fake.post(
            HOUSING, RESIDENT, None, photo=True, reply_to=post["message_id"]
        ),
        "voice_reply": fake.post(HOUSING, RESIDENT2, None, voice=True, reply_to=ack["message_id"]),
        "huge_hostile_reply": fake.post(HOUSING, RESIDENT2, huge, reply_to=post["message_id"]),
        "reply_quoting_the_ack": fake.post(
            HOUSING,
            RESIDENT,
            "Когда будет ответ по этому номеру?",
            reply_to=ack["message_id"],
            extra={"quote": {"text": "Обращение принято", "position": 0, "is_manual": True}},
        ),
        "reply_in_a_reply_thread": fake.post(
            HOUSING,
            RESIDENT2,
            "Подтверждаю, фонари не горят",
            reply_to=post["message_id"],
            extra={"message_thread_id": post["message_id"]},  # supergroups thread replies
        ),
    }
    await desk.settle()
    followups["reply_to_a_followup"] = fake.post(
        HOUSING,
        RESIDENT,
        "И ещё: во дворе темно с 18:00",
        reply_to=followups["reply_to_post"]["message_id"],
    )
    new_tickets = {
        "reply_to_a_bots_message": fake.post(
            HOUSING, RESIDENT2, "Это мошенники, заблокируйте их", reply_to=bots_post["message_id"]
        ),
        "reply_to_a_message_never_seen": fake.post(
            HOUSING,
            RESIDENT2,
            "Прошло полгода, а яма всё там же",
            extra={
                "reply_to_message": {
                    "message_id": 999_999,
                    "date": now() - 180 * 86400,
                    "chat": chat_info(fake, HOUSING),
                    "from": user(fake, RESIDENT2),
                    "text": "Яма у дома 5",
                }
            },
        ),
        "external_reply_to_another_chats_post": fake.post(
            HOUSING,
            RESIDENT,
            "И в нашем доме по ЖКХ то же самое",
            extra={
                "external_reply": {
                    "origin": {
                        "type": "user",
                        "sender_user": user(fake, RESIDENT2),
                        "date": other_chat_post["date"],
                    },
                    "chat": chat_info(fake, AKIMAT),
                    "message_id": other_chat_post["message_id"],
                },
                "quote": {"text": "субсидиям", "position": 7},
            },
        ),
    }
    not_followups = {
        "short_thanks_reply": fake.post(HOUSING, RESIDENT, "спасибо", reply_to=ack["message_id"]),
    }
    await desk.settle()

    problems = []
    ticket = await desk.ticket("H-1")
    for name, message in followups.items():
        link = await link_of(desk, HOUSING, message)
        if link is None or link[0] != "followup" or link[1].id != ticket.id:
            problems.append(f"{name}: not a follow-up on H-1 ({link})")
    for name, message in new_tickets.items():
        made = await ticket_of(desk, HOUSING, message)
        if made is None or made.text != message["text"]:
            problems.append(f"{name}: not a new ticket")
    for name, message in not_followups.items():
        if await link_of(desk, HOUSING, message) is not None:
            problems.append(f"{name}: was recorded")
    assert problems == []

    ticket = await desk.ticket("H-1")
    assert ticket.followups == len(followups) and ticket.text == POST
    assert await desk.count() == 2 + len(new_tickets)  # H-1, A-1 and the new ones
    card = shown_text(card_of(fake, ticket))
    assert f"Дополнений от жителя: {len(followups)}" in card
    assert "во дворе темно с 18:00" in card
    # Follow-ups are not acknowledged; each new ticket is, under its own post.
    acked = sorted(a["reply_to_message"]["message_id"] for a in fake.bot_messages(HOUSING))
    expected = sorted([post["message_id"], *(m["message_id"] for m in new_tickets.values())])
    assert acked == expected
    assert_clean(fake, caplog)


async def test_a_huge_followup_on_a_photo_card_still_fits(desk, fake, caplog):
    post = fake.post(HOUSING, RESIDENT, None, photo=True, caption=CAPTION_ASTRAL)
    await desk.settle()
    fake.post(HOUSING, RESIDENT2, ASTRAL_4096, reply_to=post["message_id"])
    fake.post(
        HOUSING, RESIDENT2, None, photo=True, caption=CAPTION_MARKUP, reply_to=post["message_id"]
    )
    await desk.settle()
    ticket = await desk.ticket("H-1")
    assert ticket.followups == 2 and ticket.text == CAPTION_ASTRAL
    caption = shown_text(card_of(fake, ticket))
    assert utf16_len(caption) <= CAPTION_LIMIT and CAPTION_ASTRAL[:100] in caption
    assert "Дополнений от жителя: 2" in caption and "«&lt;<b>&lt;<b>" in caption
    assert fake.sent("editMessageCaption", chat_id=STAFF_CHAT)
    assert_clean(fake, caplog)


# --------------------------------------------------------------------------------------------
# Edits
# --------------------------------------------------------------------------------------------


async def test_edits_in_every_shape(desk, fake, caplog):
    ticket_post = fake.post(HOUSING, RESIDENT, POST)
    huge_post = fake.post(HOUSING, RESIDENT2, "Подъезд 2: не работает домофон уже неделю")
    photo_post = fake.post(HOUSING, RESIDENT, None, photo=True, caption="Сломана скамейка")
    live = fake.post(
        HOUSING,
        RESIDENT2,
        None,
        extra={"location": {"latitude": 51.1, "longitude": 71.4, "live_period": 3600}},
    )
    short = fake.post(HOUSING, RESIDENT, "свет")
    short_stays = fake.post(HOUSING, RESIDENT2, "ок")
    staff_post = fake.post(HOUSING, MOD1, "Завтра отключат воду с 10 до 14 часов")
    other = fake.post(OTHER_GROUP, RESIDENT, "Соседи, у кого есть свет?")
    await desk.settle()
    followup = fake.post(
        HOUSING, RESIDENT2, "И в соседнем подъезде тоже", reply_to=ticket_post["message_id"]
    )
    short_reply = fake.post(HOUSING, RESIDENT2, "+1", reply_to=ticket_post["message_id"])
    await desk.settle()
    codes = {
        "ticket": (await ticket_of(desk, HOUSING, ticket_post)).code,
        "huge": (await ticket_of(desk, HOUSING, huge_post)).code,
        "photo": (await ticket_of(desk, HOUSING, photo_post)).code,
        "live": (await ticket_of(desk, HOUSING, live)).code,
    }
    assert await desk.count() == 4
    calls_before = len(fake.calls)

    edited_text = POST + " — <b>уже неделю</b> & темно"
    edit = fake.edit(HOUSING, ticket_post["message_id"], edited_text)
    fake.enqueue_raw({"edited_message": edit})  # the same edit delivered twice
    fake.edit(HOUSING, huge_post["message_id"], ASTRAL_4096)
    fake.edit(HOUSING, photo_post["message_id"], caption=CAPTION_MARKUP)
    fake.edit(HOUSING, followup["message_id"], "Исправил: в подъезде 4, не в соседнем")
    fake.edit(HOUSING, short["message_id"], "Нет света во всём подъезде дома 3")
    fake.edit(HOUSING, short_stays["message_id"], "ок!")
    fake.edit(HOUSING, short_reply["message_id"], "+1, у нас в доме 14 тоже темно")
    fake.edit(HOUSING, staff_post["message_id"], "Завтра отключат воду с 10 до 16 часов")
    fake.edit(OTHER_GROUP, other["message_id"], "Соседи, у кого есть свет? Ответьте")
    for step in range(3):  # a live location moving: edits without any text
        moved = copy.deepcopy(live)
        moved["location"].update(latitude=51.1 + step / 1000, longitude=71.4)
        moved["edit_date"] = now()
        fake.enqueue_raw({"edited_message": moved})
    await desk.settle()

    ticket = await desk.ticket(codes["ticket"])
    assert ticket.text == edited_text
    # One "edited" for the edit delivered twice, none for the edited follow-up; the "+1"
    # became a follow-up once its edit made it long enough.
    assert await event_kinds(desk, ticket) == ["created", "followup", "edited", "followup"]
    assert "<b>уже неделю</b> & темно" in shown_text(card_of(fake, ticket))
    short_reply_link = await link_of(desk, HOUSING, short_reply)
    assert short_reply_link is not None and short_reply_link[0] == "followup"
    assert ticket.followups == 2

    huge = await desk.ticket(codes["huge"])
    assert huge.text == ASTRAL_4096
    huge_card = shown_text(card_of(fake, huge))
    assert CARD_CUT in huge_card and utf16_len(huge_card) <= MESSAGE_LIMIT

    photo = await desk.ticket(codes["photo"])
    assert photo.text == CAPTION_MARKUP
    assert utf16_len(shown_text(card_of(fake, photo))) <= CAPTION_LIMIT

    located = await desk.ticket(codes["live"])
    assert await event_kinds(desk, located) == ["created"]

    made = await ticket_of(desk, HOUSING, short)
    assert made is not None and made.text == "Нет света во всём подъезде дома 3"
    assert await link_of(desk, HOUSING, short_stays) is None
    assert await link_of(desk, HOUSING, staff_post) is None
    assert await desk.count() == 5
    # Cards were edited for the three edited posts and the new follow-up, never for the
    # moving live location, and once only for the edit delivered twice.
    card_edits = [
        c
        for c in fake.calls[calls_before:]
        if c.method in ("editMessageText", "editMessageCaption") and c.ok
    ]
    edited_cards = sorted(c.params["message_id"] for c in card_edits)
    expected_cards = sorted(t.card_message_id for t in (ticket, huge, photo, ticket))
    assert edited_cards == expected_cards
    assert fake.bot_messages(OTHER_GROUP) == []
    assert_clean(fake, caplog)


# --------------------------------------------------------------------------------------------
# Forum topics
# --------------------------------------------------------------------------------------------


async def test_forum_topics(desk, fake, caplog):
    fake.add_chat(HOUSING, title="ЖКХ", is_forum=True)  # the chat was turned into a forum
    topic = fake.add_topic(HOUSING, name="Отопление <зима> & лифты")
    root = fake.message(HOUSING, topic)
    root["from"] = user(fake, MOD1)
    root["message_thread_id"] = topic
    fake.enqueue_raw({"message": root})  # forum_topic_created is a service message
    topic_services = [
        fake.post(
            HOUSING, MOD1, None, thread_id=topic, extra={"forum_topic_edited": {"name": "Тепло"}}
        ),
        fake.post(HOUSING, MOD1, None, thread_id=topic, extra={"forum_topic_closed": {}}),
        fake.post(HOUSING, MOD1, None, thread_id=topic, extra={"forum_topic_reopened": {}}),
        fake.post(HOUSING, MOD1, None, extra={"general_forum_topic_hidden": {}}),
        fake.post(HOUSING, MOD1, None, extra={"general_forum_topic_unhidden": {}}),
    ]
    # In a topic, a message that replies to nothing replies to the topic's first message.
    in_topic = fake.post(HOUSING, RESIDENT, POST, thread_id=topic, extra={"reply_to_message": root})
    in_general = fake.post(HOUSING, RESIDENT2, "Когда дадут горячую воду в доме 9?")
    await desk.settle()
    [topic_ack] = [
        a
        for a in fake.bot_messages(HOUSING)
        if a["reply_to_message"]["message_id"] == in_topic["message_id"]
    ]
    reply_in_topic = fake.post(
        HOUSING, RESIDENT2, "В соседнем доме тоже холодно", reply_to=topic_ack["message_id"]
    )
    await desk.settle()

    for service in [root, *topic_services]:
        assert await link_of(desk, HOUSING, service) is None
    topic_ticket = await ticket_of(desk, HOUSING, in_topic)
    assert topic_ticket is not None and topic_ticket.source_thread_id == topic
    assert topic_ack.get("message_thread_id") == topic  # the ack stays in the topic
    general_ticket = await ticket_of(desk, HOUSING, in_general)
    assert general_ticket is not None and general_ticket.source_thread_id is None
    [general_ack] = [
        a
        for a in fake.bot_messages(HOUSING)
        if a["reply_to_message"]["message_id"] == in_general["message_id"]
    ]
    assert "message_thread_id" not in general_ack
    link = await link_of(desk, HOUSING, reply_in_topic)
    assert link is not None and link[0] == "followup" and link[1].id == topic_ticket.id
    assert await desk.count() == 2
    assert_clean(fake, caplog)


# --------------------------------------------------------------------------------------------
# Other chats and update kinds the desk does not take appeals from
# --------------------------------------------------------------------------------------------


async def test_other_chats_and_update_kinds(desk, fake, caplog):
    fake.add_chat(CHANNEL["id"], type="channel", title=CHANNEL["title"])
    channel_post = fake.post(CHANNEL["id"], None, "Новость: " + POST)
    fake.edit(CHANNEL["id"], channel_post["message_id"], "Новость (исправлено): " + POST)
    fake.post(OTHER_GROUP, RESIDENT, POST)
    fake.post(OTHER_GROUP, RESIDENT, None, photo=True, caption="Яма у дома 5")
    private = fake.post(RESIDENT, RESIDENT, "Здравствуйте! " + POST)
    fake.edit(RESIDENT, private["message_id"], "Здравствуйте! Исправляю: " + POST)
    fake.post(RESIDENT, RESIDENT, None, photo=True, caption="Фото ямы у подъезда 2")
    fake.post(RESIDENT, RESIDENT, "/start")
    fake.post(STAFF_CHAT, RESIDENT2, "Я тут случайно, у меня тоже нет воды")
    fake.post(STAFF_CHAT, MOD1, "Коллеги, кто сегодня дежурит по ЖКХ?")
    fake.join(HOUSING, RESIDENT2)  # also a chat_member update, never asked for
    fake.enqueue_raw(
        {
            "message_reaction": {
                "chat": chat_info(fake, HOUSING),
                "message_id": 1,
                "user": user(fake, RESIDENT),
                "date": now(),
                "old_reaction": [],
                "new_reaction": [{"type": "emoji", "emoji": "👎"}],
            }
        }
    )
    fake.enqueue_raw(
        {
            "message_reaction_count": {
                "chat": chat_info(fake, HOUSING),
                "message_id": 1,
                "date": now(),
                "reactions": [{"type": {"type": "emoji", "emoji": "🔥"}, "total_count": 3}],
            }
        }
    )
    await desk.settle()
    fake.block_bot(RESIDENT)  # my_chat_member in the private chat
    fake.add_bot_to_chat(OTHER_GROUP, MOD1, "kicked")  # my_chat_member: thrown out
    fake.add_bot_to_chat(HOUSING, MOD1, "member")  # my_chat_member: demoted in a resident chat
    await desk.settle()

    assert await desk.count() == 0
    assert fake.bot_messages(STAFF_CHAT) == [] and fake.bot_messages(OTHER_GROUP) == []
    # In private, an appeal is pointed to the district chats, /start is greeted:
    # nothing there becomes a ticket.
    hint, photo_hint, greeting = fake.bot_messages(RESIDENT)
    assert "открытых чатах района" in hint["text"] and photo_hint["text"] == hint["text"]
    assert "Выберите язык" in greeting["text"]
    # Kinds the desk did not subscribe to were never delivered to it.
    allowed = [c.params.get("allowed_updates") for c in fake.calls if c.method == "getUpdates"]
    assert all(a is not None and set(a) == set(allowed[0]) for a in allowed)
    unwanted = {
        "channel_post",
        "edited_channel_post",
        "message_reaction",
        "message_reaction_count",
        "chat_member",
    }
    assert not unwanted & set(allowed[0])
    delivered = {
        kind
        for c in fake.calls
        if c.method == "getUpdates" and c.ok
        for update in c.result
        for kind in update
    }
    assert not unwanted & delivered and "my_chat_member" in delivered
    # The operator is told about the chats, as the README promises.
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert str(OTHER_GROUP) in logged and "kicked" in logged
    assert_clean(fake, caplog)


# --------------------------------------------------------------------------------------------
# Forged button presses
# --------------------------------------------------------------------------------------------


async def test_forged_presses_are_refused_and_change_nothing(desk, fake, caplog):
    first = fake.post(HOUSING, RESIDENT, POST)
    fake.post(HOUSING, RESIDENT2, "Не вывозят мусор во дворе дома 7 уже неделю")
    await desk.settle()
    h1, h2 = await desk.ticket("H-1"), await desk.ticket("H-2")
    card = card_of(fake, h1)
    [ack] = [
        a
        for a in fake.bot_messages(HOUSING)
        if a["reply_to_message"]["message_id"] == first["message_id"]
    ]
    keyboard_before = card["reply_markup"]
    tid = h1.id
    cyrillic_64 = f"t:close:{tid}:" + "я" * ((64 - len(f"t:close:{tid}:")) // 2)
    assert len(cyrillic_64.encode()) <= 64

    on_card = {
        # (who, data)
        "too_many_parts": (MOD1, f"t:take:{tid}:forged:extra"),
        "close_with_too_many_parts": (MOD1, f"t:close:{tid}:resolved:x"),
        "wrong_prefix": (MOD1, f"x:take:{tid}"),
        "no_prefix": (MOD1, f"take:{tid}"),
        "missing_id": (MOD1, "t:take"),
        "empty_action": (MOD1, f"t::{tid}"),
        "unknown_action": (MOD1, f"t:delete:{tid}"),
        "upper_case_action": (MOD1, f"t:TAKE:{tid}"),
        "non_integer_id": (MOD1, "t:take:abc"),
        "float_exponent_id": (MOD1, "t:take:1e3"),
        "hex_id": (MOD1, "t:take:0x1"),
        "sql_in_id": (MOD1, f"t:take:{tid};DROP TABLE tickets"),
        "negative_id": (MOD1, "t:take:-1"),
        "zero_id": (MOD1, "t:take:0"),
        "unknown_ticket": (MOD1, "t:take:424242"),
        "another_tickets_id_on_this_card": (MOD1, f"t:take:{h2.id}"),
        "reopen_an_open_ticket": (MOD1, f"t:reopen:{tid}"),
        "close_as_spam_through_close": (MOD1, f"t:close:{tid}:spam"),
        "close_with_sql": (MOD1, f"t:close:{tid}:resolved' OR 1=1 --"),
        "close_with_64_bytes_of_cyrillic": (MOD1, cyrillic_64),
        "ban_a_ticket_that_is_not_spam": (MOD1, f"t:ban:{tid}:yes"),
        "assign_to_a_non_moderator": (MOD1, f"t:assign:{tid}:{RESIDENT}"),
        "assign_to_sql": (MOD1, f"t:assign:{tid}:1 OR 1=1"),
        "assign_to_negative": (MOD1, f"t:assign:{tid}:-{MOD2}"),
        "only_cyrillic_64_bytes": (MOD1, "я" * 32),
        "page_with_words": (MOD1, "o:first:0"),
        "empty_data": (MOD1, ""),
        "resident_takes": (RESIDENT, f"t:take:{tid}"),
        "resident_closes": (RESIDENT, f"t:close:{tid}:resolved"),
        "resident_with_sql": (RESIDENT, "t:take:1 UNION SELECT * FROM tickets"),
        "resident_turns_pages": (RESIDENT, "o:0:0"),
        "head_is_not_a_moderator": (HEAD, f"t:take:{tid}"),
    }
    queries = {
        name: fake.press(STAFF_CHAT, card["message_id"], who, data)
        for name, (who, data) in on_card.items()
    }
    elsewhere = {
        "moderator_on_an_ack_in_a_resident_chat": raw_press(
            fake, MOD1, f"t:take:{tid}", message=ack
        ),
        "resident_on_an_ack": raw_press(fake, RESIDENT, f"t:close:{tid}:resolved", message=ack),
        "moderator_on_an_inline_message": raw_press(
            fake, MOD1, f"t:take:{tid}", inline_message_id="BAAAAPpVAAD8VnT9"
        ),
        "resident_on_an_inaccessible_card": raw_press(
            fake,
            RESIDENT,
            f"t:take:{tid}",
            message={
                "chat": chat_info(fake, STAFF_CHAT),
                "message_id": card["message_id"],
                "date": 0,
            },
        ),
        "game_button_without_data": raw_press(fake, MOD1, None, message=card),
    }
    queries.update(elsewhere)
    await desk.settle()

    problems = []
    for name, query_id in queries.items():
        answer = fake.callback_answer(query_id)
        if answer is None:
            problems.append(f"{name}: not answered")
        elif not answer["show_alert"] or not answer["text"]:
            problems.append(f"{name}: not refused with an alert: {answer}")
    assert problems == []
    for ticket in (h1, h2):
        now_ticket = await desk.ticket(ticket.code)
        assert (now_ticket.status, now_ticket.assignee_id) == (Status.new, None)
        assert await event_kinds(desk, now_ticket) == ["created"]
    assert card_of(fake, h1)["reply_markup"] == keyboard_before
    assert shown_text(card_of(fake, h1)) == shown_text(card)
    # Refusals explain themselves in words, never as raw keys.
    texts = {fake.callback_answer(q)["text"] for q in queries.values()}
    assert not any(text.startswith("press-") for text in texts)
    assert await desk.count() == 2
    assert_clean(fake, caplog)


async def test_a_press_on_an_inaccessible_card_by_a_moderator_still_works(desk, fake, caplog):
    # Telegram sends an InaccessibleMessage for cards older than 48 hours.
    fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    ticket = await desk.ticket("H-1")
    old_card = {
        "chat": chat_info(fake, STAFF_CHAT),
        "message_id": ticket.card_message_id,
        "date": 0,
    }
    query = raw_press(fake, MOD1, f"t:take:{ticket.id}", message=old_card)
    await desk.settle()
    answer = fake.callback_answer(query)
    assert answer is not None and "H-1" in answer["text"] and not answer["show_alert"]
    assert (await desk.ticket("H-1")).assignee_id == MOD1
    assert_clean(fake, caplog)


async def test_odd_replies_to_a_card(desk, fake, caplog):
    fake.post(RESIDENT, RESIDENT, "/start")  # so the answer also goes to them privately
    post = fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    ticket = await desk.ticket("H-1")
    card_id = ticket.card_message_id
    chatter = fake.post(STAFF_CHAT, MOD2, "Коллеги, обед в 13:00")

    def reply(who: int, text: str | None = None, **kw: Any) -> dict:
        return fake.post(STAFF_CHAT, who, text, reply_to=card_id, **kw)

    refused = {
        "resident_answers": reply(RESIDENT2, "Я тоже хочу ответить <b>жителям</b>"),
        "head_answers": reply(HEAD, "Разберитесь срочно"),
    }
    unsupported = {
        "sticker": reply(MOD1, sticker=True),
        "location": reply(MOD1, location=(51.1, 71.4)),
        "dice": reply(MOD1, extra={"dice": {"emoji": "🎲", "value": 3}}),
    }
    ignored = {
        "empty_note": reply(MOD1, "!   "),
        "command": reply(MOD1, "/history H-1"),
        "reply_to_chatter": fake.post(STAFF_CHAT, MOD1, "Ок, буду", reply_to=chatter["message_id"]),
    }
    await desk.settle()
    assert (await desk.ticket("H-1")).status is Status.new
    assert await desk.app.tickets.answers(ticket.id) == []
    for name, message in {**refused, **unsupported}.items():
        answers = [
            m
            for m in fake.bot_messages(STAFF_CHAT)
            if m.get("reply_to_message", {}).get("message_id") == message["message_id"]
        ]
        assert len(answers) == 1, name
        expected = "только модераторы" if name in refused else "Ответ может быть"
        assert expected in answers[0]["text"], name
    replied_to = {
        m.get("reply_to_message", {}).get("message_id") for m in fake.bot_messages(STAFF_CHAT)
    }
    assert not replied_to & {m["message_id"] for m in ignored.values()}
    assert [m["message_id"] for m in fake.bot_messages(HOUSING)] == [ticket.ack_message_id]

    huge = exactly(MESSAGE_LIMIT, "Ответ: <b>&amp;</b> </i> 🛠 ")
    answer = reply(MOD1, huge)
    await desk.settle()
    assert (await desk.ticket("H-1")).status is Status.answered
    [stored] = await desk.app.tickets.answers(ticket.id)
    assert stored.text == huge
    [public] = [m for m in fake.bot_messages(HOUSING) if "Ответ по обращению" in m["text"]]
    assert public["reply_to_message"]["message_id"] == post["message_id"]
    assert huge[:200] in public["text"] and utf16_len(public["text"]) <= MESSAGE_LIMIT
    [private] = [m for m in fake.bot_messages(RESIDENT) if "Ответ на ваше" in m["text"]]
    assert huge[:200] in private["text"] and utf16_len(private["text"]) <= MESSAGE_LIMIT
    assert fake.reactions(STAFF_CHAT, answer["message_id"]) == ["👍"]
    assert_clean(fake, caplog)


# --------------------------------------------------------------------------------------------
# Defects this corpus found, each fixed: kept as regression tests
# --------------------------------------------------------------------------------------------


async def _live_photo_is_an_appeal(desk: Desk, fake: FakeTelegram, caplog) -> None:
    # Bot API: "For backward compatibility, when [live_photo] is set, the photo field will
    # also be set."  aiogram's content_type says LIVE_PHOTO, which intake does not know.
    photo = fake.issue_file("photo")
    live = {
        **file_ids("BAACAgIAAxkBAAI"),
        "width": 1080,
        "height": 1920,
        "duration": 3,
        "photo": photo,
        "mime_type": "video/mp4",
    }
    message = fake.post(
        HOUSING,
        RESIDENT,
        None,
        extra={"photo": photo, "live_photo": live, "caption": "Прорвало трубу у дома 3"},
    )
    await desk.settle()
    ticket = await ticket_of(desk, HOUSING, message)
    assert ticket is not None, "a live photo of a burst pipe was dropped"
    assert (ticket.media_type, ticket.text) == ("photo", "Прорвало трубу у дома 3")
    assert_clean(fake, caplog)


async def _venue_is_an_appeal(desk: Desk, fake: FakeTelegram, caplog) -> None:
    # A venue is a location with a name: Telegram sets both "location" and "venue".
    point = {"latitude": 51.1694, "longitude": 71.4491}
    message = fake.post(
        HOUSING,
        RESIDENT,
        None,
        extra={
            "location": point,
            "venue": {"location": point, "title": "Школа № 45", "address": "ул. Абая, 12"},
        },
    )
    await desk.settle()
    ticket = await ticket_of(desk, HOUSING, message)
    assert ticket is not None, "a shared place was dropped while a shared point is an appeal"
    assert ticket.media_type == "location"
    assert_clean(fake, caplog)


async def _zero_width_only_text_is_not_an_appeal(desk: Desk, fake: FakeTelegram, caplog) -> None:
    message = fake.post(HOUSING, RESIDENT, "\u200b\u200c\u200d\u2060\ufeff" * 3)
    await desk.settle()
    assert await ticket_of(desk, HOUSING, message) is None, "an invisible text became a ticket"
    assert await desk.count() == 0
    assert_clean(fake, caplog)


async def _slash_text_that_is_no_command_is_an_appeal(
    desk: Desk, fake: FakeTelegram, caplog
) -> None:
    # Telegram commands are "/" + Latin letters, digits and "_"; this is plain text.
    message = fake.post(HOUSING, RESIDENT, "/ помогите, в доме 5 нет воды третий день")
    await desk.settle()
    ticket = await ticket_of(desk, HOUSING, message)
    assert ticket is not None, "an appeal starting with '/' was taken for a command"
    assert_clean(fake, caplog)


async def _album_caption_edit_updates_the_ticket(desk: Desk, fake: FakeTelegram, caplog) -> None:
    album = {"media_group_id": "24680"}
    fake.post(HOUSING, RESIDENT, None, photo=True, extra=album)
    second = fake.post(
        HOUSING, RESIDENT, None, photo=True, caption="Лифт стоит неделю", extra=album
    )
    await desk.settle()
    assert (await desk.ticket("H-1")).text == "Лифт стоит неделю"
    fake.edit(HOUSING, second["message_id"], caption="Лифт стоит уже две недели, подъезд 2")
    await desk.settle()
    ticket = await desk.ticket("H-1")
    assert ticket.text == "Лифт стоит уже две недели, подъезд 2", "the resident's edit was lost"
    assert "две недели" in shown_text(card_of(fake, ticket))
    assert_clean(fake, caplog)


async def _start_then_block_before_the_answer(desk: Desk, fake: FakeTelegram, caplog) -> None:
    # The resident presses Start and blocks the bot before it answers (or while it was
    # down): the greeting meets 403, which must not escape the handler.
    fake.post(RESIDENT, RESIDENT, "/start")
    fake.block_bot(RESIDENT)
    await desk.settle()
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], "the 403 on the greeting escaped the /start handler"


async def _press(desk: Desk, fake: FakeTelegram, data: str) -> dict | None:
    fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    ticket = await desk.ticket("H-1")
    query = fake.press(STAFF_CHAT, ticket.card_message_id, MOD1, data.format(id=ticket.id))
    await desk.settle()
    return fake.callback_answer(query)


async def _assign_to_a_superscript_digit(desk: Desk, fake: FakeTelegram, caplog) -> None:
    answer = await _press(desk, fake, "t:assign:{id}:²")
    assert answer is not None and answer["show_alert"], "the press was never answered"
    assert (await desk.ticket("H-1")).status is Status.new
    assert_clean(fake, caplog)


async def _ticket_id_beyond_64_bits(desk: Desk, fake: FakeTelegram, caplog) -> None:
    answer = await _press(desk, fake, "t:take:" + "9" * 20)
    assert answer is not None and answer["show_alert"], "the press was never answered"
    assert_clean(fake, caplog)


async def _page_offset_beyond_64_bits(desk: Desk, fake: FakeTelegram, caplog) -> None:
    answer = await _press(desk, fake, "o:" + "9" * 20 + ":0")
    assert answer is not None
    assert_clean(fake, caplog)  # the handler raised after answering


Defect = Callable[[Desk, FakeTelegram, Any], Awaitable[None]]


def defect(check: Defect, reason: str) -> Any:
    """A case that once failed; ``reason`` says where the fault was."""
    return pytest.param(check, id=check.__name__.strip("_"))


@pytest.mark.parametrize(
    "check",
    [
        defect(
            _live_photo_is_an_appeal,
            "bot/intake/classify.py content_of: ContentType.LIVE_PHOTO is not in MEDIA_TYPES",
        ),
        defect(
            _venue_is_an_appeal,
            "bot/intake/classify.py content_of: ContentType.VENUE is not in MEDIA_TYPES",
        ),
        defect(
            _zero_width_only_text_is_not_an_appeal,
            "bot/intake/classify.py classify: str.strip() keeps zero-width characters",
        ),
        defect(
            _slash_text_that_is_no_command_is_an_appeal,
            "bot/intake/classify.py classify: any text starting with '/' counts as a command",
        ),
        defect(
            _album_caption_edit_updates_the_ticket,
            "bot/intake/posts.py on_edit: edits of album items after the first are ignored",
        ),
        defect(
            _start_then_block_before_the_answer,
            "handlers/resident.py on_start: message.answer() raises TelegramForbiddenError",
        ),
        defect(
            _assign_to_a_superscript_digit,
            "handlers/staff.py _Press.assign: '²'.isdigit() but int('²') raises",
        ),
        defect(
            _ticket_id_beyond_64_bits,
            "bot/card/callbacks.py TicketAction.ticket_id is unbounded: SQLite OverflowError",
        ),
        defect(
            _page_offset_beyond_64_bits,
            "bot/card/callbacks.py OpenPage.offset is unbounded: SQLite OverflowError",
        ),
    ],
)
async def test_known_defects(desk, fake, caplog, check):
    await check(desk, fake, caplog)


async def test_an_update_aiogram_cannot_read_does_not_stop_intake(desk, fake, caplog):
    """A message in a shape aiogram's models reject (here: a text that is not a
    string and a chat without its type) must not hold back the batch: it is set
    aside, its text goes to the staff, and later posts become tickets."""
    resident = {"id": RESIDENT, "is_bot": False, "first_name": "Айгерім"}
    fake.enqueue_raw(
        {
            "message": {
                "message_id": 777,
                "date": 1_780_000_000,
                "chat": {"id": HOUSING, "title": "ЖКХ"},
                "from": resident,
                "text": ["Прорвало трубу <в подвале>", "дом 5"],
                "caption": "Прорвало трубу <в подвале>, дом 5",
            }
        },
        unreadable=True,
    )
    fake.post(HOUSING, RESIDENT, "Во дворе дома 7 не вывозят мусор вторую неделю")
    await desk.settle()
    ticket = await desk.ticket("H-1")
    assert "мусор" in ticket.text  # the post after it was not held back
    assert await desk.count() == 1
    [notice] = [m for m in fake.bot_messages(STAFF_CHAT) if "не смог разобрать" in m["text"]]
    assert "Прорвало трубу <в подвале>, дом 5" in notice["text"] and "Айгерім" in notice["text"]
    assert "cannot be read" in caplog.text
    assert fake.pending_updates == 0  # confirmed: Telegram will not send it again
