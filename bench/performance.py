"""Speed and size of the desk, measured (not part of the tests).

The bot runs as the real ``python -m bot`` process against the fake Bot API
server on 127.0.0.1 with Telegram's limits off (the fake enforces none, the
bot's pacing is set out of the way):

* ingest: N residents' posts (default 5,000) reach the running bot at once;
  the time until every ticket is stored and every card and acknowledgement
  sent. In the same run a bare aiogram bot on the same fake server makes the
  same API calls per post (a reply under the post, a message to the staff
  chat) and no database work; posts per second for both and the ratio.
* start-up: from spawning the process to its first getUpdates, with M tickets
  (default 1,000,000) in the database; and, for comparison, the time Python
  takes only to import the bot's modules.
* memory: peak RSS of the bot process with M tickets in the database while it
  serves posts and the staff's commands (/open, /mine, /find, /history,
  /ticket, /export).

The M-ticket database is generated with executemany in batches (tickets with
their events, messages, answers and sent outbox rows, as a desk that has run
for years would have) and can be kept and reused with --database.

    python -m bench.performance [--posts 5000] [--tickets 1000000]
        [--only ingest,startup,memory] [--database PATH] [--strict]

Exit code 0 when everything was measured (1 with --strict if a target is
missed); a bot that loses a post or does not start stops it with an error.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.sandbox import FakeTelegram  # noqa: E402
from tests.conftest import (  # noqa: E402
    AKIMAT,
    HOUSING,
    LAW,
    MOD1,
    MOD2,
    RESIDENT,
    RESIDENT2,
    STAFF_CHAT,
    populate,
)
from tests.test_crash_restart import write_crash_config  # noqa: E402

RESIDENT_CHATS = (HOUSING, AKIMAT, LAW)
POST = "Обращение {n}: во дворе дома {house} по улице Абая третий день не горят фонари"
TARGETS = {
    "ratio": 1.5,  # our time per post / the bare bot's
    "posts_per_second": 500.0,
    "rss_mb": 150.0,
    "startup_seconds": 2.0,
}


# ---- the processes -------------------------------------------------------------------------


class Process:
    """A child Python process (the desk or the bare bot) with its stderr in a file."""

    def __init__(self, args: list[str], log: Path, token: str) -> None:
        self.args = args
        self.log = log
        self.token = token
        self.proc: asyncio.subprocess.Process | None = None
        self.spawned = 0.0

    async def start(self) -> None:
        env = {**os.environ, "BOT_TOKEN": self.token}
        env.pop("BOT_CONFIG", None)
        self.spawned = time.monotonic()
        with self.log.open("ab") as err:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable,
                *self.args,
                cwd=ROOT,
                env=env,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=err,
            )

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def cpu_seconds(self, *, main_thread: bool = False) -> float:
        """User + system CPU time of the process so far (all its threads), or of its
        main thread only (the event loop; the desk's database runs on another)."""
        stat = f"/proc/{self.pid}/task/{self.pid}/stat" if main_thread else f"/proc/{self.pid}/stat"
        fields = Path(stat).read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def memory(self) -> dict[str, float]:
        """Peak (VmHWM) and current (VmRSS) resident size in MB, from /proc."""
        values: dict[str, float] = {}
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                values[key] = int(rest.split()[0]) / 1024
        return values

    async def stop(self) -> int | None:
        if self.proc is None or self.proc.returncode is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.proc.wait(), 30)
        except TimeoutError:
            self.proc.kill()
            return await self.proc.wait()


def desk_process(config: Path, log: Path, token: str) -> Process:
    return Process(["-m", "bot", "--config", str(config)], log, token)


# The baseline, run with `python -c` so that it imports aiogram and nothing of ours:
# aiogram's defaults (handlers as tasks), per post a reply under it and a staff
# message of the same size as the desk's, no storage at all.
BARE_BOT = r"""
import asyncio, html, os, sys
from collections import Counter
from aiogram import Bot, Dispatcher, F
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode

api_base, staff_chat, *chats = sys.argv[1:]
bot = Bot(
    os.environ["BOT_TOKEN"],
    session=AiohttpSession(api=TelegramAPIServer.from_base(api_base)),
    default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
)
dp = Dispatcher()
numbers = Counter()

@dp.message(F.chat.id.in_({int(chat) for chat in chats}))
async def on_post(message):
    numbers[message.chat.id] += 1
    code = f"X-{numbers[message.chat.id]}"
    await message.reply(
        f"Обращение принято, номер <b>{code}</b>. Сотрудники акимата рассмотрят его и "
        "ответят здесь, под вашим сообщением. Срок рассмотрения — до 20.06.2025."
    )
    author = message.from_user
    await bot.send_message(
        int(staff_chat),
        f"🆕 <b>{code}</b> · {html.escape(message.chat.title or '')}\n"
        f'👤 <a href="tg://user?id={author.id}">{html.escape(author.full_name)}</a>'
        f" · {message.date:%d.%m.%Y %H:%M}\n\n"
        f"<blockquote>{html.escape(message.text or '')}</blockquote>\n\n"
        "Статус: <b>новое</b> · Исполнитель: —\n"
        "⏰ Ответ до 21.05 10:00 · решение до 20.06.2025",
    )

asyncio.run(dp.start_polling(bot))
"""


def bare_process(fake: FakeTelegram, log: Path) -> Process:
    chats = [str(chat) for chat in RESIDENT_CHATS]
    return Process(["-c", BARE_BOT, fake.base_url, str(STAFF_CHAT), *chats], log, fake.token)


async def until(predicate, seconds: float, step: float = 0.005) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(step)
    return True


def first_poll(fake: FakeTelegram) -> float | None:
    return next((c.at for c in fake.calls if c.method == "getUpdates"), None)


async def started(fake: FakeTelegram, process: Process, seconds: float = 120) -> float:
    """Seconds from spawning to the first getUpdates; then until the bot idles."""
    ok = await until(
        lambda: first_poll(fake) is not None or process.proc.returncode is not None,  # type: ignore[union-attr]
        seconds,
        step=0.001,
    )
    at = first_poll(fake)
    if not ok or at is None:
        raise RuntimeError(f"the process did not start polling; see {process.log}")
    await until(lambda: fake.polling, 10)
    await asyncio.sleep(0.5)  # start-up work (delivery worker, menus) settles
    return at - process.spawned


def sent_count(fake: FakeTelegram, chat_ids: tuple[int, ...]) -> int:
    return sum(len(fake.chats[c].bot_message_ids) for c in chat_ids)


# ---- ingest --------------------------------------------------------------------------------


async def ingest_run(kind: str, posts: int, workdir: Path) -> dict[str, object]:
    """Deliver ``posts`` posts at once to a running bot; time until every card and ack is out."""
    fake = FakeTelegram()
    await fake.start()
    populate(fake)
    directory = workdir / f"ingest-{kind}"
    directory.mkdir()
    log = directory / "stderr.log"
    if kind == "desk":
        process = desk_process(write_crash_config(fake, directory), log, fake.token)
    else:
        process = bare_process(fake, log)
    try:
        await process.start()
        startup = await started(fake, process)
        before = len(fake.calls)
        authors = (RESIDENT, RESIDENT2)
        for n in range(posts):
            fake.post(RESIDENT_CHATS[n % 3], authors[n // 3 % 2], POST.format(n=n, house=n + 1))
        begun, own = time.monotonic(), time.process_time()
        cpu, loop = process.cpu_seconds(), process.cpu_seconds(main_thread=True)
        done = await until(
            lambda: (
                sent_count(fake, (STAFF_CHAT,)) >= posts
                and sent_count(fake, RESIDENT_CHATS) >= posts
            ),
            seconds=max(120.0, posts * 0.2),
        )
        seconds = time.monotonic() - begun
        cpu, own = process.cpu_seconds() - cpu, time.process_time() - own
        loop = process.cpu_seconds(main_thread=True) - loop
        if not done:
            raise RuntimeError(f"{kind}: not every card and acknowledgement was sent; see {log}")
        await until(lambda: fake.pending_updates == 0, 30)
        peak = process.memory()["VmHWM"]
        calls = Counter(c.method for c in fake.calls[before:] if c.method != "getUpdates")
        polls = sum(c.method == "getUpdates" for c in fake.calls[before:])
        stored = None
        if kind == "desk":
            with contextlib.closing(sqlite3.connect(directory / "desk.sqlite3")) as conn:
                (stored,) = conn.execute("SELECT COUNT(*) FROM tickets").fetchone()
            if stored != posts:
                raise RuntimeError(f"desk: {stored} tickets stored for {posts} posts")
        return {
            "bot": "akimat-desk" if kind == "desk" else "bare aiogram",
            "posts": posts,
            "seconds": round(seconds, 2),
            "posts/s": round(posts / seconds, 1),
            "ms/post": round(1000 * seconds / posts, 2),
            "bot CPU ms/post": round(1000 * cpu / posts, 2),
            "of it main thread": round(1000 * loop / posts, 2),
            "fake CPU ms/post": round(1000 * own / posts, 2),
            "API calls/post": round(sum(calls.values()) / posts, 2),
            "getUpdates": polls,
            "tickets stored": stored if stored is not None else "-",
            "start-up, s": round(startup, 2),
            "peak RSS, MB": round(peak, 1),
        }
    finally:
        await process.stop()
        await fake.stop()


# ---- the million-ticket database ------------------------------------------------------------

NAMES = ("Айгерім", "Иван", "Дана", "Ерлан", "Мария", "Бауыржан", "Сауле", "Алексей")
TOPICS = (
    "не горят фонари во дворе дома {h}",
    "нет горячей воды в доме {h} по улице Кенесары уже {d} дня",
    "течёт крыша в подъезде {d} дома {h}, вода заливает квартиры на пятом этаже",
    "во дворе дома {h} не вывозят мусор, контейнеры переполнены, просим принять меры",
    "яма на дороге у школы № {h}, машины объезжают по тротуару, опасно для детей",
    "шум ночью из кафе на первом этаже дома {h}, просим проверить разрешения",
    "не работает лифт в доме {h}, подъезд {d}, пожилые жители не могут выйти",
    "сломана детская площадка во дворе дома {h}, торчат болты, дети могут пораниться",
)
CHAT_MIX = (("housing", "H", HOUSING, 5), ("akimat", "A", AKIMAT, 3), ("law_order", "L", LAW, 2))
BATCH = 20_000


def _t(moment: datetime) -> str:
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"


_INSERTS = {
    "tickets": "INSERT INTO tickets (id, code, chat_key, number, source_chat_id,"
    " source_message_id, author_id, author_name, author_username, author_language, text,"
    " status, resolution, assignee_id, card_chat_id, card_message_id, ack_message_id,"
    " created_at, updated_at, first_response_at, answered_at, closed_at, response_due_at,"
    " resolve_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
    " ?, ?)",
    "events": "INSERT INTO events (ticket_id, at, actor_id, kind, payload) VALUES (?, ?, ?, ?, ?)",
    "ticket_messages": "INSERT INTO ticket_messages (chat_id, message_id, ticket_id, role)"
    " VALUES (?, ?, ?, ?)",
    "answers": "INSERT INTO answers (id, ticket_id, author_id, text, created_at, chat_message_id)"
    " VALUES (?, ?, ?, ?, ?, ?)",
    "outbox": "INSERT INTO outbox (ticket_id, kind, role, answer_id, chat_id, payload, status,"
    " attempts, next_attempt_at, message_id, created_at, sent_at)"
    " VALUES (?, ?, ?, ?, ?, ?, 'sent', 1, ?, ?, ?, ?)",
}
ANSWER = "Заявка передана в службу, бригада выедет в течение дня."


class _History:
    """What a desk that has run for years holds: each ticket with its events, its
    messages, its answer and the sent outbox rows, written in batches."""

    def __init__(
        self, conn: sqlite3.Connection, tickets: int, seed: int, days: float = 5 * 365
    ) -> None:
        self.conn = conn
        self.tickets = tickets
        self.rng = random.Random(seed)
        self.now = datetime.now(UTC)
        self.start = self.now - timedelta(days=days)
        self.step = (self.now - timedelta(minutes=10) - self.start) / max(tickets, 1)
        self.numbers: Counter[str] = Counter()
        self.message_ids: Counter[int] = Counter()
        self.answers = 0
        self.rows: dict[str, list[tuple[object, ...]]] = {table: [] for table in _INSERTS}

    def flush(self) -> None:
        self.conn.execute("BEGIN")
        for table, rows in self.rows.items():
            self.conn.executemany(_INSERTS[table], rows)
            rows.clear()
        self.conn.execute("COMMIT")

    def _message_id(self, chat_id: int) -> int:
        self.message_ids[chat_id] += 1
        return self.message_ids[chat_id]

    def add(self, ticket_id: int) -> None:
        rng = self.rng
        key, prefix, chat_id, _ = rng.choices(CHAT_MIX, [w for *_, w in CHAT_MIX])[0]
        self.numbers[key] += 1
        code = f"{prefix}-{self.numbers[key]}"
        created = self.start + self.step * ticket_id
        # The open ones are the last three days', as a working desk keeps them:
        # answered within the day, only the last hours' still new or just taken.
        age = self.now - created
        if age < timedelta(days=3):
            fresh = age < timedelta(hours=12)
            status = rng.choice(("new", "assigned")) if fresh else "answered"
            resolution = None
        else:
            status = "closed"
            resolution = rng.choices(("resolved", "rejected", "duplicate", "spam"), (80, 10, 5, 5))
            resolution = resolution[0]
        assignee = None if status == "new" else rng.choice((MOD1, MOD2))
        answered = status in ("answered", "closed") and resolution != "spam"
        first = created + timedelta(minutes=rng.randint(5, 20 * 60)) if answered else None
        closed = created + timedelta(days=rng.randint(1, 20)) if status == "closed" else None
        source, ack, card = self._message_id(chat_id), self._message_id(chat_id), ticket_id
        author = 100_000 + rng.randrange(200_000)
        topic = TOPICS[rng.randrange(len(TOPICS))].format(
            h=rng.randint(1, 300), d=rng.randint(2, 9)
        )
        stamp = _t(created)
        maybe = lambda moment: _t(moment) if moment else None  # noqa: E731
        text = f"Здравствуйте! {topic[0].upper()}{topic[1:]}."
        self.rows["tickets"].append(
            (
                *(ticket_id, code, key, self.numbers[key], chat_id, source, author),
                *(rng.choice(NAMES), None, "ru", text, status, resolution, assignee),
                *(STAFF_CHAT, card, ack, stamp, _t(closed or first or created)),
                *(maybe(first), maybe(first), maybe(closed)),
                *(_t(created + timedelta(hours=24)), _t(created + timedelta(days=21))),
            )
        )
        messages = self.rows["ticket_messages"]
        messages += [
            (chat_id, source, ticket_id, "source"),
            (chat_id, ack, ticket_id, "ack"),
            (STAFF_CHAT, card, ticket_id, "card"),
        ]
        ack_payload = json.dumps(
            {
                "method": "sendMessage",
                "params": {
                    "chat_id": chat_id,
                    "text": f"Обращение принято, номер <b>{code}</b>. Сотрудники акимата "
                    "рассмотрят его и ответят здесь, под вашим сообщением.",
                    "reply_parameters": {"message_id": source},
                },
            },
            ensure_ascii=False,
        )
        outbox = self.rows["outbox"]
        outbox.append(
            (ticket_id, "send", "ack", None, chat_id, ack_payload, stamp, ack, stamp, stamp)
        )
        outbox.append((ticket_id, "card", None, None, STAFF_CHAT, "{}", stamp, card, stamp, stamp))
        events = self.rows["events"]
        events.append((ticket_id, stamp, author, "created", "{}"))
        if assignee:
            events.append((ticket_id, stamp, assignee, "take", '{"from": "new"}'))
        if first:
            self.answers += 1
            reply, when = self._message_id(chat_id), _t(first)
            self.rows["answers"].append((self.answers, ticket_id, assignee, ANSWER, when, reply))
            messages.append((chat_id, reply, ticket_id, "answer"))
            payload = f'{{"from": "assigned", "answer_id": {self.answers}}}'
            events.append((ticket_id, when, assignee, "answer", payload))
            answer = (ticket_id, "send", "answer", self.answers, chat_id, ack_payload)
            outbox.append((*answer, when, reply, when, when))
        if closed:
            payload = f'{{"from": "answered", "resolution": "{resolution}"}}'
            events.append((ticket_id, _t(closed), assignee, "close", payload))


async def make_database(path: Path, tickets: int, seed: int = 1, days: float = 5 * 365) -> float:
    """Create the schema with the desk's own migrations, then add ``tickets`` tickets
    over the last ``days`` (five years) with what each would have accumulated.
    Returns seconds."""
    from storage.db import Database

    begun = time.monotonic()
    db = await Database.open(path)
    await db.close()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        # A bulk load: no journal, no fsync; the desk's own settings come back after.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -200000")
        history = _History(conn, tickets, seed, days)
        for ticket_id in range(1, tickets + 1):
            history.add(ticket_id)
            if ticket_id % BATCH == 0:
                history.flush()
        history.flush()
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("ANALYZE")
    finally:
        conn.close()
    return time.monotonic() - begun


def ticket_count(path: Path) -> int:
    if not path.exists():
        return 0
    with contextlib.closing(sqlite3.connect(path)) as conn:
        try:
            return conn.execute("SELECT COUNT(*) FROM tickets").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


# ---- start-up and memory -------------------------------------------------------------------


async def import_seconds() -> float:
    """How long Python takes only to import the bot's modules (aiogram among them)."""
    begun = time.monotonic()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import bot.app", cwd=ROOT, env={**os.environ}
    )
    await proc.wait()
    return time.monotonic() - begun


async def startup_runs(database: Path, workdir: Path, runs: int) -> dict[str, object]:
    """Start the desk ``runs`` times on ``database``; the median, and where it goes."""
    times: list[float] = []
    before_first_call: list[float] = []
    after_first_call: list[float] = []
    for run in range(runs):
        fake = FakeTelegram()
        await fake.start()
        populate(fake)
        directory = workdir / f"startup-{run}"
        directory.mkdir()
        config = _config_for(fake, directory, database)
        process = desk_process(config, directory / "stderr.log", fake.token)
        try:
            await process.start()
            times.append(await started(fake, process))
            # Up to its first request the process imports, reads the config and opens
            # the database; after it, the desk's own start-up (checks, menus, workers).
            before_first_call.append(fake.calls[0].at - process.spawned)
            after_first_call.append(times[-1] - before_first_call[-1])
        finally:
            await process.stop()
            await fake.stop()
    imports = [await import_seconds() for _ in range(runs)]
    return {
        "tickets": ticket_count(database),
        "runs": runs,
        "to first getUpdates, s (median)": round(statistics.median(times), 2),
        "min": round(min(times), 2),
        "max": round(max(times), 2),
        "to first request, s": round(statistics.median(before_first_call), 2),
        "first request to getUpdates, s": round(statistics.median(after_first_call), 2),
        "imports alone, s": round(statistics.median(imports), 2),
    }


def _config_for(fake: FakeTelegram, directory: Path, database: Path) -> Path:
    config = write_crash_config(fake, directory)
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(f'path = "{directory / "desk.sqlite3"}"', f'path = "{database}"'),
        encoding="utf-8",
    )
    return config


def continue_history(fake: FakeTelegram, database: Path) -> None:
    """The chats already hold the generated history: new messages get later ids."""
    with contextlib.closing(sqlite3.connect(database)) as conn:
        last = conn.execute("SELECT chat_id, MAX(message_id) FROM ticket_messages GROUP BY chat_id")
        for chat_id, message_id in last:
            if chat_id in fake.chats:
                fake.chats[chat_id].last_message_id = message_id


async def memory_run(database: Path, workdir: Path, posts: int) -> dict[str, object]:
    fake = FakeTelegram()
    await fake.start()
    populate(fake)
    directory = workdir / "memory"
    directory.mkdir()
    continue_history(fake, database)
    process = desk_process(
        _config_for(fake, directory, database), directory / "stderr.log", fake.token
    )
    try:
        await process.start()
        await started(fake, process)
        idle = process.memory()
        staff, acks = sent_count(fake, (STAFF_CHAT,)), sent_count(fake, RESIDENT_CHATS)
        begun = time.monotonic()
        for n in range(posts):
            fake.post(RESIDENT_CHATS[n % 3], RESIDENT, POST.format(n=n, house=n + 1))
        served = await until(
            lambda: (
                sent_count(fake, (STAFF_CHAT,)) >= staff + posts
                and sent_count(fake, RESIDENT_CHATS) >= acks + posts
            ),
            seconds=max(120.0, posts * 0.2),
        )
        if not served:
            raise RuntimeError(f"memory: the posts were not all served; see {process.log}")
        serving = time.monotonic() - begun
        answers = sent_count(fake, (STAFF_CHAT,))
        commands = [
            "/open",
            "/mine",
            "/find фонари Абая",
            "/history H-1",
            "/ticket H-2",
            "/export 30",
        ]
        for command in commands:
            fake.post(STAFF_CHAT, MOD1, command)
        documents = await until(lambda: bool(fake.sent("sendDocument")), 300, step=0.05)
        await until(
            lambda: sent_count(fake, (STAFF_CHAT,)) >= answers + len(commands), 120, step=0.05
        )
        await asyncio.sleep(0.5)
        peak = process.memory()
        return {
            "tickets": ticket_count(database),
            "posts served": posts,
            "commands": len(commands),
            "export sent": "yes" if documents else "NO",
            "RSS idle, MB": round(idle["VmRSS"], 1),
            "RSS now, MB": round(peak["VmRSS"], 1),
            "peak RSS, MB": round(peak["VmHWM"], 1),
            "posts, s": round(serving, 1),
        }
    finally:
        await process.stop()
        await fake.stop()


# ---- report --------------------------------------------------------------------------------


def table(rows: list[dict[str, object]]) -> str:
    keys = list(rows[0])
    widths = [max(len(k), *(len(str(r[k])) for r in rows)) for k in keys]
    lines = ["  ".join(k.rjust(w) for k, w in zip(keys, widths, strict=True))]
    lines += [
        "  ".join(str(r[k]).rjust(w) for k, w in zip(keys, widths, strict=True)) for r in rows
    ]
    return "\n".join(lines)


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.performance",
        description="Ingest speed against a bare aiogram bot, start-up time and peak memory "
        "with a million tickets, against the fake Telegram on 127.0.0.1.",
    )
    parser.add_argument(
        "--posts",
        type=int,
        default=5000,
        help="posts in the ingest experiment (default: %(default)s)",
    )
    parser.add_argument(
        "--tickets",
        type=int,
        default=1_000_000,
        help="tickets in the database for start-up and memory (default: %(default)s)",
    )
    parser.add_argument(
        "--serve-posts",
        type=int,
        default=1000,
        help="posts served in the memory run (default: %(default)s)",
    )
    parser.add_argument(
        "--startup-runs",
        type=int,
        default=3,
        help="start-ups to take the median of (default: %(default)s)",
    )
    parser.add_argument(
        "--only",
        default="ingest,startup,memory",
        help="comma-separated experiments to run (default: %(default)s)",
    )
    parser.add_argument(
        "--database",
        metavar="PATH",
        help="the big database: reused if it has --tickets tickets, else generated there "
        "(by default in a temporary directory)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the working directory (logs)")
    parser.add_argument(
        "--strict", action="store_true", help="exit with 1 when a target is not met"
    )
    args = parser.parse_args(argv)
    args.only = {name.strip() for name in args.only.split(",") if name.strip()}
    if not args.only <= {"ingest", "startup", "memory"}:
        parser.error("--only takes ingest, startup and memory")
    if args.posts < 1 or args.tickets < 1 or args.serve_posts < 1 or args.startup_runs < 1:
        parser.error("--posts, --tickets, --serve-posts and --startup-runs must be at least 1")
    return args


async def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="akimat-perf-"))
    failures = 0
    try:
        print(
            f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; logs in {workdir}"
        )
        if "ingest" in args.only:
            desk = await ingest_run("desk", args.posts, workdir)
            bare = await ingest_run("bare", args.posts, workdir)
            ratio = float(desk["ms/post"]) / float(bare["ms/post"])  # type: ignore[arg-type]
            print(f"\ningest: {args.posts} posts at once, every ticket stored, card and ack sent")
            print(table([desk, bare]))
            speed_ok = float(desk["posts/s"]) >= TARGETS["posts_per_second"]  # type: ignore[arg-type]
            ratio_ok = ratio <= TARGETS["ratio"]
            print(
                f"time per post, desk / bare aiogram: {ratio:.2f}x "
                f"(target <= {TARGETS['ratio']}x: {verdict(ratio_ok)}); "
                f"{desk['posts/s']} posts/s (target >= {TARGETS['posts_per_second']:.0f}: "
                f"{verdict(speed_ok)})"
            )
            failures += (not speed_ok) + (not ratio_ok)
        if args.only & {"startup", "memory"}:
            database = Path(args.database) if args.database else workdir / "big.sqlite3"
            have = ticket_count(database)
            if have < args.tickets:
                if database.exists():
                    raise SystemExit(
                        f"{database} has {have} tickets, not {args.tickets}: remove it"
                    )
                print(f"\ngenerating {args.tickets} tickets in {database} …", flush=True)
                seconds = await make_database(database, args.tickets)
                size = database.stat().st_size / 2**20
                print(f"generated in {seconds:.0f} s, {size:.0f} MB")
        if "startup" in args.only:
            row = await startup_runs(database, workdir, args.startup_runs)
            print("\nstart-up: spawn to the first getUpdates")
            print(table([row]))
            ok = float(row["to first getUpdates, s (median)"]) < TARGETS["startup_seconds"]  # type: ignore[arg-type]
            print(f"target < {TARGETS['startup_seconds']:.0f} s: {verdict(ok)}")
            failures += not ok
        if "memory" in args.only:
            row = await memory_run(database, workdir, args.serve_posts)
            print("\nmemory: the bot serving posts and staff commands")
            print(table([row]))
            ok = float(row["peak RSS, MB"]) < TARGETS["rss_mb"]  # type: ignore[arg-type]
            print(f"target < {TARGETS['rss_mb']:.0f} MB: {verdict(ok)}")
            failures += not ok
    finally:
        if args.keep:
            print(f"\nkept {workdir}")
        else:
            import shutil

            shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failures and args.strict else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
