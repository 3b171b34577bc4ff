"""``python -m bot setup`` as a newcomer runs it: the real process, answers typed on
stdin, the fake Telegram reporting the chats and people as they appear."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
import tomllib
from pathlib import Path

from bot.config import load_settings
from tests.conftest import (
    AKIMAT,
    HEAD,
    HOUSING,
    LAW,
    MOD1,
    MOD2,
    RESIDENT,
    ROOT,
    STAFF_CHAT,
)

POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"


class Session:
    """The setup process, with what it has printed so far."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.out = ""
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        while chunk := await self.proc.stdout.read(4096):
            self.out += chunk.decode()

    async def expect(self, text: str, timeout: float = 30) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while text not in self.out:
            if loop.time() > deadline or (self._reader.done() and text not in self.out):
                raise AssertionError(f"{text!r} never printed; output so far:\n{self.out}")
            await asyncio.sleep(0.02)

    def type(self, *lines: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("".join(line + "\n" for line in lines).encode())

    async def finish(self, timeout: float = 30) -> tuple[int, str]:
        assert self.proc.stdin is not None and self.proc.stderr is not None
        self.proc.stdin.close()
        err = await asyncio.wait_for(self.proc.stderr.read(), timeout)
        await asyncio.wait_for(self._reader, timeout)
        code = await asyncio.wait_for(self.proc.wait(), timeout)
        return code, err.decode()

    def number_of(self, label: str) -> str:
        """The number setup gave the listed chat or person whose line contains ``label``."""
        for line in self.out.splitlines():
            match = re.match(r"\s+(\d+)\) (.*)", line)
            if match and label in match[2]:
                return match[1]
        raise AssertionError(f"{label!r} is not in the numbered list:\n{self.out}")


async def start_setup(fake, config: Path, token: str | None = None) -> Session:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "AKIMAT_"))}
    env.update(BOT_TOKEN=token or fake.token, AKIMAT_TELEGRAM__API_BASE=fake.base_url)
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--config",
        str(config),
        "setup",
        cwd=ROOT,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    return Session(proc)


async def test_setup_from_a_token_to_a_working_desk(fake, tmp_path):
    fake.add_chat(HOUSING, title="ЖКХ", bot_rights={"can_restrict_members": False})
    config = tmp_path / "desk" / "config.toml"
    setup = await start_setup(fake, config)
    await setup.expect("The token works: this is @akimat_desk_bot")
    await setup.expect("Press Enter when all four chats")
    # The operator does what setup asks, in Telegram.
    for chat in (AKIMAT, LAW, HOUSING, STAFF_CHAT):
        fake.post(chat, MOD1, "проверка")
    for person in (MOD1, MOD2, HEAD):
        fake.post(person, person, "/start")
    await setup.expect("@asel_mod")
    await setup.expect("Аким")
    await setup.expect(str(STAFF_CHAT))
    assert "missing: the right 'Ban users'" in setup.out  # the Housing chat's missing right
    setup.type("")
    await setup.expect("Which number is the Akimat chat")
    setup.type(
        setup.number_of(str(AKIMAT)),
        setup.number_of(str(LAW)),
        setup.number_of(str(HOUSING)),
        setup.number_of(str(STAFF_CHAT)),
    )
    await setup.expect("Who are the moderators")
    setup.type(
        f"{setup.number_of(str(MOD1))}, {setup.number_of(str(MOD2))}",
        setup.number_of(str(HEAD)),
        "kk",
    )
    code, err = await setup.finish()
    assert code == 0, err + setup.out
    assert "still to fix in 'ЖКХ'" in setup.out
    assert fake.token not in config.read_text(encoding="utf-8")

    settings = load_settings(config, require_token=False)
    assert settings.staff.chat_id == STAFF_CHAT
    assert settings.staff.moderators == [MOD1, MOD2] and settings.staff.head == [HEAD]
    assert [(c.key, c.chat_id, c.title) for c in settings.chats] == [
        ("akimat", AKIMAT, "Акимат"),
        ("law_order", LAW, "Правопорядок"),
        ("housing", HOUSING, "ЖКХ"),
    ]
    assert settings.locale.default == "kk"

    # The config as written runs the desk: a resident's post becomes a card.
    fake.post(HOUSING, RESIDENT, POST)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "AKIMAT_"))}
    desk = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--config",
        str(config),
        cwd=tmp_path,
        env={**env, "BOT_TOKEN": fake.token},
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake.wait_until(
            lambda: any("H-1" in m["text"] for m in fake.bot_messages(STAFF_CHAT)), timeout=30
        )
    finally:
        desk.send_signal(signal.SIGTERM)
        _, log = await asyncio.wait_for(desk.communicate(), 20)
    assert desk.returncode == 0, log.decode()
    # The database sits beside the config, whatever the current directory was.
    assert (config.parent / "data" / "appeals.sqlite3").is_file()


async def test_setup_asks_before_replacing_a_config(fake, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("# mine\n", encoding="utf-8")
    setup = await start_setup(fake, config)
    await setup.expect("already exists. Replace it")
    setup.type("n")
    code, err = await setup.finish()
    assert code == 0, err
    assert config.read_text(encoding="utf-8") == "# mine\n"
    assert not list(tmp_path.glob("*.bak"))


async def test_setup_stops_cleanly_when_answers_run_out(fake, tmp_path):
    config = tmp_path / "config.toml"
    setup = await start_setup(fake, config)
    await setup.expect("Press Enter when all four chats")
    fake.post(AKIMAT, MOD1, "проверка")
    await setup.expect(str(AKIMAT))
    setup.type("")  # one chat of four: setup says what is missing and waits
    await setup.expect("So far 1 of 4 chats and 0 people")
    code, err = await setup.finish()
    assert code == 1
    assert "was not written" in setup.out and "Traceback" not in err
    assert not config.exists()
    # Nothing was confirmed: the posts made during setup still reach the desk.
    assert fake.pending_updates >= 1


async def test_setup_with_a_rejected_token_says_so_in_one_line(fake, tmp_path):
    setup = await start_setup(fake, tmp_path / "config.toml", token="123456:WRONG-token-x")
    code, err = await setup.finish()
    assert code == 2
    assert err.strip().splitlines() == [
        "setup: BOT_TOKEN: Telegram rejected the token (revoked or mistyped); "
        "get the current one from @BotFather"
    ]


def test_written_config_is_valid_toml_for_odd_titles(tmp_path):
    from bot.setup_config import ChatChoice, DeskChoice, render_config

    titles = ['Акимат "Сарыарка"', "Law\\Order", "ЖКХ\t№1"]
    choice = DeskChoice(
        api_base="https://api.telegram.org",
        locale="ru",
        staff_chat_id=-100,
        moderators=[1],
        heads=[],
        chats=[
            ChatChoice(k, t, -i - 1)
            for i, (k, t) in enumerate(zip(("akimat", "law_order", "housing"), titles, strict=True))
        ],
    )
    data = tomllib.loads(render_config(choice))
    assert [c["title"] for c in data["chats"]] == titles
    assert "telegram" not in data
