"""Grouping appeals into problems: is a new appeal one more voice about an open
problem, the second voice about an open appeal, or something new?

As civic desks match reports, place and category come first: the same address
key, a house on a street-wide problem's street, or coordinates within
``[problems] radius_m``; a post naming no place at all ("у нас тоже",
"3-й подъезд") is placed by its chat, when the chat has one problem of that
category that residents are writing about right now. Time comes second: an
outage gathers its appeals within the hour, a broken lamp over days. Words
come last: they pick between candidates and make a weak match strong, but the
same words at another place are never the same problem.

A sure match (``attach``) joins at once; a likely one (``suggest``) is put to
a moderator; open appeals with no problem that match (``pair``) are offered as
a new problem.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.problems.likeness import features, likeness
from bot.problems.places import Place, lat_band, metres, street_of
from bot.problems.tone import all_is_well
from storage import grouping as queries
from storage.grouping import OpenAppeal, OpenProblem

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.config_problems import ProblemsSettings
    from storage.db import Database
    from storage.models import Draft

log = logging.getLogger(__name__)


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

# How sure each kind of "same place" is, before time and words.
SAME_HOUSE = 0.9
SAME_STREET = 0.85  # both name the street (or microdistrict) alone
HOUSE_ON_STREET = 0.7  # a house on the street another names alone (or on a house named)
STREET_OF_HOUSE = 0.65  # the street alone, where another names a house on it
NEAR = 0.9  # coordinates within the radius, at its edge 0.1 less
SAME_CHAT = 0.8  # no place named: the chat's one live problem of the category
DOMINANT = 0.6  # its share of the chat's recent appeals of the category
# Above the suggestion threshold, below the attach one: what a late match is worth.
LATE = 0.6
# The reader's category for a post it could not tell.
UNSURE = "other"
# After an outage's window, a post sharing this much of its words still joins it.
ALIKE = 0.25
_VOICES = 8  # the newest appeals of a problem (or a place) compared for words


@dataclass(slots=True)
class _Group:
    """Candidates for one problem (or, with no problem, for one loose appeal)."""

    problem_id: int | None
    appeals: list[OpenAppeal] = field(default_factory=list)
    place: float = 0.0
    why: str = ""
    problem: OpenProblem | None = None
    alike: float = 0.0  # how alike in words (bot/problems/likeness.py)

    def saw(self, place: float, why: str) -> None:
        if place > self.place:
            self.place, self.why = place, why


@dataclass(slots=True)
class _Found:
    """What the database holds near a new appeal."""

    groups: dict[tuple[str, int], _Group] = field(default_factory=dict)
    chat: list[OpenAppeal] = field(default_factory=list)
    voices: dict[int, list[queries.Voice]] = field(default_factory=dict)

    def group(self, problem_id: int | None, appeal_id: int = 0) -> _Group:
        key = ("p", problem_id) if problem_id is not None else ("a", appeal_id)
        return self.groups.setdefault(key, _Group(problem_id))


class Grouper:
    """Matches a new appeal against the open problems and recent open appeals."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self._db = db
        self._settings: ProblemsSettings = settings.problems

    async def match(self, draft: Draft) -> Match:
        """What to do with ``draft`` (not yet stored): attach, suggest, pair or none."""
        cfg = self._settings
        if not cfg.grouping or not draft.category:
            return NO_MATCH
        place = Place.of(draft)
        try:
            found = await self._db.query(lambda conn: self._gather(conn, draft, place))
        except sqlite3.Error:
            # Grouping is a convenience: the appeal must be stored whatever happens here.
            log.exception("grouping: the candidates could not be read; the appeal stands alone")
            return NO_MATCH
        match = self._decide(draft, place, found)
        if match.kind is not MatchKind.none:
            log.debug("grouping: %s %.2f (%s)", match.kind, match.score, match.why)
        return match

    # ---- on the database thread --------------------------------------------

    def _gather(self, conn: sqlite3.Connection, draft: Draft, place: Place) -> _Found:
        cfg = self._settings
        assert draft.category is not None
        # What the reader could not tell may be about any problem at its place.
        category = None if draft.category == UNSURE else draft.category
        since = draft.created_at - self._window(draft.category, loose=True)
        found = _Found()
        if place.key is not None:
            self._by_key(conn, found, place, category, since)
        if place.located:
            self._by_coordinates(conn, found, place, category, since)
        if not found.groups and place.key is None:
            reply_since = draft.created_at - timedelta(minutes=cfg.reply_minutes)
            found.chat = [
                a
                for a in queries.appeals_in_chat(conn, draft.chat_key, reply_since)
                if category is None or a.category == category
            ]
            for appeal in found.chat:
                found.group(appeal.problem_id, appeal.id).appeals.append(appeal)
        ids = {g.problem_id for g in found.groups.values() if g.problem_id is not None}
        for problem in queries.open_problems(conn, ids):
            found.group(problem.id).problem = problem
            found.voices[problem.id] = queries.newest_voices(conn, problem.id, _VOICES)
        # An appeal whose problem is closed or merged away is no lead to it.
        for key in [k for k, g in found.groups.items() if g.problem_id and g.problem is None]:
            del found.groups[key]
        return found

    def _by_key(
        self,
        conn: sqlite3.Connection,
        found: _Found,
        place: Place,
        category: str | None,
        since: datetime,
    ) -> None:
        assert place.key is not None and place.street is not None
        ranges = [(queries.house_range(place.key), SAME_HOUSE, "same house")]
        if place.has_house:  # a street-wide problem's street takes this house
            ranges.append((queries.house_range(place.street), HOUSE_ON_STREET, "on the street"))
        else:  # the street alone: the street-wide problem, or a house on the street
            ranges = [(queries.street_range(place.street), SAME_STREET, "same street")]
        for key in sorted(place.named):  # "и в 12-м доме тоже": that house's outage
            ranges.append((queries.house_range(key), HOUSE_ON_STREET, "a house it names"))
        for keys, strength, why in ranges:
            for problem in queries.problems_at(conn, keys, category):
                group = found.group(problem.id)
                group.saw(_key_strength(place, problem.address_key, strength), why)
            for appeal in queries.appeals_at(conn, keys, category, since):
                group = found.group(appeal.problem_id, appeal.id)
                group.appeals.append(appeal)
                group.saw(_key_strength(place, appeal.address_key, strength), why)

    def _by_coordinates(
        self,
        conn: sqlite3.Connection,
        found: _Found,
        place: Place,
        category: str | None,
        since: datetime,
    ) -> None:
        assert place.lat is not None and place.lon is not None
        radius = self._settings.radius_m
        band = lat_band(place.lat, radius)
        near: list[tuple[float, OpenProblem | OpenAppeal]] = []
        for item in [
            *queries.problems_in_band(conn, band, category),
            *queries.appeals_in_band(conn, band, category, since),
        ]:
            assert item.lat is not None and item.lon is not None
            distance = metres(place.lat, place.lon, item.lat, item.lon)
            if distance <= radius:
                near.append((distance, item))
        for distance, item in near:
            if isinstance(item, OpenProblem):
                group = found.group(item.id)
            else:
                group = found.group(item.problem_id, item.id)
                group.appeals.append(item)
            group.saw(NEAR - 0.1 * distance / radius, f"{distance:.0f} m away")

    # ---- deciding -----------------------------------------------------------

    def _outage(self, category: str) -> bool:
        """Whether ``category`` gathers its appeals within the hour; so is an appeal
        the reader could not tell, which may only join what is happening now."""
        return category in self._settings.outage_categories or category == UNSURE

    def _window(self, category: str, loose: bool = False) -> timedelta:
        """How long after a problem's newest appeal it still takes new ones at once;
        ``loose``: how long an appeal with no problem waits for a second voice."""
        cfg = self._settings
        if self._outage(category):
            minutes = cfg.outage_minutes
            return timedelta(hours=max(minutes / 60, cfg.pair_hours) if loose else minutes / 60)
        return timedelta(days=cfg.open_days)

    def _decide(self, draft: Draft, place: Place, found: _Found) -> Match:
        if found.chat:
            self._by_chat(place, found)
        post = features(draft.text, _place_words(place))
        problems: list[tuple[float, _Group]] = []
        loose: list[tuple[float, _Group]] = []
        for group in found.groups.values():
            if group.place <= 0:
                continue
            score = self._score(draft, post, group, found)
            (problems if group.problem_id is not None else loose).append((score, group))
        cfg = self._settings
        if problems:
            problems.sort(key=lambda pair: (pair[0], pair[1].alike), reverse=True)
            score, best = problems[0]
            if draft.category == UNSURE and len(problems) > 1 and problems[1][0] >= LATE:
                score = min(score, LATE)  # which of two live problems: a moderator knows
            if score >= cfg.attach_score and all_is_well(draft.text):
                score = LATE  # a neighbour saying theirs works is not one more voice
            if score >= cfg.attach_score:
                return Match(MatchKind.attach, best.problem_id, score=score, why=best.why)
            if score >= cfg.suggest_score:
                return Match(MatchKind.suggest, best.problem_id, score=score, why=best.why)
        paired = sorted(
            ((score, group) for score, group in loose if score >= cfg.suggest_score),
            key=lambda pair: (-pair[0], -pair[1].alike, -pair[1].appeals[0].id),
        )
        if paired:
            ids = tuple(group.appeals[0].id for _, group in paired[:10])
            return Match(MatchKind.pair, ticket_ids=ids, score=paired[0][0], why=paired[0][1].why)
        return NO_MATCH

    def _score(self, draft: Draft, post: frozenset[str], group: _Group, found: _Found) -> float:
        """How sure ``group`` is the post's problem: its place, capped when the
        problem has gone quiet for longer than its category's window (an outage
        keeps taking posts that share its words for a few hours more)."""
        voices = found.voices.get(group.problem_id or 0, [])
        said = sorted(
            [(a.created_at, a.text, a.address_key) for a in group.appeals]
            + [(v.created_at, v.text, v.address_key) for v in voices],
            reverse=True,
        )[:_VOICES]
        times = [at for at, _, _ in said]
        group.alike = likeness(post, (features(text, (key or "").split()) for _, text, key in said))
        assert draft.category is not None
        newest = max(times, default=None)
        quiet = draft.created_at - newest if newest is not None else None
        outage = self._outage(draft.category)
        score = group.place
        if quiet is None or quiet > self._window(draft.category):
            tail = timedelta(hours=self._settings.outage_tail_hours)
            alike = outage and quiet is not None and quiet <= tail and group.alike >= ALIKE
            alike = alike and draft.category != UNSURE
            if not alike:
                return min(score, LATE)
        if group.place == HOUSE_ON_STREET and outage:
            score = SAME_STREET  # a street-wide outage takes the houses on its street
        return score

    def _by_chat(self, place: Place, found: _Found) -> None:
        """A post naming no place joins its chat's one live problem of its category
        when most of the chat's recent appeals of that category are about it."""
        total = len(found.chat)
        for group in found.groups.values():
            share = len(group.appeals) / total
            if group.problem_id is None or len(group.appeals) < 2 or share < DOMINANT:
                continue
            # A location nothing open is near is not the place of a problem whose
            # appeals carry coordinates (they are elsewhere).
            if place.located and any(a.lat is not None for a in group.appeals):
                continue
            group.saw(SAME_CHAT, f"{len(group.appeals)} of {total} recent in the chat")


def _key_strength(place: Place, other_key: str | None, strength: float) -> float:
    """``strength`` when ``other_key`` is at ``place`` in the way the query meant;
    0 for another house on the same street."""
    if other_key is None or place.key is None:
        return 0.0
    if other_key == place.key:
        return SAME_HOUSE if place.has_house else SAME_STREET
    if not place.has_house:
        return STREET_OF_HOUSE if street_of(other_key, place.street) else 0.0
    return strength if other_key == place.street or other_key in place.named else 0.0


def _place_words(place: Place) -> list[str]:
    return (place.key or "").split()
