"""How long a newcomer waits for the demo (not part of the tests).

Starts ``python -m bot demo`` as the README says (a temporary data folder, any free port) and
measures, from the command to: the page being served, and the seeded day on it (every
appeal's card in the staff chat). Then stops it with SIGINT and checks it exits 0. Each figure
is reported for every run and as the median; beside it, in the same run, the time Python
takes to import aiogram (what every start pays twice: once for the sandbox, once for the
desk), so that a slow machine shows as such.

    python -m bench.demo_start [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAFF_CHAT = -1009000000000
TIMEOUT = 120.0


def one_run() -> tuple[float, float]:
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "demo", "--port", "0"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stderr is not None
        url = proc.stderr.readline().split()[2]
        from bot.sandbox.seed import load_day

        appeals = len(load_day())
        page = seeded = None
        while seeded is None and time.monotonic() - started < TIMEOUT:
            try:
                if page is None:
                    with urllib.request.urlopen(url + "/", timeout=5) as response:
                        response.read()
                    page = time.monotonic() - started
                with urllib.request.urlopen(f"{url}/api/chat/{STAFF_CHAT}", timeout=5) as answer:
                    messages = json.load(answer)["messages"]
                if sum(1 for m in messages if m["bot"] and m.get("buttons")) >= appeals:
                    seeded = time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.05)
        if page is None or seeded is None:
            raise SystemExit(f"the demo did not show its day within {TIMEOUT:.0f} s")
        return page, seeded
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=60)
        if code != 0:
            raise SystemExit(f"the demo exited {code} after SIGINT")


def aiogram_import() -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", "import aiogram.methods, aiogram.types"], check=True)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pages, days = [], []
    for run in range(1, args.runs + 1):
        page, day = one_run()
        pages.append(page)
        days.append(day)
        print(f"run {run}: page served after {page:.1f} s, seeded day on it after {day:.1f} s")
    print(
        f"median: page {statistics.median(pages):.1f} s, seeded day {statistics.median(days):.1f} s"
        f" (importing aiogram here: {aiogram_import():.1f} s)"
    )


if __name__ == "__main__":
    main()
