"""The roadmap as one public web page the akimat can put on its site: a summary,
a chart of problems by status and the table, in one self-contained file (styles
and the chart inline, no script, no font or image fetched from anywhere).

Everything in it is escaped; nothing in it is personal (see roadmap_export).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from bot.problems.roadmap_words import RoadmapWords, day
from storage.roadmap_reads import RoadmapItem
from storage.rules import PlanStatus

COLOURS = {
    PlanStatus.new: "#8c8c8c",
    PlanStatus.planned: "#2f6fb0",
    PlanStatus.in_progress: "#e09b1a",
    PlanStatus.done: "#2e9a4f",
    PlanStatus.not_planned: "#b54a4a",
}
_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;
color:#1d1d1f;background:#f6f7f9}
main{max-width:1200px;margin:0 auto;padding:24px 16px}
h1{font-size:1.6rem;margin:0 0 4px}
.as-of{color:#555;margin:0 0 12px}
.intro{max-width:60rem;line-height:1.45}
.total{font-weight:600}
figure{background:#fff;border-radius:8px;padding:12px 16px;margin:16px 0;
box-shadow:0 1px 2px rgba(0,0,0,.08)}
figcaption{font-weight:600;margin-bottom:8px}
svg text{font-size:13px;fill:#1d1d1f}
.scroll{overflow-x:auto;background:#fff;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{padding:8px 10px;border-bottom:1px solid #e4e6ea;text-align:left;vertical-align:top}
th{background:#eef1f5;position:sticky;top:0}
td.n{text-align:right;white-space:nowrap}
tr.overdue td{background:#fdeceb}
.badge{display:inline-block;padding:2px 8px;border-radius:10px;color:#fff;white-space:nowrap}
.note{color:#9b2c2c}
footer{color:#666;font-size:.85rem;margin-top:16px}
"""
_COLUMNS = (
    "number",
    "problem",
    "address",
    "residents",
    "measure",
    "due",
    "responsible",
    "status",
    "funding",
)
BAR_HEIGHT = 26
LABEL_WIDTH = 190
BAR_WIDTH = 420


def _chart(words: RoadmapWords, counts: dict[str, int]) -> str:
    most = max(counts.values(), default=0) or 1
    rows = []
    for index, status in enumerate(PlanStatus):
        count = counts.get(status.value, 0)
        y = index * (BAR_HEIGHT + 8)
        width = round(BAR_WIDTH * count / most)
        rows.append(
            f'<g class="bar" data-status="{status.value}" data-count="{count}">'
            f'<text x="0" y="{y + 18}">{escape(words.status(status))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}"'
            f' rx="4" fill="{COLOURS[status]}"></rect>'
            f'<text class="count" x="{LABEL_WIDTH + width + 6}" y="{y + 18}">{count}</text></g>'
        )
    height = len(PlanStatus) * (BAR_HEIGHT + 8)
    title = escape(words.plain("roadmap-chart-title"))
    return (
        f'<figure id="chart"><figcaption>{title}</figcaption>'
        f'<svg role="img" aria-label="{title}" viewBox="0 0 {LABEL_WIDTH + BAR_WIDTH + 60}'
        f' {height}" width="100%" style="max-width:{LABEL_WIDTH + BAR_WIDTH + 60}px">'
        f"{''.join(rows)}</svg></figure>"
    )


def _row(words: RoadmapWords, number: int, item: RoadmapItem) -> str:
    status = (
        f'<span class="badge" style="background:{COLOURS[item.status]}">'
        f"{escape(words.status(item.status))}</span>"
    )
    # The note (why not planned, or that the date has passed) goes where it explains.
    note = f'<div class="note">{escape(words.note(item))}</div>' if words.note(item) else ""
    measure, due = escape(item.measure or ""), escape(day(item.due_on))
    if item.overdue:
        due += note
    else:
        measure += note
    cells = (
        ("n", str(number)),
        ("problem", f"<b>{escape(item.code)}</b> {escape(item.title)}"),
        ("address", escape(item.address or "")),
        ("n residents", str(item.residents)),
        ("measure", measure),
        ("due", due),
        ("responsible", escape(words.organisation(item.organisation))),
        ("status", status),
        ("funding", escape(words.funding(item.funding))),
    )
    overdue = ' class="overdue"' if item.overdue else ""
    tds = "".join(f'<td class="{cls}">{value}</td>' for cls, value in cells)
    return f'<tr{overdue} data-code="{escape(item.code)}" data-status="{item.status}">{tds}</tr>'


def render_page(
    words: RoadmapWords,
    items: Sequence[RoadmapItem],
    counts: dict[str, int],
    *,
    district: str,
    today: date,
) -> str:
    """The whole page as one HTML document."""
    title = escape(words.plain("roadmap-title", district=district))
    head = "".join(f"<th>{escape(words.plain(f'roadmap-col-{key}'))}</th>" for key in _COLUMNS)
    if items:
        body = "".join(_row(words, n, item) for n, item in enumerate(items, start=1))
        table = (
            f'<div class="scroll"><table id="roadmap"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>"
        )
    else:
        table = f'<p class="empty">{escape(words.plain("roadmap-page-empty"))}</p>'
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(words.locale)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>{title}</h1>"
        f'<p class="as-of">{escape(words.plain("roadmap-as-of", date=day(today)))}</p>'
        f'<p class="intro">{escape(words.plain("roadmap-page-intro"))}</p>'
        f'<p class="total" data-count="{len(items)}">'
        f"{escape(words.plain('roadmap-page-total', count=len(items)))}</p>"
        f"{_chart(words, counts)}{table}"
        f"<footer>{escape(words.plain('roadmap-page-made', date=day(today)))}</footer>"
        "</main></body></html>\n"
    )
