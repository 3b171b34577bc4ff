"""Crash safety of the real ``python -m bot`` process (DESIGN.md, "Delivery (nothing lost)").

Residents post a burst in the three chats (with some follow-up replies and edits); the process
is killed with SIGKILL twice in the middle of it, at different points, and restarted each time:
first right after the k-th staff card got through, then while the restarted process waits for
Telegram's (slowed) answer to its j-th acknowledgement, so that the message is out and its id
never recorded.  Residents then reply to acknowledgements, that unrecorded copy among them.
Finally the bot runs until settled and is stopped with SIGTERM.  The SQLite file and the fake
Telegram must then agree that every post has exactly one ticket, every ticket its card and its
acknowledgement, every reply is a follow-up, every edit is kept, and the outbox is empty.  A card
or acknowledgement may be sent twice only when a kill fell between Telegram's answer and the
recording of the message id: the extra copy must be the last message the killed process got
into that chat.

The scenario runs once (module fixture); each test checks one promise.  ``bench/crash_restart.py``
reuses ``Residents``, ``DeskProcess`` and ``audit`` with random kill points.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import signal
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.config import DeliverySettings
from bot.sandbox import Call, FakeTelegram
from tests.conftest import AKIMAT, HOUSING, LAW, RESIDENT, RESIDENT2, STAFF_CHAT, populate
from tests.test_process import start, write_config

RESIDENT_CHATS = (AKIMAT, LAW, HOUSING)
SEND_METHODS = frozenset({"sendMessage", "sendPhoto"})
CODE = re.compile(r"\b[A-Z]{1,3}-\d+\b")
FOLLOWUPS_LINE = "Дополнений от жителя: {count}"  # bot/locales/ru.ftl, card-followups

# Retries fast, and Telegram's sending limits (when this build paces itself) out of the way:
# the test is about crashes, not about waiting three minutes for 60 cards in one group.
FAST_DELIVERY = {
    "retry_base_seconds": 0.05,
    "retry_max_seconds": 0.5,
    "shutdown_flush_seconds": 5.0,
    "global_per_second": 10_000.0,
    "chat_per_second": 10_000.0,
    "chat_burst": 10_000,
    "group_per_minute": 1_000_000,
}


def write_crash_config(fake: FakeTelegram, directory: Path, together: int = 0) -> Path:
    """test_process's config plus a [delivery] section with the settings this build knows;
    ``together``: acknowledge that many waiting posts of a chat in one message (0: never)."""
    path = write_config(fake, directory)
    known = DeliverySettings.model_fields
    lines = ["[delivery]"] + [f"{k} = {v}" for k, v in FAST_DELIVERY.items() if k in known]
    # Bursts of posts by two residents here stand for many distinct appeals: not a
    # flood to merge, nor newcomers to check for spam (test_spam_e2e.py tests those),
    # each acknowledged by its own reply unless ``together`` (a 5xx after a message
    # together took effect is in test_acks_together.py).
    lines += ["[intake]", "flood_seconds = 0", "same_text_hours = 0"]
    lines += [f"ack_together_from = {together}"]
    lines += ["[spam]", "enabled = false"]
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def db_path(directory: Path) -> Path:
    return directory / "desk.sqlite3"  # as write_config names it


def query(path: Path, sql: str, *args: object) -> list[tuple]:
    """Read the desk's database (WAL: safe while the bot writes); [] before it exists."""
    if not path.exists():
        return []
    conn = sqlite3.connect(path, timeout=5)
    try:
        return conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError:  # the bot has not created its tables yet
        return []
    finally:
        conn.close()


def is_send(call: Call, chat_ids: frozenset[int] | tuple[int, ...] | None = None) -> bool:
    return (
        call.ok
        and call.method in SEND_METHODS
        and (chat_ids is None or call.params.get("chat_id") in chat_ids)
    )


# ---- the residents -------------------------------------------------------------------------


@dataclass
class Post:
    chat_id: int
    message_id: int
    text: str  # as it stands after the author's edits
    edits: int = 0


@dataclass
class Reply:
    chat_id: int
    message_id: int
    target: int  # the post whose ticket it belongs to
    ack: int | None = None  # the acknowledgement it answers, when not the post itself
    orphan: bool = False  # that acknowledgement is a copy whose id the bot never recorded


class Residents:
    """People writing in the three resident chats: posts, some replies to earlier posts
    (follow-ups, not tickets) and some edits of earlier posts, chosen with a seeded random."""

    def __init__(self, fake: FakeTelegram, seed: int = 0, extras: bool = True) -> None:
        self.fake = fake
        self.random = random.Random(seed)
        self.extras = extras
        self.posts: dict[tuple[int, int], Post] = {}
        self.replies: list[Reply] = []
        self.acted = 0
        self.only_author: int | None = None  # one resident floods the chats
        self.done = asyncio.Event()
        self.done.set()

    def act(self) -> None:
        i = self.acted
        self.acted += 1
        chat_id = RESIDENT_CHATS[i % len(RESIDENT_CHATS)]
        author = self.only_author or (RESIDENT, RESIDENT2)[i // len(RESIDENT_CHATS) % 2]
        text = f"Обращение {i}: во дворе дома {i + 1} по улице Абая не горят фонари"
        message = self.fake.post(chat_id, author, text)
        self.posts[(chat_id, message["message_id"])] = Post(chat_id, message["message_id"], text)
        earlier = [p for p in self.posts.values() if p.chat_id == chat_id]
        if not self.extras or len(earlier) < 2:
            return
        if i % 5 == 4:
            target = self.random.choice(earlier)
            reply = self.fake.post(
                chat_id,
                author,
                f"Дополнение {i}: и в соседнем дворе тоже",
                reply_to=target.message_id,
            )
            self.replies.append(Reply(chat_id, reply["message_id"], target.message_id))
        if i % 7 == 6:
            target = self.random.choice(earlier)
            target.edits += 1
            target.text = f"{target.text} (исправлено {target.edits})"
            self.fake.edit(chat_id, target.message_id, target.text)

    def reply_to_ack(self, ack: dict, database: Path, *, orphan: bool) -> Reply:
        """A resident answers the bot's acknowledgement of a post (a follow-up too). One that
        acknowledged several posts is answered by the author of the last it names, and the
        reply belongs to that author's latest appeal among them."""
        chat_id, author = ack["chat"]["id"], RESIDENT
        post = (ack.get("reply_to_message") or {}).get("message_id")
        codes = CODE.findall(ack.get("text") or "")
        if len(codes) > 1:
            named = {
                code: (ticket_id, message_id, author_id)
                for code, ticket_id, message_id, author_id in query(
                    database,
                    "SELECT code, id, source_message_id, author_id FROM tickets"
                    f" WHERE source_chat_id = ? AND code IN ({','.join('?' * len(codes))})",
                    chat_id,
                    *codes,
                )
            }
            author = named[codes[-1]][2]
            post = max(t for t in named.values() if t[2] == author)[1]
        assert post is not None, ack
        text = f"Дополнение к ответу бота {len(self.replies)}: фонари так и не горят"
        message = self.fake.post(chat_id, author, text, reply_to=ack["message_id"])
        reply = Reply(chat_id, message["message_id"], post, ack["message_id"], orphan)
        self.replies.append(reply)
        return reply

    async def burst(self, count: int, interval: float | Callable[[int], float]) -> None:
        """``count`` posts (and their extras), ``interval`` seconds apart (or ``interval(i)``
        after the i-th)."""
        self.done.clear()
        try:
            for i in range(count):
                self.act()
                await asyncio.sleep(interval(i) if callable(interval) else interval)
        finally:
            self.done.set()


# ---- the process ---------------------------------------------------------------------------


@dataclass
class Kill:
    """One SIGKILL: why, and the state of things when it fell."""

    reason: str
    calls: tuple[int, int]  # fake.calls[start:end] were made by the killed process
    pending_updates: int
    tickets: int
    outbox_pending: int
    posting: bool  # residents were still posting


class DeskProcess:
    """The real bot process against the fake: started, killed, restarted, stopped."""

    def __init__(self, fake: FakeTelegram, config: Path, database: Path) -> None:
        self.fake = fake
        self.config = config
        self.database = database
        self.proc: asyncio.subprocess.Process | None = None
        self.first_call = 0  # index in fake.calls of the running process's first request
        self.logs: list[str] = []
        self.kills: list[Kill] = []
        self.starts = 0
        self._output: asyncio.Task[tuple[bytes, bytes]] | None = None

    async def start(self, timeout: float = 30.0) -> None:
        """Start and wait until it polls (its checks and start-up are done)."""
        self.first_call = len(self.fake.calls)
        self.proc = await start(self.config, self.fake.token)
        self.starts += 1
        # Read its output all along: a full pipe would stall the process.
        self._output = asyncio.create_task(self.proc.communicate())
        proc = self.proc
        try:
            await self.fake.wait_until(
                lambda: proc.returncode is not None or self.polled_since_start(), timeout
            )
        except AssertionError:
            await self.kill("did not start in time")
            raise
        if proc.returncode is not None:
            await self._collect(5)
            raise AssertionError(f"the bot exited with {proc.returncode}:\n{self.logs[-1]}")

    def polled_since_start(self) -> bool:
        return any(c.method == "getUpdates" for c in self.fake.calls[self.first_call :])

    def sends(self, chat_ids: frozenset[int] | tuple[int, ...]) -> int:
        """Messages the running process got into these chats."""
        return sum(is_send(c, chat_ids) for c in self.fake.calls[self.first_call :])

    def busy_calls(self) -> int:
        return sum(c.method != "getUpdates" for c in self.fake.calls)

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.returncode is None

    async def kill(self, reason: str, posting: bool = False) -> Kill:
        assert self.proc is not None
        with contextlib.suppress(ProcessLookupError):
            self.proc.kill()
        await self._collect(10)
        # A request already on its way is still answered: the message exists in Telegram,
        # the dead process never learnt its id.
        await asyncio.sleep(0.1)
        kill = Kill(
            reason,
            (self.first_call, len(self.fake.calls)),
            self.fake.pending_updates,
            _scalar(query(self.database, "SELECT COUNT(*) FROM tickets")),
            _scalar(query(self.database, "SELECT COUNT(*) FROM outbox WHERE status = 'pending'")),
            posting,
        )
        self.kills.append(kill)
        return kill

    async def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM; the exit code."""
        assert self.proc is not None
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(signal.SIGTERM)
        try:
            await self._collect(timeout)
        except TimeoutError:
            await self.kill("did not stop after SIGTERM")
            raise
        assert self.proc.returncode is not None
        return self.proc.returncode

    async def _collect(self, timeout: float) -> None:
        assert self._output is not None
        _, err = await asyncio.wait_for(self._output, timeout)
        self.logs.append(err.decode(errors="replace"))
        self._output = None

    async def ensure_dead(self) -> None:
        if self.running:
            await self.kill("cleanup")

    async def settle(self, timeout: float = 20.0, quiet: float = 0.5) -> bool:
        """Until every update is confirmed, the outbox has nothing pending and the bot has
        made no request (long polls aside) for ``quiet`` seconds; False on timeout."""
        deadline = time.monotonic() + timeout
        seen, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            now, busy = time.monotonic(), self.busy_calls()
            if busy != seen:
                seen, since = busy, now
            elif (
                now - since >= quiet
                and self.fake.pending_updates == 0
                and not _scalar(
                    query(self.database, "SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
                )
            ):
                return True
            await asyncio.sleep(0.05)
        return False


def _scalar(rows: list[tuple]) -> int:
    return rows[0][0] if rows else 0


async def wait_for(predicate: Callable[[], bool], timeout: float) -> bool:
    """Poll ``predicate`` every 5 ms; False on timeout (the caller decides if that is fatal)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(0.005)
    return True


# ---- what the database and the fake say ----------------------------------------------------


@dataclass
class Audit:
    posts: int = 0
    replies: int = 0
    edits: int = 0
    tickets: int = 0  # all tickets in the database
    post_tickets: int = 0  # tickets of a post
    missing: list[tuple[int, int]] = field(default_factory=list)  # posts without a ticket
    doubled: list[tuple[int, int]] = field(default_factory=list)  # posts with more than one
    strays: list[str] = field(default_factory=list)  # tickets of neither a post nor a reply
    cards: int = 0
    duplicate_cards: int = 0
    acks: int = 0
    acks_together: int = 0  # acknowledgement messages naming several posts
    duplicate_acks: int = 0
    duplicates_by_chat: dict[int, int] = field(default_factory=dict)
    unexplained: list[str] = field(default_factory=list)  # duplicates no kill accounts for
    no_card: list[str] = field(default_factory=list)
    no_ack: list[str] = field(default_factory=list)
    wrong_record: list[str] = field(default_factory=list)  # recorded id is not a real one
    stale_cards: list[str] = field(default_factory=list)  # the recorded card is out of date
    followup_problems: list[str] = field(default_factory=list)
    orphan_ack_problems: list[str] = field(default_factory=list)  # replies to unrecorded acks
    lost_edits: list[str] = field(default_factory=list)
    outbox: dict[str, int] = field(default_factory=dict)
    outbox_rows: list[tuple] = field(default_factory=list)  # pending and failed ones
    other_staff_messages: list[str] = field(default_factory=list)

    @property
    def pending(self) -> int:
        return self.outbox.get("pending", 0)

    @property
    def failed(self) -> int:
        return self.outbox.get("failed", 0)


def _card_code(message: dict) -> str | None:
    text = message.get("text") or message.get("caption") or ""
    match = CODE.search(text.split("\n", 1)[0])
    return match.group(0) if match else None


def last_sends_before_kills(fake: FakeTelegram, kills: list[Kill]) -> set[tuple[int, int]]:
    """(chat, message id) of the last message each killed process got into each chat: the
    only ones whose id may have gone unrecorded (the worker records a message before it
    sends the next one to that chat)."""
    last: set[tuple[int, int]] = set()
    for kill in kills:
        per_chat: dict[int, int] = {}
        for call in fake.calls[kill.calls[0] : kill.calls[1]]:
            if is_send(call) and isinstance(call.result, dict):
                per_chat[call.params["chat_id"]] = call.result["message_id"]
        last.update(per_chat.items())
    return last


TICKET_COLUMNS = (
    "id, code, source_chat_id, source_message_id, card_message_id, ack_message_id, followups, text"
)


def audit(fake: FakeTelegram, residents: Residents, database: Path, kills: list[Kill]) -> Audit:
    """Compare the residents' posts, the SQLite file and what Telegram shows."""
    result = Audit(
        posts=len(residents.posts),
        replies=len(residents.replies),
        edits=sum(p.edits for p in residents.posts.values()),
    )
    tickets = query(database, f"SELECT {TICKET_COLUMNS} FROM tickets ORDER BY id")
    result.tickets = len(tickets)
    replies = {(r.chat_id, r.message_id): r for r in residents.replies}
    by_source: dict[tuple[int, int], list[tuple]] = defaultdict(list)
    for row in tickets:
        by_source[(row[2], row[3])].append(row)
    result.post_tickets = sum(len(by_source.get(key, [])) for key in residents.posts)
    result.missing = [key for key in residents.posts if key not in by_source]
    result.doubled = [key for key in residents.posts if len(by_source.get(key, [])) > 1]
    result.strays = [
        rows[0][1]
        for key, rows in by_source.items()
        if key not in residents.posts and key not in replies
    ]
    of_post = {key: rows[0] for key, rows in by_source.items() if key in residents.posts}

    # Cards: bot messages in the staff chat, told apart by the code in their first line.
    cards: dict[str, list[dict]] = defaultdict(list)
    for message in fake.bot_messages(STAFF_CHAT):
        code = _card_code(message)
        if code is None:
            result.other_staff_messages.append((message.get("text") or "")[:80])
        else:
            cards[code].append(message)
    result.cards = sum(len(v) for v in cards.values())
    # Acks: bot messages in a resident chat, by the codes they name (one acknowledging
    # several posts together names each; one acknowledging a post alone replies to it).
    acks: dict[tuple[int, str], list[dict]] = defaultdict(list)
    for chat_id in RESIDENT_CHATS:
        for message in fake.bot_messages(chat_id):
            for code in set(CODE.findall(message.get("text") or "")):
                acks[(chat_id, code)].append(message)
            result.acks += 1
            result.acks_together += len(set(CODE.findall(message.get("text") or ""))) > 1

    may_be_orphans = last_sends_before_kills(fake, kills)
    duplicates: Counter[int] = Counter()
    extras: set[tuple[int, int]] = set()  # a copy naming several codes counts once

    def check_copies(kind: str, code: str, chat_id: int, copies: list[dict], kept: int | None):
        ids = [m["message_id"] for m in copies]
        if len(ids) < 2:
            return
        # The recorded copy is the real one (the last, if none is); the others are extra.
        kept = kept if kept in ids else ids[-1]
        for extra in (i for i in ids if i != kept and (chat_id, i) not in extras):
            extras.add((chat_id, extra))
            duplicates[chat_id] += 1
            if (chat_id, extra) not in may_be_orphans:
                result.unexplained.append(
                    f"{kind} of {code}: message {extra} in chat {chat_id}"
                    f" (copies {ids}, recorded {kept}) was not in flight at a kill"
                )

    for _, code, chat_id, message_id, card_id, ack_id, followups, text in tickets:
        mine = cards.get(code, [])
        if not mine:
            result.no_card.append(code)
        elif card_id not in [m["message_id"] for m in mine]:
            result.wrong_record.append(f"{code}: card_message_id {card_id}")
        else:
            card = next(m for m in mine if m["message_id"] == card_id)
            shown = card.get("text") or card.get("caption") or ""
            if text not in shown or (
                followups and FOLLOWUPS_LINE.format(count=followups) not in shown
            ):
                result.stale_cards.append(f"{code}: {shown[:200]!r}")
        check_copies("card", code, STAFF_CHAT, mine, card_id)

        theirs = acks.get((chat_id, code), [])
        alone = [m for m in theirs if len(set(CODE.findall(m.get("text") or ""))) == 1]
        if not theirs:
            result.no_ack.append(code)
        elif ack_id not in [m["message_id"] for m in theirs]:
            result.wrong_record.append(f"{code}: ack_message_id {ack_id}")
        elif any((m.get("reply_to_message") or {}).get("message_id") != message_id for m in alone):
            result.wrong_record.append(f"{code}: an ack of it alone replies to another message")
        check_copies("ack", code, chat_id, theirs, ack_id)
    result.duplicates_by_chat = dict(duplicates)
    result.duplicate_cards = sum(1 for chat, _ in extras if chat == STAFF_CHAT)
    result.duplicate_acks = len(extras) - result.duplicate_cards

    # Follow-ups: each reply linked once to its post's ticket, never a ticket of its own.
    links = {
        (chat_id, message_id): (ticket_id, role)
        for chat_id, message_id, ticket_id, role in query(
            database, "SELECT chat_id, message_id, ticket_id, role FROM ticket_messages"
        )
    }
    linked: Counter[tuple[int, int]] = Counter()  # post -> replies linked to its ticket
    for key, reply in replies.items():
        problems = result.orphan_ack_problems if reply.orphan else result.followup_problems
        target = of_post.get((reply.chat_id, reply.target))
        link = links.get(key)
        what = f"reply {reply.message_id} in chat {reply.chat_id}"
        if reply.ack is not None:
            what += f" to the acknowledgement {reply.ack}"
        if target is not None and link == (target[0], "followup"):
            linked[(reply.chat_id, reply.target)] += 1
        else:
            should = target[1] if target else "?"
            problems.append(f"{what}: linked as {link}, should be a follow-up on {should}")
        for row in by_source.get(key, []):
            problems.append(f"{what} became ticket {row[1]}")
    for key, row in of_post.items():
        if row[6] != linked[key]:
            result.followup_problems.append(
                f"{row[1]}: {row[6]} follow-ups counted, {linked[key]} linked"
            )
    for key, post in residents.posts.items():
        row = of_post.get(key)
        if row is not None and row[7] != post.text:
            result.lost_edits.append(f"{row[1]}: {row[7]!r} != {post.text!r}")

    result.outbox = dict(query(database, "SELECT status, COUNT(*) FROM outbox GROUP BY status"))
    result.outbox_rows = query(
        database,
        "SELECT id, ticket_id, kind, role, chat_id, status, attempts, last_error FROM outbox"
        " WHERE status != 'sent' ORDER BY id",
    )
    return result


# ---- the scenario --------------------------------------------------------------------------

POSTS = 60
# Seconds between residents' actions: a rush of 30 that the bot is still working through at the
# first kill, then a slower stream that lasts past the second (a start takes the bot ~6 s).
RUSH, RUSH_INTERVAL, STREAM_INTERVAL = 30, 0.03, 0.3


def interval(i: int) -> float:
    return RUSH_INTERVAL if i < RUSH else STREAM_INTERVAL


FIRST_KILL_AFTER_CARDS = 8
SECOND_KILL_AT_ACK = 4
SLOW_ANSWER = 1.0  # seconds Telegram takes to answer the acknowledgement the 2nd kill hits


@dataclass
class Outcome:
    audit: Audit
    kills: list[Kill]
    settled: bool
    exit_code: int
    logs: list[str]
    seconds: float
    orphan_ack: dict | None = None  # the acknowledgement the second kill left unrecorded
    together: int = 0  # ack_together_from of the run


def last_send(fake: FakeTelegram, kill: Kill, chat_ids: tuple[int, ...]) -> dict | None:
    """The last message the killed process got into ``chat_ids``."""
    sends = [c for c in fake.calls[kill.calls[0] : kill.calls[1]] if is_send(c, chat_ids)]
    return sends[-1].result if sends else None


async def crash_twice(directory: Path, together: int = 0) -> Outcome:
    """The scenario; ``together``: acknowledgements together from that many waiting posts,
    with each resident chat's first reply after a start held up by a 429 so that they wait."""
    began = time.monotonic()
    fake = FakeTelegram()
    await fake.start()
    populate(fake)
    database = db_path(directory)
    desk = DeskProcess(fake, write_crash_config(fake, directory, together), database)
    residents = Residents(fake, seed=7)
    poster: asyncio.Task[None] | None = None
    orphan_ack = None

    def hold_up() -> None:
        for chat_id in RESIDENT_CHATS if together else ():
            fake.fail("sendMessage", chat_id=chat_id, retry_after=1)

    try:
        hold_up()
        await desk.start()
        poster = asyncio.create_task(residents.burst(POSTS, interval))

        # 1: while cards go out, right after the k-th one got through.
        assert await wait_for(lambda: desk.sends((STAFF_CHAT,)) >= FIRST_KILL_AFTER_CARDS, 20), (
            "the bot never sent enough cards to be killed among them"
        )
        await desk.kill(f"after card {FIRST_KILL_AFTER_CARDS}", posting=not residents.done.is_set())
        hold_up()
        await desk.start()

        # 2: the restarted process works through the posts made while it was down. Its j-th
        # acknowledgement reaches the chat but Telegram's answer is slow, and the process dies
        # waiting for it: the message is out, its id never recorded.
        def acks() -> int:
            return desk.sends(RESIDENT_CHATS)

        assert await wait_for(lambda: acks() >= SECOND_KILL_AT_ACK - 1, 20), (
            "the restarted bot never sent enough acknowledgements to be killed among them"
        )
        fake.delay("sendMessage", SLOW_ANSWER)
        before = acks()
        assert await wait_for(lambda: acks() > before, 10), "no acknowledgement while slowed"
        kill = await desk.kill(
            f"at ack {before + 1} of the restarted process, before Telegram's answer",
            posting=not residents.done.is_set(),
        )
        fake.delay("sendMessage", 0)
        orphan_ack = last_send(fake, kill, RESIDENT_CHATS)
        assert orphan_ack is not None
        # Residents answer the bot: one the copy it never recorded, one an ack it did record.
        residents.reply_to_ack(orphan_ack, database, orphan=True)
        recorded = query(
            database,
            "SELECT source_chat_id, ack_message_id FROM tickets"
            " WHERE ack_message_id IS NOT NULL ORDER BY id LIMIT 1",
        )
        assert recorded, "no acknowledgement was recorded before the second kill"
        fake_ack = fake.message(*recorded[0])
        assert fake_ack is not None
        residents.reply_to_ack(fake_ack, database, orphan=False)
        await desk.start()

        await asyncio.wait_for(poster, 30)
        settled = await desk.settle(timeout=20)
        exit_code = await desk.stop()
    finally:
        fake.delay("sendMessage", 0)
        if poster is not None and not poster.done():
            poster.cancel()
        await desk.ensure_dead()
        result = audit(fake, residents, database, desk.kills)
        await fake.stop()
    return Outcome(
        result,
        [k for k in desk.kills if k.reason != "cleanup"],
        settled,
        exit_code,
        desk.logs,
        time.monotonic() - began,
        orphan_ack,
    )


@pytest.fixture(scope="module", params=[0, 3], ids=["one_by_one", "together"])
def outcome(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    directory = tmp_path_factory.mktemp("crash")
    # One run for all the checks below, on its own event loop (a module-scoped async fixture
    # would need a module-scoped loop for every test in this file); once with each post
    # acknowledged by its own reply, once with waiting posts acknowledged together.
    result = asyncio.run(asyncio.wait_for(crash_twice(directory, request.param), 90))
    result.together = request.param
    print(f"\ncrash_restart: {summary(result)}")
    return result


def summary(outcome: Outcome) -> str:
    a = outcome.audit
    kills = "; ".join(
        f"{k.reason}: {k.tickets} tickets, {k.pending_updates} updates unconfirmed,"
        f" {k.outbox_pending} outbox rows pending{', residents posting' if k.posting else ''}"
        for k in outcome.kills
    )
    return (
        f"{a.posts} posts, {a.replies} replies, {a.edits} edits -> {a.tickets} tickets;"
        f" {a.cards} cards ({a.duplicate_cards} duplicate), {a.acks} acks"
        f" ({a.duplicate_acks} duplicate, {a.acks_together} together); outbox {a.outbox};"
        f" kills: {kills};"
        f" {outcome.seconds:.1f} s"
    )


def test_the_kills_fell_mid_burst(outcome):
    assert len(outcome.kills) == 2, outcome.kills
    for kill in outcome.kills:
        # Work was under way: updates to confirm, messages to send or posts still coming.
        assert kill.pending_updates or kill.outbox_pending or kill.posting, kill
    assert outcome.settled, summary(outcome)


def test_acknowledgements_went_as_configured(outcome):
    # The run with acknowledgements together must have sent some, or it proves nothing.
    assert (outcome.audit.acks_together > 0) == bool(outcome.together), summary(outcome)


def test_every_post_has_exactly_one_ticket(outcome):
    a = outcome.audit
    assert not a.missing, f"posts without a ticket: {a.missing}"
    assert not a.doubled, f"posts with two tickets: {a.doubled}"
    assert not a.strays, f"tickets of no post: {a.strays}"
    assert a.post_tickets == a.posts == POSTS


def test_every_ticket_has_its_card_and_its_ack(outcome):
    a = outcome.audit
    assert not a.no_card, f"tickets without a card: {a.no_card}"
    assert not a.no_ack, f"tickets without an acknowledgement: {a.no_ack}"
    assert not a.wrong_record, a.wrong_record
    assert not a.other_staff_messages, a.other_staff_messages


def test_duplicates_only_where_a_kill_fell_between_send_and_record(outcome):
    a = outcome.audit
    print(
        f"\nduplicates: {a.duplicate_cards} cards, {a.duplicate_acks} acks,"
        f" by chat {a.duplicates_by_chat}"
    )
    assert not a.unexplained, a.unexplained
    kills = len(outcome.kills)
    assert all(n <= kills for n in a.duplicates_by_chat.values()), a.duplicates_by_chat
    assert a.duplicate_cards + a.duplicate_acks <= kills * (1 + len(RESIDENT_CHATS))


def test_followups_and_edits_survive_the_kills(outcome):
    a = outcome.audit
    assert a.replies and a.edits
    assert not a.followup_problems, a.followup_problems
    assert not a.lost_edits, a.lost_edits
    assert not a.stale_cards, a.stale_cards


def test_a_reply_to_the_unrecorded_copy_of_an_ack_is_a_followup(outcome):
    assert outcome.orphan_ack is not None
    assert not outcome.audit.orphan_ack_problems, outcome.audit.orphan_ack_problems


def test_outbox_is_empty_and_the_stop_clean(outcome):
    a = outcome.audit
    assert a.pending == 0 and a.failed == 0, a.outbox_rows
    assert outcome.exit_code == 0, outcome.logs[-1][-3000:]
    assert "Traceback" not in outcome.logs[-1], outcome.logs[-1][-3000:]
