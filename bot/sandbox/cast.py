"""Who and what the demo's Telegram holds: the four chats, a small cast of residents with
Kazakh and Russian names, two moderators and the akim, and the desk's config pointing at it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.sandbox.server import FakeTelegram

STAFF_CHAT = -1009000000000


@dataclass(frozen=True)
class DemoChat:
    chat_id: int
    key: str  # the desk's chat key; "staff" for the moderators' chat
    title: str
    prefix: str = ""


@dataclass(frozen=True)
class Person:
    user_id: int
    first_name: str
    last_name: str
    role: str  # resident | moderator | akim
    language: str  # their Telegram app's language
    username: str | None = None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


RESIDENT_CHATS = (
    DemoChat(-1001000000001, "akimat", "Акимат района Сарыарка", "A"),
    DemoChat(-1001000000002, "law_order", "Правопорядок Сарыарка", "L"),
    DemoChat(-1001000000003, "housing", "ЖКХ Сарыарка", "H"),
)
STAFF = DemoChat(STAFF_CHAT, "staff", "Модераторы · Сарыарка")
CHATS = (*RESIDENT_CHATS, STAFF)

PEOPLE = (
    Person(5001, "Айгерім", "Сейітова", "resident", "kk", "aigerim_s"),
    Person(5002, "Иван", "Петров", "resident", "ru"),
    Person(5003, "Нұрлан", "Жақсылықов", "resident", "kk"),
    Person(5004, "Ольга", "Ким", "resident", "ru", "olga_kim"),
    Person(5005, "Дәурен", "Әбенов", "resident", "kk"),
    Person(5006, "Гульнара", "Ахметова", "resident", "ru"),
    Person(5007, "Марат", "Исмаилов", "resident", "ru"),
    Person(5008, "Жанар", "Төлеуова", "resident", "kk"),
    Person(111, "Асель", "Нұрланова", "moderator", "ru", "asel_mod"),
    Person(222, "Бауыржан", "Қасымов", "moderator", "kk"),
    Person(333, "Ерлан", "Сапаров", "akim", "ru"),
)
RESIDENTS = tuple(p for p in PEOPLE if p.role == "resident")
MODERATORS = tuple(p for p in PEOPLE if p.role == "moderator")
AKIM = next(p for p in PEOPLE if p.role == "akim")


def person(user_id: int) -> Person | None:
    return next((p for p in PEOPLE if p.user_id == user_id), None)


def populate(fake: FakeTelegram) -> None:
    """The chats (the bot an administrator in each) and the people in them."""
    for chat in CHATS:
        fake.add_chat(chat.chat_id, title=chat.title)
    for p in PEOPLE:
        fake.add_user(
            p.user_id, p.first_name, last_name=p.last_name, username=p.username,
            language_code=p.language,
        )  # fmt: skip
        for chat in RESIDENT_CHATS:
            fake.set_member(chat.chat_id, p.user_id)
        if p.role != "resident":
            fake.set_member(STAFF_CHAT, p.user_id)


def _toml(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string


def write_config(path: Path, api_base: str, database: Path) -> Path:
    """The desk's config.toml for the demo: the production format, pointing at the sandbox.

    The sandbox has no flood limits, so the desk's pacing is opened up (the seed day goes
    through in seconds) and the deadline watch looks every 15 seconds instead of 5 minutes."""
    sections: dict[str, dict[str, object]] = {
        "telegram": {"api_base": api_base, "polling_timeout": 10},
        "storage": {"path": str(database)},
        "locale": {"default": "ru", "timezone": "Asia/Almaty"},
        "staff": {
            "chat_id": STAFF_CHAT,
            "moderators": [p.user_id for p in MODERATORS],
            "head": [AKIM.user_id],
        },
        "deadlines": {"check_every_minutes": 0.25},
        "delivery": {
            "retry_base_seconds": 0.2,
            "retry_max_seconds": 2.0,
            "shutdown_flush_seconds": 2.0,
            "global_per_second": 200,
            "chat_per_second": 100,
            "chat_burst": 100,
            "group_per_minute": 6000,
        },
    }
    lines = ["# Written by `python -m bot demo` for its local Telegram; not for production."]
    for name, values in sections.items():
        lines += [f"[{name}]", *(f"{k} = {_toml(v)}" for k, v in values.items())]
    for chat in RESIDENT_CHATS:
        lines += ["[[chats]]", f"key = {_toml(chat.key)}", f"title = {_toml(chat.title)}"]
        lines += [f"chat_id = {chat.chat_id}", f"prefix = {_toml(chat.prefix)}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
