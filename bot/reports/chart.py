"""The digest's chart: new and closed appeals per day over the last fortnight,
one panel per chat, as a PNG.

matplotlib costs a second to import and some 40 MB that a process never gives
back, for one chart a day: the bot draws in a short-lived child process
(:func:`draw_apart`, ``python -m bot.reports.chart``), headless (Agg), and its own
memory stays as it was.
"""

from __future__ import annotations

import asyncio
import io
import json
import sys
import threading
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

_LOCK = threading.Lock()  # pyplot keeps global state; one drawing at a time
DRAW_SECONDS = 120.0
NEW_COLOUR, CLOSED_COLOUR = "#2f6db5", "#3a9d5d"


@dataclass(frozen=True, slots=True)
class ChartText:
    title: str
    new: str
    closed: str
    chats: dict[str, str]  # chat key -> title


def render_chart(history: list[tuple[date, dict[str, tuple[int, int]]]], text: ChartText) -> bytes:
    """A PNG of ``history`` (per day: chat key -> (new, closed))."""
    with _LOCK:
        figure = draw_figure(history, text)
        out = io.BytesIO()
        figure.savefig(out, format="png")
    return out.getvalue()


def draw_figure(history: list[tuple[date, dict[str, tuple[int, int]]]], text: ChartText) -> Any:
    """The chart as a matplotlib Figure (callers hold ``_LOCK``)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    days = [day for day, _ in history]
    keys = list(text.chats)
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
        # Counts start at 0; with no appeals at all the axis is 0..1, not ±0.045.
        ax.set_ylim(0, max(1, *new, *closed) * 1.1 if new else 1)
        ax.grid(axis="y", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
    # Above the panels: inside one it covered the newest day's bars.
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside upper right", fontsize=8, frameon=False, ncols=2)
    figure.suptitle(text.title, fontsize=12)
    return figure


class ChartFailed(Exception):
    pass


async def draw_apart(
    history: list[tuple[date, dict[str, tuple[int, int]]]], text: ChartText
) -> bytes:
    """:func:`render_chart` in a child process: the PNG, or ChartFailed."""
    job = json.dumps(
        {"history": [[day.isoformat(), counts] for day, counts in history], "text": asdict(text)},
        ensure_ascii=False,
    ).encode()
    return await run_apart("bot.reports.chart", job)


async def run_apart(module: str, job: bytes) -> bytes:
    """``python -m module`` fed ``job`` on stdin: the PNG it prints, or ChartFailed."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        module,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        png, err = await asyncio.wait_for(process.communicate(job), DRAW_SECONDS)
    except TimeoutError:
        raise ChartFailed(f"drawing took over {DRAW_SECONDS:.0f} s") from None
    finally:
        # Timed out, or the desk stopped mid-drawing: no drawing process outlives its
        # digest, nor leaves its pipes to a loop that has closed.
        if process.returncode is None:
            process.kill()
            await process.wait()
    if process.returncode != 0 or not png.startswith(b"\x89PNG"):
        lines = err.decode(errors="replace").strip().splitlines()
        raise ChartFailed(lines[-1] if lines else f"exit code {process.returncode}")
    return png


def main() -> None:
    job = json.loads(sys.stdin.buffer.read())
    history = [
        (date.fromisoformat(day), {key: (pair[0], pair[1]) for key, pair in counts.items()})
        for day, counts in job["history"]
    ]
    sys.stdout.buffer.write(render_chart(history, ChartText(**job["text"])))


if __name__ == "__main__":
    main()
