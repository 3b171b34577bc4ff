"""Export: Open311 JSON, CSV and xlsx from a seeded database, filters, the CLI and /export."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.config import Settings
from bot.reports.export import COLUMNS, export
from bot.texts import Texts
from storage.db import Database
from storage.models import Draft, Resolution
from storage.records import AnswerDraft
from storage.rules import Change
from storage.tickets import TicketRepository
from tests import conftest
from tests.conftest import MOD1, MOD2, STAFF_CHAT, run_cli
from tests.problem_rows import insert_problem, join

ROOT = Path(__file__).parent.parent
ZONE_OFFSET = "+05:00"  # Asia/Almaty
CHATS = {
    "akimat": (-1001000000001, "A", "Акимат Сарыарка"),
    "law_order": (-1001000000002, "L", "Правопорядок"),
    "housing": (-1001000000003, "H", "ЖКХ"),
}
FORMER_MODERATOR = 999
PHONE_TEXT = "Нет воды в доме 7 по ул. Кенесары, звоните +7 701 123 45 67 или 8 (7172) 21-00-21"


def config_data(db_path: Path) -> dict:
    return {
        "storage": {"path": str(db_path)},
        "staff": {"chat_id": STAFF_CHAT, "moderators": [MOD1, MOD2]},
        "chats": [
            {"key": key, "title": title, "chat_id": chat_id, "prefix": prefix}
            for key, (chat_id, prefix, title) in CHATS.items()
        ],
    }


def write_config(tmp_path: Path, db_path: Path) -> Path:
    return conftest.write_config(tmp_path, config_data(db_path))


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 5, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


_message_ids = iter(range(100, 10_000))


def draft(chat_key: str, created: datetime, text: str = "", **kw) -> Draft:
    chat_id, prefix, _ = CHATS[chat_key]
    base = dict(
        chat_key=chat_key,
        prefix=prefix,
        source_chat_id=chat_id,
        source_message_id=next(_message_ids),
        source_thread_id=None,
        author_id=5001,
        author_name="Айгерім Сейітова",
        author_username="aigerim",
        author_language="kk",
        text=text,
        media_type=None,
        media_file_id=None,
        created_at=created,
        response_due_at=utc(2024, 5, 30),
        resolve_due_at=utc(2024, 5, 22, 18, 59, 59),
    )
    base.update(kw)
    return Draft(**base)


async def seed(path: Path) -> None:
    """Five tickets across the chats and the local-date boundary, in every state."""
    db = await Database.open(path)
    clock = Clock()
    tickets = TicketRepository(db, clock)
    try:
        # H-1, 1 May 10:00 local: answered (a note after the answer), closed as resolved.
        clock.now = utc(2024, 5, 1, 5, 0)
        h1 = (
            await tickets.create(
                draft(
                    "housing",
                    clock.now,
                    PHONE_TEXT,
                    category="water",
                    address="Кенесары, 40",
                    address_key="кенесары 40",
                )
            )
        ).ticket
        clock.now = utc(2024, 5, 1, 7, 30)
        await tickets.apply(
            h1.id,
            Change.answer,
            actor_id=MOD1,
            answer=AnswerDraft(MOD1, "Бригада выедет завтра, справки: +7 777 000 11 22"),
        )
        clock.now = utc(2024, 5, 1, 8, 0)
        await tickets.apply(h1.id, Change.note, actor_id=MOD1, answer=AnswerDraft(MOD1, "секрет"))
        clock.now = utc(2024, 5, 2, 6, 0)
        await tickets.apply(h1.id, Change.close, actor_id=MOD1, resolution=Resolution.resolved)
        # A-1, 3 May 00:30 local (2 May in UTC): a location, taken by the second moderator.
        clock.now = utc(2024, 5, 2, 19, 30)
        a1 = await tickets.create(
            draft(
                "akimat",
                clock.now,
                media_type="location",
                media_file_id="51.169392,71.449074",
            )
        )
        await tickets.apply(a1.ticket.id, Change.take, actor_id=MOD2)
        # L-1, 4 May: a text Excel would run as a formula; new.
        clock.now = utc(2024, 5, 4, 4, 0)
        await tickets.create(draft("law_order", clock.now, '=HYPERLINK("http://x")\x01 драка'))
        # H-2, 5 May: spam.
        clock.now = utc(2024, 5, 5, 4, 0)
        h2 = (await tickets.create(draft("housing", clock.now, "Кредиты без справок тут"))).ticket
        await tickets.apply(h2.id, Change.close, actor_id=MOD1, resolution=Resolution.spam)
        # A-2, 6 May: assigned to someone no longer on the moderators list.
        clock.now = utc(2024, 5, 6, 4, 0)
        a2 = (await tickets.create(draft("akimat", clock.now, "Яма на дороге у школы 45"))).ticket
        await tickets.apply(a2.id, Change.assign, actor_id=MOD1, assignee_id=FORMER_MODERATOR)
    finally:
        await db.close()


@pytest.fixture
async def seeded(tmp_path: Path) -> Settings:
    path = tmp_path / "desk.sqlite3"
    await seed(path)
    return Settings(**config_data(path))


def run_export(settings: Settings, fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    export(settings, Texts(), fmt, out, **kw)
    return out.getvalue()


def open311(settings: Settings, **kw) -> list[dict]:
    return json.loads(run_export(settings, "open311", **kw))


def by_code(records: list[dict]) -> dict[str, dict]:
    return {r["service_request_id"]: r for r in records}


# ---- Open311 -------------------------------------------------------------------------------


def test_open311_fields_and_types(seeded):
    records = open311(seeded)
    assert [r["service_request_id"] for r in records] == ["H-1", "A-1", "L-1", "H-2", "A-2"]
    for record in records:
        assert list(record) == list(COLUMNS)
        assert record["status"] in ("open", "closed")
        assert record["agency_responsible"] == "Акимат Сарыарка"
        for key in ("requested_datetime", "updated_datetime", "expected_datetime"):
            moment = datetime.fromisoformat(record[key])
            assert moment.utcoffset() is not None and record[key].endswith(ZONE_OFFSET)
    h1 = by_code(records)["H-1"]
    assert h1["status"] == "closed" and h1["ticket_status"] == "closed"
    assert h1["resolution"] == "resolved"
    # The service is what the appeal is about; the chat is an extension field.
    assert h1["service_code"] == "water" and h1["service_name"] == "Водоснабжение"
    assert h1["address"] == "Кенесары, 40" and h1["chat"] == "housing"
    a1 = by_code(records)["A-1"]
    assert (a1["service_code"], a1["address"], a1["chat"]) == ("other", None, "akimat")
    assert h1["requested_datetime"] == "2024-05-01T10:00:00+05:00"
    assert h1["updated_datetime"] == "2024-05-02T11:00:00+05:00"
    assert h1["expected_datetime"] == "2024-05-22T23:59:59+05:00"
    assert h1["first_response_datetime"] == "2024-05-01T12:30:00+05:00"
    assert h1["first_response_minutes"] == 150
    assert h1["closed_datetime"] == "2024-05-02T11:00:00+05:00"
    assert h1["assignee"] == "Модератор 1"
    assert h1["priority"] == "normal"
    assert h1["lat"] is None and h1["long"] is None
    assert h1["rating"] is None
    # The latest public answer, never the internal note after it; phones hidden.
    assert h1["status_notes"] == "Бригада выедет завтра, справки: [скрыто]"
    assert h1["description"] == ("Нет воды в доме 7 по ул. Кенесары, звоните [скрыто] или [скрыто]")

    a1 = by_code(records)["A-1"]
    assert (a1["lat"], a1["long"]) == (51.169392, 71.449074)
    assert isinstance(a1["lat"], float) and a1["media_type"] == "location"
    assert a1["status"] == "open" and a1["ticket_status"] == "assigned"
    assert a1["assignee"] == "Модератор 2" and a1["status_notes"] is None
    assert a1["first_response_minutes"] is None and a1["closed_datetime"] is None

    h2 = by_code(records)["H-2"]
    assert h2["resolution"] == "spam" and h2["status_notes"] == "спам"
    assert h2["description"] == ""  # a spam post's text is not republished
    assert by_code(records)["A-2"]["assignee"] == "бывший модератор"


def test_open311_carries_nothing_personal(seeded):
    raw = run_export(seeded, "open311").decode()
    for personal in ("5001", "Айгерім", "aigerim", str(MOD1), str(MOD2), "701 123", "секрет"):
        assert personal not in raw


def test_rating_of_the_latest_closing_when_ratings_exist(seeded):
    with sqlite3.connect(seeded.storage.path) as conn:
        conn.execute("DROP TABLE IF EXISTS ratings")
    assert all(r["rating"] is None for r in open311(seeded))
    with sqlite3.connect(seeded.storage.path) as conn:
        conn.execute(
            "CREATE TABLE ratings (ticket_id INTEGER NOT NULL, closing INTEGER NOT NULL,"
            " solved INTEGER NOT NULL, PRIMARY KEY (ticket_id, closing)) WITHOUT ROWID"
        )
        (h1,) = conn.execute("SELECT id FROM tickets WHERE code = 'H-1'").fetchone()
        conn.executemany("INSERT INTO ratings VALUES (?, ?, ?)", [(h1, 1, 0), (h1, 2, 1)])
    ratings = {r["service_request_id"]: r["rating"] for r in open311(seeded)}
    assert ratings == {"H-1": 1, "A-1": None, "L-1": None, "H-2": None, "A-2": None}
    # For people (the workbook) the answer is in words, not a bare 0 or 1.
    sheet = load_workbook(io.BytesIO(run_export(seeded, "xlsx")))["Обращения"]
    header = [c.value for c in sheet[1]]
    rows = {row[0]: row[header.index("Оценка")] for row in sheet.iter_rows(values_only=True)}
    assert rows["H-1"] == "решено" and rows["A-1"] is None


# ---- filters -------------------------------------------------------------------------------


def test_local_dates_bound_the_period(seeded):
    # A-1 came at 00:30 on 3 May local time, still 2 May in UTC.
    codes = [r["service_request_id"] for r in open311(seeded, since=date(2024, 5, 3))]
    assert codes == ["A-1", "L-1", "H-2", "A-2"]
    codes = [r["service_request_id"] for r in open311(seeded, until=date(2024, 5, 2))]
    assert codes == ["H-1"]
    codes = [
        r["service_request_id"]
        for r in open311(seeded, since=date(2024, 5, 3), until=date(2024, 5, 4))
    ]
    assert codes == ["A-1", "L-1"]


def test_chat_filter_and_empty_result(seeded):
    assert [r["service_request_id"] for r in open311(seeded, chat_key="akimat")] == ["A-1", "A-2"]
    assert open311(seeded, since=date(2025, 1, 1)) == []
    assert open311(seeded, chat_key="law_order", until=date(2024, 5, 3)) == []
    rows = list(csv.reader(io.StringIO(run_export(seeded, "csv", since=date(2030, 1, 1)).decode())))
    assert rows == [["\ufeff" + COLUMNS[0], *COLUMNS[1:]]]
    book = load_workbook(
        io.BytesIO(run_export(seeded, "xlsx", chat_key="housing", since=date(2030, 1, 1)))
    )
    assert book.sheetnames == ["Обращения", "Сводка", "Проблемы"]
    assert book["Обращения"].max_row == 1  # headers only
    assert _summary(book)["Всего"][-1] == 0


# ---- CSV -----------------------------------------------------------------------------------


def test_csv_utf8_bom_one_row_per_ticket(seeded):
    data = run_export(seeded, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r["service_request_id"] for r in rows] == ["H-1", "A-1", "L-1", "H-2", "A-2"]
    assert list(rows[0]) == list(COLUMNS)
    h1, a1, l1 = rows[0], rows[1], rows[2]
    assert (
        h1["service_name"] == "Водоснабжение"
        and h1["requested_datetime"] == "2024-05-01T10:00:00+05:00"
    )
    assert h1["first_response_minutes"] == "150" and h1["lat"] == "" and h1["rating"] == ""
    assert (a1["lat"], a1["long"]) == ("51.169392", "71.449074")
    # A cell Excel would run as a formula is kept as text.
    assert l1["description"].startswith("'=HYPERLINK(")


# ---- xlsx ----------------------------------------------------------------------------------


def _summary(book) -> dict[str, list]:
    sheet = book["Сводка"]
    rows = [list(r) for r in sheet.iter_rows(min_row=4, values_only=True)]
    header = rows[0]
    return {name: [row[header.index(name)] for row in rows[1:]] for name in header}


def test_xlsx_typed_columns_widths_and_summary(seeded):
    book = load_workbook(io.BytesIO(run_export(seeded, "xlsx")))
    assert book.sheetnames == ["Обращения", "Сводка", "Проблемы"]
    sheet = book["Обращения"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["Номер", "Чат", "Статус", "Итог", "Приоритет", "Поступило"]
    rows = {row[0].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)}
    assert list(rows) == ["H-1", "A-1", "L-1", "H-2", "A-2"]
    h1 = rows["H-1"]
    assert h1["Поступило"].value == datetime(2024, 5, 1, 10, 0)  # local time
    assert h1["Поступило"].is_date and "YYYY" in h1["Поступило"].number_format
    assert h1["Закрыто"].value == datetime(2024, 5, 2, 11, 0)
    assert h1["До ответа, ч"].value == 2.5 and h1["До ответа, ч"].data_type == "n"
    assert h1["Статус"].value == "закрыто" and h1["Итог"].value == "решено"
    assert h1["Исполнитель"].value == "Модератор 1"
    assert h1["Ответ или итог"].value == "Бригада выедет завтра, справки: [скрыто]"
    assert (h1["Категория"].value, h1["Адрес"].value) == ("Водоснабжение", "Кенесары, 40")
    a1 = rows["A-1"]
    assert a1["Широта"].value == pytest.approx(51.169392) and a1["Широта"].data_type == "n"
    assert a1["Вложение"].value == "геолокация" and a1["Статус"].value == "в работе"
    l1 = rows["L-1"]["Текст обращения"]
    assert l1.data_type == "s" and l1.value == '=HYPERLINK("http://x") драка'  # text, no \x01
    assert sheet.column_dimensions["Q"].width == 80  # the appeal's text
    assert sheet.column_dimensions["A"].width == 10
    assert sheet.freeze_panes == "B2"

    summary = _summary(book)
    assert summary["Чат"] == ["Акимат Сарыарка", "Правопорядок", "ЖКХ", "Всего"]
    assert summary["новое"] == [0, 1, 0, 1]
    assert summary["в работе"] == [2, 0, 0, 2]
    assert summary["закрыто"] == [0, 0, 2, 2]
    assert summary["Всего"] == [2, 1, 2, 5]
    assert book["Сводка"]["A2"].value == "Период: за всё время"
    since = load_workbook(io.BytesIO(run_export(seeded, "xlsx", since=date(2024, 5, 1))))
    assert since["Сводка"]["A2"].value == "Период: с 01.05.2024"


# ---- problems ------------------------------------------------------------------------------


async def seed_problems(path: Path) -> None:
    """An outage at Kenesary 40 (P-1) closed with its two open appeals; a lamp at
    Abaya 12 (P-2) still open; one more appeal of its own."""
    db = await Database.open(path)
    clock = Clock()
    tickets = TicketRepository(db, clock)
    try:
        clock.now = utc(2024, 6, 3, 4, 0)
        heating = [
            (await tickets.create(draft("housing", clock.now, f"Нет тепла, кв. {n}"))).ticket
            for n in (1, 2)
        ]
        closed = utc(2024, 6, 3, 9, 0)
        outage = await insert_problem(
            db,
            "Отопление — Кенесары 40",
            clock.now,
            status="closed",
            resolution="resolved",
            closed_at=closed,
            assignee_id=MOD1,
        )
        await join(db, outage, *(t.id for t in heating))
        # The problem's closing closed its appeals: one transaction stamped them both.
        clock.now = closed
        for ticket in heating:
            await tickets.apply(
                ticket.id, Change.close, actor_id=MOD1, resolution=Resolution.resolved
            )
        clock.now = utc(2024, 6, 4, 4, 0)
        lamp = await insert_problem(
            db, "Освещение — Абая 12", clock.now, category="lighting", address="Абая 12"
        )
        first = (await tickets.create(draft("akimat", clock.now, "Не горит фонарь"))).ticket
        other = (
            await tickets.create(draft("akimat", clock.now, "Темно во дворе", author_id=5002))
        ).ticket
        await join(db, lamp, first.id, other.id)
        # An appeal of the lamp closed on its own, earlier than its problem: no note.
        clock.now = utc(2024, 6, 4, 5, 0)
        await tickets.apply(first.id, Change.close, actor_id=MOD1, resolution=Resolution.rejected)
        await tickets.create(draft("law_order", clock.now, "Шумят соседи ночью"))
    finally:
        await db.close()


async def test_problems_in_open311_and_the_workbook(seeded):
    await seed_problems(seeded.storage.path)
    records = by_code(open311(seeded, since=date(2024, 6, 1)))
    assert {code: r["problem_code"] for code, r in records.items()} == {
        "H-3": "P-1",
        "H-4": "P-1",
        "A-3": "P-2",
        "A-4": "P-2",
        "L-2": None,
    }
    assert records["H-3"]["status_notes"] == "Закрыто вместе с проблемой P-1. решено"
    assert records["A-3"]["status_notes"] == "отклонено"  # closed alone
    assert records["A-4"]["status_notes"] is None  # still open
    rows = list(csv.DictReader(io.StringIO(run_export(seeded, "csv").decode("utf-8-sig"))))
    assert {r["service_request_id"]: r["problem_code"] for r in rows}["H-4"] == "P-1"

    book = load_workbook(io.BytesIO(run_export(seeded, "xlsx", since=date(2024, 6, 4))))
    sheet = book["Проблемы"]
    header = [c.value for c in sheet[1]]
    assert header == [
        "Номер",
        "Название",
        "Категория",
        "Адрес",
        "Жителей",
        "Статус",
        "Исполнитель",
        "Создана",
        "Закрыта",
    ]
    # Only the problems the period's appeals belong to.
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["P-2"]
    everything = load_workbook(io.BytesIO(run_export(seeded, "xlsx")))
    problems = {
        row[0]: dict(zip(header, row, strict=True))
        for row in everything["Проблемы"].iter_rows(min_row=2, values_only=True)
    }
    assert list(problems) == ["P-1", "P-2"]
    outage, lamp = problems["P-1"], problems["P-2"]
    assert (outage["Название"], outage["Категория"], outage["Адрес"]) == (
        "Отопление — Кенесары 40",
        "Отопление",
        "Кенесары 40",
    )
    assert outage["Жителей"] == 1  # both appeals are one resident's
    assert outage["Статус"] == "закрыта (решено)" and outage["Исполнитель"] == "Модератор 1"
    assert outage["Создана"] == datetime(2024, 6, 3, 9, 0)  # local time
    assert outage["Закрыта"] == datetime(2024, 6, 3, 14, 0)
    assert (lamp["Жителей"], lamp["Статус"], lamp["Закрыта"]) == (2, "не взята в работу", None)
    tickets = everything["Обращения"]
    names = [c.value for c in tickets[1]]
    column = names.index("Проблема")
    codes = {row[0]: row[column] for row in tickets.iter_rows(min_row=2, values_only=True)}
    assert (codes["H-3"], codes["L-2"], codes["H-1"]) == ("P-1", None, None)


# ---- the command line ----------------------------------------------------------------------


async def cli(config: Path, *args: str) -> tuple[int, bytes, str]:
    return await run_cli(config, "export", *args)


async def test_cli_writes_to_stdout_and_files_without_a_token(seeded, tmp_path):
    config = write_config(tmp_path, seeded.storage.path)
    code, out, err = await cli(config, "--format", "open311", "--chat", "housing")
    assert code == 0, err
    assert [r["service_request_id"] for r in json.loads(out)] == ["H-1", "H-2"]
    assert "Traceback" not in err

    code, out, err = await cli(config, "--format", "csv", "--since", "2024-05-03")
    assert code == 0, err
    assert out.startswith(b"\xef\xbb\xbf") and len(out.decode("utf-8-sig").splitlines()) == 5

    target = tmp_path / "out" / "appeals.xlsx"
    target.parent.mkdir()
    code, out, err = await cli(
        config, "--format", "xlsx", "--until", "2024-05-04", "--output", str(target)
    )
    assert code == 0 and out == b"", err
    assert load_workbook(target)["Обращения"].max_row == 4  # header + H-1, A-1, L-1
    assert sorted(p.name for p in target.parent.iterdir()) == ["appeals.xlsx"]
    # Residents' texts: a new export is the operator's alone, whatever the umask.
    assert target.stat().st_mode & 0o777 == 0o600
    # A file the operator made keeps the mode they gave it.
    shared = tmp_path / "out" / "shared.csv"
    shared.write_bytes(b"")
    os.chmod(shared, 0o640)
    code, out, err = await cli(config, "--format", "csv", "--output", str(shared))
    assert code == 0, err
    assert shared.stat().st_mode & 0o777 == 0o640 and shared.read_bytes()


async def test_cli_refuses_bad_usage_and_a_missing_database(tmp_path):
    config = write_config(tmp_path, tmp_path / "none.sqlite3")
    code, out, err = await cli(config, "--format", "csv")
    assert code == 2 and out == b"" and "does not exist" in err and "Traceback" not in err
    assert not (tmp_path / "none.sqlite3").exists()
    for args, says in (
        (["--format", "pdf"], "invalid choice"),
        (["--format", "csv", "--since", "01.05.2024"], "is not a date (use YYYY-MM-DD)"),
        (["--format", "csv", "--since", "2024-05-04", "--until", "2024-05-01"], "after --until"),
        (["--format", "csv", "--chat", "parks"], "invalid choice"),
        (["--format", "csv", "--output", str(tmp_path / "no" / "dir.csv")], "no directory"),
        ([], "--format"),
    ):
        code, out, err = await cli(config, *args)
        assert code == 2 and out == b"" and says in err and "Traceback" not in err, (args, err)


# ---- /export in the staff chat -------------------------------------------------------------


async def test_export_command_sends_the_workbook(desk, fake):
    from aiogram.methods import SendDocument

    from tests.conftest import HOUSING, RESIDENT

    documents: list[bytes] = []

    async def keep_document(make_request, bot, method):
        if isinstance(method, SendDocument):
            documents.append(method.document.data)
        return await make_request(bot, method)

    desk.app.bot.session.middleware(keep_document)
    fake.post(HOUSING, RESIDENT, "Во дворе дома 12 третий день не горят фонари")
    fake.post(HOUSING, RESIDENT, "Протекает крыша в подъезде 3, звоните 87011234567")
    await desk.settle()

    fake.post(STAFF_CHAT, MOD1, "/export 7")
    await desk.settle()
    await fake.wait_until(lambda: bool(fake.sent("sendDocument")))
    [call] = fake.sent("sendDocument", chat_id=STAFF_CHAT)
    [sent] = [m for m in fake.bot_messages(STAFF_CHAT) if "document" in m]
    assert sent["document"]["file_name"].endswith(".xlsx")
    assert sent["reply_to_message"]["message_id"] == call.params["reply_parameters"]["message_id"]
    assert "Обращения за" in call.params["caption"] and ": 2" in call.params["caption"]
    book = load_workbook(io.BytesIO(documents[0]))
    sheet = book["Обращения"]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["H-1", "H-2"]
    assert "[скрыто]" in sheet["Q3"].value

    fake.post(STAFF_CHAT, MOD1, "/export много")
    fake.post(STAFF_CHAT, MOD2, "/export 400")
    await desk.settle()
    replies = [m["text"] for m in fake.bot_messages(STAFF_CHAT)[-2:]]
    assert all("Укажите число дней от 1 до 366" in text for text in replies)
    before = len(fake.sent("sendDocument"))
    fake.post(STAFF_CHAT, 5002, "/export")  # not a moderator: ignored
    await desk.settle()
    await asyncio.sleep(0.2)
    assert len(fake.sent("sendDocument")) == before
