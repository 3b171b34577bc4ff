"""Spam: posts judged spam (kept, never tickets), moderators' labelled
examples, the trained classifier's bytes, and which members are trusted."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Database
from storage.models import Outgoing, Resolution, Status, from_db_time, to_db_time
from storage.outbox import Clock, enqueue_now
from storage.rules import Change, Role, State, refusal


@dataclass(frozen=True, slots=True)
class SpamDraft:
    """A post judged sure spam, as intake saw it."""

    chat_key: str
    chat_id: int
    message_id: int
    thread_id: int | None
    author_id: int
    author_name: str
    author_username: str | None
    author_language: str | None
    text: str
    media_type: str | None
    media_file_id: str | None
    forwarded: bool
    contact: bool
    reasons: tuple[str, ...]
    probability: float | None
    posted_at: datetime


@dataclass(frozen=True, slots=True)
class SpamPost(SpamDraft):
    id: int = 0
    judged_at: datetime | None = None
    status: str = "removed"
    restored_at: datetime | None = None
    restored_by: int | None = None
    ticket_id: int | None = None
    banned_at: datetime | None = None

    @property
    def state(self) -> State:
        return policy_state(self.status, self.banned_at is not None)

    @classmethod
    def from_row(cls, row: Any) -> SpamPost:
        return cls(
            chat_key=row["chat_key"],
            chat_id=row["chat_id"],
            message_id=row["message_id"],
            thread_id=row["thread_id"],
            author_id=row["author_id"],
            author_name=row["author_name"],
            author_username=row["author_username"],
            author_language=row["author_language"],
            text=row["text"],
            media_type=row["media_type"],
            media_file_id=row["media_file_id"],
            forwarded=bool(row["forwarded"]),
            contact=bool(row["contact"]),
            reasons=tuple(json.loads(row["reasons"])),
            probability=row["probability"],
            posted_at=from_db_time(row["posted_at"]),  # type: ignore[arg-type]
            id=row["id"],
            judged_at=from_db_time(row["judged_at"]),
            status=row["status"],
            restored_at=from_db_time(row["restored_at"]),
            restored_by=row["restored_by"],
            ticket_id=row["ticket_id"],
            banned_at=from_db_time(row["banned_at"]),
        )


def policy_state(status: str, banned: bool) -> State:
    """What the ticket policy sees of a post judged spam: a removed post is an
    appeal closed as spam (so "Not spam" and 🔨 obey the rules a card's 🚫
    closing does), a restored one is an appeal again."""
    if status == "removed":
        return State(Status.closed, Resolution.spam, banned=banned)
    return State(Status.new)


def _allowed(
    conn: sqlite3.Connection, spam_id: int, change: Change, roles: Collection[Role]
) -> bool:
    row = conn.execute(
        "SELECT status, banned_at FROM spam_posts WHERE id = ?", (spam_id,)
    ).fetchone()
    if row is None:
        return False
    return refusal(change, policy_state(row[0], row[1] is not None), roles) is None


@dataclass(frozen=True, slots=True)
class LabelledPost:
    text: str
    spam: bool
    forwarded: bool = False
    contact: bool = False


class SpamRepository:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    # ---- posts judged spam ----------------------------------------------------

    async def record(
        self, draft: SpamDraft, deliver: Callable[[int], Iterable[Outgoing]]
    ) -> int | None:
        """Keep a spam post and queue what it sends (removal, restriction, the
        staff's line) in one transaction. None if the post was recorded already
        (a re-delivered update)."""
        now = self._clock()

        def write(conn: sqlite3.Connection) -> int | None:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO spam_posts (chat_key, chat_id, message_id, thread_id,"
                " author_id, author_name, author_username, author_language, text, media_type,"
                " media_file_id, forwarded, contact, reasons, probability, posted_at, judged_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    draft.chat_key,
                    draft.chat_id,
                    draft.message_id,
                    draft.thread_id,
                    draft.author_id,
                    draft.author_name,
                    draft.author_username,
                    draft.author_language,
                    draft.text,
                    draft.media_type,
                    draft.media_file_id,
                    int(draft.forwarded),
                    int(draft.contact),
                    json.dumps(list(draft.reasons)),
                    draft.probability,
                    to_db_time(draft.posted_at),
                    to_db_time(now),
                ),
            )
            if not cursor.rowcount:
                return None
            spam_id = cursor.lastrowid
            assert spam_id is not None
            enqueue_now(conn, deliver(spam_id), now)
            return spam_id

        return await self._db.write(write)

    async def get(self, spam_id: int) -> SpamPost | None:
        rows = await self._db.query(
            lambda conn: conn.execute(
                "SELECT * FROM spam_posts WHERE id = ?", (spam_id,)
            ).fetchall()
        )
        return SpamPost.from_row(rows[0]) if rows else None

    async def by_message(self, chat_id: int, message_id: int) -> SpamPost | None:
        rows = await self._db.query(
            lambda conn: conn.execute(
                "SELECT * FROM spam_posts WHERE chat_id = ? AND message_id = ?",
                (chat_id, message_id),
            ).fetchall()
        )
        return SpamPost.from_row(rows[0]) if rows else None

    async def recent(self, limit: int = 10) -> list[SpamPost]:
        rows = await self._db.query(
            lambda conn: conn.execute(
                "SELECT * FROM spam_posts ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        )
        return [SpamPost.from_row(row) for row in rows]

    async def restored(
        self,
        spam_id: int,
        ticket_id: int,
        actor_id: int,
        items: Iterable[Outgoing],
        *,
        roles: Collection[Role],
    ) -> bool:
        """Mark a post restored as ``ticket_id`` by a moderator, keep it as a
        genuine example, trust its author, and queue ``items`` (the line's new
        text, lifting the restriction). False if the policy refuses (restored
        already, not staff): checked on the row this transaction reads."""
        now = self._clock()

        def write(conn: sqlite3.Connection) -> bool:
            if not _allowed(conn, spam_id, Change.not_spam, roles):
                return False
            row = conn.execute(
                "UPDATE spam_posts SET status = 'restored', restored_at = ?, restored_by = ?,"
                " ticket_id = ? WHERE id = ?"
                " RETURNING text, forwarded, contact, author_id",
                (to_db_time(now), actor_id, ticket_id, spam_id),
            ).fetchone()
            if row is None:
                return False
            _example(
                conn,
                LabelledPost(row[0], False, bool(row[1]), bool(row[2])),
                "not_spam",
                actor_id,
                now,
            )
            _trust(conn, row[3], "not_spam", now)
            enqueue_now(conn, items, now)
            return True

        return await self._db.write(write)

    async def banned(
        self,
        spam_id: int,
        actor_id: int,
        items: Iterable[Outgoing],
        *,
        roles: Collection[Role],
    ) -> bool:
        """Mark the author of a removed post banned and queue ``items``; False if
        the policy refuses (banned already, restored, not staff)."""
        now = self._clock()

        def write(conn: sqlite3.Connection) -> bool:
            if not _allowed(conn, spam_id, Change.ban, roles):
                return False
            conn.execute(
                "UPDATE spam_posts SET banned_at = ?, banned_by = ? WHERE id = ?",
                (to_db_time(now), actor_id, spam_id),
            )
            enqueue_now(conn, items, now)
            return True

        return await self._db.write(write)

    async def counts(self, since: datetime, until: datetime) -> tuple[int, int]:
        """Posts judged spam and posts restored by "Not spam" in [since, until)."""
        a, b = to_db_time(since), to_db_time(until)

        def read(conn: sqlite3.Connection) -> tuple[int, int]:
            [(caught,)] = conn.execute(
                "SELECT COUNT(*) FROM spam_posts WHERE judged_at >= ? AND judged_at < ?", (a, b)
            ).fetchall()
            [(restored,)] = conn.execute(
                "SELECT COUNT(*) FROM spam_posts WHERE restored_at >= ? AND restored_at < ?",
                (a, b),
            ).fetchall()
            return caught, restored

        return await self._db.query(read)

    async def signs(self, ticket_id: int) -> tuple[list[str], float | None] | None:
        rows = await self._db.query(
            lambda conn: conn.execute(
                "SELECT reasons, probability FROM spam_signs WHERE ticket_id = ?", (ticket_id,)
            ).fetchall()
        )
        return (json.loads(rows[0][0]), rows[0][1]) if rows else None

    # ---- labelled examples and the model ---------------------------------------

    async def add_example(self, post: LabelledPost, source: str, actor_id: int | None) -> None:
        now = self._clock()
        await self._db.write(lambda conn: _example(conn, post, source, actor_id, now))

    async def examples(self) -> list[LabelledPost]:
        """Every labelled post the desk has: "Not spam" restores and the appeals
        moderators closed with 🚫 Spam (one reopened since is no longer one)."""
        rows = await self._db.query(
            lambda conn: conn.execute(
                "SELECT text, spam, forwarded, contact FROM spam_examples"
                " UNION ALL SELECT text, 1, 0, 0 FROM tickets"
                " WHERE resolution = 'spam' AND status = 'closed' AND text != ''"
            ).fetchall()
        )
        return [LabelledPost(r[0], bool(r[1]), bool(r[2]), bool(r[3])) for r in rows]

    async def count_examples(self) -> int:
        rows = await self._db.query(
            lambda conn: conn.execute(
                "SELECT (SELECT COUNT(*) FROM spam_examples) + (SELECT COUNT(*) FROM tickets"
                " WHERE resolution = 'spam' AND status = 'closed' AND text != '')"
            ).fetchall()
        )
        return int(rows[0][0])

    async def save_model(self, data: bytes, examples: int) -> None:
        now = to_db_time(self._clock())
        await self._db.write(
            lambda conn: conn.execute(
                "INSERT INTO spam_model (id, trained_at, examples, data) VALUES (1, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET trained_at = excluded.trained_at,"
                " examples = excluded.examples, data = excluded.data",
                (now, examples, data),
            )
        )

    async def load_model(self) -> tuple[bytes, int] | None:
        rows = await self._db.query(
            lambda conn: conn.execute(
                "SELECT data, examples FROM spam_model WHERE id = 1"
            ).fetchall()
        )
        return (bytes(rows[0][0]), int(rows[0][1])) if rows else None

    # ---- trust -------------------------------------------------------------------

    async def is_trusted(self, user_id: int) -> bool:
        """Trusted: after a few genuine appeals, a "Not spam", or as soon as a
        moderator has answered one of their appeals in the open."""
        rows = await self._db.query(
            lambda conn: conn.execute(
                "SELECT 1 FROM members WHERE user_id = ? AND trusted_at IS NOT NULL"
                " UNION ALL SELECT 1 FROM tickets JOIN answers ON answers.ticket_id = tickets.id"
                " WHERE tickets.author_id = ? AND answers.internal = 0 LIMIT 1",
                (user_id, user_id),
            ).fetchall()
        )
        return bool(rows)

    async def checked_genuine(self, user_id: int, trust_after: int) -> bool:
        """Count one more genuine appeal of a member not yet trusted; trust them
        when they reach ``trust_after``. True if they are trusted now."""
        now = self._clock()

        def write(conn: sqlite3.Connection) -> bool:
            [(checked,)] = conn.execute(
                "INSERT INTO members (user_id, checked) VALUES (?, 1)"
                " ON CONFLICT (user_id) DO UPDATE SET checked = checked + 1 RETURNING checked",
                (user_id,),
            ).fetchall()
            if checked >= trust_after:
                _trust(conn, user_id, "appeals", now)
                return True
            return False

        return await self._db.write(write)

    async def trust(self, user_id: int, reason: str) -> None:
        """Trust a member at once (a moderator answered them, or restored their post)."""
        now = self._clock()
        await self._db.write(lambda conn: _trust(conn, user_id, reason, now))


def _trust(conn: sqlite3.Connection, user_id: int, reason: str, now: datetime) -> None:
    conn.execute(
        "INSERT INTO members (user_id, trusted_at, trusted_by) VALUES (?, ?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET"
        " trusted_at = COALESCE(trusted_at, excluded.trusted_at),"
        " trusted_by = COALESCE(trusted_by, excluded.trusted_by)",
        (user_id, to_db_time(now), reason),
    )


def _example(
    conn: sqlite3.Connection, post: LabelledPost, source: str, actor_id: int | None, now: datetime
) -> None:
    conn.execute(
        "INSERT INTO spam_examples (text, spam, forwarded, contact, source, actor_id, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            post.text,
            int(post.spam),
            int(post.forwarded),
            int(post.contact),
            source,
            actor_id,
            to_db_time(now),
        ),
    )
