"""The roadmap's weekly chart for the akim: problems on the roadmap by category,
each bar split by where they stand, as a PNG. Drawn in a short-lived child
process like the digest's own chart (``python -m bot.reports.roadmap_chart``)."""

from __future__ import annotations

import io
import json
import sys
from dataclasses import asdict, dataclass

from bot.reports.chart import run_apart

# The roadmap page's colours, status by status (bot/reports/roadmap_page.py).
COLOURS = ("#8c8c8c", "#2f6fb0", "#e09b1a", "#2e9a4f", "#b54a4a")


@dataclass(frozen=True, slots=True)
class RoadmapChartText:
    title: str
    statuses: list[str]  # in PlanStatus order, as labels
    categories: dict[str, str]  # code -> label


def render_roadmap_chart(counts: dict[str, list[int]], text: RoadmapChartText) -> bytes:
    """``counts``: category code -> problems per status (PlanStatus order). Drawn in a
    child process of its own, one chart there: figures, not pyplot's global state."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    rows = sorted(counts, key=lambda code: sum(counts[code]))
    height = 1.4 + 0.42 * max(len(rows), 1)
    figure = Figure(figsize=(7.5, height), dpi=110, layout="constrained")
    ax = figure.subplots()
    left = [0] * len(rows)
    labels = [text.categories.get(code, code) for code in rows]
    for n, (label, colour) in enumerate(zip(text.statuses, COLOURS, strict=True)):
        values = [counts[code][n] for code in rows]
        ax.barh(labels, values, left=left, color=colour, label=label)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    figure.legend(loc="outside upper right", fontsize=8, frameon=False, ncols=5)
    figure.suptitle(text.title, fontsize=12)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


async def draw_roadmap_apart(counts: dict[str, list[int]], text: RoadmapChartText) -> bytes:
    job = json.dumps({"counts": counts, "text": asdict(text)}, ensure_ascii=False).encode()
    return await run_apart("bot.reports.roadmap_chart", job)


def main() -> None:
    job = json.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(render_roadmap_chart(job["counts"], RoadmapChartText(**job["text"])))


if __name__ == "__main__":
    main()
