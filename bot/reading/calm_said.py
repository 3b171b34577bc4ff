"""Danger words a post takes back where it says them: what ``calm`` reads of the context,
here read of the words and clauses themselves.

- A danger asked about and answered no, or explained: "Взрыв был? Нет, просто гром",
  "газ жарылыс болды ма? жоқ, тек трансформатор"; the question's words are no danger
  (a danger said in a later clause still is).
- A "нет" that answers a question, read with the words after it as one danger ("Датчик
  сработал? нет, просто батарея шумит"): a pattern that says the negation must say it in
  its own clause.
- A cold stairwell or landing by flats said to be warm ("в квартирах тепло", "пәтерлерде
  жылы"): no cold home. Read as whole words: "жылы" (warm) folds beside "жылу" (heat).
- A danger only feared: "баллон жарылады деп қорқамыз" (what may happen, not what does).
- A word folded into another's: Kazakh "бітті" (finished) folds to "битти", read by the
  stem of "битой" (a bat).

Each has its table, with its urgent counterpart, in ``tests/test_reading_mechanisms_calm.py``;
hooked into ``dangers`` by ``unsaid``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.reading.negation import AFTER_NEGATIONS, SAYS_IT, apart, says_it
from bot.reading.normalize import fold, words
from bot.reading.terms import Hit

# A clause and the punctuation after it ("?" asks).
_PART = re.compile(r"([^.,;:!?…\n()«»\"—–]*)([.,;:!?…\n()«»\"—–]*)")
# Words that explain a danger asked about away: "просто гром", "тек трансформатор",
# "оказалось это", "найзағай екен".
_EXPLAINED = frozenset(
    fold(w) for w in ("просто", "тек", "оказывается", "оказалось", "екен", "лишь", "всего")
)
_NO = frozenset({*AFTER_NEGATIONS, "неа", "нету"})
# A question that asks more than yes or no.
_WHO = frozenset(
    fold(w)
    for w in (
        "почему",
        "кто",
        "что",
        "где",
        "когда",
        "зачем",
        "неге",
        "кім",
        "не",
        "қайда",
        "қашан",
    )
)
_YES = frozenset(fold(w) for w in ("да", "иә", "ия", "иа", "ага", "бар"))
# What a danger is feared as, after it: "жарылады деп қорқамыз", "деп уайымдаймыз".
_FEARED = ("корк", "уайым", "коркамыз")
# Flats said to be warm, in whole words.
_WARM = re.compile(
    r"(?<!\w)(?:в квартирах|в квартире|дома|патерлерде|патерде|уйде|уйлерде)(?: де| тоже| все)?"
    r" (?:тепло|жылы|жып-жылы)(?!\w)"
)
# The Russian forms of "бита" (a bat); "битти" is Kazakh "бітті" folded.
_BAT = frozenset({"бита", "биты", "битой", "битами", "бите", "биту", "битам", "битах"})


def unsaid(hits: list[Hit], ws: Sequence[str], text: str, starts: frozenset[int]) -> list[Hit]:
    """The danger words found, less those the post takes back where it says them (``ws``:
    the words ``dangers`` reads; ``starts``: where its clauses begin)."""
    asked, bare = _answered(text, ws)
    warm = _WARM.search(" ".join(ws)) is not None
    return [
        h
        for h in hits
        if not any(a <= h.start < b for a, b in asked)
        and not _split_no(h, ws, bare, starts)
        and not (warm and h.label in ("heating", "cold_home"))
        and not _feared(h, ws)
        and not (h.pattern.startswith("бит") and ws[h.start] not in _BAT)
    ]


def _answered(text: str, ws: Sequence[str]) -> tuple[list[tuple[int, int]], set[int]]:
    """The spans of ``ws`` a question says that the post answers no or explains away, and
    where a bare "нет" or "жоқ" stands as a clause of its own."""
    parts, at = [], 0
    for match in _PART.finditer(text):
        said = words(match.group(1))
        if said or match.group(2):
            parts.append((at, at + len(said), "?" in match.group(2), said))
        at += len(said)
    if at != len(ws):
        return [], set()
    bare = {a for a, b, _, said in parts if b - a == 1 and said[0] in _NO}
    spans = []
    for a, b, question, said in parts:
        # Only a yes-or-no question is answered no ("почему пахнет газом? Нет ответа"), and
        # not when the answer says yes after all ("Жоқ, нақты иіс бар").
        if (
            not question
            or b >= len(ws)
            or _WHO.intersection(said)
            or _YES.intersection(ws[b : b + 4])
        ):
            continue
        if b in bare or _EXPLAINED.intersection(ws[b:]):
            spans.append((a, b))
    return spans, bare


def _split_no(hit: Hit, ws: Sequence[str], bare: set[int], starts: frozenset[int]) -> bool:
    """A pattern that says the negation, its "нет" a bare answer to the clause before it
    (a pattern that spans a "нет" without saying one, "газ* & пахн*", is not split)."""
    if not says_it(hit.pattern):
        return False
    return any(
        i in bare and ws[i] in SAYS_IT and apart(i, hit.end - 1, starts)
        for i in range(hit.start, hit.end)
    )


def _feared(hit: Hit, ws: Sequence[str]) -> bool:
    """Words of a danger followed by "деп қорқамыз": what may happen."""
    return hit.end + 1 < len(ws) and ws[hit.end] == "деп" and ws[hit.end + 1].startswith(_FEARED)
