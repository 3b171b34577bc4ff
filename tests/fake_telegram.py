"""A strict fake of the Telegram Bot API, served over real HTTP for end-to-end tests.

``FakeTelegram`` runs an aiohttp server on 127.0.0.1 (random free port) that speaks the Bot API
wire protocol, so the production ``aiogram.Bot`` and ``Dispatcher`` (long polling) talk to it
exactly as they talk to api.telegram.org::

    fake = FakeTelegram()
    await fake.start()
    session = AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url))
    bot = Bot(token=fake.token, session=session)

It simulates a small Telegram world: users, private chats, groups, supergroups, forum topics and
channels, the messages in them and the bot's queue of pending updates.  A test acts as the other
people in that world (``post``, ``edit``, ``press``, ``join``, ``add_bot_to_chat`` ...) and then
inspects what the bot did (``calls``, ``sent``, ``messages``, ``bot_messages``).

The fake is deliberately strict, because a lenient fake hides the bugs that real Telegram rejects.
Every request is validated the way Telegram validates it and fails with Telegram's HTTP status and
``description``: HTML parse errors with byte offsets, text/caption limits in UTF-16 code units,
callback_data limits in UTF-8 bytes, button URLs, reply targets, forum threads, file identifiers,
privacy mode, bot rights, the 48-hour deletion window, "message is not modified", one getUpdates at
a time, ``allowed_updates`` and more.  Faults can be injected: scripted errors (``fail``), random
429/5xx (``fault_rate``), slow answers (``delay``) and a per-group flood limit
(``group_rate_limit``).

Where the fake is *stricter* than Telegram, the rule says so:

* in HTML, an "&" that does not start ``&lt;`` ``&gt;`` ``&amp;`` ``&quot;`` or a numeric
  reference (with its ";") is an error (Telegram keeps it literally), and ``<a>`` needs ``href``;
* an inline button must have exactly one action (Telegram uses the first one it finds);
* Markdown parse modes are refused: only HTML is implemented.

The module is organised as: ``HtmlParser`` (parse_mode=HTML), ``Params`` and ``Validate``
(request parameters and Telegram's checks on them), ``World`` / ``ChatState`` / ``UpdateQueue``
(the simulated state and the people acting in it), ``BotApi`` (the Bot API methods), ``Faults``
(fault injection) and ``FakeTelegram`` (the HTTP server, call log and waiting helpers).
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import copy
import inspect
import itertools
import json
import logging
import math
import mimetypes
import random
import re
import socket
import string
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from aiogram import methods as aiogram_methods
from aiogram.methods.base import TelegramMethod
from aiogram.types import Update
from aiohttp import web
from pydantic import ValidationError

logger = logging.getLogger(__name__)

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_ANSWER_LIMIT = 200
CALLBACK_DATA_LIMIT = 64
DELETE_WINDOW = 48 * 3600
MAX_POLL_TIMEOUT = 50

CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)

# Telegram's list of emoji a bot may react with (ReactionTypeEmoji), written without VS16.
ALLOWED_REACTIONS = frozenset(
    [
        "👍", "👎", "❤", "🔥", "🥰", "👏", "😁", "🤔", "🤯", "😱", "🤬", "😢", "🎉", "🤩",
        "🤮", "💩", "🙏", "👌", "🕊", "🤡", "🥱", "🥴", "😍", "🐳", "\u2764\u200d\U0001f525",
        "🌚", "🌭", "💯", "🤣", "⚡", "🍌", "🏆", "💔", "🤨", "😐", "🍓", "🍾", "💋", "🖕",
        "😈", "😴", "😭", "🤓", "👻", "\U0001f468\u200d\U0001f4bb", "👀", "🎃", "🙈", "😇",
        "😨", "🤝", "✍", "🤗", "🫡", "🎅", "🎄", "☃", "💅", "🤪", "🗿", "🆒", "💘", "🙉",
        "🦄", "😘", "💊", "🙊", "😎", "👾", "\U0001f937\u200d\u2642", "🤷",
        "\U0001f937\u200d\u2640", "😡",
    ]
)  # fmt: skip

# Update types a bot receives when it never asked for specific ones (or sent an empty list).
NOT_DELIVERED_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note",
        "upload_video_note",
    }
)  # fmt: skip

BUTTON_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
)  # fmt: skip

COMMAND_SCOPES = frozenset(
    {
        "default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat",
        "chat_administrators", "chat_member",
    }
)  # fmt: skip

# Message fields that carry content (copyMessage copies them; a message without any is a
# service message).
CONTENT_FIELDS = (
    "text", "entities", "photo", "document", "video", "voice", "audio", "animation", "sticker",
    "video_note", "location", "venue", "contact", "poll", "dice", "caption", "caption_entities",
)  # fmt: skip
CAPTIONED_MEDIA = ("photo", "video", "document", "audio", "animation", "voice")
UNDELETABLE_SERVICE = (
    "group_chat_created", "supergroup_chat_created", "channel_chat_created",
    "forum_topic_created",
)  # fmt: skip
SERVICE_FIELDS = (
    "new_chat_members", "left_chat_member", "new_chat_title", "new_chat_photo", "pinned_message",
    "migrate_to_chat_id", "migrate_from_chat_id", *UNDELETABLE_SERVICE,
)  # fmt: skip

FILE_ID_PREFIX = {
    "photo": "AgACAgIAAxkBAAI",
    "document": "BQACAgIAAxkBAAI",
    "video": "BAACAgIAAxkBAAI",
    "voice": "AwACAgIAAxkBAAI",
    "sticker": "CAACAgIAAxkBAAI",
}

# The placeholder senders Telegram puts in "from" of messages sent on behalf of a chat.
ANONYMOUS_ADMIN = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}
CHANNEL_SENDER = {
    "id": 136817688,
    "is_bot": True,
    "first_name": "Channel",
    "username": "Channel_Bot",
}
PLACEHOLDER_SENDERS = frozenset({ANONYMOUS_ADMIN["id"], CHANNEL_SENDER["id"]})

DEFAULT_ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_send_welcome_messages": False,
    "can_pin_messages": True,
    "can_manage_topics": True,
    "can_post_messages": True,
    "can_edit_messages": True,
}

RESTRICTED_MEMBER_FIELDS = (
    "can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos",
    "can_send_videos", "can_send_video_notes", "can_send_voice_notes", "can_send_polls",
    "can_send_other_messages", "can_add_web_page_previews", "can_react_to_messages",
    "can_edit_tag", "can_change_info", "can_invite_users", "can_pin_messages",
    "can_manage_topics",
)  # fmt: skip

# Every method name real Telegram knows (lower case): unimplemented ones are answered loudly.
TELEGRAM_METHODS = frozenset(
    obj.__api_method__.lower()
    for obj in vars(aiogram_methods).values()
    if isinstance(obj, type)
    and issubclass(obj, TelegramMethod)
    and isinstance(obj.__dict__.get("__api_method__"), str)
)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's limits and entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def is_valid_url(url: str) -> bool:
    """A URL Telegram accepts for a link or a button: http(s)/ftp with a real host, tg://..."""
    parts = urlsplit(url.strip())
    if parts.scheme in ("http", "https", "ftp"):
        return "." in (parts.hostname or "")
    if parts.scheme == "tg":
        return bool(parts.netloc or parts.path)
    if parts.scheme == "":
        host = url.split("/", 1)[0]
        return "." in host and " " not in host
    return parts.scheme in ("mailto", "ton")


class TelegramError(Exception):
    """An error response: HTTP status == error_code, a description and ResponseParameters."""

    def __init__(self, error_code: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> TelegramError:
    return TelegramError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> TelegramError:
    return TelegramError(403, f"Forbidden: {reason}")


def too_many_requests(retry_after: int) -> TelegramError:
    return TelegramError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


@dataclass
class Call:
    """One request the bot made, listed in order of arrival (``at``: its time.monotonic()).

    ``params`` has JSON strings decoded and numeric/boolean strings converted.  The outcome
    (``ok``, ``result`` or ``error_code`` + ``description``) is filled in when the answer is
    ready; until then ``done`` is False (a waiting long poll, a slow request).
    """

    method: str
    params: dict[str, Any]
    ok: bool = False
    result: Any = None
    error_code: int | None = None
    description: str | None = None
    at: float = 0.0
    done: bool = False

    def finish(self, result: Any = None, error: TelegramError | None = None) -> None:
        self.ok = error is None
        self.result = result
        if error is not None:
            self.error_code, self.description = error.error_code, error.description
        self.done = True


# --------------------------------------------------------------------------------------------
# parse_mode=HTML
# --------------------------------------------------------------------------------------------


@dataclass
class _OpenTag:
    tag: str
    argument: str
    offset: int  # UTF-16 offset in the parsed text where the tag's content starts


_SPACES = frozenset(b" \t\r\n\v\0")  # tdlib's is_space; 0 also marks the end of input
_NAME_TOKEN = frozenset(string.ascii_letters.encode() + string.digits.encode() + b".-")
_NAMED_REFERENCES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_REFERENCE = re.compile(rb"&(?:#([0-9]{1,7})|#x([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_HTML_TAGS = frozenset({*_SIMPLE_TAGS, "a", "code", "pre", "blockquote", "tg-emoji"})


class HtmlParser:
    """Telegram's ``parse_mode=HTML``, following tdlib's parser: same tags, same error texts.

    Works on the UTF-8 bytes because Telegram reports errors at byte offsets; produces the plain
    text and its entities with offsets and lengths in UTF-16 code units.  Use
    ``HtmlParser(text).parse()``; errors are raised as 400 "can't parse entities: ...".
    """

    def __init__(self, text: str) -> None:
        self._src = text.encode("utf-8")
        self._pos = 0
        self._out = bytearray()
        self._utf16 = 0
        self._open: list[_OpenTag] = []
        self._entities: list[dict[str, Any]] = []

    def parse(self) -> tuple[str, list[dict[str, Any]]]:
        while self._pos < len(self._src):
            byte = self._src[self._pos]
            if byte == ord("&"):
                code_point, self._pos = self._reference(self._pos)
                self._out += chr(code_point).encode("utf-8", "surrogatepass")
                self._utf16 += 2 if code_point > 0xFFFF else 1
            elif byte == ord("<"):
                if self._byte(self._pos + 1) == ord("/"):
                    self._end_tag()
                else:
                    self._start_tag()
            else:
                self._out.append(byte)
                if byte & 0xC0 != 0x80:  # first byte of a character; 4-byte ones are 2 units
                    self._utf16 += 2 if byte >= 0xF0 else 1
                self._pos += 1
        if self._open:
            tag = self._open[-1].tag
            raise self._error(f'Can\'t find end tag corresponding to start tag "{tag}"')
        try:
            text = self._out.decode("utf-8")
        except UnicodeDecodeError:
            raise bad_request(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            ) from None
        for entity in self._entities:
            if entity["type"] == "code":
                entity.pop("language", None)  # a language only survives on <pre>
        return text, sorted(self._entities, key=lambda e: (e["offset"], -e["length"]))

    @staticmethod
    def _error(reason: str) -> TelegramError:
        return bad_request(f"can't parse entities: {reason}")

    def _byte(self, pos: int) -> int:
        return self._src[pos] if pos < len(self._src) else 0

    def _skip_spaces(self, pos: int) -> int:
        while pos < len(self._src) and self._src[pos] in _SPACES:
            pos += 1
        return pos

    def _text(self, begin: int, end: int) -> str:
        return self._src[begin:end].decode("utf-8", "replace").lower()

    def _reference(self, pos: int) -> tuple[int, int]:
        """Decode the character reference at ``pos``; stricter than Telegram (see module doc)."""
        match = _REFERENCE.match(self._src, pos)
        code_point = 0
        if match and match[1]:
            code_point = int(match[1])
        elif match and match[2]:
            code_point = int(match[2], 16)
        elif match and match[3].decode() in _NAMED_REFERENCES:
            code_point = ord(_NAMED_REFERENCES[match[3].decode()])
        if match is None or not 0 < code_point < 0x10FFFF:
            raise self._error(
                f'Unsupported character reference at byte offset {pos}: escape "&" as "&amp;"'
            )
        return code_point, match.end()

    def _start_tag(self) -> None:
        begin = pos = self._pos
        pos += 1
        while self._byte(pos) not in _SPACES and self._byte(pos) != ord(">"):
            pos += 1
        if pos >= len(self._src):
            raise self._error(f"Unclosed start tag at byte offset {begin}")
        tag = self._text(begin + 1, pos)
        if tag not in _HTML_TAGS:
            raise self._error(f'Unsupported start tag "{tag}" at byte offset {begin}')
        attributes: dict[str, str] = {}
        while True:
            pos = self._skip_spaces(pos)
            if self._byte(pos) == ord(">"):
                break
            if pos >= len(self._src):
                raise self._error(f'Unclosed start tag "{tag}" at byte offset {begin}')
            name_begin = pos
            while self._byte(pos) not in _SPACES and self._byte(pos) not in b"=>":
                pos += 1
            name = self._text(name_begin, pos)
            if not name:
                raise self._error(f'Empty attribute name in the tag "{tag}" at byte offset {begin}')
            pos = self._skip_spaces(pos)
            if self._byte(pos) != ord("="):
                if pos >= len(self._src):
                    raise self._error(f'Unclosed start tag "{tag}" at byte offset {begin}')
                if tag == "blockquote" and name == "expandable":
                    attributes[name] = ""
                    continue
                raise self._error(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {begin}'
                )
            pos = self._skip_spaces(pos + 1)
            if pos >= len(self._src):
                raise self._error(f'Unclosed start tag "{tag}" at byte offset {begin}')
            attributes[name], pos = self._attribute_value(pos)
            if pos >= len(self._src):
                raise self._error(f"Unclosed start tag at byte offset {begin}")
        self._pos = pos + 1
        self._open.append(_OpenTag(tag, self._argument(tag, attributes, begin), self._utf16))

    def _attribute_value(self, pos: int) -> tuple[str, int]:
        quote = self._byte(pos)
        if quote not in b"'\"":  # a name token: letters, digits, periods, hyphens
            begin = pos
            while self._byte(pos) in _NAME_TOKEN:
                pos += 1
            if self._byte(pos) not in _SPACES and self._byte(pos) != ord(">"):
                raise self._error(f"Unexpected end of name token at byte offset {begin}")
            return self._text(begin, pos), pos
        pos += 1
        value = bytearray()
        while pos < len(self._src) and self._src[pos] != quote:
            if self._src[pos] == ord("&"):
                code_point, pos = self._reference(pos)
                value += chr(code_point).encode("utf-8", "surrogatepass")
            else:
                value.append(self._src[pos])
                pos += 1
        if pos < len(self._src):
            pos += 1
        return value.decode("utf-8", "replace"), pos

    def _argument(self, tag: str, attributes: dict[str, str], begin: int) -> str:
        if tag == "a":
            if not attributes.get("href"):
                raise self._error(f'Tag "a" must have attribute "href" at byte offset {begin}')
            return attributes["href"]
        if tag == "span" and attributes.get("class") != "tg-spoiler":
            raise self._error(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
        if tag == "tg-emoji":
            emoji_id = attributes.get("emoji-id", "")
            if not re.fullmatch(r"[0-9]{1,19}", emoji_id) or not 0 < int(emoji_id) < 2**63:
                raise self._error("Invalid custom emoji identifier specified")
            return emoji_id
        if tag == "code":
            css_class = attributes.get("class", "")
            return css_class.removeprefix("language-") if css_class.startswith("language-") else ""
        if tag == "blockquote":
            return "expandable" if "expandable" in attributes else ""
        return ""

    def _end_tag(self) -> None:
        begin = pos = self._pos
        if not self._open:
            raise self._error(f"Unexpected end tag at byte offset {begin}")
        pos += 2
        while self._byte(pos) not in _SPACES and self._byte(pos) != ord(">"):
            pos += 1
        name = self._text(begin + 2, pos)
        pos = self._skip_spaces(pos)
        if self._byte(pos) != ord(">"):
            raise self._error(f"Unclosed end tag at byte offset {begin}")
        opened = self._open[-1]
        if name and name != opened.tag:
            raise self._error(
                f'Unmatched end tag at byte offset {begin}, expected "</{opened.tag}>", '
                f'found "</{name}>"'
            )
        self._open.pop()
        self._pos = pos + 1
        self._add_entity(opened)

    def _add_entity(self, opened: _OpenTag) -> None:
        length = self._utf16 - opened.offset
        if length <= 0:
            return
        entity: dict[str, Any] = {"offset": opened.offset, "length": length}
        if opened.tag in _SIMPLE_TAGS:
            entity["type"] = _SIMPLE_TAGS[opened.tag]
        elif opened.tag == "blockquote":
            entity["type"] = "expandable_blockquote" if opened.argument else "blockquote"
        elif opened.tag == "a":
            if not is_valid_url(opened.argument):
                return  # Telegram silently drops links it cannot use
            entity.update(type="text_link", url=opened.argument)
        elif opened.tag == "tg-emoji":
            entity.update(type="custom_emoji", custom_emoji_id=opened.argument)
        elif opened.tag == "code":
            entity["type"] = "code"
            if opened.argument:
                entity["language"] = opened.argument  # kept only if a <pre> wraps it exactly
        else:  # pre, possibly wrapping <code class="language-...">
            entity["type"] = "pre"
            last = self._entities[-1] if self._entities else None
            wrapped = (last["type"], last["offset"], last["length"]) if last else None
            if last and wrapped == ("code", opened.offset, length):
                self._entities.pop()
                if "language" in last:
                    entity["language"] = last["language"]
        self._entities.append(entity)


# --------------------------------------------------------------------------------------------
# Request parameters and Telegram's checks on them
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    """A file uploaded in a multipart request."""

    filename: str
    content_type: str
    data: bytes


_INTEGER_PARAMS = frozenset(
    {
        "chat_id", "from_chat_id", "message_id", "message_thread_id", "reply_to_message_id",
        "user_id", "offset", "limit", "timeout", "until_date", "cache_time", "duration",
        "width", "height",
    }
)  # fmt: skip
_BOOLEAN_PARAMS = frozenset(
    {
        "disable_notification", "protect_content", "allow_sending_without_reply", "show_alert",
        "is_big", "revoke_messages", "only_if_banned", "drop_pending_updates", "has_spoiler",
        "show_caption_above_media", "disable_content_type_detection", "supports_streaming",
        "disable_web_page_preview", "allow_paid_broadcast", "remove_caption",
    }
)  # fmt: skip
_JSON_PARAMS = frozenset(
    {
        "reply_markup", "reply_parameters", "allowed_updates", "reaction", "commands", "scope",
        "entities", "caption_entities", "link_preview_options", "permissions", "media",
    }
)  # fmt: skip
_INTEGER = re.compile(r"[+-]?[0-9]+")


class Params:
    """The parameters of one request (query string + form/multipart/JSON body).

    Form values arrive as strings, JSON-body values already typed; the getters accept both and
    fail with the Bot API's errors.  Telegram treats an empty string as an absent parameter.
    """

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __contains__(self, name: str) -> bool:
        return self.raw.get(name) not in (None, "")

    def recorded(self) -> dict[str, Any]:
        """The parameters as a test wants to read them (see ``Call.params``)."""
        result: dict[str, Any] = {}
        for name, value in self.raw.items():
            if isinstance(value, Upload):
                value = {"upload": value.filename, "size": len(value.data)}
            elif isinstance(value, str) and name in _JSON_PARAMS:
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
            elif isinstance(value, str) and name in _INTEGER_PARAMS and _INTEGER.fullmatch(value):
                value = int(value)
            elif isinstance(value, str) and name in _BOOLEAN_PARAMS:
                value = {"true": True, "false": False}.get(value.lower(), value)
            result[name] = value
        return result

    def integer(self, name: str, *, default: int | None = None) -> int | None:
        if name not in self:
            return default
        value = self.raw[name]
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
            return int(value)
        raise bad_request(f"invalid {name} specified")

    def string(self, name: str, *, required: bool = False) -> str | None:
        if name not in self:
            if required:
                raise bad_request(f"{name} is empty")
            return None
        value = self.raw[name]
        if isinstance(value, Upload):
            raise bad_request(f'field "{name}" must be of type String')
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, dict | list):
            return json.dumps(value)
        try:
            str(value).encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates sent through a JSON body
            raise bad_request("strings must be encoded in UTF-8") from None
        return str(value)

    def boolean(self, name: str) -> bool:
        if name not in self:
            return False
        value = self.raw[name]
        if isinstance(value, bool):
            return value
        text = str(value).lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise bad_request(f'field "{name}" must be of type Boolean')

    def json(self, name: str, what: str) -> Any:
        """A JSON-serialised parameter; ``what`` names it in the error, as Telegram does."""
        if name not in self:
            return None
        value = self.raw[name]
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {what} JSON object") from None
        if isinstance(value, dict | list):
            return value
        raise bad_request(f"can't parse {what} JSON object")

    def chat_ref(self, name: str = "chat_id") -> int | str:
        """A chat identifier: an integer or "@username"."""
        if name not in self:
            raise bad_request(f"{name} is empty")
        return parse_chat_ref(self.raw[name])

    def message_id(self) -> int:
        message_id = self.integer("message_id")
        if message_id is None:
            if "inline_message_id" in self:
                raise bad_request("inline messages are not supported by the fake Telegram server")
            raise bad_request("message identifier is not specified")
        return message_id

    def file(self, name: str) -> Upload | str | None:
        """A file: an uploaded part (directly or via "attach://<part>") or a file_id/URL."""
        if name not in self:
            return None
        value = self.raw[name]
        if isinstance(value, str) and value.startswith("attach://"):
            value = self.raw.get(value.removeprefix("attach://"))
            if not isinstance(value, Upload):
                raise bad_request("wrong file identifier/HTTP URL specified")
        return value if isinstance(value, Upload) else str(value)


def parse_chat_ref(value: Any) -> int | str:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"@[A-Za-z0-9_]{4,32}", value):
        return value
    raise bad_request("chat not found")


_TRIMMED = " \t\r\n"


class Validate:
    """Telegram's checks on what a message is made of: text, keyboards, reactions, commands."""

    @staticmethod
    def photo(data: bytes) -> None:
        """An uploaded photo must be an image Telegram can decode, at most 10 MB, with
        width + height at most 10000 and a side ratio at most 20 (PNG dimensions read)."""
        if len(data) > 10 * 1024 * 1024:
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            if len(data) < 33 or data[12:16] != b"IHDR":
                raise bad_request("IMAGE_PROCESS_FAILED")
            width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
            if not width or not height or width + height > 10000:
                raise bad_request("PHOTO_INVALID_DIMENSIONS")
            if max(width, height) / min(width, height) > 20:
                raise bad_request("PHOTO_INVALID_DIMENSIONS")
        elif not data.startswith((b"\xff\xd8\xff", b"GIF8")) and data[8:12] != b"WEBP":
            raise bad_request("IMAGE_PROCESS_FAILED")

    @staticmethod
    def formatted_text(
        params: Params, text_field: str, entities_field: str, *, caption: bool
    ) -> tuple[str, list[dict[str, Any]]]:
        """The parsed, trimmed text (or caption) and its entities, within Telegram's limits."""
        raw = params.string(text_field) or ""
        explicit = params.json(entities_field, "message entities")
        if explicit is not None:  # explicit entities win over parse_mode, as in Telegram
            Validate._entities(explicit)
            text, entities = raw, explicit
        else:
            mode = (params.string("parse_mode") or "").lower()
            if mode == "html":
                text, entities = HtmlParser(raw).parse()
            elif mode in ("markdown", "markdownv2"):
                raise bad_request(
                    f'unsupported parse_mode "{params.string("parse_mode")}": '
                    "the fake Telegram server implements only HTML"
                )
            elif mode:
                raise bad_request("unsupported parse_mode")
            else:
                text, entities = raw, []
        text, entities = Validate._trim(text, entities)
        if caption and utf16_len(text) > CAPTION_LIMIT:
            raise bad_request("message caption is too long")
        if not caption and not text:
            raise bad_request("message text is empty")
        if not caption and utf16_len(text) > TEXT_LIMIT:
            raise bad_request("message is too long")
        return text, entities

    @staticmethod
    def _entities(entities: Any) -> None:
        valid = isinstance(entities, list) and all(
            isinstance(e, dict)
            and isinstance(e.get("type"), str)
            and isinstance(e.get("offset"), int)
            and isinstance(e.get("length"), int)
            and e["offset"] >= 0
            and e["length"] > 0
            for e in entities
        )
        if not valid:
            raise bad_request("can't parse entities JSON object")

    @staticmethod
    def _trim(text: str, entities: list[dict]) -> tuple[str, list[dict]]:
        """Telegram strips leading and trailing whitespace; entities are clipped to match."""
        left = text.lstrip(_TRIMMED)
        shift = utf16_len(text) - utf16_len(left)
        trimmed = left.rstrip(_TRIMMED)
        total = utf16_len(trimmed)
        fixed = []
        for entity in entities:
            start = max(entity["offset"] - shift, 0)
            end = min(entity["offset"] + entity["length"] - shift, total)
            if end > start:
                fixed.append({**entity, "offset": start, "length": end - start})
        return trimmed, fixed

    @staticmethod
    def reply_markup(params: Params, *, inline_only: bool = False) -> dict | None:
        """The inline keyboard to store on the message, or None (no/removed/other keyboard)."""
        markup = params.json("reply_markup", "reply keyboard markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise bad_request("object expected as reply markup")
        if "inline_keyboard" in markup:
            rows = Validate._inline_keyboard(markup["inline_keyboard"])
            return {"inline_keyboard": rows} if any(rows) else None
        if inline_only:
            raise bad_request("inline keyboard expected")
        if "keyboard" in markup:
            rows = markup["keyboard"]
            valid = isinstance(rows, list) and all(
                isinstance(row, list)
                and all(
                    (isinstance(button, str) and bool(button))
                    or (isinstance(button, dict) and isinstance(button.get("text"), str))
                    for button in row
                )
                for row in rows
            )
            if not valid:
                raise bad_request("can't parse reply keyboard markup JSON object")
            return None  # reply keyboards are not part of the Message object
        if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
            return None
        raise bad_request("can't parse reply keyboard markup JSON object")

    @staticmethod
    def _inline_keyboard(rows: Any) -> list[list[dict]]:
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                if not isinstance(button, dict):
                    raise bad_request("InlineKeyboardButton must be an Object")
                if not isinstance(button.get("text"), str):
                    raise bad_request(
                        'can\'t parse inline keyboard button: Field "text" must be of type String'
                    )
                if not button["text"].strip():
                    raise bad_request("BUTTON_TEXT_INVALID")
                actions = [name for name in BUTTON_ACTIONS if name in button]
                if not actions:
                    raise bad_request("text buttons are unallowed in the inline keyboard")
                if len(actions) > 1:  # stricter than Telegram, which takes the first one
                    raise bad_request(
                        "can't parse inline keyboard button: exactly one of the optional fields "
                        f"must be used, found {', '.join(actions)}"
                    )
                data = button.get("callback_data")
                if "callback_data" in button and (
                    not isinstance(data, str)
                    or not 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT
                ):
                    raise bad_request("BUTTON_DATA_INVALID")
                url = button.get("url")
                if "url" in button and not (isinstance(url, str) and is_valid_url(url)):
                    raise bad_request("BUTTON_URL_INVALID")
        return copy.deepcopy(rows)

    @staticmethod
    def reaction(params: Params) -> list[dict]:
        reaction = params.json("reaction", "reaction types")
        if reaction is None:
            return []
        if not isinstance(reaction, list):
            raise bad_request("can't parse reaction types JSON object")
        if len(reaction) > 1:
            raise bad_request("REACTIONS_TOO_MANY")
        for item in reaction:
            if not (
                isinstance(item, dict)
                and item.get("type") == "emoji"
                and item.get("emoji") in ALLOWED_REACTIONS
            ):
                raise bad_request("REACTION_INVALID")
        return reaction

    @staticmethod
    def commands(params: Params) -> list[dict[str, str]]:
        commands = params.json("commands", "bot commands")
        if commands is None:
            return []
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("can't parse bot commands JSON object")
        result = []
        for item in commands:
            if not isinstance(item, dict):
                raise bad_request("can't parse BotCommand: Object expected")
            name, description = item.get("command"), item.get("description")
            if not isinstance(name, str) or not isinstance(description, str):
                raise bad_request("can't parse BotCommand: Can't find field \"description\"")
            name = name.removeprefix("/")
            if not name:
                raise bad_request("command must be non-empty")
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not description.strip():
                raise bad_request("command description must be non-empty")
            if len(description) > 256:
                raise bad_request("command description is too long")
            result.append({"command": name, "description": description})
        return result

    @staticmethod
    def command_scope(params: Params) -> dict[str, Any]:
        scope = params.json("scope", "bot command scope")
        if scope is None:
            return {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in COMMAND_SCOPES:
            raise bad_request("unsupported bot command scope type")
        return scope


# --------------------------------------------------------------------------------------------
# The simulated world
# --------------------------------------------------------------------------------------------


@dataclass
class ChatState:
    """One chat as Telegram knows it, including the bot's standing in it."""

    info: dict[str, Any]  # the Chat object embedded in messages
    bot_status: str = "member"  # administrator | member | left | kicked | absent
    can_read_all: bool = True  # False: privacy mode (commands, replies, mentions only)
    bot_rights: dict[str, bool] = field(default_factory=dict)
    started: bool = False  # private chats: the user has started the bot
    blocked: bool = False  # private chats: the user has blocked the bot
    messages: dict[int, dict] = field(default_factory=dict)  # message_id -> Message, in order
    bot_message_ids: set[int] = field(default_factory=set)  # messages the bot sent
    last_message_id: int = 0
    threads: set[int] = field(default_factory=set)  # forum topics
    members: dict[int, str] = field(default_factory=dict)  # user_id -> ChatMember status
    banned: set[int] = field(default_factory=set)
    reactions: dict[int, list[dict]] = field(default_factory=dict)  # the bot's reactions
    recent_sends: deque[float] = field(default_factory=deque)  # for group_rate_limit

    @property
    def id(self) -> int:
        return self.info["id"]

    @property
    def type(self) -> str:
        return self.info["type"]

    @property
    def is_group(self) -> bool:
        return self.type in ("group", "supergroup")

    @property
    def is_forum(self) -> bool:
        return bool(self.info.get("is_forum"))

    def bot_has_right(self, right: str) -> bool:
        if self.bot_status != "administrator":
            return False
        return self.type == "group" or bool(self.bot_rights.get(right))


def update_kind(update: dict) -> str:
    return next(key for key in update if key != "update_id")


class UpdateQueue:
    """The bot's pending updates, with getUpdates' offset and allowed_updates semantics."""

    def __init__(self) -> None:
        self._items: list[dict] = []
        self._next_id = 1
        self.allowed: frozenset[str] | None = None  # None: Telegram's default set
        self._signal = asyncio.Event()

    def __len__(self) -> int:
        return len(self._items)

    def push(self, update: dict) -> int:
        """Queue an update (assigning the next update_id if it has none); returns its id."""
        update.setdefault("update_id", self._next_id)
        self._next_id = max(self._next_id, update["update_id"] + 1)
        bisect.insort(self._items, update, key=lambda u: u["update_id"])
        self.notify()
        return update["update_id"]

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last -offset."""
        if offset > 0:
            self._items = [u for u in self._items if u["update_id"] >= offset]
        elif offset < 0:
            self._items = self._items[offset:]

    def take(self, limit: int) -> list[dict]:
        """The first ``limit`` deliverable updates; undeliverable ones are dropped for good."""
        self._items = [u for u in self._items if self.is_allowed(update_kind(u))]
        return copy.deepcopy(self._items[:limit])

    def is_allowed(self, kind: str) -> bool:
        if self.allowed is None:
            return kind not in NOT_DELIVERED_BY_DEFAULT
        return kind in self.allowed

    def clear(self) -> None:
        self._items.clear()

    def notify(self) -> None:
        self._signal.set()
        self._signal = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        """Until the next ``notify`` or ``timeout`` seconds."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._signal.wait(), timeout)


_BOT_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@([A-Za-z0-9_]{3,32}))?(?![A-Za-z0-9_@/])")


class World:
    """The simulated Telegram: users, chats and messages, and what people do in them.

    World-setup methods and resident actions raise ``ValueError`` when a test misuses them
    (unknown chat or user, a button press on a message without buttons ...): they describe a
    situation, not a bot request.
    """

    def __init__(self, token: str, bot_id: int, bot_username: str) -> None:
        if not token.startswith(f"{bot_id}:"):
            raise ValueError(f"token {token!r} does not belong to bot_id {bot_id}")
        self.token = token
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_user = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_username.removesuffix("_bot").replace("_", " ").title(),
            "username": bot_username,
        }
        self.users: dict[int, dict] = {}
        self.chats: dict[int, ChatState] = {}
        self.updates = UpdateQueue()
        self.callback_answers: dict[str, dict | None] = {}  # query id -> answer, once given
        self.files: dict[str, tuple[str, Any]] = {}  # file_id -> (kind, media object)
        self.uploads: dict[str, bytes] = {}  # file_id -> the bytes the bot uploaded
        self.commands: dict[tuple[str, str], list[dict]] = {}  # (scope, language) -> commands
        self.group_rate_limit: int | None = None
        self.group_rate_window = 60.0
        self._serial = itertools.count(1)

    # -- world setup ---------------------------------------------------------------------------

    def add_chat(
        self,
        chat_id: int,
        *,
        type: str = "supergroup",  # Telegram's field name
        title: str | None = None,
        bot_status: str = "administrator",
        can_read_all: bool = True,
        is_forum: bool = False,
        username: str | None = None,
        bot_rights: dict[str, bool] | None = None,
    ) -> dict:
        """Create (or replace) a group, supergroup or channel; private chats come from
        ``start_private``.

        ``can_read_all=False`` puts the bot under privacy mode in this chat: it gets only
        commands, replies to it, mentions and service messages (and getMe reports
        can_read_all_group_messages=False).  ``bot_rights`` overrides the bot's administrator
        rights, all granted by default except can_promote_members, e.g.
        ``{"can_delete_messages": False}``.
        """
        if type not in ("group", "supergroup", "channel"):
            raise ValueError(f"add_chat creates groups and channels, not {type!r}")
        if bot_status not in ("administrator", "member", "left", "kicked", "absent"):
            raise ValueError(f"unknown bot_status {bot_status!r}")
        if is_forum and type != "supergroup":
            raise ValueError("only supergroups can be forums")
        unknown = set(bot_rights or {}) - set(DEFAULT_ADMIN_RIGHTS)
        if unknown:
            raise ValueError(f"unknown administrator rights: {sorted(unknown)}")
        info: dict[str, Any] = {"id": chat_id, "type": type, "title": title or f"Chat {chat_id}"}
        if username:
            info["username"] = username
        if is_forum:
            info["is_forum"] = True
        self.chats[chat_id] = ChatState(
            info=info,
            bot_status=bot_status,
            can_read_all=can_read_all,
            bot_rights={**DEFAULT_ADMIN_RIGHTS, **(bot_rights or {})},
        )
        return copy.deepcopy(info)

    def add_topic(self, chat_id: int, thread_id: int | None = None, *, name: str = "Topic") -> int:
        """Create a forum topic; its thread id is the id of its creation service message."""
        chat = self._chat(chat_id)
        if not chat.is_forum:
            raise ValueError(f"chat {chat_id} is not a forum")
        if thread_id is not None:
            if thread_id <= chat.last_message_id:
                raise ValueError(f"message id {thread_id} is already taken in chat {chat_id}")
            chat.last_message_id = thread_id - 1
        message = self._new_message(
            chat, None, {"forum_topic_created": {"name": name, "icon_color": 7322096}}
        )
        chat.threads.add(message["message_id"])
        return message["message_id"]

    def add_user(
        self,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "ru",
        is_bot: bool = False,
    ) -> dict:
        user: dict[str, Any] = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self.users[user_id] = user
        return copy.deepcopy(user)

    def set_member(self, chat_id: int, user_id: int, status: str = "member") -> None:
        if status not in ("creator", "administrator", "member", "restricted", "left", "kicked"):
            raise ValueError(f"unknown member status {status!r}")
        self._user(user_id)
        chat = self._chat(chat_id)
        chat.members[user_id] = status
        if status == "kicked":
            chat.banned.add(user_id)
        else:
            chat.banned.discard(user_id)

    def start_private(self, user_id: int) -> None:
        """The user opens the bot (unblocking it if needed); does not send "/start" itself."""
        user = self._user(user_id)
        if user["is_bot"]:
            raise ValueError("bots cannot start other bots")
        chat = self._private_chat(user)
        was_blocked = chat.blocked
        chat.started, chat.blocked = True, False
        if was_blocked:
            self._enqueue_my_chat_member(chat, user, "kicked", "member")

    def block_bot(self, user_id: int) -> None:
        """The user blocks the bot: sends fail with 403 and a my_chat_member update arrives."""
        user = self._user(user_id)
        chat = self._private_chat(user)
        if chat.started and not chat.blocked:
            self._enqueue_my_chat_member(chat, user, "member", "kicked")
        chat.blocked = True

    def age_message(self, chat_id: int, message_id: int, seconds: float) -> None:
        """Pretend the message was sent ``seconds`` earlier (for the 48-hour rules)."""
        self._message(chat_id, message_id)["date"] -= int(seconds)

    # -- what residents and staff do -------------------------------------------------------------

    def post(
        self,
        chat_id: int,
        user_id: int | None,
        text: str | None = None,
        *,
        reply_to: int | None = None,
        photo: bool = False,
        caption: str | None = None,
        document: bool = False,
        video: bool = False,
        voice: bool = False,
        location: tuple[float, float] | None = None,
        sticker: bool = False,
        sender_chat: dict | None = None,
        forward_from: dict | None = None,
        thread_id: int | None = None,
        extra: dict | None = None,
    ) -> dict:
        """A message from a user, or with ``user_id=None`` on behalf of a chat: the group itself
        (anonymous admin), the channel itself, or ``sender_chat`` (a user posting as a channel).

        Posting in a private chat opens it (as writing to a bot does).  The bot gets the update
        only if it would in Telegram: it is in the chat, the sender is not another bot (bots
        never see each other's messages) and, under privacy mode (``can_read_all=False``), the
        message is a command, a reply to the bot, mentions it or is a service message.
        """
        known = self.chats.get(chat_id)
        if chat_id == user_id and (known is None or not known.started or known.blocked):
            self.start_private(user_id)  # writing to a bot opens (or unblocks) the chat
        chat = self._chat(chat_id)
        if chat.type == "private" and user_id != chat_id:
            raise ValueError(f"only user {chat_id} writes in their private chat with the bot")
        content: dict[str, Any] = {}
        media = {"photo": photo, "document": document, "video": video, "voice": voice}
        kinds = [kind for kind, wanted in media.items() if wanted]
        if sticker:
            kinds.append("sticker")
        if len(kinds) > 1 or (kinds and text is not None):
            raise ValueError("a message has one kind of content; use caption= with media")
        if caption is not None and not set(kinds) & set(CAPTIONED_MEDIA):
            raise ValueError("caption needs photo, document, video or voice")
        if text is not None:
            content["text"] = text
            content.update(self._command_entities(text, "entities"))
        for kind in kinds:
            content[kind] = self.issue_file(kind)
        if caption is not None:
            content["caption"] = caption
            content.update(self._command_entities(caption, "caption_entities"))
        if location is not None:
            content["location"] = {"latitude": location[0], "longitude": location[1]}
        content.update(extra or {})
        if not content:
            raise ValueError("post() needs text, media, a location or extra content")
        if forward_from is not None:
            content["forward_origin"] = self._forward_origin(forward_from)
        sender, sender_chat = self._sender(chat, user_id, sender_chat)
        reply = self._message(chat_id, reply_to) if reply_to is not None else None
        if thread_id is not None and thread_id not in chat.threads:
            raise ValueError(f"chat {chat_id} has no forum topic {thread_id}")
        if thread_id is None and reply is not None and chat.is_forum:
            thread_id = reply.get("message_thread_id")
        message = self._new_message(
            chat, sender, content, reply_to=reply, thread_id=thread_id, sender_chat=sender_chat
        )
        if self._bot_sees(chat, message):
            self.enqueue_raw({self._message_update_kind(chat): copy.deepcopy(message)})
        return copy.deepcopy(message)

    def edit(
        self, chat_id: int, message_id: int, text: str | None = None, *, caption: str | None = None
    ) -> dict:
        """The author edits their message; the bot gets an edited_message update."""
        message = self._message(chat_id, message_id)
        if message_id in self.chats[chat_id].bot_message_ids:
            raise ValueError("edit() is for people's messages; the bot edits through the API")
        if text is not None:
            if "text" not in message:
                raise ValueError(f"message {message_id} has no text")
            message.pop("entities", None)
            message.update(text=text, **self._command_entities(text, "entities"))
        if caption is not None:
            if not set(message) & set(CAPTIONED_MEDIA):
                raise ValueError(f"message {message_id} has no media to caption")
            message.pop("caption_entities", None)
            message.update(caption=caption, **self._command_entities(caption, "caption_entities"))
        message["edit_date"] = int(time.time())
        chat = self.chats[chat_id]
        if self._bot_sees(chat, message):
            kind = "edited_" + self._message_update_kind(chat)
            self.enqueue_raw({kind: copy.deepcopy(message)})
        return copy.deepcopy(message)

    def press(self, chat_id: int, message_id: int, user_id: int, data: str) -> str:
        """The user presses an inline button of a bot message; returns the callback query id.

        ``data`` is not checked against the buttons: a modified client can send any data, and
        the bot must cope with that."""
        message = self._message(chat_id, message_id)
        if message_id not in self.chats[chat_id].bot_message_ids:
            raise ValueError(f"message {message_id} in chat {chat_id} is not the bot's")
        if "reply_markup" not in message:
            raise ValueError(f"message {message_id} in chat {chat_id} has no inline keyboard")
        user = self._user(user_id)
        query_id = str(4_000_000_000_000_000 + next(self._serial))
        self.callback_answers[query_id] = None
        query = {
            "id": query_id,
            "from": copy.deepcopy(user),
            "message": copy.deepcopy(message),
            "chat_instance": str(abs(chat_id) * 7919 + 104729),
            "data": data,
        }
        self.enqueue_raw({"callback_query": query})
        return query_id

    def join(self, chat_id: int, user_id: int) -> dict:
        """The user joins the group: a new_chat_members service message (and a chat_member
        update, which Telegram only delivers when asked for in allowed_updates)."""
        chat = self._chat(chat_id)
        user = self._user(user_id)
        old = chat.members.get(user_id, "left")
        chat.members[user_id] = "member"
        chat.banned.discard(user_id)
        message = self._new_message(chat, user, {"new_chat_members": [copy.deepcopy(user)]})
        if self._bot_sees(chat, message):
            self.enqueue_raw({"message": copy.deepcopy(message)})
            if chat.bot_status == "administrator":
                self.enqueue_raw(
                    {
                        "chat_member": {
                            "chat": copy.deepcopy(chat.info),
                            "from": copy.deepcopy(user),
                            "date": int(time.time()),
                            "old_chat_member": self.member_object(chat, user_id, old),
                            "new_chat_member": self.member_object(chat, user_id, "member"),
                        }
                    }
                )
        return copy.deepcopy(message)

    def add_bot_to_chat(self, chat_id: int, by_user_id: int, status: str = "administrator") -> dict:
        """``by_user_id`` changes the bot's status in the chat (creating the chat if unknown).

        Returns the my_chat_member update.  When the bot is added to a group, Telegram also
        sends the new_chat_members service message, and so does the fake.  Adding the bot with
        the status it already has counts as removing and re-adding it.
        """
        if status not in ("administrator", "member", "left", "kicked"):
            raise ValueError(f"unknown bot status {status!r}")
        user = self._user(by_user_id)
        if chat_id not in self.chats:
            self.add_chat(chat_id, bot_status="absent")
        chat = self.chats[chat_id]
        old = {"absent": "left"}.get(chat.bot_status, chat.bot_status)
        if old == status:
            old = "left"
        update = self._enqueue_my_chat_member(chat, user, old, status)
        chat.bot_status = status
        joined = status in ("administrator", "member") and old not in ("administrator", "member")
        if joined and chat.is_group:
            message = self._new_message(
                chat, user, {"new_chat_members": [copy.deepcopy(self.bot_user)]}
            )
            self.enqueue_raw({"message": copy.deepcopy(message)})
        return copy.deepcopy(update)

    def delete_user_message(self, chat_id: int, message_id: int) -> None:
        """The author deletes their message (bots get no update about it)."""
        self._message(chat_id, message_id)
        del self.chats[chat_id].messages[message_id]

    def enqueue_raw(self, update: dict, *, unreadable: bool = False) -> int:
        """Queue any update dict for getUpdates; assigns update_id if missing.  The update must
        be one aiogram can parse (checked here, so a malformed test update fails at once),
        unless ``unreadable``: what a newer Bot API may send an older aiogram."""
        kinds = [key for key in update if key != "update_id"]
        if len(kinds) != 1:
            raise ValueError(f"an update has exactly one field besides update_id, got {kinds}")
        if unreadable:
            return self.updates.push(copy.deepcopy(update))
        try:  # an update aiogram rejects would stall the whole getUpdates batch
            Update.model_validate({"update_id": 1, **update})
        except ValidationError as error:
            raise ValueError(
                f"Telegram never sends an update aiogram cannot parse:\n{error}"
            ) from None
        return self.updates.push(copy.deepcopy(update))

    # -- inspection ------------------------------------------------------------------------------

    def messages(self, chat_id: int) -> list[dict]:
        """The chat's current messages in order (deleted ones gone, edited ones updated)."""
        return copy.deepcopy(list(self._chat(chat_id).messages.values()))

    def message(self, chat_id: int, message_id: int) -> dict | None:
        message = self._chat(chat_id).messages.get(message_id)
        return copy.deepcopy(message)

    def bot_messages(self, chat_id: int) -> list[dict]:
        """The chat's current messages sent by the bot."""
        own = self._chat(chat_id).bot_message_ids
        return [m for m in self.messages(chat_id) if m["message_id"] in own]

    def reactions(self, chat_id: int, message_id: int) -> list[str]:
        """The emoji the bot currently has on a message."""
        return [r["emoji"] for r in self._chat(chat_id).reactions.get(message_id, [])]

    def callback_answer(self, query_id: str) -> dict | None:
        """How the bot answered a callback query (text, show_alert, url, cache_time), if it did."""
        if query_id not in self.callback_answers:
            raise ValueError(f"no callback query {query_id!r}")
        return copy.deepcopy(self.callback_answers[query_id])

    def banned(self, chat_id: int) -> set[int]:
        return set(self._chat(chat_id).banned)

    def my_commands(self, scope: dict | None = None, language_code: str = "") -> list[dict]:
        """The commands the bot registered for a scope and language."""
        key = json.dumps(scope or {"type": "default"}, sort_keys=True)
        return copy.deepcopy(self.commands.get((key, language_code), []))

    @property
    def pending_updates(self) -> int:
        """Updates not yet confirmed through getUpdates' offset."""
        return len(self.updates)

    @property
    def privacy_mode(self) -> bool:
        """Privacy mode is bot-wide in Telegram (getMe's can_read_all_group_messages): on as
        soon as one chat is set up with ``can_read_all=False``."""
        return any(not chat.can_read_all for chat in self.chats.values() if chat.is_group)

    # -- helpers shared with the Bot API ---------------------------------------------------------

    def issue_file(self, kind: str, upload: Upload | None = None) -> Any:
        """Create the media object for a new file (sizes/metadata invented, ids registered)."""
        serial = next(self._serial)
        size = len(upload.data) if upload else 1000 * serial + 4096
        name = upload.filename if upload else f"{kind}_{serial}"

        def ids(suffix: str = "") -> dict[str, str]:
            return {
                "file_id": f"{FILE_ID_PREFIX[kind]}{serial:06d}{suffix}",
                "file_unique_id": f"AQAD{serial:06d}{suffix}",
            }

        media: Any
        if kind == "photo":
            media = [
                {**ids("s"), "width": 90, "height": 67, "file_size": max(size // 16, 1)},
                {**ids("m"), "width": 320, "height": 240, "file_size": max(size // 4, 1)},
                {**ids("x"), "width": 1280, "height": 960, "file_size": size},
            ]
            for photo_size in media:
                self.files[photo_size["file_id"]] = (kind, media)
            return copy.deepcopy(media)
        media = {**ids(), "file_size": size}
        if kind == "document":
            mime = upload.content_type if upload else "application/pdf"
            if mime == "application/octet-stream":
                mime = mimetypes.guess_type(name)[0] or mime
            media.update(file_name=name if upload else f"{name}.pdf", mime_type=mime)
        elif kind == "video":
            media.update(width=1280, height=720, duration=12, mime_type="video/mp4")
        elif kind == "voice":
            media.update(duration=5, mime_type="audio/ogg")
        else:  # sticker
            media.update(
                type="regular", width=512, height=512, is_animated=False, is_video=False, emoji="👍"
            )
        self.files[media["file_id"]] = (kind, media)
        return copy.deepcopy(media)

    def member_object(self, chat: ChatState, user_id: int, status: str) -> dict:
        """A ChatMember object for a user (or the bot) with the given status."""
        user = self.bot_user if user_id == self.bot_id else self._user(user_id)
        member: dict[str, Any] = {"status": status, "user": copy.deepcopy(user)}
        if status == "administrator":
            rights = chat.bot_rights if user_id == self.bot_id else DEFAULT_ADMIN_RIGHTS
            member.update(rights)
            if chat.type != "channel":
                member.pop("can_post_messages")
                member.pop("can_edit_messages")
            if chat.type != "supergroup":
                member.pop("can_manage_topics")
        elif status == "creator":
            member["is_anonymous"] = False
        elif status == "restricted":
            member.update(dict.fromkeys(RESTRICTED_MEMBER_FIELDS, False))
            member.update(is_member=True, until_date=0)
        elif status == "kicked":
            member["until_date"] = 0
        return member

    def new_bot_message(
        self,
        chat: ChatState,
        content: dict,
        *,
        reply_to: dict | None = None,
        thread_id: int | None = None,
    ) -> dict:
        sender = None if chat.type == "channel" else self.bot_user
        sender_chat = copy.deepcopy(chat.info) if chat.type == "channel" else None
        message = self._new_message(
            chat, sender, content, reply_to=reply_to, thread_id=thread_id, sender_chat=sender_chat
        )
        chat.bot_message_ids.add(message["message_id"])
        return message

    def find_chat(self, ref: int | str) -> ChatState | None:
        if isinstance(ref, int):
            return self.chats.get(ref)
        name = ref.removeprefix("@").lower()
        return next(
            (c for c in self.chats.values() if c.info.get("username", "").lower() == name), None
        )

    def _forward_origin(self, source: dict) -> dict:
        date = int(time.time()) - 60
        if source.get("type") == "channel":
            return {"type": "channel", "chat": copy.deepcopy(source), "message_id": 1, "date": date}
        if source.get("type") in ("group", "supergroup"):
            return {"type": "chat", "sender_chat": copy.deepcopy(source), "date": date}
        return {"type": "user", "sender_user": copy.deepcopy(source), "date": date}

    def origin_of(self, message: dict) -> dict:
        """The forward_origin of a forwarded copy of ``message``."""
        if "forward_origin" in message:
            return copy.deepcopy(message["forward_origin"])
        sender_chat = message.get("sender_chat")
        if sender_chat and sender_chat["type"] == "channel":
            return {
                "type": "channel",
                "chat": copy.deepcopy(sender_chat),
                "message_id": message["message_id"],
                "date": message["date"],
            }
        if sender_chat:
            return {
                "type": "chat",
                "sender_chat": copy.deepcopy(sender_chat),
                "date": message["date"],
            }
        return {
            "type": "user",
            "sender_user": copy.deepcopy(message["from"]),
            "date": message["date"],
        }

    # -- internals -------------------------------------------------------------------------------

    def _chat(self, chat_id: int) -> ChatState:
        if chat_id not in self.chats:
            raise ValueError(f"unknown chat {chat_id}: add_chat() or start_private() it first")
        return self.chats[chat_id]

    def _user(self, user_id: int) -> dict:
        if user_id not in self.users:
            raise ValueError(f"unknown user {user_id}: add_user() first")
        return self.users[user_id]

    def _message(self, chat_id: int, message_id: int) -> dict:
        message = self._chat(chat_id).messages.get(message_id)
        if message is None:
            raise ValueError(f"no message {message_id} in chat {chat_id}")
        return message

    def _private_chat(self, user: dict) -> ChatState:
        if user["id"] not in self.chats:
            info = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
            info.update({k: user[k] for k in ("last_name", "username") if k in user})
            self.chats[user["id"]] = ChatState(info=info)
        return self.chats[user["id"]]

    def _sender(
        self, chat: ChatState, user_id: int | None, sender_chat: dict | None
    ) -> tuple[dict | None, dict | None]:
        if chat.type == "channel":
            if user_id is not None:
                raise ValueError("channel posts are signed by the channel: pass user_id=None")
            return None, sender_chat or copy.deepcopy(chat.info)
        if user_id is not None:
            return copy.deepcopy(self._user(user_id)), sender_chat
        if chat.type == "private":
            raise ValueError("a private chat message needs a user_id")
        sender_chat = sender_chat or copy.deepcopy(chat.info)
        own = sender_chat["id"] == chat.id
        return copy.deepcopy(ANONYMOUS_ADMIN if own else CHANNEL_SENDER), sender_chat

    def _new_message(
        self,
        chat: ChatState,
        sender: dict | None,
        content: dict,
        *,
        reply_to: dict | None = None,
        thread_id: int | None = None,
        sender_chat: dict | None = None,
    ) -> dict:
        chat.last_message_id += 1
        message: dict[str, Any] = {"message_id": chat.last_message_id}
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            if chat.is_forum:
                message["is_topic_message"] = True
        if sender is not None:
            message["from"] = copy.deepcopy(sender)
        if sender_chat is not None:
            message["sender_chat"] = sender_chat
        message["date"] = int(time.time())
        message["chat"] = copy.deepcopy(chat.info)
        if reply_to is not None:
            message["reply_to_message"] = {
                k: copy.deepcopy(v) for k, v in reply_to.items() if k != "reply_to_message"
            }
        message.update(copy.deepcopy(content))
        chat.messages[message["message_id"]] = message
        return message

    def _command_entities(self, text: str, key: str) -> dict[str, list[dict]]:
        match = _BOT_COMMAND.match(text)
        if match is None:
            return {}
        return {key: [{"type": "bot_command", "offset": 0, "length": utf16_len(match[0])}]}

    @staticmethod
    def _message_update_kind(chat: ChatState) -> str:
        return "channel_post" if chat.type == "channel" else "message"

    def _bot_sees(self, chat: ChatState, message: dict) -> bool:
        """Whether Telegram would deliver this message to the bot (membership, privacy mode)."""
        if chat.type == "private":
            return True
        if chat.bot_status not in ("administrator", "member"):
            return False
        sender = message.get("from", {})
        if sender.get("is_bot") and sender["id"] not in PLACEHOLDER_SENDERS:
            return False
        if chat.type == "channel":
            return chat.bot_status == "administrator"
        if chat.can_read_all or set(message) & set(SERVICE_FIELDS):
            return True
        text = message.get("text", message.get("caption", ""))
        command = _BOT_COMMAND.match(text)
        if command and (command[1] is None or command[1].lower() == self.bot_username.lower()):
            return True
        replied = message.get("reply_to_message", {}).get("from", {}).get("id")
        return replied == self.bot_id or f"@{self.bot_username}".lower() in text.lower()

    def _enqueue_my_chat_member(self, chat: ChatState, user: dict, old: str, new: str) -> dict:
        update = {
            "my_chat_member": {
                "chat": copy.deepcopy(chat.info),
                "from": copy.deepcopy(user),
                "date": int(time.time()),
                "old_chat_member": self.member_object(chat, self.bot_id, old),
                "new_chat_member": self.member_object(chat, self.bot_id, new),
            }
        }
        update["update_id"] = self.enqueue_raw(update)
        return update


# --------------------------------------------------------------------------------------------
# The Bot API methods
# --------------------------------------------------------------------------------------------


class BotApi:
    """The implemented Bot API methods, working on a ``World`` with Telegram's validation."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.closing = False
        self._poll_generation = 0
        self._waiting_poll: int | None = None
        handlers: dict[str, Callable[[Params], Any]] = {
            "getMe": self.get_me,
            "getUpdates": self.get_updates,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "setMyCommands": self.set_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "getMyCommands": self.get_my_commands,
            "getChat": self.get_chat,
            "getChatMember": self.get_chat_member,
            "getChatAdministrators": self.get_chat_administrators,
            "sendMessage": self.send_message,
            "sendPhoto": self.send_photo,
            "sendDocument": self.send_document,
            "sendVideo": self.send_video,
            "sendVoice": self.send_voice,
            "copyMessage": self.copy_message,
            "forwardMessage": self.forward_message,
            "editMessageText": self.edit_message_text,
            "editMessageCaption": self.edit_message_caption,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "setMessageReaction": self.set_message_reaction,
            "banChatMember": self.ban_chat_member,
            "unbanChatMember": self.unban_chat_member,
            "sendChatAction": self.send_chat_action,
        }
        self.handlers = {name.lower(): (name, handler) for name, handler in handlers.items()}

    @property
    def polling(self) -> bool:
        return self._waiting_poll is not None

    def canonical(self, name: str) -> str | None:
        """The camelCase name of an implemented method (Telegram matches case-insensitively)."""
        entry = self.handlers.get(name.lower())
        return entry[0] if entry else None

    async def call(self, method: str, params: Params) -> Any:
        result = self.handlers[method.lower()][1](params)
        if inspect.isawaitable(result):
            result = await result
        return result

    # -- updates and bot settings ----------------------------------------------------------------

    def get_me(self, params: Params) -> dict:
        return {
            **self.world.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.world.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def get_updates(self, params: Params) -> list[dict]:
        queue = self.world.updates
        offset = params.integer("offset", default=0)
        limit = min(max(params.integer("limit", default=100), 1), 100)
        timeout = min(max(params.integer("timeout", default=0), 0), MAX_POLL_TIMEOUT)
        allowed = params.json("allowed_updates", "allowed updates")
        if allowed is not None:
            if not isinstance(allowed, list) or not all(isinstance(k, str) for k in allowed):
                raise bad_request("can't parse allowed updates JSON object")
            queue.allowed = frozenset(allowed) or None  # remembered, like Telegram
        self._poll_generation += 1
        generation = self._poll_generation
        queue.notify()  # an earlier long poll wakes up and finds itself terminated
        queue.confirm(offset)
        deadline = time.monotonic() + timeout
        try:
            while True:
                if generation != self._poll_generation:
                    raise TelegramError(409, CONFLICT)
                batch = queue.take(limit)
                remaining = deadline - time.monotonic()
                if batch or remaining <= 0 or self.closing:
                    return batch
                self._waiting_poll = generation
                await queue.wait(remaining)
        finally:
            if self._waiting_poll == generation:
                self._waiting_poll = None

    def delete_webhook(self, params: Params) -> bool:
        if params.boolean("drop_pending_updates"):
            self.world.updates.clear()
        return True

    def get_webhook_info(self, params: Params) -> dict:
        return {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": self.world.pending_updates,
        }

    def _commands_key(self, params: Params) -> tuple[str, str]:
        scope = Validate.command_scope(params)
        if "chat_id" in scope:
            self._chat_ref(scope["chat_id"])
        language = params.string("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad_request("invalid language code specified")
        return json.dumps(scope, sort_keys=True), language

    def set_my_commands(self, params: Params) -> bool:
        commands = Validate.commands(params)
        key = self._commands_key(params)
        if commands:
            self.world.commands[key] = commands
        else:
            self.world.commands.pop(key, None)
        return True

    def delete_my_commands(self, params: Params) -> bool:
        self.world.commands.pop(self._commands_key(params), None)
        return True

    def get_my_commands(self, params: Params) -> list[dict]:
        return copy.deepcopy(self.world.commands.get(self._commands_key(params), []))

    # -- chats and members -----------------------------------------------------------------------

    def get_chat(self, params: Params) -> dict:
        chat = self._chat(params)
        return {
            **copy.deepcopy(chat.info),
            "accent_color_id": chat.id % 7,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def get_chat_member(self, params: Params) -> dict:
        chat = self._chat(params)
        user_id = self._user_id(params)
        if user_id == self.world.bot_id:
            status = "member" if chat.type == "private" else chat.bot_status
        elif chat.type == "private":
            status = "member" if user_id == chat.id else "left"
        else:
            status = chat.members.get(user_id, "left")
        return self.world.member_object(chat, user_id, status)

    def get_chat_administrators(self, params: Params) -> list[dict]:
        chat = self._chat(params)
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        admins = [
            self.world.member_object(chat, user_id, status)
            for user_id, status in chat.members.items()
            if status in ("creator", "administrator")
        ]
        if chat.bot_status == "administrator":
            admins.append(self.world.member_object(chat, self.world.bot_id, "administrator"))
        return admins

    def ban_chat_member(self, params: Params) -> bool:
        chat, user_id = self._restrictable(params)
        params.boolean("revoke_messages")
        params.integer("until_date")
        chat.members[user_id] = "kicked"
        chat.banned.add(user_id)
        return True

    def unban_chat_member(self, params: Params) -> bool:
        chat, user_id = self._restrictable(params)
        if params.boolean("only_if_banned") and user_id not in chat.banned:
            return True
        chat.banned.discard(user_id)
        if chat.members.get(user_id) in ("kicked", "member", "restricted"):
            chat.members[user_id] = "left"  # unbanning a member removes them, like Telegram
        return True

    def _restrictable(self, params: Params) -> tuple[ChatState, int]:
        chat = self._chat(params)
        if chat.type == "private":
            raise bad_request("chat member status can't be changed in private chats")
        user_id = self._user_id(params)
        if not chat.bot_has_right("can_restrict_members"):
            raise bad_request("not enough rights to restrict/unrestrict chat member")
        if user_id == self.world.bot_id:
            raise bad_request("can't restrict self")
        status = chat.members.get(user_id)
        if status == "creator":
            raise bad_request("can't remove chat owner")
        if status == "administrator":
            raise bad_request("user is an administrator of the chat")
        return chat, user_id

    def send_chat_action(self, params: Params) -> bool:
        chat = self._writable_chat(params)
        if params.string("action", required=True) not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self._thread(params, chat, None)
        return True

    # -- sending ---------------------------------------------------------------------------------

    def send_message(self, params: Params) -> dict:
        chat = self._writable_chat(params)
        text, entities = Validate.formatted_text(params, "text", "entities", caption=False)
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        return self._deliver(params, chat, content)

    def send_photo(self, params: Params) -> dict:
        return self._send_media(params, "photo")

    def send_document(self, params: Params) -> dict:
        return self._send_media(params, "document")

    def send_video(self, params: Params) -> dict:
        return self._send_media(params, "video")

    def send_voice(self, params: Params) -> dict:
        return self._send_media(params, "voice")

    def _send_media(self, params: Params, kind: str) -> dict:
        chat = self._writable_chat(params)
        content = {kind: self._media(params, kind), **self._caption(params)}
        if params.boolean("has_spoiler"):
            content["has_media_spoiler"] = True
        return self._deliver(params, chat, content)

    def copy_message(self, params: Params) -> dict:
        chat = self._writable_chat(params)
        source = self._source_message(params, "copy")
        content = {k: copy.deepcopy(v) for k, v in source.items() if k in CONTENT_FIELDS}
        if not content:
            raise bad_request("message can't be copied")
        if "caption" in params and set(content) & set(CAPTIONED_MEDIA):
            content.pop("caption", None)
            content.pop("caption_entities", None)
            content.update(self._caption(params))
        message = self._deliver(params, chat, content)
        return {"message_id": message["message_id"]}

    def forward_message(self, params: Params) -> dict:
        chat = self._writable_chat(params)
        source = self._source_message(params, "forward")
        content = {k: copy.deepcopy(v) for k, v in source.items() if k in CONTENT_FIELDS}
        if not content:
            raise bad_request("message can't be forwarded")
        content["forward_origin"] = self.world.origin_of(source)
        return self._deliver(params, chat, content, replies=False)

    def _source_message(self, params: Params, verb: str) -> dict:
        source_chat = self._chat_ref(params.chat_ref("from_chat_id"))
        source = source_chat.messages.get(params.message_id())
        if source is None:
            raise bad_request(f"message to {verb} not found")
        if source.get("has_protected_content"):
            raise bad_request(f"message can't be {'copied' if verb == 'copy' else 'forwarded'}")
        return source

    def _caption(self, params: Params) -> dict[str, Any]:
        caption, entities = Validate.formatted_text(
            params, "caption", "caption_entities", caption=True
        )
        content: dict[str, Any] = {}
        if caption:
            content["caption"] = caption
        if entities:
            content["caption_entities"] = entities
        return content

    def _media(self, params: Params, kind: str) -> Any:
        value = params.file(kind)
        if value is None:
            raise bad_request(f"there is no {kind} in the request")
        if isinstance(value, Upload):
            if not value.data:
                raise bad_request("file must be non-empty")
            if kind == "photo":
                Validate.photo(value.data)
            media = self.world.issue_file(kind, value)
            self.world.uploads[(media[-1] if kind == "photo" else media)["file_id"]] = value.data
            return media
        known = self.world.files.get(value.strip())
        if known is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if known[0] != kind:
            raise bad_request("type of file mismatch")
        return copy.deepcopy(known[1])

    def _deliver(
        self, params: Params, chat: ChatState, content: dict, *, replies: bool = True
    ) -> dict:
        """Common tail of every send: reply target, thread, keyboard, flood limit, storing."""
        for flag in ("disable_notification", "allow_paid_broadcast"):
            params.boolean(flag)
        reply_to, external = self._reply_target(params, chat) if replies else (None, None)
        thread_id = self._thread(params, chat, reply_to)
        markup = Validate.reply_markup(params)
        if params.boolean("protect_content"):
            content["has_protected_content"] = True
        if external is not None:
            content["external_reply"] = external
        if markup is not None:
            content["reply_markup"] = markup
        self._check_flood(chat)
        message = self.world.new_bot_message(chat, content, reply_to=reply_to, thread_id=thread_id)
        if chat.is_group:
            chat.recent_sends.append(time.monotonic())
        return copy.deepcopy(message)

    def _reply_target(self, params: Params, chat: ChatState) -> tuple[dict | None, dict | None]:
        """(message replied to in this chat, external_reply info for another chat)."""
        reply = params.json("reply_parameters", "reply parameters")
        if reply is None:
            message_id = params.integer("reply_to_message_id")
            if not message_id:
                return None, None
            reply = {
                "message_id": message_id,
                "allow_sending_without_reply": params.boolean("allow_sending_without_reply"),
            }
        if not isinstance(reply, dict) or not isinstance(reply.get("message_id"), int):
            raise bad_request("can't parse reply parameters JSON object")
        target_chat = chat
        if reply.get("chat_id") not in (None, chat.id):
            target_chat = self._chat_ref(parse_chat_ref(reply["chat_id"]))
        target = target_chat.messages.get(reply["message_id"])
        if target is None:
            if reply.get("allow_sending_without_reply") is True:
                return None, None
            raise bad_request("message to be replied not found")
        quote = reply.get("quote")
        if quote is not None and quote not in target.get("text", target.get("caption", "")):
            raise bad_request("QUOTE_TEXT_INVALID")
        if target_chat is not chat:
            external = {
                "origin": self.world.origin_of(target),
                "chat": copy.deepcopy(target_chat.info),
                "message_id": target["message_id"],
            }
            return None, external
        return target, None

    def _thread(self, params: Params, chat: ChatState, reply_to: dict | None) -> int | None:
        thread_id = params.integer("message_thread_id")
        if not chat.is_forum:
            return None  # outside forums Telegram does not put the message in a topic
        if thread_id is None:
            return reply_to.get("message_thread_id") if reply_to else None
        if thread_id not in chat.threads:
            raise bad_request("message thread not found")
        return thread_id

    def _check_flood(self, chat: ChatState) -> None:
        limit = self.world.group_rate_limit
        if limit is None or not chat.is_group:
            return
        now = time.monotonic()
        window = self.world.group_rate_window
        while chat.recent_sends and chat.recent_sends[0] <= now - window:
            chat.recent_sends.popleft()
        if len(chat.recent_sends) >= limit:
            raise too_many_requests(max(1, math.ceil(chat.recent_sends[0] + window - now)))

    # -- editing and deleting --------------------------------------------------------------------

    def edit_message_text(self, params: Params) -> dict:
        message = self._editable(params)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        text, entities = Validate.formatted_text(params, "text", "entities", caption=False)
        changes = {
            "text": text,
            "entities": entities or None,
            "reply_markup": Validate.reply_markup(params, inline_only=True),
        }
        return self._apply_edit(message, changes)

    def edit_message_caption(self, params: Params) -> dict:
        message = self._editable(params)
        if not set(message) & set(CAPTIONED_MEDIA):
            raise bad_request("there is no caption in the message to edit")
        caption = self._caption(params)
        changes = {
            "caption": caption.get("caption"),
            "caption_entities": caption.get("caption_entities"),
            "reply_markup": Validate.reply_markup(params, inline_only=True),
        }
        return self._apply_edit(message, changes)

    def edit_message_reply_markup(self, params: Params) -> dict:
        message = self._editable(params)
        changes = {"reply_markup": Validate.reply_markup(params, inline_only=True)}
        return self._apply_edit(message, changes)

    def _editable(self, params: Params) -> dict:
        chat = self._chat(params)
        message = chat.messages.get(params.message_id())
        if message is None:
            raise bad_request("message to edit not found")
        if message["message_id"] not in chat.bot_message_ids:
            raise bad_request("message can't be edited")
        return message

    @staticmethod
    def _apply_edit(message: dict, changes: dict[str, Any]) -> dict:
        """Apply ``changes`` (None removes a field); omitted reply_markup removes the keyboard."""
        if all(message.get(key) == value for key, value in changes.items()):
            raise bad_request(NOT_MODIFIED)
        for key, value in changes.items():
            if value is None:
                message.pop(key, None)
            else:
                message[key] = value
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def delete_message(self, params: Params) -> bool:
        chat = self._chat(params)
        message_id = params.message_id()
        message = chat.messages.get(message_id)
        if message is None:
            raise bad_request("message to delete not found")
        if not self._can_delete(chat, message):
            raise bad_request("message can't be deleted")
        del chat.messages[message_id]
        chat.reactions.pop(message_id, None)
        return True

    def _can_delete(self, chat: ChatState, message: dict) -> bool:
        """The rules listed in the Bot API documentation of deleteMessage."""
        if time.time() - message["date"] > DELETE_WINDOW:
            return False
        if set(message) & set(UNDELETABLE_SERVICE):
            return False
        own = message["message_id"] in chat.bot_message_ids
        if chat.type == "private":
            return True
        if chat.type == "group":
            return own or chat.bot_status == "administrator"
        if chat.type == "channel" and own:
            return chat.bot_has_right("can_post_messages")
        return own or chat.bot_has_right("can_delete_messages")

    # -- interactions ----------------------------------------------------------------------------

    def answer_callback_query(self, params: Params) -> bool:
        query_id = params.string("callback_query_id", required=True)
        answers = self.world.callback_answers
        if query_id not in answers or answers[query_id] is not None:  # unknown or answered
            raise bad_request(QUERY_INVALID)
        text = params.string("text") or ""
        if utf16_len(text) > CALLBACK_ANSWER_LIMIT:
            raise bad_request("MESSAGE_TOO_LONG")
        answers[query_id] = {
            "text": text or None,
            "show_alert": params.boolean("show_alert"),
            "url": params.string("url"),
            "cache_time": params.integer("cache_time", default=0),
        }
        return True

    def set_message_reaction(self, params: Params) -> bool:
        chat = self._chat(params)
        message_id = params.message_id()
        if message_id not in chat.messages:
            raise bad_request("message to react not found")
        reaction = Validate.reaction(params)
        params.boolean("is_big")
        if reaction:
            chat.reactions[message_id] = reaction
        else:
            chat.reactions.pop(message_id, None)
        return True

    # -- access ----------------------------------------------------------------------------------

    def _chat(self, params: Params) -> ChatState:
        return self._chat_ref(params.chat_ref())

    def _chat_ref(self, ref: int | str) -> ChatState:
        """The chat, if the bot can act in it; otherwise Telegram's 400/403."""
        chat = self.world.find_chat(ref)
        if chat is None:
            user = self.world.users.get(ref) if isinstance(ref, int) else None
            if user and user["is_bot"]:
                raise forbidden("bot can't send messages to bots")
            if user:
                raise forbidden("bot can't initiate conversation with a user")
            raise bad_request("chat not found")
        if chat.type == "private":
            if chat.blocked:
                raise forbidden("bot was blocked by the user")
            if not chat.started:
                raise forbidden("bot can't initiate conversation with a user")
        elif chat.bot_status == "absent":
            raise bad_request("chat not found")
        elif chat.bot_status == "kicked":
            raise forbidden(f"bot was kicked from the {chat.type} chat")
        elif chat.bot_status == "left":
            raise forbidden(f"bot is not a member of the {chat.type} chat")
        return chat

    def _writable_chat(self, params: Params) -> ChatState:
        chat = self._chat(params)
        if chat.type == "channel" and not chat.bot_has_right("can_post_messages"):
            raise bad_request("need administrator rights in the channel chat")
        return chat

    def _user_id(self, params: Params) -> int:
        user_id = params.integer("user_id")
        if user_id is None or user_id <= 0:
            raise bad_request("invalid user_id specified")
        if user_id != self.world.bot_id and user_id not in self.world.users:
            raise bad_request("user not found")
        return user_id


# --------------------------------------------------------------------------------------------
# Fault injection
# --------------------------------------------------------------------------------------------


@dataclass
class _FailRule:
    method: str
    error: TelegramError
    remaining: int
    chat_id: int | None


_STANDARD_ERRORS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: CONFLICT,
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class Faults:
    """Injected failures: scripted (``fail``), random (``fault_rate``), slow answers (``delay``).

    Method "*" matches every method except getUpdates, so that the polling loop is not hit by
    faults meant for the bot's own requests; name getUpdates explicitly to fail it.
    """

    def __init__(self) -> None:
        self.rules: list[_FailRule] = []
        self.delays: dict[str, float] = {}
        self._rate_methods: frozenset[str] = frozenset()
        self._rate_429 = 0.0
        self._rate_5xx = 0.0
        self._retry_after = 1
        self._random = random.Random(0)

    @staticmethod
    def _matches(pattern: str, method: str) -> bool:
        return pattern == method or (pattern == "*" and method != "getUpdates")

    def add_rule(self, rule: _FailRule) -> None:
        self.rules.append(rule)

    def set_rates(
        self, methods: frozenset[str], rate_429: float, rate_5xx: float, retry_after: int, seed: int
    ) -> None:
        if rate_429 < 0 or rate_5xx < 0 or rate_429 + rate_5xx > 1:
            raise ValueError("rates must be non-negative and sum to at most 1")
        self._rate_methods = methods
        self._rate_429, self._rate_5xx = rate_429, rate_5xx
        self._retry_after = retry_after
        self._random = random.Random(seed)

    def injected(self, method: str, params: Params) -> TelegramError | None:
        """The fault this call runs into, if any (consuming one use of a scripted rule)."""
        for rule in self.rules:
            if not self._matches(rule.method, method):
                continue
            if rule.chat_id is not None and params.recorded().get("chat_id") != rule.chat_id:
                continue
            rule.remaining -= 1
            if rule.remaining <= 0:
                self.rules.remove(rule)
            return rule.error
        if any(self._matches(pattern, method) for pattern in self._rate_methods):
            draw = self._random.random()
            if draw < self._rate_429:
                return too_many_requests(self._retry_after)
            if draw < self._rate_429 + self._rate_5xx:
                code = self._random.choice((500, 502))
                return TelegramError(code, _STANDARD_ERRORS[code])
        return None

    def delay_for(self, method: str) -> float:
        return max((s for p, s in self.delays.items() if self._matches(p, method)), default=0.0)


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------

_API_PATH = re.compile(r"/bot(?P<token>[^/]*)/(?P<method>[^/]*)")


class FakeTelegram(World):
    """The fake Telegram server: a ``World`` served over HTTP, with a call log and fault
    injection.  See the module docstring."""

    def __init__(
        self,
        token: str = "123456:TEST-token",
        bot_id: int = 123456,
        bot_username: str = "akimat_desk_bot",
    ) -> None:
        super().__init__(token, bot_id, bot_username)
        self.base_url = ""
        self.calls: list[Call] = []
        self._api = BotApi(self)
        self._faults = Faults()
        self._runner: web.AppRunner | None = None
        self._in_flight = 0  # requests being answered, long polls excluded
        self._last_activity = time.monotonic()
        self._closing = asyncio.Event()

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        """Serve on 127.0.0.1 at a free port; ``base_url`` is set once this returns."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self._handle)
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        await web.SockSite(self._runner, sock).start()
        self.base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"

    async def stop(self) -> None:
        """Answer waiting long polls with [] and shut the server down."""
        self._api.closing = True
        self._closing.set()
        self.updates.notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def polling(self) -> bool:
        """Whether a getUpdates long poll is currently waiting for updates."""
        return self._api.polling

    # -- inspection and waiting ------------------------------------------------------------------

    def sent(self, method: str | None = None, chat_id: int | None = None) -> list[Call]:
        """Successful calls, optionally of one method (any case) and/or to one chat_id."""
        wanted = self._method_name(method) if method else None
        return [
            call
            for call in self.calls
            if call.ok
            and (wanted is None or call.method == wanted)
            and (chat_id is None or call.params.get("chat_id") == chat_id)
        ]

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Poll ``predicate`` every 10 ms; AssertionError describing the state on timeout."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() >= deadline:
                raise AssertionError(
                    self._report(f"{self._describe(predicate)} still false after {timeout} s")
                )
            await asyncio.sleep(0.01)

    async def wait_idle(self, timeout: float = 5.0) -> None:
        """Until every update is confirmed, no request is being answered (long polls aside)
        and no request arrived for 100 ms."""
        deadline = time.monotonic() + timeout
        while True:
            quiet = time.monotonic() - self._last_activity >= 0.1
            if not self.pending_updates and not self._in_flight and quiet:
                return
            if time.monotonic() >= deadline:
                raise AssertionError(self._report(f"not idle after {timeout} s"))
            await asyncio.sleep(0.01)

    # -- fault injection -------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        *,
        error_code: int | None = None,
        description: str | None = None,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        times: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """The next ``times`` calls of ``method`` ("*": any but getUpdates), optionally only
        those to ``chat_id``, fail.  ``error_code`` defaults to 429, or to 400 when
        ``migrate_to_chat_id`` is given; descriptions default to Telegram's wording."""
        method = self._method_name(method)
        parameters: dict[str, int] = {}
        if migrate_to_chat_id is not None:
            error_code = error_code or 400
            parameters["migrate_to_chat_id"] = migrate_to_chat_id
            description = description or "Bad Request: group chat was upgraded to a supergroup chat"
        error_code = error_code or 429
        if error_code == 429:
            retry_after = retry_after if retry_after is not None else 1
            description = description or f"Too Many Requests: retry after {retry_after}"
        if retry_after is not None:
            parameters["retry_after"] = retry_after
        description = description or _STANDARD_ERRORS.get(error_code)
        if description is None:
            raise ValueError(f"give a description for error_code {error_code}")
        error = TelegramError(error_code, description, parameters or None)
        self._faults.add_rule(_FailRule(method, error, times, chat_id))

    def fault_rate(
        self,
        methods: set[str],
        *,
        rate_429: float = 0.0,
        rate_5xx: float = 0.0,
        retry_after: int = 1,
        seed: int = 0,
    ) -> None:
        """Calls of ``methods`` fail at random (reproducibly: ``random.Random(seed)``) with
        429 (retry_after) or 500/502.  Replaces any earlier setting; rates 0 turn it off."""
        names = frozenset(self._method_name(m) for m in methods)
        self._faults.set_rates(names, rate_429, rate_5xx, retry_after, seed)

    def delay(self, method: str, seconds: float) -> None:
        """Answer ``method`` ("*": any but getUpdates) ``seconds`` late.  The call takes effect
        at once, only the answer is late, as with a slow network: a sendMessage that times out
        on the client may still have been delivered.  ``seconds <= 0`` removes the delay."""
        method = self._method_name(method)
        if seconds > 0:
            self._faults.delays[method] = seconds
        else:
            self._faults.delays.pop(method, None)

    # -- HTTP ------------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        arrived = self._last_activity = time.monotonic()
        match = _API_PATH.fullmatch(request.path)
        name = match["method"] if match else request.path
        method = self._api.canonical(name) or name
        long_poll = method == "getUpdates"
        if not long_poll:
            self._in_flight += 1
        try:
            try:
                params = await self._read_params(request)
            except TelegramError as error:
                params, failure = Params({}), error
            else:
                failure = None
            call = Call(method, params.recorded(), at=arrived)
            self.calls.append(call)
            try:
                if failure is not None:
                    raise failure
                result = await self._execute(match, method, params)
            except TelegramError as error:
                failure = error
            except asyncio.CancelledError:  # the client went away (e.g. polling stopped)
                call.finish(error=TelegramError(499, "client disconnected"))
                raise
            except Exception as exc:  # a bug in the fake: make it visible, not a decode error
                logger.exception("fake Telegram failed on %s", method)
                failure = TelegramError(500, f"Internal Server Error: fake Telegram bug: {exc!r}")
            if failure is None:
                call.finish(result)
                response = web.json_response({"ok": True, "result": result})
            else:
                call.finish(error=failure)
                response = web.json_response(failure.body(), status=failure.error_code)
            delay = self._faults.delay_for(method)
            if delay:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), delay)
            return response
        finally:
            if not long_poll:
                self._in_flight -= 1
            self._last_activity = time.monotonic()

    async def _execute(self, match: re.Match[str] | None, method: str, params: Params) -> Any:
        if match is None:
            raise TelegramError(404, "Not Found")
        if match["token"] != self.token:
            raise TelegramError(401, "Unauthorized")
        if self._api.canonical(method) is None:
            if method.lower() in TELEGRAM_METHODS:
                raise TelegramError(
                    501, f"Not Implemented: the fake Telegram server has no {method} yet"
                )
            raise TelegramError(404, "Not Found")
        fault = self._faults.injected(method, params)
        if fault is not None:
            raise fault
        return await self._api.call(method, params)

    @staticmethod
    async def _read_params(request: web.Request) -> Params:
        raw: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            text = await request.text()
            try:
                body = json.loads(text) if text.strip() else {}
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if not isinstance(body, dict):
                raise bad_request("JSON object expected")
            raw.update(body)
        elif request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    raw[key] = Upload(value.filename, value.content_type, value.file.read())
                else:
                    raw[key] = value
        return Params(raw)

    # -- helpers ---------------------------------------------------------------------------------

    def _method_name(self, method: str) -> str:
        if method == "*":
            return method
        canonical = self._api.canonical(method)
        if canonical is None:
            raise ValueError(f"{method!r} is not a Bot API method this fake implements")
        return canonical

    @staticmethod
    def _describe(predicate: Callable[[], Any]) -> str:
        try:
            return inspect.getsource(predicate).strip()
        except (OSError, TypeError):
            return repr(predicate)

    def _report(self, headline: str) -> str:
        lines = [
            headline,
            f"pending updates: {self.pending_updates}, requests in flight: {self._in_flight}, "
            f"long poll waiting: {self.polling}",
            "last calls:",
        ]
        for call in self.calls[-12:]:
            outcome = "ok" if call.ok else f"{call.error_code} {call.description}"
            details = {
                k: call.params[k] for k in ("chat_id", "text", "caption") if k in call.params
            }
            lines.append(f"  {call.method} {details} -> {outcome}")
        return "\n".join(lines)


__all__ = ["Call", "FakeTelegram", "HtmlParser", "TelegramError"]
