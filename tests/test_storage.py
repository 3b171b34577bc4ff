import asyncio
import itertools
import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import aiosqlite
import pytest

from storage.db import Database, on_its_thread
from storage.facts import DeskFacts
from storage.models import (
    OPEN,
    OPEN_SQL,
    OVERDUE_SQL,
    Draft,
    Outgoing,
    Resolution,
    Status,
    to_db_time,
)
from storage.outbox import OutboxRepository, enqueue
from storage.ratings import RatingRepository
from storage.records import AnswerDraft
from storage.rules import Change
from storage.schema import MIGRATIONS
from storage.tickets import TicketRepository
from tests.conftest import due as due_rows

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def draft(chat_key: str = "housing", prefix: str = "H", message_id: int = 1, **kw) -> Draft:
    base = dict(
        chat_key=chat_key,
        prefix=prefix,
        source_chat_id={"housing": -103, "akimat": -101, "law_order": -102}[chat_key],
        source_message_id=message_id,
        source_thread_id=None,
        author_id=5001,
        author_name="Айгерім",
        author_username=None,
        author_language="kk",
        text="Нет отопления в доме 5",
        media_type=None,
        media_file_id=None,
        created_at=NOW,
    )
    base.update(kw)
    return Draft(**base)


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "desk.sqlite3")
    yield database
    await database.close()


async def test_migrations_from_empty_file_and_again(tmp_path):
    path = tmp_path / "sub" / "desk.sqlite3"
    db = await Database.open(path)
    assert await db.schema_version() == len(MIGRATIONS)
    async with db.read() as conn:
        async with conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'") as cur:
            tables = {row[0] for row in await cur.fetchall()}
        async with conn.execute("PRAGMA journal_mode") as cur:
            assert (await cur.fetchone())[0] == "wal"
        async with conn.execute("PRAGMA foreign_keys") as cur:
            assert (await cur.fetchone())[0] == 1
    assert {"tickets", "events", "outbox", "answers", "residents", "ticket_messages"} <= tables
    await TicketRepository(db, clock).create(draft())
    await db.close()

    again = await Database.open(path)  # re-running migrations is a no-op and keeps data
    assert await again.migrate() == len(MIGRATIONS)
    assert (await TicketRepository(again, clock).by_code("H-1")) is not None
    await again.close()


async def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "desk.sqlite3"
    db = await Database.open(path)
    async with db.transaction() as conn:
        await conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    await db.close()
    with pytest.raises(RuntimeError, match="newer than this program"):
        await Database.open(path)


async def test_failed_transaction_rolls_back_whole(db):
    repo = TicketRepository(db, clock)

    def boom(_ticket):
        raise RuntimeError("rendering failed")

    with pytest.raises(RuntimeError):
        await repo.create(draft(), boom)
    assert await repo.by_code("H-1") is None
    assert (await OutboxRepository(db, clock).stats()).pending == 0
    # The number is not burnt: the next ticket is still H-1.
    assert (await repo.create(draft())).ticket.code == "H-1"


async def test_codes_count_per_chat(db):
    repo = TicketRepository(db, clock)
    codes = [
        (await repo.create(draft("housing", "H", 1))).ticket.code,
        (await repo.create(draft("housing", "H", 2))).ticket.code,
        (await repo.create(draft("akimat", "A", 1))).ticket.code,
        (await repo.create(draft("law_order", "L", 7))).ticket.code,
        (await repo.create(draft("housing", "H", 3))).ticket.code,
    ]
    assert codes == ["H-1", "H-2", "A-1", "L-1", "H-3"]
    ticket = await repo.by_code("h-2")
    assert ticket.status is Status.new and ticket.source_message_id == 2


async def test_same_post_twice_is_one_ticket(db):
    repo = TicketRepository(db, clock)
    first = await repo.create(draft(), lambda t: [Outgoing.card(t, -900)])
    second = await repo.create(draft(), lambda t: [Outgoing.card(t, -900)])
    assert first.created and not second.created
    assert first.ticket.id == second.ticket.id
    assert (await OutboxRepository(db, clock).stats()).pending == 1
    assert [e.kind for e in await repo.events(first.ticket.id)] == ["created"]


async def test_concurrent_creates_get_distinct_numbers(db):
    repo = TicketRepository(db, clock)
    results = await asyncio.gather(*(repo.create(draft(message_id=i)) for i in range(1, 41)))
    numbers = sorted(r.ticket.number for r in results)
    assert numbers == list(range(1, 41))


async def test_followup_and_edit_write_events_and_refresh_card_once(db):
    repo = TicketRepository(db, clock)
    outbox = OutboxRepository(db, clock)
    ticket = (await repo.create(draft(), lambda t: [Outgoing.card(t, -900)])).ticket
    card = lambda t: [Outgoing.card(t, -900)]  # noqa: E731
    added = await repo.add_followup(
        ticket.id,
        chat_id=-103,
        message_id=10,
        author_id=5001,
        author_name="A",
        text="ещё фото",
        media_type=None,
        deliver=card,
    )
    again = await repo.add_followup(
        ticket.id,
        chat_id=-103,
        message_id=10,
        author_id=5001,
        author_name="A",
        text="ещё фото",
        media_type=None,
        deliver=card,
    )
    edited = await repo.edit_text(ticket.id, "Нет отопления в доме 7", actor_id=5001, deliver=card)
    unchanged = await repo.edit_text(ticket.id, "Нет отопления в доме 7", actor_id=5001)
    assert added and not again
    assert edited.text == "Нет отопления в доме 7" and unchanged is None
    assert edited.followups == 1
    events = await repo.events(ticket.id)
    assert [e.kind for e in events] == ["created", "followup", "edited"]
    assert events[2].payload == {"previous": "Нет отопления в доме 5"}
    # The card was never sent, so one pending card row covers every change.
    assert (await outbox.stats()).pending == 1
    link = await repo.by_message(-103, 10)
    assert link.role == "followup" and link.ticket.id == ticket.id


async def test_outbox_offers_each_chats_head_in_order(db):
    repo = TicketRepository(db, clock)
    outbox = OutboxRepository(db, clock)

    def two_sends(t):
        return [
            Outgoing.send("sendMessage", -103, {"text": "ack"}, ticket_id=t.id, role="ack"),
            Outgoing.card(t, -900),
        ]

    t1 = (await repo.create(draft(message_id=1), two_sends)).ticket
    await repo.create(draft(message_id=2), two_sends)
    due = await due_rows(outbox)
    assert [(r.chat_id, r.ticket_id) for r in due] == [(-103, t1.id), (-900, t1.id)]

    ack = due[0]
    await outbox.mark_sent(ack, 77)
    assert (await repo.get(t1.id)).ack_message_id == 77
    assert (await repo.by_message(-103, 77)).role == "ack"

    # Telegram asked the staff chat to wait: its queue holds, the residents' flows.
    await outbox.hold_chat(-900, NOW + timedelta(seconds=30))
    due = await due_rows(outbox)
    assert [r.chat_id for r in due] == [-103]
    assert await outbox.next_attempt_at() == NOW

    await outbox.mark_failed(due[0], "400 chat not found")
    stats = await outbox.stats()
    assert (stats.pending, stats.failed, stats.sent) == (2, 1, 1)


async def test_change_after_the_worker_claimed_the_card_queues_another_refresh(db):
    repo = TicketRepository(db, clock)
    outbox = OutboxRepository(db, clock)
    card = lambda t: [Outgoing.card(t, -900)]  # noqa: E731
    ticket = (await repo.create(draft(), card)).ticket
    [row] = await due_rows(outbox)
    await outbox.claim_many([row])  # the worker is rendering this card right now
    await repo.edit_text(ticket.id, "Новый текст обращения", actor_id=5001, deliver=card)
    assert (await outbox.stats()).pending == 2  # the edit is not folded into the claimed row
    await repo.edit_text(ticket.id, "Ещё новее текст", actor_id=5001, deliver=card)
    assert (await outbox.stats()).pending == 2  # but folded into the unclaimed one

    # A claim left by a process that died is released at the next start.
    assert await outbox.release_claims() == 1
    await repo.edit_text(ticket.id, "И ещё раз", actor_id=5001, deliver=card)
    assert (await outbox.stats()).pending == 2


async def test_a_failed_commit_leaves_the_connection_usable(db):
    # A deferred foreign key fails at COMMIT, as a full disk would.
    with pytest.raises(Exception, match="FOREIGN KEY"):
        async with db.transaction() as conn:
            await conn.execute("PRAGMA defer_foreign_keys = ON")
            await conn.execute("INSERT INTO events (ticket_id, at, kind) VALUES (999, 'x', 'k')")
    facts = DeskFacts(db, clock)
    await facts.set_last_update(NOW)
    assert await facts.last_update() == NOW


async def test_an_edit_in_flight_does_not_undo_a_card_repost(db):
    repo = TicketRepository(db, clock)
    outbox = OutboxRepository(db, clock)
    card = lambda t: [Outgoing.card(t, -900)]  # noqa: E731
    ticket = (await repo.create(draft(), card)).ticket
    [row] = await due_rows(outbox)
    await outbox.mark_sent(row, 100, posted=True)
    assert (await repo.get(ticket.id)).card_message_id == 100

    await repo.edit_text(ticket.id, "Текст поправлен автором", actor_id=5001, deliver=card)
    [edit] = await due_rows(outbox)
    await outbox.claim_many([edit])  # the worker is editing message 100...
    await repo.detach_card(ticket.id, actor_id=111, deliver=card)  # ...when /ticket runs
    await outbox.mark_sent(edit, 100, posted=False)
    assert (await repo.get(ticket.id)).card_message_id is None  # the repost still posts anew
    [repost] = await due_rows(outbox)
    assert repost.kind == "card" and repost.id != edit.id


async def test_a_version_1_database_is_upgraded_in_place(tmp_path):
    import sqlite3

    # Exactly what the first release created: migration 1 only, with a ticket in it.
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute(
        "INSERT INTO tickets (code, chat_key, number, source_chat_id, source_message_id,"
        " author_id, author_name, created_at, updated_at)"
        " VALUES ('H-1', 'housing', 1, -103, 1, 5001, 'A', ?, ?)",
        ("2026-11-27T09:30:00.000Z", "2026-11-27T09:30:00.000Z"),
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()

    upgraded = await Database.open(path)
    assert await upgraded.schema_version() == len(MIGRATIONS) >= 2
    assert (await TicketRepository(upgraded, clock).by_code("H-1")) is not None
    ratings = RatingRepository(upgraded, clock)
    assert await ratings.record(1, 1, 5001, True)
    assert not await ratings.record(1, 1, 5001, False)  # one answer per closing
    await upgraded.close()


async def test_the_commit_that_queues_a_message_wakes_the_sender(db):
    woken: list[str] = []
    db.on_queued = lambda: woken.append("wake")
    repo = TicketRepository(db, clock)
    ticket = (await repo.create(draft(), lambda t: [Outgoing.card(t, -900)])).ticket
    assert woken == ["wake"]
    await repo.edit_text(ticket.id, "Другой текст", actor_id=5001)  # queues nothing
    assert woken == ["wake"]
    with pytest.raises(RuntimeError):  # rolled back: nothing to send, nobody woken
        async with db.transaction() as conn:
            await enqueue(conn, [Outgoing.card(ticket, -900)], NOW)
            raise RuntimeError("the change failed after queueing")
    assert woken == ["wake"]
    await repo.edit_text(ticket.id, "Ещё текст", actor_id=5001, deliver=lambda t: [])
    await repo.note_event(ticket.id, "seen", {}, actor_id=None, deliver=lambda t: [])
    assert woken == ["wake"]
    await repo.edit_text(
        ticket.id, "Третий текст", actor_id=5001, deliver=lambda t: [Outgoing.card(t, -900)]
    )
    assert woken == ["wake", "wake"]


async def test_open_and_overdue_mean_the_same_in_sql_and_python(db):
    repo = TicketRepository(db, clock)
    ms = timedelta(milliseconds=1)
    n = 0
    for response, resolve in itertools.product([NOW - ms, NOW, NOW + ms, None], repeat=2):
        for after in [None, Change.take, Change.answer, Change.close]:
            n += 1
            draft_ = draft(message_id=n, response_due_at=response, resolve_due_at=resolve)
            ticket = (await repo.create(draft_)).ticket
            if after is not None:
                args = {
                    Change.answer: {"answer": AnswerDraft(1, "Ответ")},
                    Change.close: {"resolution": Resolution.resolved},
                }.get(after, {})
                await repo.apply(ticket.id, after, actor_id=1, **args)
    tickets = await repo.by_author(5001, limit=1000)
    assert len(tickets) == n
    async with db.read() as conn:
        open_ = {
            r[0] for r in await conn.execute_fetchall(f"SELECT id FROM tickets WHERE {OPEN_SQL}")
        }
        assert open_ == {t.id for t in tickets if t.status in OPEN}
        counts = []
        for now in (NOW - ms, NOW, NOW + ms):
            rows = await conn.execute_fetchall(
                f"SELECT id FROM tickets WHERE {OPEN_SQL} AND {OVERDUE_SQL}",
                {"now": to_db_time(now)},
            )
            overdue = {t.id for t in tickets if t.overdue_since(now) is not None}
            assert {r[0] for r in rows} == overdue, now
            counts.append(len(overdue))
        # A deadline is passed only after its very moment: each millisecond counts.
        assert counts[0] < counts[1] < counts[2] < len(open_)
    # The deadline watch asks the same question.
    work = await repo.deadline_work(NOW, timedelta(hours=1))
    late = {t.id for t in tickets if t.overdue_since(NOW) is not None}
    assert {t.id for t in work.response_overdue + work.resolve_overdue} == late


async def test_aiosqlite_internals_the_database_relies_on(db):
    """storage.db.on_its_thread uses aiosqlite's private ``_execute`` and ``_conn``:
    if a release renames or changes them, this says so before anything else breaks."""
    conn = db._conn
    assert isinstance(getattr(conn, "_conn", None), sqlite3.Connection), (
        f"aiosqlite {aiosqlite.__version__}: Connection._conn is no longer the sqlite3 "
        "connection; storage.db.on_its_thread must change"
    )
    assert callable(getattr(conn, "_execute", None)), (
        f"aiosqlite {aiosqlite.__version__}: Connection._execute is gone; "
        "storage.db.on_its_thread must change"
    )

    def where(raw: sqlite3.Connection, extra: int) -> tuple[int, int]:
        raw.execute("CREATE TEMP TABLE probe (n INTEGER)")
        raw.execute("INSERT INTO probe VALUES (?)", (extra,))
        return threading.get_ident(), extra + 1

    thread, value = await on_its_thread(conn, where, 41)
    assert value == 42
    assert thread != threading.get_ident()  # on aiosqlite's thread, not the event loop's
    # ...and on the very connection aiosqlite uses (a temporary table is per connection).
    assert [tuple(r) for r in await conn.execute_fetchall("SELECT n FROM temp.probe")] == [(41,)]
