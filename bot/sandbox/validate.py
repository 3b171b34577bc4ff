"""Telegram's checks on what a bot sends: formatted text, keyboards, reactions, commands."""

from __future__ import annotations

import copy
import re
from typing import Any

from bot.sandbox.html_parser import HtmlParser
from bot.sandbox.params import Params
from bot.sandbox.protocol import (
    ALLOWED_REACTIONS,
    BUTTON_ACTIONS,
    CALLBACK_DATA_LIMIT,
    CAPTION_LIMIT,
    COMMAND_SCOPES,
    TEXT_LIMIT,
    bad_request,
    is_valid_url,
    utf16_len,
)

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
