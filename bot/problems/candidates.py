"""What grouping weighs a new appeal against: a candidate problem (or a loose
appeal with no problem yet), with what it said and how it was read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from bot.problems.kin import apart, asks_about, evidence
from bot.problems.likeness import features, likeness, stems_shared
from bot.problems.tone import says_back
from storage.grouping import OpenAppeal, OpenProblem, Voice

if TYPE_CHECKING:
    from storage.models import Draft

# The reader's category for a post it could not tell.
UNSURE = "other"
# The yard's words name a place as much as a trouble ("во дворе", "аулада"): a post
# read as the yard joins a problem of a thing in it only when it names the thing.
YARD, IN_YARD = "yard", frozenset({"greenery"})
VOICES = 8  # the newest appeals of a problem (or a place) compared for words


@dataclass(slots=True)
class Group:
    """Candidates for one problem (or, with no problem, for one loose appeal)."""

    problem_id: int | None
    appeals: list[OpenAppeal] = field(default_factory=list)
    place: float = 0.0
    why: str = ""
    problem: OpenProblem | None = None
    alike: float = 0.0  # how alike in words (bot/problems/likeness.py)
    shared: int = 0  # the most whole stems the post shares with one of its voices
    category: str | None = None  # the problem's, or the loose appeal's
    texts: list[str] = field(default_factory=list)  # the newest of what it said
    read_as: Counter[str] = field(default_factory=Counter)  # the categories it was filed under

    def saw(self, place: float, why: str) -> None:
        if place > self.place:
            self.place, self.why = place, why


@dataclass(slots=True)
class Found:
    """What the database holds near a new appeal."""

    groups: dict[tuple[str, int], Group] = field(default_factory=dict)
    chat: list[OpenAppeal] = field(default_factory=list)
    mine: list[OpenAppeal] = field(default_factory=list)  # the author's own, in problems
    voices: dict[int, list[Voice]] = field(default_factory=dict)
    said: frozenset[str] | None = None  # the categories the post's words speak of
    danger: str | None = None  # why the post is urgent (bot/reading/dangers.py), if it is
    raised: set[int] = field(default_factory=set)  # the problems that raised that danger

    def group(self, problem_id: int | None, appeal_id: int = 0) -> Group:
        key = ("p", problem_id) if problem_id is not None else ("a", appeal_id)
        return self.groups.setdefault(key, Group(problem_id))

    def add(self, appeal: OpenAppeal) -> Group:
        group = self.group(appeal.problem_id, appeal.id)
        group.appeals.append(appeal)
        group.category = group.category or appeal.category
        return group


def weigh_words(post: frozenset[str], group: Group, found: Found) -> datetime | None:
    """Sets how alike ``post`` is to the newest of what ``group`` said (and how
    those were read); returns when its newest appeal came (None: it has none)."""
    voices = found.voices.get(group.problem_id or 0, [])
    said = sorted(  # an appeal found near the post is often one of the newest voices too
        {(a.created_at, a.text, a.address_key, a.category) for a in group.appeals}
        | {(v.created_at, v.text, v.address_key, v.category) for v in voices},
        key=lambda row: (row[0], row[1]),
        reverse=True,
    )[:VOICES]
    voices = [features(text, (key or "").split()) for _, text, key, _ in said]
    group.alike = likeness(post, voices)
    group.shared = stems_shared(post, voices)
    group.texts = [text for _, text, _, _ in said]
    group.read_as = Counter(c for *_, c in said if c is not None)
    return said[0][0] if said else None


def kin_agrees(draft: Draft, group: Group, found: Found) -> bool:
    """Whether a post of a kin category speaks of ``group``'s trouble: the
    reader's vocabulary finds the group's category in the post, or the post's
    in the group's own words (words in common are not enough: "холодно" is
    said of radiators and of cold water alike); never when it asks about its
    own service, nor when it says a trouble is over and complains of another
    ("свет дали, но лампы в подъезде не горят"). "Жарық берілді" alone is the
    problem's last voice when its words are the problem's."""
    if asks_about(draft.text, draft.category) or apart(draft.category, group.category, draft.text):
        return False
    if says_back(draft.text) and not says_back(draft.text, only=True):
        return False
    if found.said is None:
        found.said = evidence(draft.text)
    beside = {draft.category, group.category} - {YARD}
    if YARD in (draft.category, group.category) and len(beside) == 1 and beside <= IN_YARD:
        # "во дворе" is said of every trouble there: a tree in a yard is one trouble only
        # when the post and the problem both name the tree (not a swing's yard).
        (thing,) = beside
        return thing in found.said and any(thing in evidence(text) for text in group.texts)
    if group.category in found.said:
        return True
    return any(draft.category in evidence(text) for text in group.texts)


def guessed(draft: Draft) -> Draft:
    """``draft`` as grouping weighs it: a category no word of the post speaks of
    (the learnt model's guess for "и у нас, 5 подъезд", where the rules found
    nothing) is one the reader could not tell."""
    placed = draft.address_key or draft.lat is not None
    if placed or draft.category in (None, UNSURE) or evidence(draft.text):
        return draft
    return replace(draft, category=UNSURE)
