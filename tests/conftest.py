"""Shared fixtures: a fake Telegram on 127.0.0.1 and the real desk polling it."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, build_app, make_bot, run_polling, utcnow
from bot.config import Settings
from bot.sandbox import FakeTelegram
from storage.db import Database
from storage.models import OutboxRow, Ticket
from storage.outbox import OutboxRepository
from tests.grouping_helpers import Appeals

STAFF_CHAT = -1009000000000
AKIMAT = -1001000000001
LAW = -1001000000002
HOUSING = -1001000000003
OTHER_GROUP = -1005555555555
MOD1, MOD2, HEAD = 111, 222, 333
RESIDENT, RESIDENT2 = 5001, 5002
CHANNEL = {"id": -1007777777777, "type": "channel", "title": "Новости района"}
ROOT = Path(__file__).resolve().parent.parent


def settings_data(fake: FakeTelegram, db_path: Path, **sections: dict[str, Any]) -> dict:
    data: dict[str, Any] = {
        "telegram": {"token": fake.token, "api_base": fake.base_url, "polling_timeout": 1},
        "storage": {"path": str(db_path)},
        "staff": {"chat_id": STAFF_CHAT, "moderators": [MOD1, MOD2], "head": [HEAD]},
        "chats": [
            {"key": "akimat", "title": "Акимат", "chat_id": AKIMAT, "prefix": "A"},
            {"key": "law_order", "title": "Правопорядок", "chat_id": LAW, "prefix": "L"},
            {"key": "housing", "title": "ЖКХ", "chat_id": HOUSING, "prefix": "H"},
        ],
        # Telegram's pacing is off by default here; tests of pacing turn it on.
        "delivery": {
            "retry_base_seconds": 0.05,
            "retry_max_seconds": 0.5,
            "chat_per_second": 1000,
            "chat_burst": 1000,
            "group_per_minute": 100000,
        },
        # Spam checks and flood merging have their own tests (test_spam_e2e.py); off
        # here, every post of a test about something else is its own appeal. So are
        # acknowledgements together (test_acks_together.py): here each post gets
        # its own reply, whatever made its chat's replies wait.
        "spam": {"enabled": False},
        "intake": {"flood_seconds": 0, "same_text_hours": 0, "ack_together_from": 0},
    }
    for name, values in sections.items():
        if name == "chats":
            data["chats"] = values
        else:
            data.setdefault(name, {}).update(values)
    return data


def populate(fake: FakeTelegram) -> None:
    fake.add_chat(STAFF_CHAT, title="Staff")
    fake.add_chat(AKIMAT, title="Акимат")
    fake.add_chat(LAW, title="Правопорядок")
    fake.add_chat(HOUSING, title="ЖКХ")
    fake.add_chat(OTHER_GROUP, title="Соседи <двор>")
    fake.add_user(MOD1, "Асель", last_name="Модератор", username="asel_mod")
    fake.add_user(MOD2, "Бауыржан")
    fake.add_user(HEAD, "Аким")
    fake.add_user(RESIDENT, "Айгерім", last_name="Сейітова", username="aigerim")
    fake.add_user(RESIDENT2, "Иван")
    fake.add_user(9009, "SpamBot", is_bot=True)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    populate(server)
    try:
        yield server
    finally:
        await _stopped(asyncio.ensure_future(server.stop()), "the fake Telegram")


async def due(outbox: OutboxRepository) -> list[OutboxRow]:
    """What the delivery worker would send first: each waiting chat's head row."""
    return [run[0] for run in await outbox.due_by_chat(1)]


@dataclass
class Desk:
    """The running bot under test, with helpers to wait for it to finish work."""

    app: App
    fake: FakeTelegram

    async def settle(self, timeout: float = 5.0) -> None:
        """Until every update is handled and the outbox has nothing left to send now."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            await self.fake.wait_until(lambda: self.fake.pending_updates == 0, timeout)
            if not await due(self.app.outbox):
                # Let in-flight sends land and re-check.
                await asyncio.sleep(0.05)
                if self.fake.pending_updates == 0 and not await due(self.app.outbox):
                    return
            if loop.time() > deadline:
                raise AssertionError("the desk did not settle in time")
            await asyncio.sleep(0.02)

    async def ticket(self, code: str) -> Ticket:
        ticket = await self.app.tickets.by_code(code)
        assert ticket is not None, f"no ticket {code}"
        return ticket

    async def count(self, table: str = "tickets") -> int:
        async with self.app.db.read() as conn:
            async with conn.execute(f"SELECT COUNT(*) FROM {table}") as cur:
                return (await cur.fetchone())[0]


@contextlib.asynccontextmanager
async def running_desk(
    fake: FakeTelegram, settings: Settings, clock: Callable[[], datetime] = utcnow
) -> AsyncIterator[Desk]:
    app = await build_app(settings, bot=make_bot(settings), clock=clock)
    task = asyncio.create_task(run_polling(app, handle_signals=False))
    desk = Desk(app, fake)
    try:
        await fake.wait_until(lambda: any(c.method == "getUpdates" for c in fake.calls))
        yield desk
    finally:
        try:
            if not task.done():
                # aiogram's stop_polling waits, with no limit, for polling to end and the
                # shutdown to finish: one that hangs fails the test with every task's stack.
                stopping = asyncio.ensure_future(_stop_polling(app))
                await _stopped(stopping, "stopping the desk's polling")
            await _stopped(task, "the desk's polling")
        finally:
            # Also after a failure: an open database's thread would keep the run from exiting.
            await _stopped(asyncio.ensure_future(app.close()), "closing the database")


async def _stop_polling(app: App) -> None:
    with contextlib.suppress(RuntimeError):  # polling had not started, or ended by itself
        await app.dispatcher.stop_polling()


async def _stopped(task: asyncio.Future, what: str, seconds: float = 10.0) -> None:
    """Wait for a desk's part to stop; one that hangs fails the test with every task's
    stack instead of hanging the run (``asyncio.wait_for`` would wait on a task that
    does not end when cancelled)."""
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if done:
        task.result()
        return
    stacks = []
    for other in asyncio.all_tasks():
        out = io.StringIO()
        other.print_stack(file=out)
        stacks.append(out.getvalue())
    task.cancel()
    raise AssertionError(f"{what} did not stop in {seconds} s; tasks:\n" + "\n".join(stacks))


@pytest.fixture
def settings(fake: FakeTelegram, tmp_path: Path) -> Settings:
    return Settings(**settings_data(fake, tmp_path / "desk.sqlite3"))


@pytest.fixture
async def desk(fake: FakeTelegram, settings: Settings) -> AsyncIterator[Desk]:
    async with running_desk(fake, settings) as running:
        yield running


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string


def write_config(directory: Path, data: dict[str, Any]) -> Path:
    """``data`` (shaped as :func:`settings_data` makes it) as the config.toml an
    installer writes; the token stays out of it, as it does in real life."""
    lines: list[str] = []
    for section, values in data.items():
        if section != "chats":
            lines.append(f"[{section}]")
            lines += [f"{k} = {_toml(v)}" for k, v in values.items() if k != "token"]
    for chat in data.get("chats", []):
        lines += ["[[chats]]", *(f"{k} = {_toml(v)}" for k, v in chat.items())]
    path = directory / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def run_cli(config: Path, *args: str) -> tuple[int, bytes, str]:
    """``python -m bot --config CONFIG ARGS…`` to its end, without a token in the
    environment: (exit code, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "BOT_CONFIG")}
    proc = await asyncio.create_subprocess_exec(
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
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode is not None
    return proc.returncode, out, err.decode()


@pytest.fixture
async def appeals() -> AsyncIterator[Appeals]:
    """Appeals in a fresh in-memory database, for the grouping tests."""
    db = await Database.open(":memory:")
    yield Appeals(db)
    await db.close()
