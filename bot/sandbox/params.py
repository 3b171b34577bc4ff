"""Request parameters as Telegram reads them: strings, numbers, JSON fields and uploads."""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from typing import Any

from bot.sandbox.protocol import (
    bad_request,
)


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
