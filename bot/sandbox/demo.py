"""``python -m bot demo``: the whole desk on this machine, with no token and no network.

Three parts, each the real thing: the sandbox (a local Bot API that behaves like Telegram),
the desk itself (``python -m bot`` in a child process, connected through ``[telegram]
api_base`` exactly as in production) and the page a visitor uses as their Telegram client.
Ctrl-C stops all three: the page, then the desk (which sends what it has queued), then the
sandbox, whose chats are kept in the data folder with the desk's database."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bot.sandbox import cast
from bot.sandbox.persist import load_world, save_world
from bot.sandbox.seed import SeedError, seed
from bot.sandbox.server import FakeTelegram
from bot.sandbox.web import DemoPage
from bot.tasks import cancel_and_wait
from bot.texts import Texts

log = logging.getLogger(__name__)

DESK_START_TIMEOUT = 60.0
DESK_STOP_TIMEOUT = 20.0


@dataclass(frozen=True)
class DemoOptions:
    port: int = 8080
    data: Path | None = None  # None: a temporary folder, removed at the end
    empty: bool = False


def run_demo(options: DemoOptions) -> int:
    """Run until Ctrl-C or SIGTERM: 0 after a clean stop, 2 if the port cannot be used, 1 if
    the desk could not start or stopped by itself."""
    if options.data is not None:
        options.data.mkdir(parents=True, exist_ok=True)
        return asyncio.run(_demo(options, options.data))
    with tempfile.TemporaryDirectory(prefix="akimat-desk-demo-") as folder:
        return asyncio.run(_demo(options, Path(folder)))


async def _demo(options: DemoOptions, folder: Path) -> int:
    started = time.monotonic()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    fake = FakeTelegram(token="123456:demo-sandbox-token")  # noqa: S106 the sandbox's own
    restored = load_world(fake, folder / "sandbox.json")
    if not restored:
        cast.populate(fake)
    await fake.start()
    page = DemoPage(fake, Texts())
    desk: asyncio.subprocess.Process | None = None
    ran = False  # the desk took updates: the chats are worth keeping
    try:
        try:
            await page.start(options.port)
        except OSError as error:
            log.debug("cannot listen: %s", error)
            _say(f"127.0.0.1:{options.port} is taken or not allowed: choose another with --port")
            return 2
        _say(f"akimat-desk demo: http://127.0.0.1:{page.port}  (this machine only; Ctrl-C stops)")
        config = cast.write_config(
            folder / "config.toml", fake.base_url, folder / "appeals.sqlite3"
        )
        desk = await _start_desk(config, fake.token, folder / "desk.log")
        if not await _desk_polling(fake, desk, stop):
            if stop.is_set():
                return 0
            _say(f"the desk did not start: see {folder / 'desk.log'}")
            return 1
        ran = True
        _say(f"the desk is running (log: {folder / 'desk.log'}, data: {folder})")
        if not (options.empty or restored):
            await _seed(fake, stop)
        _say(f"ready in {time.monotonic() - started:.1f} s")
        return await _until_stopped(desk, stop, folder)
    finally:
        # A second Ctrl-C while stopping changes nothing: the desk still gets its seconds to
        # send what it has queued (and is killed after DESK_STOP_TIMEOUT).
        await page.stop()
        if desk is not None:
            await _stop_desk(desk)
        await fake.stop()
        if ran:
            save_world(fake, folder / "sandbox.json")
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        if page.port:
            _say("stopped")


async def _until_stopped(
    desk: asyncio.subprocess.Process, stop: asyncio.Event, folder: Path
) -> int:
    """Until Ctrl-C (0), or until the desk stops by itself (1, said on the terminal)."""
    stopping = asyncio.create_task(stop.wait())
    exiting = asyncio.create_task(desk.wait())
    await asyncio.wait({stopping, exiting}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if stop.is_set():
        exiting.cancel()
        return 0
    _say(f"the desk stopped by itself (exit {desk.returncode}): see {folder / 'desk.log'}")
    return 1


async def _start_desk(config: Path, token: str, log_path: Path) -> asyncio.subprocess.Process:
    env = {**os.environ, "BOT_TOKEN": token}
    env.pop("BOT_CONFIG", None)
    with log_path.open("ab") as log_file:
        # Its own session: Ctrl-C in the terminal reaches the demo, which stops the desk in
        # order (the desk must finish before the sandbox it talks to goes away).
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "--config",
            str(config),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log_file,
            stderr=log_file,
            env=env,
            start_new_session=True,
        )


async def _desk_polling(
    fake: FakeTelegram, desk: asyncio.subprocess.Process, stop: asyncio.Event
) -> bool:
    """Until the desk asks for updates (True), or it exits, or the visitor stops (False)."""
    deadline = time.monotonic() + DESK_START_TIMEOUT
    while not any(call.method == "getUpdates" for call in fake.calls):
        if desk.returncode is not None or stop.is_set() or time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.1)
    return True


async def _seed(fake: FakeTelegram, stop: asyncio.Event) -> None:
    _say("seeding a day of appeals through the desk…")
    task = asyncio.create_task(seed(fake))
    waiter = asyncio.create_task(stop.wait())
    await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    waiter.cancel()
    if not task.done():
        await cancel_and_wait(task)
        return
    try:
        _say(f"{task.result()} appeals seeded")
    except SeedError as error:
        _say(f"seeding stopped: {error}")


async def _stop_desk(desk: asyncio.subprocess.Process) -> None:
    if desk.returncode is None:
        desk.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(desk.wait(), DESK_STOP_TIMEOUT)
        except TimeoutError:
            desk.kill()
            await desk.wait()


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
