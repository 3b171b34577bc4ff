"""Posts their chat cannot place, placed by the whole desk.

- A Telegram location sent with no address and near nothing open ("вот эта
  площадка, мусор везде" with a pin), where the problem it is about has no
  coordinates of its own (no appeal of it was sent with a location), is only
  *offered*: when one live problem of its category with no coordinates is
  written about in its chat (or, the chat having none, on the whole desk), a
  moderator is asked whether it is that one. It is never attached by itself:
  a location a street away looks the same.
- A reply naming no place ("у нас тоже свет вырубило") in a chat where nobody
  has written of its trouble lately, while the desk has one live outage of it
  (two voices or more within ``reply_minutes``, and no other), is one more
  voice of that outage: residents write to the chat they are in. Of a lasting
  trouble it is only offered. With none of its own category live, the desk's one
  live problem of a kin category (bot/problems/kin.py: "у нас тоже воняет из
  подвала" read as a repair during a sewage flood) is asked, and joined only as
  a kin post joins one, when its words speak of it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from storage import grouping as queries

if TYPE_CHECKING:
    import sqlite3
    from datetime import datetime

    from bot.config_problems import ProblemsSettings
    from bot.problems.candidates import Found
    from storage.models import Draft

# What the offer is worth: above the suggestion threshold, below the attach one.
OFFER = 0.6
WHY = "the one live problem of its kind with no coordinates"
# What the desk's one live outage is worth to a reply naming no place: the chat's own.
DESK = 0.8


def offer(conn: sqlite3.Connection, draft: Draft, found: Found, since: datetime) -> None:
    """Offers ``draft``, a location only, to the one problem of its category live
    since ``since`` that carries no coordinates (see the module)."""
    assert draft.category is not None
    rows = queries.problems_of_category(conn, draft.category, since)
    located = {r.problem_id for r in rows if r.located}
    chats: dict[int, set[str]] = {}
    for r in rows:
        if r.problem_id not in located:
            chats.setdefault(r.problem_id, set()).add(r.chat_key)
    here = [pid for pid, seen in chats.items() if draft.chat_key in seen]
    pick = here if here else list(chats)
    if len(pick) == 1:
        found.group(pick[0]).saw(OFFER, WHY)


def on_the_desk(
    conn: sqlite3.Connection,
    draft: Draft,
    found: Found,
    cats: tuple[str, ...],
    cfg: ProblemsSettings,
) -> None:
    """Places a reply naming no place on the desk's one live problem of its
    category, or, none being live, of a kin one (see the module)."""
    lately = draft.created_at - timedelta(minutes=cfg.reply_minutes)
    # "No other" over the hours an outage lasts: one heard from an hour and a half ago
    # is still live, and the post may be its.
    tail = min(lately, draft.created_at - timedelta(hours=cfg.outage_tail_hours))
    for category in cats:
        rows = queries.problems_of_category(conn, category, tail, lately)
        voices = sum(r.lately for r in rows)
        if not voices:
            continue  # nobody wrote of it lately: a kin category is asked next
        live = {r.problem_id for r in rows}
        if len(live) == 1 and voices >= 2:
            worth = DESK if category in cfg.outage_categories else OFFER
            found.group(live.pop()).saw(worth, f"the desk's one live {category}")
        return
