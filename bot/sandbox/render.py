"""A sandbox message as the demo's page shows it: Telegram's text and entities turned back into
safe HTML (every character of the text escaped), its photo, the message it replies to, its
buttons and the bot's reactions."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

from bot.sandbox.protocol import utf16_positions
from bot.sandbox.server import FakeTelegram

_SIMPLE = {
    "bold": "b",
    "italic": "i",
    "underline": "u",
    "strikethrough": "s",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "expandable_blockquote": "blockquote",
}
_SAFE_SCHEMES = ("http", "https", "tg")
SNIPPET = 90
_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)]")


def entities_to_html(text: str, entities: list[dict[str, Any]] | None) -> str:
    """``text`` with its entities as HTML tags; offsets are UTF-16 code units."""
    position = utf16_positions(text)
    opening: dict[int, list[str]] = {}
    closing: dict[int, list[str]] = {}
    entities = [*(entities or []), *_bare_urls(text, entities or [], position)]
    ordered = sorted(entities, key=lambda e: (e["offset"], -e["length"]))
    for entity in ordered:
        tags = _tags(entity, text, position)
        if tags is None:
            continue
        start = position.get(entity["offset"])
        end = position.get(entity["offset"] + entity["length"])
        if start is None or end is None:
            continue
        opening.setdefault(start, []).append(tags[0])
        closing.setdefault(end, []).insert(0, tags[1])
    out: list[str] = []
    for index in range(len(text) + 1):
        out += closing.get(index, [])
        out += opening.get(index, [])
        if index < len(text):
            out.append(html.escape(text[index]))
    return "".join(out)


def _bare_urls(
    text: str, entities: list[dict[str, Any]], position: dict[int, int]
) -> list[dict[str, Any]]:
    """Links Telegram's apps make of URLs written as plain text (outside other entities)."""
    units = {index: offset for offset, index in position.items()}
    taken = [(position[e["offset"]], position.get(e["offset"] + e["length"], 0)) for e in entities]
    found = []
    for match in _URL.finditer(text):
        start, end = match.span()
        if all(end <= a or start >= b for a, b in taken):
            found.append(
                {"type": "url", "offset": units[start], "length": units[end] - units[start]}
            )
    return found


def _tags(entity: dict[str, Any], text: str, position: dict[int, int]) -> tuple[str, str] | None:
    kind = entity["type"]
    if kind in _SIMPLE:
        tag = _SIMPLE[kind]
        return f"<{tag}>", f"</{tag}>"
    if kind == "spoiler":
        return '<span class="spoiler">', "</span>"
    if kind in ("text_link", "url"):
        if kind == "url":
            start = position.get(entity["offset"], 0)
            end = position.get(entity["offset"] + entity["length"], start)
            url = text[start:end]
        else:
            url = entity.get("url", "")
        if urlsplit(url).scheme not in _SAFE_SCHEMES:
            return '<span class="link">', "</span>"
        return f'<a href="{html.escape(url, quote=True)}">', "</a>"
    return '<span class="entity">', "</span>"


def _body(message: dict[str, Any]) -> str:
    if "text" in message:
        return entities_to_html(message["text"], message.get("entities"))
    if "caption" in message:
        return entities_to_html(message["caption"], message.get("caption_entities"))
    return ""


def _plain(message: dict[str, Any]) -> str:
    text = message.get("text") or message.get("caption") or ""
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def sender_name(message: dict[str, Any]) -> str:
    sender = message.get("from") or {}
    return " ".join(filter(None, (sender.get("first_name"), sender.get("last_name"))))


def page_message(fake: FakeTelegram, chat_id: int, message: dict[str, Any]) -> dict[str, Any]:
    """What the page needs to draw one message."""
    own = fake.chats[chat_id].bot_message_ids
    sender = message.get("from") or {}
    shown: dict[str, Any] = {
        "id": message["message_id"],
        "from_id": sender.get("id"),
        "from": sender_name(message),
        "bot": message["message_id"] in own,
        "date": message["date"],
        "edited": "edit_date" in message,
        "html": _body(message),
        "reactions": fake.reactions(chat_id, message["message_id"]),
    }
    if "photo" in message:
        shown["photo"] = message["photo"][-1]["file_id"]
    for kind in ("document", "video", "voice", "sticker", "location"):
        if kind in message:
            shown["media"] = kind
    reply = message.get("reply_to_message")
    if reply:
        shown["reply"] = {
            "id": reply["message_id"],
            "from": sender_name(reply),
            "text": _plain(reply),
        }
    keyboard = (message.get("reply_markup") or {}).get("inline_keyboard")
    if keyboard:
        shown["buttons"] = [
            [{"text": b["text"], "data": b.get("callback_data"), "url": b.get("url")} for b in row]
            for row in keyboard
        ]
    return shown


def page_chat(fake: FakeTelegram, chat_id: int) -> list[dict[str, Any]]:
    """A chat's messages as the page draws them ([] while a private chat is not opened)."""
    if chat_id not in fake.chats:
        return []
    return [page_message(fake, chat_id, m) for m in fake.messages(chat_id)]
