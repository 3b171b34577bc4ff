"""The ``config.toml`` that ``python -m bot setup`` writes: only what setup learnt,
each with the comment config.example.toml gives it; the rest keeps its default."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from bot.config import ConfigError, TelegramSettings, load_settings

PREFIXES = {"akimat": "A", "law_order": "L", "housing": "H"}


@dataclass(frozen=True)
class ChatChoice:
    key: str
    title: str
    chat_id: int


@dataclass(frozen=True)
class DeskChoice:
    api_base: str
    locale: str
    staff_chat_id: int
    moderators: list[int]
    heads: list[int]
    chats: list[ChatChoice]


def _string(value: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes).
    return json.dumps(value, ensure_ascii=False)


def _ids(values: list[int]) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def render_config(choice: DeskChoice) -> str:
    lines = [
        "# akimat-desk configuration, written by `python -m bot setup`.",
        "# The bot token is NOT kept here: put it in the BOT_TOKEN environment variable.",
        "# Every other setting, and its default, is explained in config.example.toml.",
        "",
    ]
    if choice.api_base != TelegramSettings().api_base:
        lines += ["[telegram]", f"api_base = {_string(choice.api_base)}", ""]
    lines += [
        "[storage]",
        "# The SQLite file (relative to this file's folder); back it up.",
        'path = "data/appeals.sqlite3"',
        "",
        "[locale]",
        "# Language of the staff chat and the digest: ru | kk | en",
        f"default = {_string(choice.locale)}",
        'timezone = "Asia/Almaty"',
        "",
        "[staff]",
        "# The private supergroup of moderators: ticket cards are posted here.",
        f"chat_id = {choice.staff_chat_id}",
        "# Telegram user ids allowed to act on tickets.",
        f"moderators = {_ids(choice.moderators)}",
        "# The akim and deputies: the daily digest and urgent alerts.",
        f"head = {_ids(choice.heads)}",
        "",
        "# The three resident chats. prefix: 1-3 Latin capitals; ticket codes are A-17.",
    ]
    for chat in choice.chats:
        lines += [
            "[[chats]]",
            f"key = {_string(chat.key)}",
            f"title = {_string(chat.title)}",
            f"chat_id = {chat.chat_id}",
            f"prefix = {_string(PREFIXES[chat.key])}",
            "",
        ]
    return "\n".join(lines)


def write_config(config: Path, choice: DeskChoice) -> list[str]:
    """Write the config through a temporary file (an existing one is kept as ``.bak``)
    and load it back; the problems, one line each, or nothing."""
    part = config.with_name(f".{config.name}.part")
    try:
        config.parent.mkdir(parents=True, exist_ok=True)
        part.write_text(render_config(choice), encoding="utf-8")
        if config.exists():
            os.replace(config, config.with_name(f"{config.name}.bak"))
        os.replace(part, config)
    except OSError as exc:
        part.unlink(missing_ok=True)
        return [f"cannot write {config}: {exc}"]
    try:
        load_settings(config, require_token=False)
    except ConfigError as exc:  # a bug here, not the operator's: say so plainly
        return [f"the written config does not load: {line}" for line in exc.problems]
    return []
