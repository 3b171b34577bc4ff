"""``python -m bot setup``: from a BotFather token to a ``config.toml``.

A newcomer knows the token and the chats' names, not their ids nor the staff's
user ids. Setup checks the token, asks the operator to add the bot to the four
chats and to write in each (and the staff to write to the bot privately),
lists every chat and person as Telegram reports them, with what the bot may
do there and what is missing, then asks which chat is which and who is who,
and writes the config.

Updates are read without being confirmed: whatever residents post meanwhile
is still there, and becomes a ticket, when the desk starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from aiogram import Bot
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramConflictError,
    TelegramNetworkError,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import Chat, Message, Update, User

from bot.config import ENV_PREFIX, TOKEN_ENV, TelegramSettings
from bot.intake.unreadable import DeskSession
from bot.setup_config import ChatChoice, DeskChoice, write_config

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
API_BASE_ENV = f"{ENV_PREFIX}TELEGRAM__API_BASE"
POLL_SECONDS = 10
GETME_ATTEMPTS = 4
ROLES = (
    ("akimat", "the Akimat chat (general questions)"),
    ("law_order", "the Law & Order chat"),
    ("housing", "the Housing chat"),
    ("staff", "the staff chat (moderators only; ticket cards go here)"),
)


class SetupStopped(Exception):
    """The operator's input ended (Ctrl-D, or a script ran out of answers)."""


@dataclass
class SeenChat:
    id: int
    title: str
    type: str
    rights: str  # what the bot is there and may do
    missing: list[str] = field(default_factory=list)

    def line(self, number: int) -> str:
        state = "missing: " + "; ".join(self.missing) if self.missing else "ok"
        return f"  {number}) {self.id}  {self.type}  {self.title!r}  bot: {self.rights}  {state}"


@dataclass
class SeenPerson:
    id: int
    name: str

    def line(self, number: int) -> str:
        return f"  {number}) {self.id}  {self.name}"


class Console:
    """Questions and answers on stdin/stdout; lines are read on a daemon thread so
    that listing can go on while the operator reads, and a forgotten prompt never
    keeps the process alive."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self._out = stdout
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        loop = asyncio.get_running_loop()

        def pump() -> None:
            for line in stdin:
                loop.call_soon_threadsafe(self._lines.put_nowait, line.rstrip("\r\n"))
            loop.call_soon_threadsafe(self._lines.put_nowait, None)

        threading.Thread(target=pump, name="setup-stdin", daemon=True).start()

    def say(self, text: str = "") -> None:
        print(text, file=self._out, flush=True)

    async def ask(self, question: str) -> str:
        print(question, end=" ", file=self._out, flush=True)
        line = await self._lines.get()
        if line is None:
            self._lines.put_nowait(None)
            raise SetupStopped
        return line.strip()

    async def yes(self, question: str) -> bool:
        return (await self.ask(f"{question} [y/N]")).lower() in ("y", "yes", "д", "да", "иә")

    async def number(self, question: str, count: int, taken: set[int]) -> int:
        while True:
            answer = await self.ask(question)
            if answer.isdigit() and 1 <= int(answer) <= count and int(answer) not in taken:
                return int(answer)
            self.say(f"    give one number from the list (1-{count}) not chosen already")

    async def numbers(self, question: str, count: int, *, at_least: int) -> list[int]:
        while True:
            answer = await self.ask(question)
            parts = [p for p in answer.replace(",", " ").split() if p]
            if (
                len(parts) >= at_least
                and all(p.isdigit() and 1 <= int(p) <= count for p in parts)
                and len(set(parts)) == len(parts)
            ):
                return [int(p) for p in parts]
            need = "one or more numbers" if at_least else "numbers, or nothing"
            self.say(f"    give {need} from the list (1-{count}), separated by commas")


class Watcher:
    """Reads updates (never confirming them) and lists the chats and people they show."""

    def __init__(self, bot: Bot, me: User, console: Console) -> None:
        self.bot, self.me, self.console = bot, me, console
        self.chats: dict[int, SeenChat] = {}
        self.people: dict[int, SeenPerson] = {}
        self._update_ids: set[int] = set()

    async def run(self) -> None:
        failures = 0
        while True:
            try:
                updates = await self.bot.get_updates(timeout=POLL_SECONDS)
            except TelegramConflictError:
                self.console.say(
                    "\nsetup: another process is taking this bot's updates (is the desk "
                    "running?); stop it, then run setup again"
                )
                raise
            except (TelegramNetworkError, TelegramAPIError, TimeoutError) as exc:
                failures += 1
                if failures == 1:
                    self.console.say(f"  (Telegram did not answer: {exc}; trying again)")
                await asyncio.sleep(min(2**failures, 30))
                continue
            failures = 0
            fresh = [u for u in updates if u.update_id not in self._update_ids]
            for update in fresh:
                self._update_ids.add(update.update_id)
                await self._see(update)
            if updates and not fresh:
                await asyncio.sleep(1)  # pending but already seen: getUpdates returns at once

    async def _see(self, update: Update) -> None:
        message = update.message or update.edited_message
        if update.my_chat_member is not None:
            await self._see_chat(update.my_chat_member.chat)
        elif message is not None:
            await self._see_message(message)

    async def _see_message(self, message: Message) -> None:
        if message.migrate_to_chat_id:
            gone = self.chats.pop(message.chat.id, None)
            if gone is not None:
                self.console.say(
                    f"  chat {gone.id} became a supergroup with the id {message.migrate_to_chat_id}"
                )
            return
        if message.chat.type == "private":
            user = message.from_user
            if user is not None and not user.is_bot and user.id not in self.people:
                name = user.full_name + (f" @{user.username}" if user.username else "")
                self.people[user.id] = SeenPerson(user.id, name)
                self.console.say(f"  person  {user.id}  {name}")
        elif message.chat.type in ("group", "supergroup"):
            await self._see_chat(message.chat, refresh=False)

    async def _see_chat(self, chat: Chat, *, refresh: bool = True) -> None:
        if chat.type not in ("group", "supergroup") or (chat.id in self.chats and not refresh):
            return
        seen = await self.describe(chat)
        known = self.chats.get(chat.id)
        self.chats[chat.id] = seen
        if known is None or known.line(0) != seen.line(0):
            state = "missing: " + "; ".join(seen.missing) if seen.missing else "ok"
            self.console.say(
                f"  chat    {seen.id}  {seen.type}  {seen.title!r}  bot: {seen.rights}  {state}"
            )

    async def describe(self, chat: Chat) -> SeenChat:
        """What the bot is in the chat now, and what it still lacks to work there."""
        seen = SeenChat(chat.id, chat.title or str(chat.id), chat.type, "unknown")
        try:
            member = await self.bot.get_chat_member(chat.id, self.me.id)
        except TelegramAPIError as exc:
            seen.missing.append(f"cannot check ({exc.message})")
            return seen
        seen.rights = member.status
        if member.status in ("left", "kicked"):
            seen.missing.append("the bot is not in this chat: add it")
        elif member.status == "administrator":
            for right, label in (
                ("can_delete_messages", "Delete messages"),
                ("can_restrict_members", "Ban users"),
            ):
                if not getattr(member, right, False):
                    seen.missing.append(f"the right '{label}' (needed to remove spam)")
        elif not self.me.can_read_all_group_messages:
            seen.missing.append(
                "administrator rights: with privacy mode on, a member sees only commands"
            )
        else:
            seen.missing.append("administrator rights 'Delete messages' and 'Ban users'")
        return seen


async def run_setup(config: Path, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    console = Console(stdin, stdout)
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        print(
            f"setup: set {TOKEN_ENV} to the token @BotFather gave you, e.g. "
            f"{TOKEN_ENV}='123456789:AA…' .venv/bin/python -m bot setup",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        api_base = TelegramSettings(api_base=os.environ.get(API_BASE_ENV) or "").api_base
    except ValueError:
        api_base = TelegramSettings().api_base
    bot = Bot(token=token, session=DeskSession(api=TelegramAPIServer.from_base(api_base)))
    try:
        return await _setup(bot, console, config, api_base)
    except SetupStopped:
        console.say(f"\nsetup: stopped before the end; {config} was not written")
        return EXIT_FAILURE
    except TelegramConflictError:
        return EXIT_FAILURE
    finally:
        await bot.session.close()


async def _setup(bot: Bot, console: Console, config: Path, api_base: str) -> int:
    me = await _check_token(bot, api_base)
    if me is None:
        return EXIT_USAGE
    if isinstance(me, str):
        print(f"setup: {me}", file=sys.stderr)
        return EXIT_FAILURE
    console.say(f"The token works: this is @{me.username} ({me.full_name}).")
    existing = _existing(config)
    if existing and not await console.yes(
        f"{existing} already exists. Replace it (the old one is kept as {config.name}.bak)?"
    ):
        console.say(f"{config} left as it is.")
        return EXIT_OK
    _explain(console, me)
    watcher = Watcher(bot, me, console)
    listing = asyncio.create_task(watcher.run())
    try:
        await _wait_for_everyone(console, watcher, listing)
    finally:
        listing.cancel()
        with contextlib.suppress(asyncio.CancelledError, TelegramConflictError):
            await listing
    choice = await _ask_roles(console, watcher, api_base)
    return _write(console, config, choice)


async def _check_token(bot: Bot, api_base: str) -> User | str | None:
    """The bot, None if Telegram rejected the token (said on stderr), or why Telegram
    could not be asked (setup is interactive: a few quick tries, then the operator)."""
    for attempt in range(GETME_ATTEMPTS):
        try:
            return await bot.me()
        except TelegramUnauthorizedError:
            print(
                f"setup: {TOKEN_ENV}: Telegram rejected the token (revoked or mistyped); "
                "get the current one from @BotFather",
                file=sys.stderr,
            )
            return None
        except (TelegramNetworkError, TelegramServerError, TimeoutError) as exc:
            if attempt + 1 == GETME_ATTEMPTS:
                return f"cannot reach the Telegram Bot API at {api_base}: {exc}"
            await asyncio.sleep(2**attempt)
    raise AssertionError("unreachable")


def _existing(config: Path) -> Path | None:
    return config.resolve() if config.exists() else None


def _explain(console: Console, me: User) -> None:
    console.say(
        f"""
Now, in Telegram:
  1. Add @{me.username} to the three resident chats (Akimat, Law & Order, Housing)
     and to the staff chat, and make it an administrator in each (chat settings →
     Administrators → Add admin) with at least "Delete messages" and "Ban users".
  2. Send any message in each of the four chats.
  3. Every moderator and head (the akim, deputies) opens @{me.username} and sends
     /start to it, so that setup learns their ids and the bot may write to them.
Chats and people appear below as Telegram reports them."""
    )
    if not me.can_read_all_group_messages:
        console.say(
            "  Privacy mode is on: the bot sees every post only where it is an "
            "administrator (or turn it off in @BotFather with /setprivacy)."
        )


async def _wait_for_everyone(console: Console, watcher: Watcher, listing: asyncio.Task) -> None:
    console.say("Press Enter when all four chats and all the staff are listed.\n")
    while True:
        wait = asyncio.create_task(console.ask(""))
        await asyncio.wait({wait, listing}, return_when=asyncio.FIRST_COMPLETED)
        if not wait.done():
            wait.cancel()
            listing.result()  # the listing failed: its error ends setup
        wait.result()
        chats, people = len(watcher.chats), len(watcher.people)
        if chats >= 4 and people >= 1:
            return
        console.say(
            f"So far {chats} of 4 chats and {people} people (at least one moderator is "
            "needed). Keep going, then press Enter."
        )


async def _ask_roles(console: Console, watcher: Watcher, api_base: str) -> DeskChoice:
    chats = list(watcher.chats.values())
    console.say("\nChats:")
    for number, chat in enumerate(chats, 1):
        console.say(chat.line(number))
    taken: set[int] = set()
    picked: dict[str, SeenChat] = {}
    for role, label in ROLES:
        number = await console.number(f"Which number is {label}?", len(chats), taken)
        taken.add(number)
        picked[role] = chats[number - 1]
    people = list(watcher.people.values())
    console.say("\nPeople who wrote to the bot:")
    for number, person in enumerate(people, 1):
        console.say(person.line(number))
    moderators = await console.numbers(
        "Who are the moderators (numbers, separated by commas)?", len(people), at_least=1
    )
    heads = await console.numbers(
        "Who are the heads: the akim, deputies (numbers, or Enter for none)?",
        len(people),
        at_least=0,
    )
    locale = ""
    while locale not in ("ru", "kk", "en"):
        locale = (
            await console.ask("Language of the staff chat and digest: ru, kk or en? [ru]")
        ) or "ru"
    console.say()
    for role in ("akimat", "law_order", "housing", "staff"):
        for problem in picked[role].missing:
            console.say(f"  still to fix in {picked[role].title!r}: {problem}")
    return DeskChoice(
        api_base=api_base,
        locale=locale,
        staff_chat_id=picked["staff"].id,
        moderators=[people[n - 1].id for n in moderators],
        heads=[people[n - 1].id for n in heads],
        chats=[ChatChoice(key, picked[key].title, picked[key].id) for key, _ in ROLES[:3]],
    )


def _write(console: Console, config: Path, choice: DeskChoice) -> int:
    problems = write_config(config, choice)
    if problems:
        for line in problems:
            print(f"setup: {line}", file=sys.stderr)
        return EXIT_FAILURE
    console.say(
        f"\nWrote {config.resolve()}. Start the desk with:\n"
        f"  BOT_TOKEN='…' .venv/bin/python -m bot --config {config}\n"
        "Everything else (deadlines, digest time, languages per chat) is explained in "
        "config.example.toml."
    )
    return EXIT_OK
