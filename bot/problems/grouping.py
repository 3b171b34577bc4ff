"""Grouping appeals into problems: is a new appeal one more voice about an open
problem, the second voice about an open appeal, or something new?

As civic desks match reports, place and category come first: the same address
key, a house on a street-wide problem's street (any house of a microdistrict
whose own trouble it is), a house one of its appeals said shares it ("15 и 17 —
оба дома без света"), or coordinates within
``[problems] radius_m``; a post naming no place at all ("у нас тоже",
"3-й подъезд") is placed by its chat, when the chat has one problem of that
category that residents are writing about right now, or one whose words it
clearly shares (bot/problems/chat.py). One trouble is often read under
neighbouring categories (a power cut as "no light", a flooded underpass as
water or a road): a post of a kin category (bot/problems/kin.py) joins a
problem only at its very place and when its words speak of the problem's
trouble too, and then for as long as the problem's own category would take
it. Time comes second: an
outage gathers its appeals within the hour, a broken lamp over days. Words
come last: they pick between candidates and keep an outage that has gone
quiet taking posts that say what it said, but the same words at another
place are never the same problem. A post the reader could not file ("other"),
or one naming no place whose words speak of no service, whatever a learnt
model guessed, joins only the one live problem at its place; a neighbour
saying that all is well at theirs (bot/problems/tone.py) is never attached by
itself, nor is a post about another trouble at the problem's place (a danger
of another kind, a light or dirt indoors against lamps or bins outdoors, ice
underfoot against icicles, a cut to come, a thing the problem never named, a
weak supply at the next house: bot/problems/trouble.py). A thanks naming no
place and no service joins nothing by its chat (bot/problems/chat.py).

A sure match (``attach``) joins at once; a likely one (``suggest``) is put to
a moderator; open appeals with no problem that match (``pair``) are offered as
a new problem.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.problems.candidates import UNSURE, VOICES, Found, Group, guessed, kin_agrees, weigh_words
from bot.problems.chat import SAME_CHAT, by_chat, in_chat, mine
from bot.problems.kin import asked as services_asked
from bot.problems.kin import asks_about, evidence, related
from bot.problems.likeness import features
from bot.problems.located import offer, on_the_desk
from bot.problems.places import Place, days_old, lat_band, metres, street_of
from bot.problems.shared import named_here
from bot.problems.tone import all_is_well, complains, goes_on, says_back
from bot.problems.trouble import another_trouble, dangers_like
from bot.reading.streets import street_list
from storage import grouping as queries
from storage.grouping import OpenAppeal, OpenProblem
from storage.models import Priority

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
# Another house of the microdistrict during an outage there: an outage joins at once.
DISTRICT, DISTRICT_WHY = HOUSE_ON_STREET, "in the microdistrict"
ALSO_WHY = "the street's outage, too"  # only a problem: a lone post is no outage yet
STREET_OF_HOUSE = 0.65  # the street alone, where another names a house on it
NEAR = 0.9  # coordinates within the radius, at its edge 0.1 less
# Above the suggestion threshold, below the attach one: what a late match is worth.
LATE = 0.6
# After an outage's window, a post sharing this much of its words still joins it.
ALIKE = 0.25
# Whole stems a house's post shares with a lasting street-wide trouble to join it.
SAYS = 2
# Voices within the hour that make an outage at a house the street's news.
BURST = 3
# What a kin category (bot/problems/kin.py) costs against the post's own.
KIN = 0.05


class Grouper:
    """Matches a new appeal against the open problems and recent open appeals."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self._db = db
        self._settings: ProblemsSettings = settings.problems
        # The desk's street list (the one its reader reads addresses with).
        path = settings.reading.streets
        self._streets = street_list(str(path) if path else None)

    async def match(self, draft: Draft) -> Match:
        """What to do with ``draft`` (not yet stored): attach, suggest, pair or none."""
        cfg = self._settings
        if not cfg.grouping or not draft.category:
            return NO_MATCH
        draft = guessed(draft)
        place = Place.of(draft, self._streets)
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

    def _gather(self, conn: sqlite3.Connection, draft: Draft, place: Place) -> Found:
        assert draft.category is not None
        # What the reader could not tell may be about any problem at its place;
        # what it filed, about a problem of its category or of a kin one.
        cats = None if draft.category == UNSURE else related(draft.category)
        since = draft.created_at - self._window(draft.category, loose=True)
        found = Found()
        if place.key is not None:
            self._by_key(conn, found, place, cats, since)
        if place.located:
            self._by_coordinates(conn, found, place, cats, since)
        if not found.groups and place.key is None:
            found.chat = in_chat(conn, draft, cats, self._settings)
            found.mine = mine(conn, draft, cats, self._settings)
            for appeal in {a.id: a for a in [*found.chat, *found.mine]}.values():
                found.add(appeal)
            if place.located and not found.groups and cats is not None:
                offer(conn, draft, found, draft.created_at - self._window(draft.category))
            elif not found.groups and cats is not None:
                on_the_desk(conn, draft, found, cats, self._settings)
        ids = {g.problem_id for g in found.groups.values() if g.problem_id is not None}
        found.danger = draft.urgency_reason if draft.priority is Priority.urgent else None
        for problem in queries.open_problems(conn, ids):
            group = found.group(problem.id)
            group.problem, group.category = problem, problem.category
            found.voices[problem.id] = queries.newest_voices(conn, problem.id, VOICES)
            said = dangers_like(found.danger) if found.danger else ()
            if any(queries.raised(conn, problem.id, reason) for reason in said):
                found.raised.add(problem.id)
        # An appeal whose problem is closed or merged away is no lead to it.
        for key in [k for k, g in found.groups.items() if g.problem_id and g.problem is None]:
            del found.groups[key]
        return found

    def _by_key(
        self,
        conn: sqlite3.Connection,
        found: Found,
        place: Place,
        cats: tuple[str, ...] | None,
        since: datetime,
    ) -> None:
        assert place.key is not None and place.street is not None
        # Kin categories only at the post's very place: elsewhere they cannot join.
        own = cats[:1] if cats else None
        ranges = [(queries.house_range(place.key), SAME_HOUSE, "same house", cats)]
        if place.has_house:  # a street-wide problem's street takes this house
            ranges.append(
                (queries.house_range(place.street), HOUSE_ON_STREET, "on the street", own)
            )
        else:  # the street alone: the street-wide problem, or a house on the street
            ranges = [(queries.street_range(place.street), SAME_STREET, "same street", own)]
            if cats and len(cats) > 1:
                kin = (queries.house_range(place.street), SAME_STREET, "same street", cats[1:])
                ranges.append(kin)  # a kin problem of the street as a whole
        for key in sorted(place.named):  # "и в 12-м доме тоже": that house's outage
            ranges.append((queries.house_range(key), HOUSE_ON_STREET, "a house it names", own))
        if place.has_house and place.also and own and self._outage(own[0]):
            # "и в 17-м доме тоже нет света": the outage at another house of the street.
            ranges.append((queries.street_range(place.street), HOUSE_ON_STREET, ALSO_WHY, own))
        if place.district and own and self._outage(own[0]):
            # No water in Samal: each resident names their own house in it, or none.
            ranges.append((queries.street_range(place.street), DISTRICT, DISTRICT_WHY, own))
        for keys, strength, why, asked in ranges:
            for problem in queries.problems_at(conn, keys, asked):
                group = found.group(problem.id)
                group.saw(_key_strength(place, problem.address_key, strength, why), why)
            for appeal in queries.appeals_at(conn, keys, asked, since):
                if why == "on the street" and self._in_outage(appeal, place):
                    continue
                if why == ALSO_WHY and appeal.problem_id is None:
                    continue
                group = found.add(appeal)
                group.saw(_key_strength(place, appeal.address_key, strength, why), why)
        # A house with no problem of its own yet: has a post elsewhere said it shares one?
        at_home = any(g.problem_id and g.place >= SAME_HOUSE for g in found.groups.values())
        if place.has_house and cats and not at_home:
            named_here(conn, found, place, cats, since, HOUSE_ON_STREET)

    def _by_coordinates(
        self,
        conn: sqlite3.Connection,
        found: Found,
        place: Place,
        cats: tuple[str, ...] | None,
        since: datetime,
    ) -> None:
        assert place.lat is not None and place.lon is not None
        radius = self._settings.radius_m
        band = lat_band(place.lat, radius)
        near: list[tuple[float, OpenProblem | OpenAppeal]] = []
        for item in [
            *queries.problems_in_band(conn, band, cats),
            *queries.appeals_in_band(conn, band, cats, since),
        ]:
            assert item.lat is not None and item.lon is not None
            distance = metres(place.lat, place.lon, item.lat, item.lon)
            if distance <= radius:
                near.append((distance, item))
        for distance, item in near:
            group = found.group(item.id) if isinstance(item, OpenProblem) else found.add(item)
            group.saw(NEAR - 0.1 * distance / radius, f"{distance:.0f} m away")

    # ---- deciding -----------------------------------------------------------

    def _in_outage(self, appeal: OpenAppeal, place: Place) -> bool:
        """Whether ``appeal``, naming the street alone, is in an outage's problem
        outside a microdistrict: the problem answers for its own place (a house,
        whose outage a resident may place by its street alone), not the street's."""
        outage = appeal.category is not None and self._outage(appeal.category)
        return outage and appeal.problem_id is not None and not place.district

    def _burst(self, draft: Draft, group: Group, found: Found) -> bool:
        """Whether ``group``'s problem had ``BURST`` voices within the outage window."""
        since = draft.created_at - timedelta(minutes=self._settings.outage_minutes)
        voices = found.voices.get(group.problem_id or 0, [])
        return group.problem_id is not None and sum(v.created_at >= since for v in voices) >= BURST

    def _asked(self, draft: Draft, category: str) -> frozenset[str]:
        return services_asked(draft.text, category, self._settings.outage_categories)

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

    def _lasting(self, category: str, group: Group) -> str:
        """The category whose window ``group`` keeps: a trouble half of whose
        voices were read as a lasting kin one (a yard lamp read as "no
        electricity") takes appeals as long as that one does."""
        voices = group.read_as.total()
        if category == UNSURE or not voices:
            return category
        for kind in related(category):
            if not self._outage(kind) and 2 * group.read_as[kind] >= voices:
                return kind
        return category

    def _decide(self, draft: Draft, place: Place, found: Found) -> Match:
        post = features(draft.text, _place_words(place))
        if found.chat or found.mine:
            by_chat(draft, post, place, found, self._settings)
        problems: list[tuple[float, Group]] = []
        loose: list[tuple[float, Group]] = []
        for group in found.groups.values():
            if group.place <= 0:
                continue
            score = self._score(draft, post, group, found, place.district)
            home = group.place >= SAME_HOUSE
            if group.problem_id is not None and another_trouble(draft, group, found, home):
                score = min(score, LATE)  # news at the problem's place: a moderator decides
            (problems if group.problem_id is not None else loose).append((score, group))
        cfg = self._settings
        if problems:
            problems.sort(key=lambda pair: (pair[0], pair[1].alike), reverse=True)
            score, best = problems[0]
            unsure = draft.category == UNSURE or best.place == STREET_OF_HOUSE
            if unsure and len(problems) > 1 and problems[1][0] >= LATE:
                score = min(score, LATE)  # which of two live problems: a moderator knows
            # A neighbour saying theirs works is not one more voice; "дали тепло,
            # спасибо" at the problem's place is its last one.
            if score >= cfg.attach_score and all_is_well(draft.text):
                score = score if says_back(draft.text, only=True) else LATE
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

    def _score(
        self, draft: Draft, post: frozenset[str], group: Group, found: Found, district: bool
    ) -> float:
        """How sure ``group`` is the post's problem: its place, capped when the
        problem has gone quiet for longer than its category's window (an outage
        keeps taking posts that share its words for a few hours more); ``district``:
        the post is at a house of a microdistrict."""
        newest = weigh_words(post, group, found)
        assert draft.category is not None
        quiet = draft.created_at - newest if newest is not None else None
        category, score = draft.category, group.place
        # A problem's appeal read as the post is (a moderator put it there) makes
        # the post's category the problem's own.
        own = category == group.category or any(a.category == category for a in group.appeals)
        if category != UNSURE and not own:
            # A kin category: at the very place, only when the words say so, and
            # for as long as the problem's own category takes appeals.
            if group.place < SAME_CHAT or not kin_agrees(draft, group, found):
                return min(score, LATE)
            assert group.category is not None
            if self._outage(group.category) and days_old(draft.text):
                return min(score, LATE)  # "лифт стоит уже неделю" is older than the power cut
            category, score = group.category, score - KIN
        elif any(asks_about(draft.text, other, category) for other in self._asked(draft, category)):
            # "горячей воды тоже нет?" asks about a neighbouring service, "котельная тоже
            # встанет?" about one the outage may bring
            return min(score, LATE)
        category = self._lasting(category, group)
        outage = self._outage(category)
        if quiet is None or quiet > self._window(category):
            tail = timedelta(hours=self._settings.outage_tail_hours)
            # ... as does one saying that it goes on ("бізде әлі жоқ") at its place.
            said = group.alike >= ALIKE or (group.place >= SAME_STREET and goes_on(draft.text))
            alike = outage and quiet is not None and quiet <= tail and said
            alike = alike and category != UNSURE
            # "дали, спасибо" at the problem's own place: its last voice, however late.
            # (so is a post the reader could not file: "тепло пришло" at its house).
            over = draft.category in (group.category, UNSURE) and group.place >= SAME_CHAT
            if not alike and not (over and group.problem_id and says_back(draft.text, only=True)):
                return min(score, LATE)
        # A street-wide outage takes the houses on its street; a lasting trouble
        # (unlit lamps, stray dogs) those whose words say what it says: the thing
        # and what is wrong with it ("фонари не горят"), not the thing alone, or
        # that it goes on ("освещение до сих пор не работает"), or, in words of its
        # own, the problem's thing and that it is wrong ("үй маңында шам жанбайды"
        # beside "фонари не горят": the reader's vocabulary). A microdistrict's
        # own trouble (its stray dogs) takes any house of it: the microdistrict is
        # its place as a house is a house's, and a resident names the house where
        # the dogs were today.
        said = (group.alike >= ALIKE and group.shared >= SAYS) or goes_on(draft.text)
        said = said or (category in evidence(draft.text) and complains(draft.text))
        if group.place == HOUSE_ON_STREET and (outage or said or district):
            score = SAME_STREET
        # An outage at a house that the street is writing about now (a burst of
        # voices) takes a post naming its street alone: the resident's house went
        # unread ("В Сәулете 6-й дом"), or the street is out.
        if group.place == STREET_OF_HOUSE and outage and self._burst(draft, group, found):
            score = SAME_STREET
        return score


def _key_strength(place: Place, other_key: str | None, strength: float, why: str) -> float:
    """``strength`` when ``other_key`` is at ``place`` in the way the query meant;
    0 for another house on the same street (not in a microdistrict's outage)."""
    if other_key is None or place.key is None:
        return 0.0
    if why in (DISTRICT_WHY, ALSO_WHY) and other_key != place.key:
        return strength if street_of(other_key, place.street) else 0.0
    if other_key == place.key:
        return SAME_HOUSE if place.has_house else SAME_STREET
    if not place.has_house:
        return STREET_OF_HOUSE if street_of(other_key, place.street) else 0.0
    return strength if other_key == place.street or other_key in place.named else 0.0


def _place_words(place: Place) -> list[str]:
    return (place.key or "").split()
