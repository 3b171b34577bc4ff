"""Categories one trouble is commonly read as, for grouping.

Residents describe one outage in the words of what they lack, and the reader
files each post by its own words: a power cut is "no light" (lighting) to one
and "свет отключили" (electricity) to another; a flooded underpass is water
to one and a closed road to the next; an uncleared yard is a yard, snow or a
road. Such categories are *kin*: a post of one may be about a problem of the
other, but only at the very same place and when the words say so too (the
reader's vocabulary finds the problem's category in the post, or the post's
in the problem's own words; bot/problems/candidates.py). The same house with
a kin category and other words is another problem: cold water is not the
heating outage, nor is "горячей воды тоже нет?" asked during it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from bot.problems.tone import complains, questions, says_dry
from bot.reading.category import categorise
from bot.reading.normalize import words

# Pairs of categories one trouble is read as, by the class of trouble.
_PAIRS = (
    # One heat supply: radiators and hot water.
    ("heating", "water"),
    # No power: no light at home, in the yard or the street; the lift stops.
    ("electricity", "lighting"),
    ("electricity", "elevator"),
    # The ground outside: an uncleared yard, an icy pavement, a yard full of rubbish.
    ("yard", "snow_ice"),
    ("yard", "roads"),
    ("roads", "snow_ice"),
    ("garbage", "yard"),
    # A tree in a yard: the yard to one, the greenery to the next.
    ("greenery", "yard"),
    # Water where it should not be: a flooded underpass or basement, a leaking roof.
    ("water", "roads"),
    ("water", "sewerage"),
    ("water", "housing_repair"),
    ("sewerage", "housing_repair"),
    # A noisy bar or neighbours at night: noise to one, a matter for the police to the next.
    ("noise", "public_order"),
)
_KIN: dict[str, frozenset[str]] = {}
for _a, _b in _PAIRS:
    _KIN[_a] = _KIN.get(_a, frozenset()) | {_b}
    _KIN[_b] = _KIN.get(_b, frozenset()) | {_a}


# Kin to water only as water where it should not be (a flood, a leak).
_FLOODS = frozenset({"roads", "sewerage", "housing_repair"})


def apart(category: str | None, other: str | None, text: str) -> bool:
    """Whether a post of ``category`` saying that water is not there ("горячей
    воды нет") is kept apart from a kin ``other`` trouble of too much water (a
    flooded basement, a leaking roof): a lack of water is another trouble."""
    return category == "water" and other in _FLOODS and says_dry(text)


def kin(category: str) -> frozenset[str]:
    """The categories besides ``category`` that one trouble of it is often read as."""
    return _KIN.get(category, frozenset())


def related(category: str) -> tuple[str, ...]:
    """``category`` and its kin: the categories a post of it may join (its own first)."""
    return (category, *sorted(kin(category)))


@lru_cache(maxsize=4096)
def evidence(text: str) -> frozenset[str]:
    """The categories the reader's vocabulary finds any evidence for in ``text``
    (not only the one it chose); a problem's voices are asked again and again."""
    guess = categorise(words(text))
    return frozenset(code.value for code, score in guess.scores.items() if score > 0)


def asks_about(text: str, category: str | None, own: str | None = None) -> bool:
    """Whether ``text`` only asks about ``category`` ("горячей воды тоже нет или
    только отопление?" during a heating outage): a question about a neighbouring
    service, not one more voice of the outage. A post that also states its
    trouble ("жарык жок пе? бизде жок") does not only ask; nor does a question
    whose words speak of the post's ``own`` category as one with ``category``
    ("Жастарда жарық жоқ па?": no light is no power), unless a word of its own
    names ``own`` apart (then it asks which of the two); "свет когда дадут?" asks
    of no light and no power at once, the outage itself."""
    if category is None or complains(text):
        return False
    for question in questions(text):
        said = evidence(question)
        if category not in said:
            continue
        if own is None or own not in said or any(_apart(own, category, w) for w in words(question)):
            return True
    return False


def _apart(own: str, category: str, word: str) -> bool:
    """Whether ``word`` names the post's ``own`` category and not the kin ``category``."""
    said = evidence(word)
    return own in said and category not in said


def asked(text: str, own: str, supplies: Iterable[str]) -> frozenset[str]:
    """The services besides ``own`` a post may ask about: its kin, and a supply
    (of ``supplies``: heat, water, power, gas) a question of it names ("без света
    котельная тоже встанет? Отопление будет?"), which an outage may take too."""
    named = frozenset().union(*(evidence(q) for q in questions(text)))
    return (kin(own) | (named & frozenset(supplies))) - {own}
