"""Houses one post says share a trouble ("Ташенова 15 и 17 — оба дома без
света"): a later post at the other house is at that trouble's place too."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

from bot.problems.places import named_houses, street_of
from storage import grouping as queries

if TYPE_CHECKING:
    from bot.problems.candidates import Found
    from bot.problems.places import Place


def named_here(
    conn: sqlite3.Connection,
    found: Found,
    place: Place,
    cats: tuple[str, ...],
    since: datetime,
    strength: float,
) -> None:
    """The appeals at another house of the street that name the post's house as
    sharing their trouble ("Ташенова 15 и 17 — оба дома без света"): their
    problem is at this house too, as sure as ``strength``. Loose ones only of the
    post's own category."""
    assert place.key is not None and place.street is not None
    house = place.key.rsplit(" ", 1)[-1]
    for appeal in queries.appeals_at(conn, queries.street_range(place.street), cats, since):
        key = appeal.address_key
        if key is None or key == place.key or not street_of(key, place.street):
            continue
        if appeal.problem_id is None and appeal.category != cats[0]:
            continue
        if house in named_houses(appeal.text):
            found.add(appeal).saw(strength, "names this house")
