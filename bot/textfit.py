"""Fitting text into Telegram's limits, which count UTF-16 code units of the
text *after* HTML parsing (4096 for a message, 1024 for a caption)."""

from __future__ import annotations

import html
import re

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
_TAG = re.compile(r"<[^>]*>")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def visible_length(html_text: str) -> int:
    """How long Telegram will consider ``html_text`` once tags and entities are parsed."""
    return utf16_len(plain_text(html_text))


def plain_text(html_text: str) -> str:
    """What a reader sees of ``html_text``: without tags, entities resolved."""
    return html.unescape(_TAG.sub("", html_text))


def cut(text: str, limit: int, marker: str) -> str:
    """``text`` if it fits in ``limit`` units, else its start plus ``marker``."""
    if utf16_len(text) <= limit:
        return text
    room = max(limit - utf16_len(marker), 0)
    kept = text.encode("utf-16-le")[: room * 2]
    # Never split a surrogate pair: drop a dangling high surrogate.
    if len(kept) >= 2 and 0xD800 <= int.from_bytes(kept[-2:], "little") <= 0xDBFF:
        kept = kept[:-2]
    return kept.decode("utf-16-le").rstrip() + marker


def pack_lines(lines: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Whole lines (HTML, each under ``limit``) packed into as few messages as fit."""
    messages: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        length = visible_length(line) + 1  # and its newline
        if current and size + length > limit:
            messages.append("\n".join(current))
            current, size = [], 0
        current.append(line)
        size += length
    if current:
        messages.append("\n".join(current))
    return messages
