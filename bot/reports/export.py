"""Open data and spreadsheets: tickets as Open311 GeoReport v2 JSON, CSV or xlsx.

Used by ``python -m bot export`` and by the staff's ``/export``. It reads the
database only (:mod:`storage.export`) and tells nothing about residents beyond
what they posted in the open chats: no user ids, no names, phone-like numbers
(and IINs) in texts are hidden, and the text of a spam ticket is withheld.
Times are ISO 8601 in the configured time zone (local, without zone, in xlsx,
which has none).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, BinaryIO

from bot.config import Settings
from bot.reports.cells import csv_cell
from bot.reports.export_sheets import ExportTooLarge, write_workbook
from bot.texts import Texts
from storage.export import ExportProblem, ExportReader, ExportRow, Period
from storage.models import Resolution, Status

__all__ = ["COLUMNS", "FORMATS", "ExportTooLarge", "Exporter", "export", "local_period"]

FORMATS = ("open311", "csv", "xlsx", "roadmap", "html")  # the last two: bot.reports.roadmap_export
# 10 to 15 digits, possibly split by spaces (non-breaking ones too), dashes, dots or
# brackets: phone numbers (+7 701 123 45 67, 8 (7172) 21-00-21, 8.701.123.45.67) and
# 12-digit IINs; dates and house numbers are shorter.
_PHONE = re.compile(r"(?<![\w+])\+?\d(?:[ \t()\-.\u00a0\u2007\u202f]{0,3}\d){9,14}(?!\w)")

COLUMNS = (
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "address",
    "agency_responsible",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "lat",
    "long",
    "ticket_status",
    "resolution",
    "priority",
    "media_type",
    "assignee",
    "first_response_datetime",
    "first_response_minutes",
    "closed_datetime",
    "rating",
    "chat",
    "problem_code",
)


def local_period(
    settings: Settings, since: date | None, until: date | None, chat_key: str | None = None
) -> Period:
    """Local dates, both inclusive, as the UTC bounds the database compares with."""
    zone = settings.locale.zone
    start = datetime.combine(since, time(), tzinfo=zone) if since else None
    end = datetime.combine(until + timedelta(days=1), time(), tzinfo=zone) if until else None
    return Period(start, end, chat_key)


class Exporter:
    """Turns export rows into the three formats, in the staff's language."""

    def __init__(
        self,
        settings: Settings,
        texts: Texts,
        *,
        assignee_name: Callable[[int], str] | None = None,
    ) -> None:
        self.settings = settings
        self.texts = texts
        self.locale = settings.locale.default
        self.zone = settings.locale.zone
        self._titles = {chat.key: chat.title for chat in settings.chats}
        # The district administration answers in every chat: its chat names it.
        self.agency = self._titles["akimat"]
        self._assignee_name = assignee_name or self._moderator_label
        self._labels: dict[str, str] = {}

    def _t(self, key: str, **args: Any) -> str:
        if args:
            return self.texts.plain(self.locale, key, **args)
        # Labels repeat on every row: formatted once, not a million times.
        if key not in self._labels:
            self._labels[key] = self.texts.plain(self.locale, key)
        return self._labels[key]

    def _moderator_label(self, user_id: int) -> str:
        """'Moderator 2' (their place in the config), never their user id."""
        moderators = self.settings.staff.moderators
        if user_id not in moderators:
            return self._t("export-moderator-former")
        key = f"moderator {user_id}"
        if key not in self._labels:
            self._labels[key] = self._t("export-moderator", n=moderators.index(user_id) + 1)
        return self._labels[key]

    def redact(self, text: str) -> str:
        return _PHONE.sub(self._t("export-redacted"), text)

    def _iso(self, moment: datetime | None) -> str | None:
        return moment.astimezone(self.zone).isoformat(timespec="seconds") if moment else None

    def _local(self, moment: datetime | None) -> datetime | None:
        return moment.astimezone(self.zone).replace(tzinfo=None) if moment else None

    def description(self, row: ExportRow) -> str:
        return "" if row.resolution is Resolution.spam else self.redact(row.text)

    def status_notes(self, row: ExportRow) -> str | None:
        if row.last_answer:
            notes: str | None = self.redact(row.last_answer)
        else:
            notes = self._t(f"resolution-{row.resolution}") if row.resolution else None
        if row.closed_with_problem and row.problem_code:
            closed = self._t("export-closed-with-problem", problem=row.problem_code)
            return f"{closed} {notes}" if notes else closed
        return notes

    def record(self, row: ExportRow) -> dict[str, Any]:
        """One ticket as an Open311 GeoReport v2 service request, plus the desk's fields."""
        lat, lon = row.location or (None, None)
        first = row.first_response_at
        return {
            "service_request_id": row.code,
            "status": "closed" if row.status is Status.closed else "open",
            "status_notes": self.status_notes(row),
            "service_name": self._t(f"category-{row.category or 'other'}"),
            "service_code": row.category or "other",
            "description": self.description(row),
            "address": row.address,
            "agency_responsible": self.agency,
            "requested_datetime": self._iso(row.created_at),
            "updated_datetime": self._iso(row.updated_at),
            "expected_datetime": self._iso(row.resolve_due_at),
            "lat": lat,
            "long": lon,
            "ticket_status": row.status.value,
            "resolution": row.resolution.value if row.resolution else None,
            "priority": row.priority.value,
            "media_type": row.media_type,
            "assignee": self._assignee_name(row.assignee_id) if row.assignee_id else None,
            "first_response_datetime": self._iso(first),
            "first_response_minutes": _minutes(row.created_at, first),
            "closed_datetime": self._iso(row.closed_at),
            "rating": _number(row.rating),
            "chat": row.chat_key,
            "problem_code": row.problem_code,
        }

    # ---- formats -------------------------------------------------------------

    def write_open311(self, rows: Iterable[ExportRow], out: BinaryIO) -> int:
        """A JSON array, one service request per line; returns how many."""
        count = 0
        out.write(b"[")
        for row in rows:
            out.write(b",\n" if count else b"\n")
            out.write(json.dumps(self.record(row), ensure_ascii=False).encode())
            count += 1
        out.write(b"\n]\n" if count else b"]\n")
        return count

    def write_csv(self, rows: Iterable[ExportRow], out: BinaryIO) -> int:
        """UTF-8 with a BOM (Excel then reads Cyrillic right), one row per ticket."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        out.write(codecs.BOM_UTF8)
        count = 0
        for row in rows:
            record = self.record(row)
            writer.writerow([csv_cell(record[key]) for key in COLUMNS])
            count += 1
            if count % 1000 == 0:
                out.write(buffer.getvalue().encode())
                buffer.seek(0)
                buffer.truncate()
        out.write(buffer.getvalue().encode())
        return count

    def write_xlsx(
        self,
        rows: Iterable[ExportRow],
        out: BinaryIO,
        period: str,
        problems: Sequence[ExportProblem] = (),
    ) -> int:
        """A sheet of tickets, a summary by chat and status, and the problems."""
        return write_workbook(self, rows, out, period, problems)

    def sheet_values(self, row: ExportRow) -> list[Any]:
        lat, lon = row.location or (None, None)
        minutes = _minutes(row.created_at, row.first_response_at)
        return [
            row.code,
            self._titles.get(row.chat_key, row.chat_key),
            self._t(f"status-{row.status}"),
            self._t(f"resolution-{row.resolution}") if row.resolution else None,
            self._t(f"export-priority-{row.priority}"),
            self._local(row.created_at),
            self._local(row.updated_at),
            self._local(row.resolve_due_at),
            self._local(row.first_response_at),
            round(minutes / 60, 1) if minutes is not None else None,
            self._local(row.closed_at),
            self._assignee_name(row.assignee_id) if row.assignee_id else None,
            self.rating_label(row.rating),
            lat,
            lon,
            self._t(f"media-{row.media_type}") if row.media_type else None,
            self.description(row),
            self.status_notes(row),
            self._t(f"category-{row.category or 'other'}"),
            row.address,
            row.problem_code,
        ]

    def label(self, key: str, **args: Any) -> str:
        """A message of the catalogue, as plain text for a cell."""
        return self._t(key, **args)

    def local(self, moment: datetime | None) -> datetime | None:
        """Local time without a zone (xlsx has none)."""
        return self._local(moment)

    def assignee(self, user_id: int) -> str:
        return self._assignee_name(user_id)

    def period_label(self, since: date | None, until: date | None) -> str:
        def day(value: date) -> str:
            return value.strftime("%d.%m.%Y")

        if since and until:
            return self._t("export-summary-period", since=day(since), until=day(until))
        if since:
            return self._t("export-summary-period-since", since=day(since))
        if until:
            return self._t("export-summary-period-until", until=day(until))
        return self._t("export-summary-period-all")

    def rating_label(self, rating: float | None) -> str | None:
        """The resident's "was it solved?" in words: a bare 0 or 1 means nothing to a reader."""
        if rating is None:
            return None
        return self._t("export-rating-solved" if rating >= 0.5 else "export-rating-unsolved")


def _minutes(start: datetime, end: datetime | None) -> int | None:
    return max(int((end - start).total_seconds() // 60), 0) if end else None


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def export(
    settings: Settings,
    texts: Texts,
    fmt: str,
    out: BinaryIO,
    *,
    since: date | None = None,
    until: date | None = None,
    chat_key: str | None = None,
    assignee_name: Callable[[int], str] | None = None,
) -> int:
    """Write the tickets received from ``since`` to ``until`` (local dates, inclusive)
    as ``fmt`` to ``out``; return how many. Blocking: run it in a thread from the bot."""
    if fmt in ("roadmap", "html"):  # problems and their plans, not tickets: no period
        from bot.reports.roadmap_export import publish

        return publish(settings, texts, fmt, out)
    exporter = Exporter(settings, texts, assignee_name=assignee_name)
    with ExportReader(settings.storage.path) as reader:
        period = local_period(settings, since, until, chat_key)
        rows = reader.rows(period)
        if fmt == "open311":
            return exporter.write_open311(rows, out)
        if fmt == "csv":
            return exporter.write_csv(rows, out)
        if fmt == "xlsx":
            label = exporter.period_label(since, until)
            return exporter.write_xlsx(rows, out, label, reader.problems(period))
    raise ValueError(f"unknown export format {fmt!r}")
