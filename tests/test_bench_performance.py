"""bench/performance.py in a tiny mode: it runs and reports, nothing is timed here."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


async def bench(*args: str) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "BOT_CONFIG")}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.performance",
        *args,
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 300)
    return proc.returncode, out.decode(), err.decode()


async def test_help():
    code, out, _ = await bench("--help")
    assert code == 0
    for option in ("--posts", "--tickets", "--only", "--database", "--strict"):
        assert option in out


async def test_tiny_run_of_every_experiment(tmp_path):
    database = tmp_path / "big.sqlite3"
    code, out, err = await bench(
        "--posts",
        "50",
        "--tickets",
        "2000",
        "--serve-posts",
        "20",
        "--startup-runs",
        "1",
        "--database",
        str(database),
    )
    assert code == 0, out + err
    assert "Traceback" not in err
    lines = out.splitlines()
    desk = next(line.split() for line in lines if line.lstrip().startswith("akimat-desk"))
    bare = next(line.split() for line in lines if line.lstrip().startswith("bare aiogram"))
    assert desk[1] == "50" and bare[2] == "50"  # posts, both bots
    assert "time per post, desk / bare aiogram:" in out
    assert "start-up: spawn to the first getUpdates" in out
    assert "memory: the bot serving posts and staff commands" in out
    # The generated database is the desk's own schema, filled as a working desk's would be.
    with sqlite3.connect(database) as conn:
        tickets = conn.execute("SELECT COUNT(*) FROM tickets").fetchone()[0]
        events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        statuses = dict(conn.execute("SELECT status, COUNT(*) FROM tickets GROUP BY status"))
    assert tickets == 2000 + 20  # generated, then the memory run's posts
    assert events > tickets and statuses["closed"] > 1900
    assert out.count("generating 2000 tickets") == 1


async def test_bad_arguments_are_refused():
    code, _, err = await bench("--only", "speed")
    assert code == 2 and "--only takes" in err
