"""An edited post read again: what of the desk's reading follows the new text.

Staff's own decisions stand: a category a moderator chose, an address a
moderator gave, a 🔴/⚪ staff set. Urgency is only ever raised by an edit (the
akim is alerted once, by the caller); lowering it is staff's to do.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from storage.models import Priority, Ticket


@dataclass(frozen=True, slots=True)
class Reread:
    """What the desk reads in an edited post (bot/reading): its category, the
    address if it names one, and why it is urgent if it is."""

    category: str
    address: str | None = None
    address_key: str | None = None
    urgency_reason: str | None = None


async def reread_fields(conn: aiosqlite.Connection, before: Ticket, reread: Reread) -> dict:
    """The ticket's fields an edit changes: what staff set by hand stays."""
    rows = await conn.execute_fetchall(
        "SELECT DISTINCT kind FROM events WHERE ticket_id = ?"
        " AND kind IN ('recategorize', 'readdress', 'priority')",
        (before.id,),
    )
    decided = {kind for (kind,) in rows}
    fields: dict[str, str | None] = {}
    if "recategorize" not in decided and reread.category != before.category:
        fields["category"] = reread.category
    if "readdress" not in decided and reread.address and reread.address_key != before.address_key:
        fields |= {"address": reread.address, "address_key": reread.address_key}
    urgent = reread.urgency_reason is not None and before.priority is Priority.normal
    if urgent and "priority" not in decided:
        fields |= {"priority": Priority.urgent.value, "urgency_reason": reread.urgency_reason}
    return fields
