"""Bad storage and usage as a newcomer meets them, in the real process: one line,
the right exit code, no traceback, no hang."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from storage.db import Database
from tests import conftest
from tests.conftest import ROOT, run_cli
from tests.test_process import write_config

NOT_A_DATABASE = b"hello, this is a text file and not an SQLite database at all\n" * 20


async def run_with_token(config: Path, token: str, *args: str) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "AKIMAT_"))}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--config",
        str(config),
        *args,
        cwd=ROOT,
        env={**env, "BOT_TOKEN": token},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(proc.communicate(), 90)
    assert proc.returncode is not None
    return proc.returncode, err.decode()


def config_with_storage(fake, tmp_path: Path, storage: str) -> Path:
    data = conftest.settings_data(fake, Path(storage))
    data["telegram"].pop("token")
    return conftest.write_config(tmp_path, data)


def one_line(err: str) -> str:
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


async def test_a_file_that_is_not_sqlite_is_one_line_for_every_command(fake, tmp_path):
    junk = tmp_path / "appeals.sqlite3"
    junk.write_bytes(NOT_A_DATABASE)
    config = config_with_storage(fake, tmp_path, str(junk))
    results = [await run_with_token(config, fake.token)]
    results.append(await run_with_token(config, fake.token, "status"))
    results.append(await run_with_token(config, fake.token, "digest", "--print"))
    for code, err in results:
        assert code == 2, err
        assert one_line(err) == (
            f"config error: storage.path: {junk}: is not an SQLite database "
            "(point [storage] path at the desk's file)"
        )
    assert junk.read_bytes() == NOT_A_DATABASE


async def test_a_path_that_cannot_be_a_database(fake, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    for path, why in (
        (folder, "is a directory, not a database file"),
        (Path("/proc/self/nope/appeals.sqlite3"), "cannot create its folder"),
    ):
        code, err = await run_with_token(config_with_storage(fake, tmp_path, str(path)), fake.token)
        assert code == 2, err
        assert one_line(err).startswith(f"config error: storage.path: {path}")
        assert why in err


async def test_export_to_a_directory_is_a_usage_error_and_leaves_nothing(fake, tmp_path):
    config = write_config(fake, tmp_path)
    target = tmp_path / "out"
    target.mkdir()
    code, _out, err = await run_cli(config, "export", "--format", "csv", "--output", str(target))
    assert code == 2, err
    assert one_line(err) == f"python -m bot: --output: {target} is a directory; name a file"
    assert list(target.iterdir()) == [] and not list(tmp_path.glob(".*part"))


async def test_config_after_the_command_is_accepted(fake, tmp_path):
    config = write_config(fake, tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "AKIMAT_"))}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "status",
        "--config",
        str(config),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _out, err = await asyncio.wait_for(proc.communicate(), 60)
    # The database does not exist yet: the answer is about it, not about the option.
    assert proc.returncode == 2 and b"does not exist" in err, err
    assert b"unrecognized arguments" not in err


async def test_unreachable_telegram_exits_1_with_one_clear_line(fake, tmp_path):
    config = write_config(fake, tmp_path)
    text = config.read_text(encoding="utf-8").replace(fake.base_url, "http://127.0.0.1:9")
    # The start-up's retries back off as the delivery worker's do; fast ones here (by
    # default they wait 1 + 2 + 4 + 8 + 16 s before giving up).
    text += "[delivery]\nretry_base_seconds = 0.05\nretry_max_seconds = 0.2\n"
    config.write_text(text, encoding="utf-8")
    code, err = await run_with_token(config, fake.token)
    assert code == 1, err
    assert "Traceback" not in err
    assert "retrying in 0.1s (2 of 5)" in err and "(5 of 5)" in err  # patient first
    assert "cannot start: cannot reach the Telegram Bot API at http://127.0.0.1:9" in err


async def test_a_second_desk_on_the_same_database_is_refused(fake, tmp_path):
    config = write_config(fake, tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "AKIMAT_"))}
    first = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--config",
        str(config),
        cwd=ROOT,
        env={**env, "BOT_TOKEN": fake.token},
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake.wait_until(lambda: any(c.method == "getUpdates" for c in fake.calls), 60)
        code, err = await run_with_token(config, fake.token)
    finally:
        first.send_signal(signal.SIGTERM)
        await asyncio.wait_for(first.communicate(), 20)
    assert code == 2, err
    assert one_line(err) == (
        f"config error: another akimat-desk (pid {first.pid}) is already running on "
        f"{tmp_path / 'desk.sqlite3'}; stop it first (two desks would fight over "
        "Telegram's updates)"
    )
    assert first.returncode == 0


def test_log_lines_carry_the_desks_zone_and_scheduler_chatter_is_debug(capsys):
    import logging
    from zoneinfo import ZoneInfo

    from bot.logs import setup_logging

    setup_logging("INFO", "", ZoneInfo("Asia/Almaty"))
    try:
        logging.getLogger("bot.test").info("hello")
        logging.getLogger("apscheduler.executors.default").info('Job "x" executed successfully')
        err = capsys.readouterr().err
    finally:
        logging.getLogger().handlers.clear()
    assert "+05:00 INFO bot.test: hello" in err
    assert "executed successfully" not in err


def test_a_job_cancelled_as_the_desk_stops_is_no_error_but_a_failing_job_is(capsys):
    import asyncio
    import logging
    from zoneinfo import ZoneInfo

    from bot.logs import setup_logging

    jobs = logging.getLogger("apscheduler.executors.default")
    setup_logging("INFO", "", ZoneInfo("Asia/Almaty"))
    try:
        for exc in (asyncio.CancelledError(), ValueError("the database is gone")):
            try:
                raise exc
            except BaseException:
                jobs.exception('Job "RoadmapWatch.check" raised an exception')
        err = capsys.readouterr().err
    finally:
        logging.getLogger().handlers.clear()
    stopped, failed = err.strip().splitlines()[0], err.split("\n", 1)[1]
    assert "INFO" in stopped and "stopped with the desk" in stopped
    assert "RoadmapWatch.check" in stopped
    assert "ERROR" in failed and "Traceback" in failed and "the database is gone" in failed
    assert err.count("Traceback") == 1


def _read_only_mount_available() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount --bind /tmp /tmp && mount -o remount,bind,ro /tmp"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


async def test_a_database_on_a_read_only_filesystem_is_one_line(fake, tmp_path):
    if not _read_only_mount_available():
        pytest.skip("needs a private mount namespace (unshare -m) to make a read-only folder")
    folder = tmp_path / "ro"
    folder.mkdir()
    await (await Database.open(folder / "appeals.sqlite3")).close()
    config = config_with_storage(fake, tmp_path, str(folder / "appeals.sqlite3"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "AKIMAT_"))}
    script = (
        f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && "
        f"for c in run status; do {sys.executable} -m bot --config {config} $c; echo rc=$?; done"
    )
    proc = await asyncio.create_subprocess_exec(
        "unshare",
        "-m",
        "sh",
        "-c",
        script,
        cwd=ROOT,
        env={**env, "BOT_TOKEN": fake.token},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 120)  # never a hang
    text = err.decode()
    assert out.decode().split() == ["rc=2", "rc=2"], text
    assert "Traceback" not in text
    lines = text.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("config error: storage.path:") for line in lines)
    assert "Read-only file system" in lines[0] and "read-only" in lines[1]
