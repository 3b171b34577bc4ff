"""A Telegram location sent with no address and near nothing open ("вот эта
площадка, мусор везде" with a pin), where the problem it is about has no
coordinates of its own: no appeal of it was sent with a location.

Such a post cannot be placed, only *offered*: when one live problem of its
category with no coordinates is written about in its chat (or, the chat having
none, on the whole desk), a moderator is asked whether it is that one. It is
never attached by itself: a location a street away looks the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage import grouping as queries

if TYPE_CHECKING:
    import sqlite3
    from datetime import datetime

    from bot.problems.candidates import Found
    from storage.models import Draft

# What the offer is worth: above the suggestion threshold, below the attach one.
OFFER = 0.6
WHY = "the one live problem of its kind with no coordinates"


def offer(conn: sqlite3.Connection, draft: Draft, found: Found, since: datetime) -> None:
    """Offers ``draft``, a location only, to the one problem of its category live
    since ``since`` that carries no coordinates (see the module)."""
    assert draft.category is not None
    rows = queries.problems_of_category(conn, draft.category, since)
    located = {pid for pid, _, has in rows if has}
    chats: dict[int, set[str]] = {}
    for pid, chat, _ in rows:
        if pid not in located:
            chats.setdefault(pid, set()).add(chat)
    here = [pid for pid, seen in chats.items() if draft.chat_key in seen]
    pick = here if here else list(chats)
    if len(pick) == 1:
        found.group(pick[0]).saw(OFFER, WHY)
