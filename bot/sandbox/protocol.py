"""What the sandbox shares with every part of it: Telegram's limits and constants,
its error answers and the record of one request."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from aiogram import methods as aiogram_methods
from aiogram.methods.base import TelegramMethod

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


def utf16_positions(text: str) -> dict[int, int]:
    """Each UTF-16 offset in ``text`` (the unit of entity offsets) -> its index in ``text``,
    the end included."""
    position: dict[int, int] = {}
    units = 0
    for index, char in enumerate(text):
        position[units] = index
        units += 2 if ord(char) > 0xFFFF else 1
    position[units] = len(text)
    return position


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
        # A proxy's error page served instead of the Bot API's JSON answer.
        self.page: str | None = None
        # The call took effect before the error came back (a 5xx after delivery).
        self.after_effect = False

    def served_as(self, *, page: bool = False, after_effect: bool = False) -> TelegramError:
        """A copy of this error served as an HTML page and/or after the call took effect."""
        copy = TelegramError(self.error_code, self.description, self.parameters)
        if page:
            copy.page = PROXY_PAGE.format(code=self.error_code, reason=self.description)
        copy.after_effect = after_effect
        return copy

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


PROXY_PAGE = (
    "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n"
    "<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)


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
    page: bool = False  # the error came as a proxy's HTML page
    took_effect: bool = False  # the error came after the call took effect

    def finish(self, result: Any = None, error: TelegramError | None = None) -> None:
        self.ok = error is None
        self.result = result
        if error is not None:
            self.error_code, self.description = error.error_code, error.description
            self.page, self.took_effect = error.page is not None, error.after_effect
        self.done = True
