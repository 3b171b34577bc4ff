"""Where an appeal is, for grouping: its house, its street, its coordinates.

The reader's address key is "street house" ("кенесары 40") or the street alone
("самал" for a whole microdistrict); intake shows the address as "Street,
house". Two appeals are at one place when their keys are equal, when one of
them names the street alone and the other a house on it, or when both carry
coordinates within the configured radius.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from bot.reading.house_words import HOUSE_WORDS
from bot.reading.normalize import fold, words
from bot.reading.streets import street_list, word_set

if TYPE_CHECKING:
    from bot.reading.streets import StreetList
    from storage.models import Draft

EARTH_RADIUS_M = 6_371_000.0
_M_PER_DEGREE = math.pi * EARTH_RADIUS_M / 180
# Words that make a number next to them a house ("в 12-м доме", "12 үйде", "дом 14").
# A house's words, and "корпус" (the reader takes a number after it for no house:
# grouping places "корпус 2" of a complex by it).
_HOUSE = HOUSE_WORDS | word_set("корпус")
# "и в 23-м нету": a Russian ordinal after "в" with no noun of its own is a house,
# unless an entrance, a floor or a flat follows it.
_ORDINAL = word_set("м ом ем")
# "тоже", "бізде де": the post says its trouble is another place's too.
_ALSO = word_set("тоже также")
_WE = word_set("бізде бизде біздің биздин үйде уйде")
_TOO = word_set("де да те та")
# "уже неделю", "үш күн": a trouble days old is not the street's outage of this hour.
_DAYS = word_set("день дня дней сутки суток неделю недели недель месяц күн кун күннен апта")
_NOT_HOUSE = word_set(
    "подъезд подъезде подъезда подъездах этаж этаже этажа кв квартира квартире квартирах"
)


@dataclass(frozen=True, slots=True)
class Place:
    """A new appeal's place: any of its parts may be unknown."""

    key: str | None  # "кенесары 40", or "самал" when the post names no house
    street: str | None  # "кенесары"
    lat: float | None
    lon: float | None
    # Other houses on the street the post says share its trouble ("и в 12-м доме тоже").
    named: frozenset[str] = frozenset()
    # The street is a microdistrict: one outage there reaches many of its houses.
    district: bool = False
    # The post says its trouble is another's too ("и в 17-м доме тоже нет света").
    also: bool = False

    @classmethod
    def of(cls, draft: Draft, streets: StreetList | None = None) -> Place:
        key = draft.address_key or None
        street = key
        if key and draft.address and ", " in draft.address:
            street = fold(draft.address.rsplit(", ", 1)[0]) or key
        if key is not None and key.rsplit(" ", 1)[0] in _HOUSE:
            # "Дом 31" read as a street named "Дом": the house alone, whose street
            # is the one its thread named (bot/problems/chat.py).
            key = street = None
        located = draft.lat is not None and draft.lon is not None
        named: frozenset[str] = frozenset()
        if key is not None and street is not None and key != street:
            named = frozenset(f"{street} {n}" for n in named_houses(draft.text)) - {key}
        lat, lon = (draft.lat, draft.lon) if located else (None, None)
        district = bool(street and _microdistrict(street, streets or street_list()))
        return cls(key, street, lat, lon, named, district, says_also(draft.text))

    @property
    def has_house(self) -> bool:
        return self.key is not None and self.key != self.street

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def known(self) -> bool:
        return self.key is not None or self.located


def says_also(text: str) -> bool:
    """Whether ``text`` says its trouble is someone else's too: "тоже", "также",
    or the Kazakh "бізде де" (a "we/at ours" word followed by the particle); not
    when it says its trouble is days old ("тоже проверьте, уже неделю")."""
    tokens = words(text)
    if _days_old(tokens):
        return False
    if any(t in _ALSO for t in tokens):
        return True
    return any(a in _WE and b in _TOO for a, b in pairwise(tokens))


def days_old(text: str) -> bool:
    """Whether ``text`` says its trouble is days old ("уже неделю", "үш күн"): not
    a voice of an outage of this hour."""
    return _days_old(words(text))


def _days_old(tokens: list[str]) -> bool:
    return any(t in _DAYS for t in tokens)


def metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The distance between two points (haversine; a district is small enough for it)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def lat_band(lat: float, radius_m: float) -> tuple[float, float]:
    """The latitudes within ``radius_m`` of ``lat``: the index range to look in."""
    half = radius_m / _M_PER_DEGREE
    return lat - half, lat + half


def street_of(key: str, street: str | None) -> bool:
    """Whether the address key ``key`` is on ``street`` (the street itself or a house
    on it); not a longer name that begins with it ("сарыарка сити", a complex, is no
    house on the avenue "сарыарка")."""
    if street is None or not key.startswith(street):
        return False
    rest = key[len(street) :]
    return rest == "" or (rest[:1] == " " and rest[1:2].isdigit())


def _microdistrict(street: str, streets: StreetList) -> bool:
    """Whether ``street`` is a microdistrict in the desk's street list."""
    found = streets.exact(street.split())
    return found is not None and found.kind == "microdistrict"


def named_houses(text: str) -> set[str]:
    """House numbers ``text`` names with a house word beside them ("12-м доме",
    "дом 14", "12 үйде"), as the reader writes a house in a key."""
    ws = words(text)
    out = set()
    for i, word in enumerate(ws):
        if not word.isdigit():
            continue
        after = ws[i + 1 : i + 3]  # "12 м доме": an ordinal ending may come between
        before = ws[i - 1 : i]
        if any(w in _HOUSE for w in (*after, *before)) or _ordinal(before, after):
            out.add(word)
    return out


def _ordinal(before: list[str], after: list[str]) -> bool:
    """Whether a number between ``before`` and ``after`` reads "в 23-м" alone."""
    return (
        before == ["в"]
        and after[:1] != []
        and after[0] in _ORDINAL
        and not any(w in _NOT_HOUSE for w in after[1:])
    )
