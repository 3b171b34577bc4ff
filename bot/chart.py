"""The digest's chart: new and closed appeals per day over the last fortnight,
one panel per chat, as a PNG.

matplotlib is imported here only, when a chart is drawn (it costs a second and
tens of megabytes), with the headless Agg backend; drawing is CPU work, so the
bot calls :func:`render_chart` in a worker thread.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from datetime import date

_LOCK = threading.Lock()  # pyplot keeps global state; one drawing at a time
NEW_COLOUR, CLOSED_COLOUR = "#2f6db5", "#3a9d5d"


@dataclass(frozen=True, slots=True)
class ChartText:
    title: str
    new: str
    closed: str
    chats: dict[str, str]  # chat key -> title


def render_chart(history: list[tuple[date, dict[str, tuple[int, int]]]], text: ChartText) -> bytes:
    """A PNG of ``history`` (per day: chat key -> (new, closed))."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    days = [day for day, _ in history]
    keys = list(text.chats)
    with _LOCK:
        # One panel under another: the digest is read on a phone, held upright.
        rows = max(len(keys), 1)
        figure = Figure(figsize=(7.5, 0.9 + 2.2 * rows), dpi=110, layout="constrained")
        axes = figure.subplots(rows, 1, sharex=True, squeeze=False)[:, 0]
        positions = list(range(len(days)))
        width = 0.4
        for ax, key in zip(axes, keys, strict=False):
            new = [counts.get(key, (0, 0))[0] for _, counts in history]
            closed = [counts.get(key, (0, 0))[1] for _, counts in history]
            ax.bar([p - width / 2 for p in positions], new, width, color=NEW_COLOUR, label=text.new)
            ax.bar(
                [p + width / 2 for p in positions],
                closed,
                width,
                color=CLOSED_COLOUR,
                label=text.closed,
            )
            ax.set_title(text.chats[key], fontsize=11, loc="left")
            ax.set_xticks(positions[::2], [f"{d:%d.%m}" for d in days[::2]], fontsize=8)
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.grid(axis="y", alpha=0.3)
            ax.spines[["top", "right"]].set_visible(False)
        axes[0].legend(loc="upper right", fontsize=8, frameon=False, ncols=2)
        figure.suptitle(text.title, fontsize=12)
        out = io.BytesIO()
        figure.savefig(out, format="png")
    return out.getvalue()
