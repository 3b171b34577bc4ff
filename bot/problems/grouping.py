"""Grouping appeals into problems: is a new appeal one more voice about an open
problem, the second voice about an open appeal, or something new?

Place and category first (the same address key, or coordinates within
``[problems] radius_m``), as civic desks match reports; the same words at
another place are never the same problem.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from storage import grouping as queries

if TYPE_CHECKING:
    from bot.config import Settings
    from storage.db import Database
    from storage.models import Draft


class MatchKind(StrEnum):
    attach = "attach"  # sure: the appeal joins the problem at once
    suggest = "suggest"  # likely: a moderator decides on the appeal's card
    pair = "pair"  # open appeals with no problem match it: offer to make one
    none = "none"


@dataclass(frozen=True, slots=True)
class Match:
    kind: MatchKind
    problem_id: int | None = None  # attach / suggest
    ticket_ids: tuple[int, ...] = ()  # pair: open appeals with no problem that match
    score: float = 0.0
    why: str = ""  # for logs, e.g. "same place and category"


NO_MATCH = Match(MatchKind.none)


class Grouper:
    """Matches a new appeal against the open problems and recent open appeals."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self._db = db
        self._settings = settings.problems

    async def match(self, draft: Draft) -> Match:
        """What to do with ``draft`` (not yet stored): attach, suggest, pair or none."""
        if not self._settings.grouping or not draft.category or not draft.address_key:
            return NO_MATCH
        low, high = queries.house_range(draft.address_key)
        since = draft.created_at - timedelta(days=self._settings.pair_days)

        def candidates(conn: sqlite3.Connection) -> tuple[list, list]:
            problems = queries.problems_at(conn, low, high, draft.category)
            appeals = queries.appeals_at(conn, low, high, draft.category, since)
            return problems, appeals

        problems, appeals = await self._db.query(candidates)
        if problems:
            return Match(MatchKind.attach, problems[0].id, score=1.0, why="same place and category")
        loose = tuple(a.id for a in appeals if a.problem_id is None)
        if loose:
            return Match(MatchKind.pair, ticket_ids=loose, score=1.0, why="same place and category")
        return NO_MATCH
