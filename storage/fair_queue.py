"""Which of a chat's queued messages go next: in turn by author, not in arrival order.

A chat's queue is sent in order only within one *lane*: one resident's messages
(every row of their tickets), or the desk's own messages without a ticket
(digest parts, notices). Lanes take turns: each lane's first waiting row goes
before any lane's second. So one resident's flood of 200 appeals, at the 20
messages a minute Telegram allows in a group, no longer holds another
resident's first card back ten minutes. An edit of a card already posted (a
moderator took, assigned, answered) depends on no other row and goes first.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

# What a chat's pending rows are to the lanes (read only when its queue is longer
# than one round; a shorter one goes out whole, in order).
_LANE_ROWS = """
    SELECT o.id, o.kind, o.ticket_id, o.next_attempt_at, t.author_id, t.card_message_id
    FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id
    WHERE o.status = 'pending' AND o.chat_id = ? ORDER BY o.id
"""


def next_rows(
    conn: sqlite3.Connection, chat_id: int, head_id: int, now: str, limit: int
) -> list[sqlite3.Row]:
    """Up to ``limit`` due rows of a chat whose head row (``head_id``) is due, in
    the order they are to be sent."""
    ahead = conn.execute(
        "SELECT * FROM outbox WHERE status = 'pending' AND chat_id = ? AND id >= ?"
        " ORDER BY id LIMIT ?",
        (chat_id, head_id, limit + 1),
    ).fetchall()
    if len(ahead) <= limit:  # the whole queue fits in one round: in order, up to a wait
        run = []
        for row in ahead:
            if row["next_attempt_at"] > now:
                break
            run.append(row)
        return run
    ids = fair_order(conn.execute(_LANE_ROWS, (chat_id,)).fetchall(), now, limit)
    marks = ",".join("?" * len(ids))
    found = {
        row["id"]: row
        for row in conn.execute(f"SELECT * FROM outbox WHERE id IN ({marks})", ids)  # noqa: S608
    }
    return [found[i] for i in ids if i in found]


def fair_order(rows: list[sqlite3.Row], now: str, limit: int) -> list[int]:
    """The ids of up to ``limit`` of ``rows`` (a chat's pending rows in id order),
    lanes taking turns; a lane waits behind its first row that is not due."""
    turns: Counter[object] = Counter()
    blocked: set[object] = set()
    picked: list[tuple[int, int]] = []
    for row in rows:
        if row["kind"] == "card" and row["card_message_id"] is not None:
            lane: object = ("edit", row["ticket_id"])
            turn = 0
        else:
            lane = row["author_id"] if row["author_id"] is not None else "desk"
            turn = turns[lane]
            turns[lane] += 1
        if lane in blocked:
            continue
        if row["next_attempt_at"] > now:
            blocked.add(lane)
            continue
        picked.append((turn, row["id"]))
    picked.sort()
    return [row_id for _, row_id in picked[:limit]]
