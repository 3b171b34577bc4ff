"""The roadmap published: an xlsx in the shape akimats report it (№, problem,
address, appeals, measure, due date, responsible, status, funding) and a public
web page (:mod:`bot.reports.roadmap_page`).

Both read a read-only snapshot (``storage.snapshot``) and hold nothing personal:
problems, places, counts and the staff's plans, never a resident's name, id or text.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, BinaryIO

from bot.config import Settings
from bot.problems.roadmap_words import RoadmapWords, day
from bot.reports.cells import sheet_title, xlsx_value
from bot.texts import Texts
from storage.roadmap_reads import RoadmapItem, counts_by_status, read_roadmap
from storage.snapshot import NoDatabase, open_snapshot

ROADMAP_FORMATS = ("roadmap", "html")

# (message roadmap-col-<key>, width)
XLSX_COLUMNS = (
    ("number", 6),
    ("problem", 40),
    ("address", 28),
    ("appeals", 11),
    ("measure", 44),
    ("due", 12),
    ("responsible", 34),
    ("status", 16),
    ("funding", 26),
    ("note", 36),
)
HEADER_ROW = 4  # a title and its date above, as akimats' tables have


def read_published(settings: Settings, today: date) -> tuple[list[RoadmapItem], dict[str, int]]:
    """The whole roadmap and its counts by status, from one snapshot."""
    conn, tables = open_snapshot(settings.storage.path)
    try:
        if "plans" not in tables:
            raise NoDatabase(
                f"{settings.storage.path} predates the roadmap: start the bot once to upgrade it"
            )
        return read_roadmap(conn, today), counts_by_status(conn)
    finally:
        conn.close()


def today_in(settings: Settings, now: datetime | None = None) -> date:
    return (now or datetime.now(settings.locale.zone)).astimezone(settings.locale.zone).date()


def publish(
    settings: Settings, texts: Texts, fmt: str, out: BinaryIO, *, today: date | None = None
) -> int:
    """Write the roadmap as ``fmt`` ("roadmap": xlsx, "html": the page); return how many
    problems. Blocking: run it in a thread from the bot."""
    today = today or today_in(settings)
    items, counts = read_published(settings, today)
    words = RoadmapWords(texts, settings.locale.default)
    district = next(c.title for c in settings.chats if c.key == "akimat")
    if fmt == "roadmap":
        write_xlsx(words, items, out, district=district, today=today)
    elif fmt == "html":
        from bot.reports.roadmap_page import render_page

        out.write(render_page(words, items, counts, district=district, today=today).encode())
    else:
        raise ValueError(f"unknown roadmap format {fmt!r}")
    return len(items)


def xlsx_row(words: RoadmapWords, number: int, item: RoadmapItem) -> list[Any]:
    return [
        number,
        f"{item.code} {item.title}",
        item.address or "",
        item.appeals,
        item.measure or "",
        item.due_on,
        words.organisation(item.organisation),
        words.status(item.status),
        words.funding(item.funding),
        words.note(item),
    ]


def write_xlsx(
    words: RoadmapWords,
    items: Iterable[RoadmapItem],
    out: BinaryIO,
    *,
    district: str,
    today: date,
) -> None:
    from openpyxl import Workbook  # only exports need it: kept out of the bot's start-up
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(words.plain("roadmap-sheet"))
    sheet["A1"] = xlsx_value(words.plain("roadmap-title", district=district))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = words.plain("roadmap-as-of", date=day(today))
    for number, (key, width) in enumerate(XLSX_COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, number, words.plain(f"roadmap-col-{key}"))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(number)].width = width
    overdue = PatternFill("solid", fgColor="FDE2E1")
    wrap = Alignment(wrap_text=True, vertical="top")
    row = HEADER_ROW
    for number, item in enumerate(items, start=1):
        row = HEADER_ROW + number
        for column, value in enumerate(xlsx_row(words, number, item), start=1):
            cell = sheet.cell(row, column, xlsx_value(value))
            if isinstance(value, str):
                cell.data_type = "s"  # a measure starting with "=" stays text
            cell.alignment = wrap
            if isinstance(value, date):
                cell.number_format = "DD.MM.YYYY"
            if item.overdue:
                cell.fill = overdue
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    if row > HEADER_ROW:
        last = get_column_letter(len(XLSX_COLUMNS))
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{row}"
    book.save(out)
