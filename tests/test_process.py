"""The real ``python -m bot`` process: start-up, a card, a clean stop, bad setups."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.app import make_bot
from bot.config import Settings
from bot.preflight import PreflightError, preflight
from tests import conftest
from tests.conftest import HOUSING, LAW, RESIDENT, STAFF_CHAT, settings_data

ROOT = Path(__file__).parent.parent
POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"


def write_config(fake, tmp_path: Path) -> Path:
    """What an installer writes: the server, the database, the staff and the chats."""
    data = settings_data(fake, tmp_path / "desk.sqlite3")
    return conftest.write_config(
        tmp_path,
        {
            "telegram": {"api_base": fake.base_url, "polling_timeout": 1},
            "storage": data["storage"],
            "staff": {k: data["staff"][k] for k in ("chat_id", "moderators")},
            "chats": data["chats"],
        },
    )


async def start(config: Path, token: str, *args: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "BOT_TOKEN": token}
    env.pop("BOT_CONFIG", None)
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--config",
        str(config),
        *args,
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_real_process_posts_a_card_and_stops_cleanly(fake, tmp_path):
    config = write_config(fake, tmp_path)
    fake.post(HOUSING, RESIDENT, POST)  # waiting before the bot starts
    proc = await start(config, fake.token)
    try:
        await fake.wait_until(lambda: len(fake.bot_messages(STAFF_CHAT)) == 1, timeout=60)
        await fake.wait_until(lambda: len(fake.bot_messages(HOUSING)) == 1, timeout=20)
        assert "H-1" in fake.bot_messages(STAFF_CHAT)[0]["text"]
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 20)
    log = err.decode()
    assert proc.returncode == 0, log
    assert "ticket H-1 created" in log
    assert fake.token not in log and fake.token.split(":")[1] not in log
    assert "Traceback" not in log

    status = await start(config, "", "status")
    out, err = await asyncio.wait_for(status.communicate(), 20)
    assert status.returncode == 0, err.decode()
    text = out.decode()
    assert "outbox: 0 pending, 0 failed" in text and "new 1" in text


async def test_broken_config_exits_2_with_readable_lines(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[staff]\nchat_id = "staff"\n[[chats]]\nkey = "parks"\n', encoding="utf-8")
    proc = await start(config, "123456:ABCDEFGHIJKLMNOP")
    out, err = await asyncio.wait_for(proc.communicate(), 20)
    text = err.decode()
    assert proc.returncode == 2
    assert out == b""
    assert "Traceback" not in text
    lines = text.strip().splitlines()
    assert all(line.startswith(f"config error: {config}: ") for line in lines), text
    assert any("staff.chat_id" in line for line in lines)
    assert any("staff.moderators: required setting is missing" in line for line in lines)
    assert any("chats[0].key" in line for line in lines)


async def test_missing_config_and_bad_usage_exit_2(tmp_path):
    proc = await start(tmp_path / "nope.toml", "123456:ABCDEFGHIJKLMNOP")
    _, err = await asyncio.wait_for(proc.communicate(), 20)
    assert proc.returncode == 2 and b"file not found" in err and b"Traceback" not in err
    proc = await start(tmp_path / "nope.toml", "x", "frobnicate")
    _, err = await asyncio.wait_for(proc.communicate(), 20)
    assert proc.returncode == 2 and b"invalid choice" in err


async def test_unreachable_staff_chat_refuses_to_start(fake, tmp_path):
    fake.add_chat(STAFF_CHAT, bot_status="absent")
    proc = await start(write_config(fake, tmp_path), fake.token)
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    text = err.decode()
    assert proc.returncode == 2, text
    assert f"staff.chat_id {STAFF_CHAT}: the bot cannot reach the staff chat" in text
    assert "Traceback" not in text
    assert not any(c.method == "getUpdates" for c in fake.calls)


async def test_rejected_token_refuses_to_start(fake, tmp_path):
    proc = await start(write_config(fake, tmp_path), "654321:WRONG-token-xx")
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2
    assert b"Telegram rejected the token" in err and b"WRONG-token" not in err


async def test_preflight_warns_about_chats_that_would_see_nothing(fake, tmp_path):
    fake.add_chat(HOUSING, title="ЖКХ", bot_status="member", can_read_all=False)
    fake.add_chat(LAW, bot_status="absent")
    settings = Settings(**settings_data(fake, tmp_path / "d.sqlite3"))
    bot = make_bot(settings)
    try:
        warnings = await preflight(bot, settings)
    finally:
        await bot.session.close()
    joined = "\n".join(warnings)
    assert len(warnings) == 2, warnings
    assert f"chats[housing] ({HOUSING}): privacy mode is on" in joined
    assert f"chats[law_order] ({LAW}): the bot cannot see this chat" in joined


async def test_preflight_refuses_without_staff_chat(fake, tmp_path):
    fake.add_chat(STAFF_CHAT, bot_status="left")
    settings = Settings(**settings_data(fake, tmp_path / "d.sqlite3"))
    bot = make_bot(settings)
    try:
        with pytest.raises(PreflightError):
            await preflight(bot, settings)
    finally:
        await bot.session.close()


async def test_status_of_a_missing_database_exits_2_and_creates_nothing(fake, tmp_path):
    config = write_config(fake, tmp_path)
    proc = await start(config, "", "status")
    out, err = await asyncio.wait_for(proc.communicate(), 20)
    assert proc.returncode == 2 and out == b""
    assert b"does not exist" in err
    assert not (tmp_path / "desk.sqlite3").exists()


async def test_a_restart_under_flood_control_and_an_outage_waits_them_out(fake, tmp_path):
    """Restarted in the middle of a burst (429) or a Telegram outage (5xx): every start-up
    call waits and retries, says so in the log, and the desk then polls as usual."""
    data = settings_data(fake, tmp_path / "desk.sqlite3")
    config = conftest.write_config(
        tmp_path,
        {
            "telegram": {"api_base": fake.base_url, "polling_timeout": 1},
            "storage": data["storage"],
            "staff": {k: data["staff"][k] for k in ("chat_id", "moderators")},
            "chats": data["chats"],
            "delivery": {"retry_base_seconds": 0.05, "retry_max_seconds": 0.2},
        },
    )
    fake.fail("getMe", retry_after=1)
    fake.fail("getMe", error_code=502)
    fake.fail("getChat", error_code=502, chat_id=STAFF_CHAT)
    fake.fail("getChat", retry_after=1, chat_id=STAFF_CHAT)
    fake.fail("getChatMember", retry_after=1, chat_id=STAFF_CHAT)
    fake.fail("getChatMember", error_code=503, chat_id=STAFF_CHAT)
    fake.fail("getChat", retry_after=1, chat_id=HOUSING)
    fake.fail("getChatMember", error_code=500, chat_id=LAW)
    fake.fail("deleteWebhook", retry_after=1)
    fake.post(HOUSING, RESIDENT, POST)  # made while the bot was down
    proc = await start(config, fake.token)
    try:
        await fake.wait_until(lambda: len(fake.bot_messages(STAFF_CHAT)) == 1, timeout=40)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 20)
    log = err.decode()
    assert proc.returncode == 0, log
    assert "Traceback" not in log
    assert "H-1" in fake.bot_messages(STAFF_CHAT)[0]["text"]
    # Every fault was met and waited out, each with its own line.
    met = sorted(
        (c.method, c.error_code)
        for c in fake.calls
        if c.done and not c.ok and c.method != "getUpdates"  # 499: the poll cut by the stop
    )
    assert met == sorted(
        [
            ("getMe", 429),
            ("getMe", 502),
            ("getChat", 502),
            ("getChat", 429),
            ("getChatMember", 429),
            ("getChatMember", 503),
            ("getChat", 429),
            ("getChatMember", 500),
            ("deleteWebhook", 429),
        ]
    )
    assert log.count("flood control asks to wait 1s; waiting") == 5, log
    for what in ("getMe", "getChat (staff chat)", "getChatMember (staff chat)"):
        assert f"start-up: {what} failed (" in log, what
    assert f"getChatMember (chats[law_order] ({LAW})) failed (" in log
    # A chat that was only busy is not reported as one the bot cannot see.
    assert "cannot see this chat" not in log
    # The identity is asked once it is known: polling does not ask again.
    assert sum(1 for c in fake.calls if c.method == "getMe" and c.ok) == 1


async def test_preflight_gives_up_on_an_unreachable_api_with_one_line(fake, tmp_path):
    data = settings_data(fake, tmp_path / "d.sqlite3")
    data["telegram"]["api_base"] = "http://127.0.0.1:9"  # discard port: nothing listens
    settings = Settings(**data)
    bot = make_bot(settings)
    try:
        with pytest.raises(PreflightError) as caught:
            await preflight(bot, settings)
    finally:
        await bot.session.close()
    [line] = caught.value.problems
    assert line.startswith("cannot reach the Telegram Bot API at http://127.0.0.1:9 (getMe: ")
