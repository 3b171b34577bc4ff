"""The xlsx workbook of an export: the appeals, a summary by chat and status,
and the problems the appeals belong to (one issue at one place, many appeals)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from bot.reports.cells import sheet_title, xlsx_value
from storage.export import ExportProblem, ExportRow
from storage.models import Status

if TYPE_CHECKING:
    from bot.reports.export import Exporter

XLSX_MAX_ROWS = 1_048_575  # Excel's sheet limit, less the header row
_TIME = "DD.MM.YYYY HH:MM"


class ExportTooLarge(Exception):
    """More tickets than one spreadsheet holds."""


@dataclass(frozen=True, slots=True)
class _Column:
    key: str  # the message export-col-<key> is its header
    width: float
    number_format: str | None = None


_SHEET_COLUMNS = (
    _Column("code", 10),
    _Column("chat", 22),
    _Column("status", 13),
    _Column("resolution", 13),
    _Column("priority", 11),
    _Column("received", 17, _TIME),
    _Column("updated", 17, _TIME),
    _Column("due", 17, _TIME),
    _Column("first-response", 17, _TIME),
    _Column("first-response-hours", 12, "0.0"),
    _Column("closed", 17, _TIME),
    _Column("assignee", 22),
    _Column("rating", 11),
    _Column("lat", 11, "0.000000"),
    _Column("long", 11, "0.000000"),
    _Column("media", 13),
    _Column("text", 80),
    _Column("notes", 60),
    _Column("category", 24),
    _Column("address", 28),
    _Column("problem", 10),
)

_PROBLEM_COLUMNS = (
    _Column("code", 10),
    _Column("problem-title", 40),
    _Column("category", 24),
    _Column("address", 28),
    _Column("residents", 10),
    _Column("status", 18),
    _Column("assignee", 22),
    _Column("problem-created", 17, _TIME),
    _Column("problem-closed", 17, _TIME),
)


def write_workbook(
    exporter: Exporter,
    rows: Iterable[ExportRow],
    out: BinaryIO,
    period: str,
    problems: Sequence[ExportProblem],
) -> int:
    """The workbook of ``rows``: how many appeals it holds."""
    from openpyxl import Workbook  # only exports need it: kept out of the bot's start-up
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    book = Workbook(write_only=True)
    sheet = _sheet(book, exporter.label("export-sheet-tickets"), _SHEET_COLUMNS)

    def cell(value: Any, number_format: str | None = None, font: Font | None = None) -> Any:
        item = WriteOnlyCell(sheet, value=xlsx_value(value))
        if isinstance(value, str):
            item.data_type = "s"  # text stays text, even "=…" (openpyxl would make a formula)
        if number_format:
            item.number_format = number_format
        if font:
            item.font = font
        return item

    sheet.append([cell(exporter.label(f"export-col-{c.key}"), font=bold) for c in _SHEET_COLUMNS])
    counts: Counter[tuple[str, str]] = Counter()
    for row in rows:
        if sum(counts.values()) >= XLSX_MAX_ROWS:
            raise ExportTooLarge(
                f"more than {XLSX_MAX_ROWS} tickets do not fit in one sheet: "
                "narrow the period (--since, --until) or the chat (--chat)"
            )
        counts[(row.chat_key, row.status.value)] += 1
        values = exporter.sheet_values(row)
        sheet.append(
            [cell(v, c.number_format) for v, c in zip(values, _SHEET_COLUMNS, strict=True)]
        )
    if counts:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(_SHEET_COLUMNS))}1"
    _summary_sheet(exporter, book, cell, bold, counts, period)
    _problems_sheet(exporter, book, cell, bold, problems)
    book.save(out)
    return sum(counts.values())


def _sheet(book: Any, title: str, columns: Sequence[_Column]) -> Any:
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(sheet_title(title))
    for number, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    sheet.freeze_panes = "B2"
    return sheet


def _summary_sheet(
    exporter: Exporter,
    book: Any,
    cell: Callable[..., Any],
    bold: Any,
    counts: Counter[tuple[str, str]],
    period: str,
) -> None:
    """Tickets by chat and status, with totals."""
    t = exporter.label
    summary = book.create_sheet(sheet_title(t("export-sheet-summary")))
    summary.column_dimensions["A"].width = 28
    for letter in "BCDEF":
        summary.column_dimensions[letter].width = 13
    summary.append([cell(t("export-summary-title"), font=bold)])
    summary.append([cell(period)])
    summary.append([])
    statuses = list(Status)
    summary.append(
        [
            cell(t("export-col-chat"), font=bold),
            *(cell(t(f"status-{s}"), font=bold) for s in statuses),
            cell(t("export-summary-total"), font=bold),
        ]
    )
    chats = exporter.settings.chats
    for chat in chats:
        numbers = [counts[(chat.key, s.value)] for s in statuses]
        summary.append([cell(chat.title), *numbers, sum(numbers)])
    totals = [sum(counts[(c.key, s.value)] for c in chats) for s in statuses]
    summary.append(
        [
            cell(t("export-summary-total"), font=bold),
            *(cell(n, font=bold) for n in totals),
            cell(sum(totals), font=bold),
        ]
    )


def _problems_sheet(
    exporter: Exporter,
    book: Any,
    cell: Callable[..., Any],
    bold: Any,
    problems: Sequence[ExportProblem],
) -> None:
    """One row per problem the exported appeals belong to."""
    t = exporter.label
    sheet = _sheet(book, t("export-sheet-problems"), _PROBLEM_COLUMNS)
    sheet.append([cell(t(f"export-col-{c.key}"), font=bold) for c in _PROBLEM_COLUMNS])
    for problem in problems:
        status = t(f"digest-problem-{problem.status}")
        if problem.resolution is not None:
            status = f"{status} ({t(f'resolution-{problem.resolution}')})"
        values = [
            problem.code,
            problem.title,
            t(f"category-{problem.category or 'other'}"),
            problem.address,
            problem.residents,
            status,
            exporter.assignee(problem.assignee_id) if problem.assignee_id else None,
            exporter.local(problem.created_at),
            exporter.local(problem.closed_at),
        ]
        sheet.append(
            [cell(v, c.number_format) for v, c in zip(values, _PROBLEM_COLUMNS, strict=True)]
        )
