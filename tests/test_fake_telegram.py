"""The fake Telegram is only useful if it is as strict as Telegram: these tests drive it with a
real ``aiogram.Bot`` (HTTP, multipart, JSON) and check that it accepts what Telegram accepts and
rejects what Telegram rejects, with the same errors."""

from __future__ import annotations

import asyncio
import html
import time
import zlib
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.filters import CommandStart
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BufferedInputFile,
    ChatMemberAdministrator,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReactionTypeEmoji,
    ReplyParameters,
)

from bot.sandbox import FakeTelegram

GROUP = -1001000000077
STAFF = -1001000000088
USER = 5001
OTHER = 5002
ESCAPE_AMP = 'escape "&" as "&amp;"'


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    server.add_chat(GROUP, title="Двор")
    server.add_chat(STAFF, title="Staff")
    server.add_user(USER, "Айгерім", username="aigerim")
    server.add_user(OTHER, "Иван")
    server.start_private(USER)
    try:
        yield server
    finally:
        await server.stop()


def make_bot(fake: FakeTelegram, token: str | None = None) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url))
    return Bot(
        token=token or fake.token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    bot = make_bot(fake)
    try:
        yield bot
    finally:
        await bot.session.close()


def keyboard(*data: str) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(text=f"#{i}", callback_data=d) for i, d in enumerate(data)]
    return InlineKeyboardMarkup(inline_keyboard=[buttons])


# -- HTML --------------------------------------------------------------------------------------


async def test_html_becomes_plain_text_with_utf16_entities(fake, bot):
    text = (
        "😀 <b>Жалоба</b> &lt;срочно&gt; &amp; <i>двор <u>12</u></i> "
        '<a href="https://example.com/a?b=1&amp;c=2">ссылка</a> <tg-spoiler>s</tg-spoiler> '
        '<span class="tg-spoiler">p</span> &#128512;&#x41;'
    )
    sent = await bot.send_message(GROUP, text)

    assert sent.text == "😀 Жалоба <срочно> & двор 12 ссылка s p 😀A"
    entities = {(e.type, e.offset, e.length) for e in sent.entities}
    assert ("bold", 3, 6) in entities  # the emoji counts 2 UTF-16 units
    assert ("italic", 21, 7) in entities and ("underline", 26, 2) in entities
    [link] = [e for e in sent.entities if e.type == "text_link"]
    assert link.url == "https://example.com/a?b=1&c=2"
    assert [e.type for e in sent.entities].count("spoiler") == 2
    assert fake.message(GROUP, sent.message_id)["text"] == sent.text


async def test_html_pre_code_language_blockquote_and_case_insensitive_tags(bot):
    sent = await bot.send_message(
        GROUP,
        '<PRE><code CLASS="language-python">print(1)</code></PRE>\n'
        "<blockquote expandable>цитата</blockquote><B>ж</b>",
    )
    kinds = {e.type: e for e in sent.entities}
    assert kinds["pre"].language == "python" and "code" not in kinds
    assert kinds["expandable_blockquote"].offset == len("print(1)\n")
    assert "bold" in kinds


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("Цена <100>", 'Unsupported start tag "100" at byte offset 9'),  # bytes, not characters
        ("строка<br>", 'Unsupported start tag "br" at byte offset 12'),
        ("R&D", f"Unsupported character reference at byte offset 1: {ESCAPE_AMP}"),
        ("&nbsp;", f"Unsupported character reference at byte offset 0: {ESCAPE_AMP}"),
        ("<b>жирный", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("x <b", "Unclosed start tag at byte offset 2"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<a>x</a>", 'Tag "a" must have attribute "href" at byte offset 0'),
        ('<a href=x/">y</a>', "Unexpected end of name token at byte offset 8"),
    ],
)
async def test_html_rejected_like_telegram(fake, bot, text, error):
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.send_message(GROUP, text)
    assert caught.value.message == f"Bad Request: can't parse entities: {error}"
    assert fake.bot_messages(GROUP) == []
    [call] = fake.calls
    assert (call.ok, call.error_code, call.params["text"]) == (False, 400, text)


async def test_without_parse_mode_text_is_literal(bot):
    sent = await bot.send_message(GROUP, "<b>не тег</b> & <", parse_mode=None)
    assert sent.text == "<b>не тег</b> & <" and sent.entities is None


# -- lengths -----------------------------------------------------------------------------------


async def test_text_limit_counts_utf16_after_parsing(bot):
    assert (await bot.send_message(GROUP, "я" * 4096)).text == "я" * 4096
    assert await bot.send_message(GROUP, "😀" * 2048)  # 2048 characters, 4096 units
    assert await bot.send_message(GROUP, "<b>" + "x" * 4096 + "</b>")  # tags do not count
    for too_long in ("я" * 4097, "x" * 4095 + "😀"):  # the second: 4096 characters, 4097 units
        with pytest.raises(TelegramBadRequest, match="Bad Request: message is too long"):
            await bot.send_message(GROUP, too_long)


async def test_text_is_trimmed_and_must_not_be_empty(bot):
    assert (await bot.send_message(GROUP, "  \n <b>привет</b>  \n")).text == "привет"
    for empty in ("   ", "<b> </b>", "<i></i>"):
        with pytest.raises(TelegramBadRequest, match="Bad Request: message text is empty"):
            await bot.send_message(GROUP, empty)


async def test_caption_limit_and_file_identifiers(fake, bot):
    photo_id = fake.post(GROUP, USER, photo=True)["photo"][-1]["file_id"]
    document_id = fake.post(GROUP, USER, document=True)["document"]["file_id"]

    sent = await bot.send_photo(GROUP, photo_id, caption="<b>к</b>" + "к" * 1023)
    assert len(sent.caption) == 1024 and sent.photo[-1].file_id == photo_id
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_photo(GROUP, photo_id, caption="к" * 1025)
    with pytest.raises(TelegramBadRequest, match="wrong file identifier/HTTP URL specified"):
        await bot.send_photo(GROUP, "AgACAgIAAxkBAAIinvented")
    with pytest.raises(TelegramBadRequest, match="type of file mismatch"):
        await bot.send_photo(GROUP, document_id)


def png(width: int, height: int) -> bytes:
    """A real (tiny, grey) PNG of the given size."""
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


async def test_uploads_get_new_file_ids(fake, bot):
    upload = BufferedInputFile(b"%PDF-1.4 act", filename="act.pdf")
    sent = await bot.send_document(STAFF, upload, caption="Акт")
    assert sent.document.file_name == "act.pdf" and sent.document.file_size == 12
    assert sent.document.mime_type == "application/pdf"
    again = await bot.send_document(GROUP, sent.document.file_id)
    assert again.document.file_id == sent.document.file_id
    photo = await bot.send_photo(GROUP, BufferedInputFile(png(40, 30), filename="p.png"))
    assert len({size.file_id for size in photo.photo}) == 3
    assert fake.uploads[photo.photo[-1].file_id] == png(40, 30)
    # Telegram decodes an uploaded photo: garbage and absurd shapes are refused.
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(GROUP, BufferedInputFile(b"\x89PNG...", filename="p.png"))
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(GROUP, BufferedInputFile(b"%PDF-1.4 act", filename="p.png"))
    with pytest.raises(TelegramBadRequest, match="PHOTO_INVALID_DIMENSIONS"):
        await bot.send_photo(GROUP, BufferedInputFile(png(2100, 100), filename="p.png"))
    with pytest.raises(TelegramBadRequest, match="file must be non-empty"):
        await bot.send_voice(GROUP, BufferedInputFile(b"", filename="v.ogg"))
    assert fake.sent("sendDocument")[0].params["document"].startswith("attach://")


# -- keyboards ---------------------------------------------------------------------------------


async def test_callback_data_is_limited_to_64_utf8_bytes(fake, bot):
    fits = "д" * 32  # 32 characters, 64 bytes
    sent = await bot.send_message(GROUP, "Выберите", reply_markup=keyboard(fits, "ok"))
    stored = fake.message(GROUP, sent.message_id)["reply_markup"]["inline_keyboard"][0]
    assert [b["callback_data"] for b in stored] == [fits, "ok"]
    with pytest.raises(TelegramBadRequest, match="Bad Request: BUTTON_DATA_INVALID"):
        await bot.send_message(GROUP, "Выберите", reply_markup=keyboard(fits + "x"))
    assert len(fake.bot_messages(GROUP)) == 1


@pytest.mark.parametrize(
    ("button", "error"),
    [
        (InlineKeyboardButton(text="нет действия"), "text buttons are unallowed"),
        (InlineKeyboardButton(text="ссылка", url="not a url"), "BUTTON_URL_INVALID"),
        (InlineKeyboardButton(text="ссылка", url="http://localhost/x"), "BUTTON_URL_INVALID"),
        (InlineKeyboardButton(text="оба", url="https://e.kz", callback_data="x"), "exactly one"),
        (InlineKeyboardButton(text="", callback_data="x"), "BUTTON_TEXT_INVALID"),
    ],
)
async def test_bad_inline_buttons_are_rejected(bot, button, error):
    markup = InlineKeyboardMarkup(inline_keyboard=[[button]])
    with pytest.raises(TelegramBadRequest, match=error):
        await bot.send_message(GROUP, "Выберите", reply_markup=markup)


# -- replies and threads -----------------------------------------------------------------------


async def test_reply_target_must_exist_unless_allowed(fake, bot):
    post = fake.post(GROUP, USER, "Вопрос")
    reply = await bot.send_message(
        GROUP, "Ответ", reply_parameters=ReplyParameters(message_id=post["message_id"])
    )
    assert reply.reply_to_message.text == "Вопрос"
    assert reply.reply_to_message.from_user.id == USER

    fake.delete_user_message(GROUP, post["message_id"])
    missing = ReplyParameters(message_id=post["message_id"])
    with pytest.raises(TelegramBadRequest, match="Bad Request: message to be replied not found"):
        await bot.send_message(GROUP, "Ответ", reply_parameters=missing)
    lenient = ReplyParameters(message_id=post["message_id"], allow_sending_without_reply=True)
    sent = await bot.send_message(GROUP, "Ответ", reply_parameters=lenient)
    assert sent.reply_to_message is None
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(GROUP, "Ответ", reply_to_message_id=99)  # the legacy parameter


async def test_forum_threads(fake, bot):
    forum = -1001000000099
    fake.add_chat(forum, is_forum=True)
    topic = fake.add_topic(forum, 77, name="Заявки")
    sent = await bot.send_message(forum, "в тему", message_thread_id=topic)
    assert (sent.message_thread_id, sent.is_topic_message) == (77, True)
    with pytest.raises(TelegramBadRequest, match="Bad Request: message thread not found"):
        await bot.send_message(forum, "мимо", message_thread_id=78)
    elsewhere = await bot.send_message(GROUP, "не форум", message_thread_id=78)
    assert elsewhere.message_thread_id is None


# -- injected faults ---------------------------------------------------------------------------


async def test_injected_429_raises_retry_after(fake, bot):
    fake.fail("sendMessage", retry_after=7)
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(GROUP, "раз")
    assert caught.value.retry_after == 7
    assert fake.calls[0].description == "Too Many Requests: retry after 7"
    assert (await bot.send_message(GROUP, "два")).text == "два"  # times=1: used up
    assert [(c.ok, c.error_code) for c in fake.calls] == [(False, 429), (True, None)]


async def test_injected_5xx_only_for_the_given_chat_and_times(fake, bot):
    fake.fail("SENDMESSAGE", error_code=502, times=2, chat_id=GROUP)
    assert await bot.send_message(STAFF, "другой чат")
    for _ in range(2):
        with pytest.raises(TelegramServerError, match="Bad Gateway"):
            await bot.send_message(GROUP, "в группу")
    assert await bot.send_message(GROUP, "в группу")
    fake.fail("*", error_code=500)
    with pytest.raises(TelegramServerError, match="Internal Server Error"):
        await bot.get_chat(GROUP)


async def test_injected_migration_raises_migrate_to_chat(fake, bot):
    fake.fail("sendMessage", migrate_to_chat_id=-1002222222222)
    with pytest.raises(TelegramMigrateToChat) as caught:
        await bot.send_message(GROUP, "старая группа")
    assert caught.value.migrate_to_chat_id == -1002222222222
    assert "group chat was upgraded to a supergroup chat" in caught.value.message


async def test_fault_rate_is_random_but_reproducible(fake, bot):
    async def outcomes() -> list[str]:
        fake.fault_rate({"sendMessage"}, rate_429=0.3, rate_5xx=0.2, seed=7)
        result = []
        for _ in range(24):
            try:
                await bot.send_message(STAFF, "x")
                result.append("ok")
            except TelegramRetryAfter:
                result.append("429")
            except TelegramServerError:
                result.append("5xx")
        return result

    first = await outcomes()
    assert set(first) == {"ok", "429", "5xx"}
    assert await outcomes() == first
    assert await bot.get_chat(STAFF)  # other methods are unaffected


async def test_delay_makes_the_client_time_out_but_the_message_is_sent(fake, bot):
    fake.delay("sendMessage", 1.5)
    with pytest.raises(TelegramNetworkError):
        await bot.send_message(GROUP, "медленно", request_timeout=1)
    assert fake.bot_messages(GROUP)[-1]["text"] == "медленно"
    fake.delay("sendMessage", 0)
    assert await bot.send_message(GROUP, "быстро", request_timeout=1)


async def test_group_rate_limit(fake, bot):
    fake.group_rate_limit = 3
    for n in range(3):
        await bot.send_message(GROUP, f"№{n}")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(GROUP, "лишнее")
    assert 59 <= caught.value.retry_after <= 60
    for n in range(5):  # private chats and other groups have their own budget
        await bot.send_message(USER, f"лично {n}")
    await bot.send_message(STAFF, "другая группа")
    fake.group_rate_window = 0.3
    await asyncio.sleep(0.35)
    assert await bot.send_message(GROUP, "окно освободилось")
    assert len(fake.bot_messages(GROUP)) == 4


# -- access ------------------------------------------------------------------------------------


async def test_private_chat_needs_start_and_not_blocked(fake, bot):
    fake.add_user(777, "Новый")
    with pytest.raises(TelegramForbiddenError, match="bot can't initiate conversation with a user"):
        await bot.send_message(777, "привет")
    fake.start_private(777)
    assert (await bot.send_message(777, "привет")).chat.id == 777
    fake.block_bot(777)
    with pytest.raises(TelegramForbiddenError, match="Forbidden: bot was blocked by the user"):
        await bot.send_message(777, "ещё")
    [update] = await bot.get_updates()
    assert update.my_chat_member.new_chat_member.status == "kicked"
    with pytest.raises(TelegramBadRequest, match="Bad Request: chat not found"):
        await bot.send_message(31337, "никому")


@pytest.mark.parametrize(
    ("status", "error", "message"),
    [
        ("kicked", TelegramForbiddenError, "Forbidden: bot was kicked from the supergroup chat"),
        ("left", TelegramForbiddenError, "Forbidden: bot is not a member of the supergroup chat"),
        ("absent", TelegramBadRequest, "Bad Request: chat not found"),
    ],
)
async def test_bot_outside_the_group(fake, bot, status, error, message):
    fake.add_chat(GROUP, bot_status=status)
    with pytest.raises(error) as caught:
        await bot.send_message(GROUP, "привет")
    assert caught.value.message == message
    with pytest.raises(error):
        await bot.get_chat(GROUP)
    fake.post(GROUP, USER, "бот нас не слышит")
    assert fake.pending_updates == 0


async def test_wrong_token_is_unauthorized(fake):
    stranger = make_bot(fake, token="654321:WRONG-token")
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await stranger.get_me()
    finally:
        await stranger.session.close()


async def test_raw_http_method_case_body_formats_and_errors(fake):
    api = f"{fake.base_url}/bot{fake.token}"
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{api}/SENDMESSAGE", json={"chat_id": GROUP, "text": "json"}) as r:
            assert (r.status, (await r.json())["result"]["text"]) == (200, "json")
        async with http.get(f"{api}/sendMessage", params={"chat_id": GROUP, "text": "q"}) as r:
            assert (await r.json())["ok"] is True
        async with http.post(f"{api}/sendmessage", data={"chat_id": GROUP, "text": "f"}) as r:
            assert (await r.json())["ok"] is True
        async with http.post(f"{api}/sendMessage", data={"chat_id": "abc", "text": "x"}) as r:
            assert r.status == 400
            assert (await r.json())["description"] == "Bad Request: chat not found"
        async with http.post(f"{api}/sendMessage", data={"text": "x"}) as r:
            assert (await r.json())["description"] == "Bad Request: chat_id is empty"
        async with http.post(f"{api}/noSuchMethod") as r:
            not_found = {"ok": False, "error_code": 404, "description": "Not Found"}
            assert (r.status, await r.json()) == (404, not_found)
        async with http.post(f"{fake.base_url}/bot1:nope/getMe") as r:
            assert (r.status, (await r.json())["description"]) == (401, "Unauthorized")
    assert [c.method for c in fake.sent()] == ["sendMessage"] * 3


# -- getUpdates --------------------------------------------------------------------------------


async def test_get_updates_offset_semantics(fake, bot):
    for n in range(1, 4):
        fake.post(GROUP, USER, f"m{n}")
    first = await bot.get_updates()
    assert [u.message.text for u in first] == ["m1", "m2", "m3"]
    assert [u.message.text for u in await bot.get_updates()] == ["m1", "m2", "m3"]  # unconfirmed

    second = await bot.get_updates(offset=first[1].update_id)
    assert [u.message.text for u in second] == ["m2", "m3"] and fake.pending_updates == 2
    last = await bot.get_updates(offset=-1)  # the last one; everything before is forgotten
    assert [u.message.text for u in last] == ["m3"] and fake.pending_updates == 1
    assert await bot.get_updates(offset=first[0].update_id) == last  # forgotten for good
    assert await bot.get_updates(offset=last[0].update_id + 1) == []
    assert fake.pending_updates == 0

    for n in range(3):
        fake.post(GROUP, USER, f"n{n}")
    batch = await bot.get_updates(limit=2)
    assert [u.message.text for u in batch] == ["n0", "n1"]
    assert batch[0].update_id > last[0].update_id


async def test_long_poll_wakes_up_on_a_new_update(fake, bot):
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await fake.wait_until(lambda: fake.polling)
    started = time.monotonic()
    fake.post(GROUP, USER, "проснись")
    updates = await asyncio.wait_for(poll, 2)
    assert time.monotonic() - started < 1
    assert updates[0].message.text == "проснись"

    started = time.monotonic()
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=1) == []
    assert time.monotonic() - started >= 0.9  # the timeout is honoured


async def test_concurrent_get_updates_conflict(fake, bot):
    earlier = asyncio.create_task(bot.get_updates(timeout=5))
    await fake.wait_until(lambda: fake.polling)
    assert await bot.get_updates() == []
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await earlier
    assert [c.error_code for c in fake.calls if c.method == "getUpdates"] == [409, None]


async def test_allowed_updates_filter_and_are_remembered(fake, bot):
    card = await bot.send_message(STAFF, "Заявка", reply_markup=keyboard("take"))
    fake.press(STAFF, card.message_id, USER, "take")
    fake.post(GROUP, USER, "текст")
    updates = await bot.get_updates(allowed_updates=["message"])
    assert [u.event_type for u in updates] == ["message"]  # the callback query is dropped

    fake.press(STAFF, card.message_id, USER, "take")
    assert await bot.get_updates(offset=updates[0].update_id + 1) == []  # still ["message"]
    assert fake.pending_updates == 0

    await bot.get_updates(allowed_updates=[])  # back to Telegram's default set
    fake.join(GROUP, OTHER)  # a service message plus a chat_member update
    fake.press(STAFF, card.message_id, USER, "take")
    kinds = [u.event_type for u in await bot.get_updates()]
    assert kinds == ["message", "callback_query"]  # chat_member needs asking for


async def test_privacy_mode_and_other_bots(fake, bot):
    fake.add_chat(GROUP, bot_status="member", can_read_all=False)
    fake.add_user(9009, "SpamBot", is_bot=True)
    mine = await bot.send_message(GROUP, "Бот здесь")
    fake.post(GROUP, USER, "обычное сообщение")
    fake.post(GROUP, USER, "/help@other_bot")
    fake.post(GROUP, 9009, "/start")  # bots never see other bots' messages
    fake.post(GROUP, USER, "/report двор")
    fake.post(GROUP, USER, "ответ боту", reply_to=mine.message_id)
    fake.post(GROUP, USER, "эй @akimat_desk_bot")
    texts = [u.message.text for u in await bot.get_updates()]
    assert texts == ["/report двор", "ответ боту", "эй @akimat_desk_bot"]
    assert fake.message(GROUP, 2)["text"] == "обычное сообщение"  # it exists all the same


async def test_delete_webhook_can_drop_pending_updates(fake, bot):
    fake.post(GROUP, USER, "старое")
    assert await bot.delete_webhook(drop_pending_updates=False)
    assert (await bot.get_webhook_info()).pending_update_count == 1
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert fake.pending_updates == 0 and await bot.get_updates() == []


async def test_enqueue_raw_rejects_updates_aiogram_cannot_parse(fake):
    with pytest.raises(ValueError, match="aiogram cannot parse"):
        fake.enqueue_raw({"message": {"message_id": 1, "text": "no chat, no date"}})
    update_id = fake.enqueue_raw({"update_id": 500, "message": fake.post(GROUP, USER, "x")})
    assert update_id == 500 and fake.pending_updates == 2


# -- editing, deleting, callbacks, reactions ---------------------------------------------------


async def test_edit_rules(fake, bot):
    kb = keyboard("take")
    card = await bot.send_message(STAFF, "Статус: <b>новая</b>", reply_markup=kb)
    edit = {"chat_id": STAFF, "message_id": card.message_id}
    with pytest.raises(TelegramBadRequest, match="Bad Request: message is not modified: specified"):
        await bot.edit_message_text("Статус: <b>новая</b>", reply_markup=kb, **edit)
    edited = await bot.edit_message_text("Статус: <b>в работе</b>", reply_markup=kb, **edit)
    assert edited.text == "Статус: в работе" and edited.edit_date is not None
    await bot.edit_message_text("Статус: <b>в работе</b>", **edit)  # no markup: keyboard gone
    assert "reply_markup" not in fake.message(STAFF, card.message_id)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.edit_message_text("x" * 4097, **edit)
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.edit_message_text("<b>x", **edit)
    with pytest.raises(TelegramBadRequest, match="there is no caption in the message to edit"):
        await bot.edit_message_caption(caption="подпись", **edit)

    post = fake.post(STAFF, USER, "чужое")
    with pytest.raises(TelegramBadRequest, match="Bad Request: message can't be edited"):
        await bot.edit_message_text("моё", chat_id=STAFF, message_id=post["message_id"])
    with pytest.raises(TelegramBadRequest, match="Bad Request: message to edit not found"):
        await bot.edit_message_text("где", chat_id=STAFF, message_id=999)

    photo_id = fake.post(STAFF, USER, photo=True)["photo"][0]["file_id"]
    photo = await bot.send_photo(STAFF, photo_id, caption="до")
    with pytest.raises(TelegramBadRequest, match="there is no text in the message to edit"):
        await bot.edit_message_text("текст", chat_id=STAFF, message_id=photo.message_id)
    after = await bot.edit_message_caption(
        chat_id=STAFF, message_id=photo.message_id, caption="<i>после</i>"
    )
    assert after.caption == "после" and after.caption_entities[0].type == "italic"


async def test_delete_rules(fake, bot):
    own = await bot.send_message(GROUP, "моё")
    assert await bot.delete_message(GROUP, own.message_id)
    with pytest.raises(TelegramBadRequest, match="Bad Request: message to delete not found"):
        await bot.delete_message(GROUP, own.message_id)
    post = fake.post(GROUP, USER, "спам")
    assert await bot.delete_message(GROUP, post["message_id"])  # admin with can_delete_messages
    assert fake.messages(GROUP) == []

    old = await bot.send_message(GROUP, "давнее")
    fake.age_message(GROUP, old.message_id, 48 * 3600 + 1)
    with pytest.raises(TelegramBadRequest, match="Bad Request: message can't be deleted"):
        await bot.delete_message(GROUP, old.message_id)

    fake.add_chat(STAFF, bot_rights={"can_delete_messages": False})
    post = fake.post(STAFF, USER, "чужое")
    with pytest.raises(TelegramBadRequest, match="message can't be deleted"):
        await bot.delete_message(STAFF, post["message_id"])
    assert await bot.delete_message(STAFF, (await bot.send_message(STAFF, "своё")).message_id)

    fake.add_chat(GROUP, bot_status="member")
    post = fake.post(GROUP, USER, "чужое")
    with pytest.raises(TelegramBadRequest, match="message can't be deleted"):
        await bot.delete_message(GROUP, post["message_id"])
    private = fake.post(USER, USER, "личное")
    assert await bot.delete_message(USER, private["message_id"])


async def test_pin_rules(fake, bot):
    own = await bot.send_message(GROUP, "дорожная карта")
    assert await bot.pin_chat_message(GROUP, own.message_id, disable_notification=True)
    assert fake.pinned(GROUP) == [own.message_id]
    # A group gets the "pinned" service message, from the bot: bots are not sent it.
    service = fake.messages(GROUP)[-1]
    assert service["pinned_message"]["message_id"] == own.message_id
    assert service["from"]["is_bot"] and await bot.get_updates() == []
    chat = await bot.get_chat(GROUP)
    assert chat.pinned_message.message_id == own.message_id
    with pytest.raises(TelegramBadRequest, match="Bad Request: message to pin not found"):
        await bot.pin_chat_message(GROUP, 999_999)
    # Pinning again makes it the latest, once.
    other = await bot.send_message(GROUP, "другое")
    await bot.pin_chat_message(GROUP, other.message_id)
    await bot.pin_chat_message(GROUP, own.message_id)
    assert fake.pinned(GROUP) == [other.message_id, own.message_id]

    fake.add_chat(STAFF, bot_rights={"can_pin_messages": False})
    mine = await bot.send_message(STAFF, "моё")
    with pytest.raises(TelegramBadRequest, match="not enough rights to manage pinned messages"):
        await bot.pin_chat_message(STAFF, mine.message_id)
    fake.add_chat(GROUP, bot_status="member")
    mine = await bot.send_message(GROUP, "моё")
    with pytest.raises(TelegramBadRequest, match="not enough rights to manage pinned messages"):
        await bot.pin_chat_message(GROUP, mine.message_id)
    assert fake.pinned(GROUP) == []
    private = fake.post(USER, USER, "личное")
    assert await bot.pin_chat_message(USER, private["message_id"])


async def test_answer_callback_query_once(fake, bot):
    card = await bot.send_message(STAFF, "Заявка", reply_markup=keyboard("take"))
    query_id = fake.press(STAFF, card.message_id, USER, "take")
    [update] = await bot.get_updates()
    assert update.callback_query.id == query_id and update.callback_query.data == "take"
    assert update.callback_query.message.message_id == card.message_id

    with pytest.raises(TelegramBadRequest, match="MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(query_id, text="я" * 201)
    assert await bot.answer_callback_query(query_id, text="Принято", show_alert=True)
    assert fake.callback_answer(query_id)["show_alert"] is True
    invalid = "query is too old and response timeout expired or query ID is invalid"
    with pytest.raises(TelegramBadRequest, match=invalid):
        await bot.answer_callback_query(query_id)
    with pytest.raises(TelegramBadRequest, match=invalid):
        await bot.answer_callback_query("123456789")
    assert fake.sent("answerCallbackQuery")[0].params["show_alert"] is True


async def test_reactions_must_be_from_telegrams_list(fake, bot):
    post = fake.post(GROUP, USER, "Спасибо")
    mid = post["message_id"]
    for emoji in ("👍", "❤", "\U0001f468\u200d\U0001f4bb"):
        assert await bot.set_message_reaction(GROUP, mid, [ReactionTypeEmoji(emoji=emoji)])
    assert fake.reactions(GROUP, mid) == ["\U0001f468\u200d\U0001f4bb"]
    for emoji in ("❤️", "🙂"):  # "❤" with VS16 is not in the list
        with pytest.raises(TelegramBadRequest, match="Bad Request: REACTION_INVALID"):
            await bot.set_message_reaction(GROUP, mid, [ReactionTypeEmoji(emoji=emoji)])
    two = [ReactionTypeEmoji(emoji="👍"), ReactionTypeEmoji(emoji="🔥")]
    with pytest.raises(TelegramBadRequest, match="REACTIONS_TOO_MANY"):
        await bot.set_message_reaction(GROUP, mid, two)
    with pytest.raises(TelegramBadRequest, match="message to react not found"):
        await bot.set_message_reaction(GROUP, 999, [ReactionTypeEmoji(emoji="👍")])
    assert await bot.set_message_reaction(GROUP, mid, [])
    assert fake.reactions(GROUP, mid) == []


# -- chats, members, copies, commands ----------------------------------------------------------


async def test_chat_and_member_queries(fake, bot):
    assert (await bot.get_chat(GROUP)).title == "Двор"
    me = await bot.get_chat_member(GROUP, fake.bot_id)
    assert isinstance(me, ChatMemberAdministrator) and me.can_delete_messages
    fake.set_member(GROUP, OTHER, "creator")
    admins = await bot.get_chat_administrators(GROUP)
    assert {(a.status, a.user.id) for a in admins} == {
        ("creator", OTHER),
        ("administrator", fake.bot_id),
    }
    assert (await bot.get_chat_member(GROUP, USER)).status == "left"
    with pytest.raises(TelegramBadRequest, match="user not found"):
        await bot.get_chat_member(GROUP, 424242)
    assert (await bot.get_me()).username == "akimat_desk_bot"


async def test_ban_needs_the_right(fake, bot):
    fake.set_member(GROUP, USER)
    assert await bot.ban_chat_member(GROUP, USER)
    assert fake.banned(GROUP) == {USER}
    assert (await bot.get_chat_member(GROUP, USER)).status == "kicked"
    assert await bot.unban_chat_member(GROUP, USER, only_if_banned=True)
    assert fake.banned(GROUP) == set()

    fake.add_chat(STAFF, bot_rights={"can_restrict_members": False})
    rights = "Bad Request: not enough rights to restrict/unrestrict chat member"
    with pytest.raises(TelegramBadRequest, match=rights):
        await bot.ban_chat_member(STAFF, USER)
    fake.set_member(GROUP, OTHER, "creator")
    with pytest.raises(TelegramBadRequest, match="can't remove chat owner"):
        await bot.ban_chat_member(GROUP, OTHER)


async def test_copy_and_forward(fake, bot):
    post = fake.post(GROUP, USER, "<b>как есть</b>")
    copied = await bot.copy_message(STAFF, GROUP, post["message_id"])
    [copy] = fake.bot_messages(STAFF)
    assert copy["message_id"] == copied.message_id and copy["text"] == "<b>как есть</b>"
    forwarded = await bot.forward_message(STAFF, GROUP, post["message_id"])
    assert forwarded.forward_origin.sender_user.id == USER
    with pytest.raises(TelegramBadRequest, match="message to copy not found"):
        await bot.copy_message(STAFF, GROUP, 999)
    join = fake.join(GROUP, OTHER)
    with pytest.raises(TelegramBadRequest, match="message can't be copied"):
        await bot.copy_message(STAFF, GROUP, join["message_id"])


async def test_commands_are_validated_and_stored(fake, bot):
    commands = [BotCommand(command="start", description="Начать")]
    scope = BotCommandScopeAllPrivateChats()
    assert await bot.set_my_commands(commands, scope=scope, language_code="ru")
    assert fake.my_commands({"type": "all_private_chats"}, "ru") == [
        {"command": "start", "description": "Начать"}
    ]
    stored = await bot.get_my_commands(scope=scope, language_code="ru")
    assert [c.command for c in stored] == ["start"]
    assert await bot.get_my_commands() == []
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Start", description="x")])
    assert await bot.delete_my_commands(scope=scope, language_code="ru")
    assert fake.my_commands({"type": "all_private_chats"}, "ru") == []


async def test_send_chat_action(bot):
    assert await bot.send_chat_action(GROUP, "typing")
    with pytest.raises(TelegramBadRequest, match="wrong parameter action in request"):
        await bot.send_chat_action(GROUP, "dancing")


# -- the real Dispatcher -----------------------------------------------------------------------


async def test_dispatcher_long_polling_end_to_end(fake, bot):
    dispatcher = Dispatcher()

    @dispatcher.message(CommandStart())
    async def greet(message: Message) -> None:
        await message.answer(f"Привет, <b>{html.escape(message.from_user.first_name)}</b>!")

    fake.post(USER, USER, "/start")  # waiting before the bot starts
    polling = asyncio.create_task(
        dispatcher.start_polling(bot, polling_timeout=1, handle_signals=False)
    )
    try:
        await fake.wait_until(lambda: len(fake.bot_messages(USER)) == 1)
        fake.post(USER, USER, "/start")
        await fake.wait_until(lambda: len(fake.bot_messages(USER)) == 2)
        await fake.wait_idle()
    finally:
        await dispatcher.stop_polling()
        await asyncio.wait_for(polling, 5)
    reply = fake.bot_messages(USER)[-1]
    assert reply["text"] == "Привет, Айгерім!" and reply["entities"][0]["type"] == "bold"
    polls = [c for c in fake.calls if c.method == "getUpdates"]
    assert polls[0].params["allowed_updates"] == ["message"]
    assert fake.pending_updates == 0


async def test_wait_until_reports_what_happened(fake, bot):
    await bot.send_message(GROUP, "последнее")
    with pytest.raises(AssertionError) as caught:
        await fake.wait_until(lambda: fake.bot_messages(STAFF), timeout=0.05)
    report = str(caught.value)
    assert "still false after 0.05 s" in report and "последнее" in report
