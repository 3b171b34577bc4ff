"""A post naming no place ("у нас тоже", "лифт опять стоит", a location
nothing open is near) placed by its chat.

Two ways, both about one problem the chat is talking about now:

- **share**: most of the chat's appeals of the post's category in the last
  ``reply_minutes`` are one problem's (at least two of them, in its category
  or a kin one: bot/problems/kin.py); when none is of the post's own category,
  most of its kin ones; a location of a lasting trouble (lamps out at many
  places at once), all of them;
- **words**: over the outage tail's hours, the post shares at least half of
  its words with one candidate (a problem two residents wrote about, or a
  loose appeal) and clearly more than with any other.

A location is never placed on a problem whose appeals carry coordinates: had
it been there, they would have been near it. A resident's own follow-up
naming no place ("жылу берілді, рахмет") is about the one problem their own
appeal of its category is in, over the outage tail's hours. A reply naming
its house alone ("у нас тоже темно, 25 дом") is the one candidate with an
appeal at a house of that number, if one alone has; the others are not its
place. A thanks naming no place and no service ("Спасибо акимату за быструю
работу!") joins no problem by the chat's share.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.problems.candidates import UNSURE, Found, Group, weigh_words
from bot.problems.places import named_houses
from bot.problems.tone import says_back
from bot.problems.trouble import thanks
from storage import grouping as queries

if TYPE_CHECKING:
    from bot.config_problems import ProblemsSettings
    from bot.problems.places import Place
    from storage.grouping import OpenAppeal
    from storage.models import Draft

SAME_CHAT = 0.8  # no place named: the chat's one live problem of the category
DOMINANT = 0.6  # its share of the chat's recent appeals of the category
STRONG = 0.5  # the share of the post's words it must have in common with it
MARGIN = 0.2  # ... by this much more than any other candidate there


def in_chat(
    conn: sqlite3.Connection,
    draft: Draft,
    cats: tuple[str, ...] | None,
    cfg: ProblemsSettings,
) -> list[OpenAppeal]:
    """The chat's open appeals a post naming no place may be about: of any
    category in the last ``reply_minutes`` if the reader could not tell it;
    else of its categories (``cats``) over the outage tail's hours."""
    reply = timedelta(minutes=cfg.reply_minutes)
    if cats is None:
        return queries.appeals_in_chat(conn, draft.chat_key, draft.created_at - reply)
    since = draft.created_at - max(reply, timedelta(hours=cfg.outage_tail_hours))
    return queries.appeals_in_chat_of(conn, draft.chat_key, cats, since)


def mine(
    conn: sqlite3.Connection,
    draft: Draft,
    cats: tuple[str, ...] | None,
    cfg: ProblemsSettings,
) -> list[OpenAppeal]:
    """The author's own open appeals in problems a post naming no place may follow
    up: over the outage tail's hours, or, for a lasting trouble (a lift, a bar's
    noise, uncleared snow), over the days its problem takes appeals ("лифт всё ещё
    не работает" the next day, by the resident who first wrote of it)."""
    lasting = draft.category not in (*cfg.outage_categories, UNSURE)
    # ... as does one saying, in words the reader could not file, that it is over.
    lasting = lasting or (draft.category == UNSURE and says_back(draft.text, only=True))
    hours = cfg.open_days * 24 if lasting else cfg.outage_tail_hours
    since = draft.created_at - timedelta(hours=hours)
    return queries.appeals_of_author(conn, draft.author_id, cats, since)


def by_chat(
    draft: Draft, post: frozenset[str], place: Place, found: Found, cfg: ProblemsSettings
) -> None:
    """Places the post on the chat's problem it is about, if one (see the module)."""
    recent = draft.created_at - timedelta(minutes=cfg.reply_minutes)

    def count(appeals: list[OpenAppeal], own: bool) -> int:
        """How many of ``appeals`` are recent (and, ``own``, of the post's category)."""
        anything = not own or draft.category == UNSURE
        return sum(
            a.created_at >= recent and (anything or a.category == draft.category) for a in appeals
        )

    own, kin = count(found.chat, own=True), count(found.chat, own=False)
    # A location near nothing open, of a lasting trouble (lamps, ice, rubbish are
    # out at many places at once): placed only when the chat speaks of no other. A
    # location sent alone, which the reader cannot file, is of what is happening now.
    lasting = place.located and draft.category not in (*cfg.outage_categories, UNSURE)
    dominant = 1.0 if lasting else DOMINANT
    # A thanks naming no place and no service ("Спасибо акимату!") is no voice of
    # whatever the chat is talking about; only of its author's own problem.
    dominant = 2.0 if draft.category == UNSURE and thanks(draft.text) else dominant
    alike: list[Group] = []
    for group in found.groups.values():
        if place.located and any(a.lat is not None for a in group.appeals):
            continue
        its = _at_its_place(group, found)
        voices = count(its, own=False)
        share = count(its, own=True) / own if own else voices / max(kin, 1)
        if group.problem_id is not None and voices >= 2 and share >= dominant:
            group.saw(SAME_CHAT, f"{voices} of {kin} recent in the chat")
        weigh_words(post, group, found)
        if len(group.texts) >= 2 or group.problem_id is None:
            alike.append(group)  # a problem residents write about, or a loose voice
    if by_author(draft, found, cfg) or by_house(draft, found):
        return
    if draft.category == UNSURE or not alike:
        return
    # Words pick among the post's own category's candidates, when there are any:
    # the night's drunks in an entrance are not the bar's noise next door.
    own_kind = [g for g in alike if g.category == draft.category]
    alike = own_kind or alike
    alike.sort(key=lambda g: g.alike, reverse=True)
    best, runner = alike[0].alike, (alike[1].alike if len(alike) > 1 else 0.0)
    if best >= STRONG and best - runner >= MARGIN:
        alike[0].saw(SAME_CHAT, f"its words, {best:.2f}, in the chat")


def _at_its_place(group: Group, found: Found) -> list[OpenAppeal]:
    """A problem's appeals in the chat and the chat's loose ones of its category
    at its very place (icicles kept apart from the icy pavement below them):
    the chat is speaking of that place, and "у нас тоже скользко" is there."""
    keys = {a.address_key for a in group.appeals if a.address_key}
    if group.problem_id is None or not keys:
        return group.appeals
    loose = [
        a
        for a in found.chat
        if a.problem_id is None and a.address_key in keys and a.category == group.category
    ]
    return [*group.appeals, *loose]


def by_house(draft: Draft, found: Found) -> bool:
    """Places a reply naming its house alone ("25 дом") on the one candidate with
    an appeal at a house of that number (the others are no place of it)."""
    houses = named_houses(draft.text)
    if not houses:
        return False
    at = [
        group
        for group in found.groups.values()
        if any(a.address_key and a.address_key.rsplit(" ", 1)[-1] in houses for a in group.appeals)
    ]
    if len(at) != 1:
        return False
    for group in found.groups.values():
        group.place = 0.0
    at[0].saw(SAME_CHAT, f"its house {min(houses)} in the chat")
    return True


def by_author(draft: Draft, found: Found, cfg: ProblemsSettings) -> bool:
    """Places a resident's follow-up on the one problem their own appeal is in. An
    appeal older than an outage's tail yields to a problem the chat is writing about
    now, unless the post shares its words: "Да, люк открыт" among the chat's voices of
    an open manhole is the manhole, not the author's pothole of days ago."""
    theirs = [
        group
        for group in found.groups.values()
        if group.problem_id is not None
        and any(a.author_id == draft.author_id for a in group.appeals)
    ]
    if len(theirs) != 1:
        return False
    recent = draft.created_at - timedelta(hours=cfg.outage_tail_hours)
    own = [a for a in theirs[0].appeals if a.author_id == draft.author_id]
    live = any(g.place > 0 for g in found.groups.values() if g is not theirs[0])
    if live and not theirs[0].shared and all(a.created_at < recent for a in own):
        return False
    for group in found.groups.values():
        group.place = 0.0
    theirs[0].saw(SAME_CHAT, "its author's own problem")
    return True
