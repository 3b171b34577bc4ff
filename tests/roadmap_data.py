"""A district's roadmap as tests need it: problems with their appeals and plans,
written straight into a desk database."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from storage.models import to_db_time

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 27)
CHATS = {"housing": (-1001000000003, "H"), "akimat": (-1001000000001, "A")}


@dataclass
class Seed:
    number: int
    title: str
    category: str
    address: str
    authors: list[int]
    chat: str = "housing"
    status: str | None = None  # the plan's; None: no plan
    organisation: str | None = None
    measure: str | None = None
    due_on: date | None = None
    funding: str | None = None
    reason: str | None = None
    closed: str | None = None  # the problem's resolution, if closed
    texts: list[str] = field(default_factory=list)


SEEDS = [
    Seed(
        12,
        "Отопление — Кенесары 40",
        "heating",
        "Кенесары 40",
        [5001, 5002, 5003, 5003],
        status="in_progress",
        organisation="heating",
        measure="Замена задвижки на вводе",
        due_on=TODAY - timedelta(days=3),
        funding="budget",
    ),
    Seed(
        7,
        "Освещение — Иманова 7",
        "lighting",
        "Иманова 7",
        [5004, 5005],
        status="planned",
        organisation="akimat_roads",
        measure="Восемь новых фонарей во дворе",
        due_on=TODAY + timedelta(days=20),
        funding="participatory",
    ),
    Seed(
        3,
        "Двор — Сыганак 18",
        "yard",
        "Сыганак 18",
        [5006, 5007, 5008],
        status="planned",
        organisation="osi",
        measure="Детская площадка",
        due_on=TODAY + timedelta(days=60),
        funding="needs_funding",
    ),
    Seed(21, "Вода — Кабанбай батыра 11", "water", "Кабанбай батыра 11", [5009]),
    Seed(
        5,
        "Мусор — Иманова 22",
        "garbage",
        "Иманова 22",
        [5010, 5011],
        chat="akimat",
        status="done",
        organisation="akimat_greenery",
        measure="Вывоз по графику",
        due_on=TODAY - timedelta(days=10),
        funding="budget",
    ),
    Seed(
        9,
        "Дороги — Республики 1",
        "roads",
        "Республики 1",
        [5012],
        status="not_planned",
        reason="Дорога на балансе города, передано в управление",
    ),
    Seed(14, "Лифт — Абая 2", "elevator", "Абая 2", [5013, 5014], closed="resolved"),
    Seed(15, "Отопление — Абая 3", "heating", "Абая 3", [5015], closed="duplicate"),
]


def seed_roadmap(conn: sqlite3.Connection, seeds: list[Seed] = SEEDS) -> None:
    """Problems (and their appeals, resident ids as given) and plans, committed."""
    stamp = to_db_time(NOW)
    message = 1000
    with conn:
        for s in seeds:
            closed = s.closed is not None
            cur = conn.execute(
                "INSERT INTO problems (number, title, category, address, address_key, status,"
                " resolution, created_at, updated_at, closed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    s.number,
                    s.title,
                    s.category,
                    s.address,
                    s.address.lower(),
                    "closed" if closed else "assigned",
                    s.closed,
                    stamp,
                    stamp,
                    stamp if closed else None,
                ),
            )
            problem_id = cur.lastrowid
            chat_id, prefix = CHATS[s.chat]
            for author in s.authors:
                message += 1
                text = f"Жалоба жителя {author} по адресу {s.address}, тел. +7 701 123 45 67"
                s.texts.append(text)
                conn.execute(
                    "INSERT INTO tickets (code, chat_key, number, source_chat_id,"
                    " source_message_id, author_id, author_name, text, status, created_at,"
                    " updated_at, problem_id, category, address)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?)",
                    (
                        f"{prefix}-{message}",
                        s.chat,
                        message,
                        chat_id,
                        message,
                        author,
                        f"Житель {author}",
                        text,
                        stamp,
                        stamp,
                        problem_id,
                        s.category,
                        s.address,
                    ),
                )
            if s.status is not None:
                conn.execute(
                    "INSERT INTO plans (problem_id, status, organisation, measure, due_on,"
                    " funding, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        problem_id,
                        s.status,
                        s.organisation,
                        s.measure,
                        s.due_on.isoformat() if s.due_on else None,
                        s.funding,
                        s.reason,
                        stamp,
                    ),
                )


def problem_id(conn: sqlite3.Connection, number: int) -> int:
    return conn.execute("SELECT id FROM problems WHERE number = ?", (number,)).fetchone()[0]
