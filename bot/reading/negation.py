"""Whether the words of a danger found in a post are negated: one scope for every
danger, its phrases (``danger_words``) and its subjects with their states (``concepts``).

- Russian negates before the word: "не горит", "нет дыма", "без искр", "не от пожара";
  or before the verb that closes the danger: "газом не пахнет", "люди не застряли"; or
  before a verb that says the danger is there: "дым не идёт", "искр не видно", "не валит дым";
- Kazakh and Russian "нет" negate after it: "газ иісі жоқ", "өрт емес", "дыма нет", and a
  Kazakh verb negates the danger before it: "газ иісі шықпайды";
- a Kazakh verb carries its own negation: "ұшқындамайды", "жанбайды", "жоғалмады".

A pattern that says the negation itself ("нет воды", "жылу жоқ", "без сознания") is not
negated by it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.reading.normalize import fold
from bot.reading.terms import Hit

# What ends a clause: a negation does not reach past it.
_CLAUSE_END = re.compile(r"[.,;:!?…\n()«»\"—–]+")
NEGATIONS = frozenset({"не", "ни", "нет", "без"})
# Kazakh negates after the word ("газ иісі жоқ"); so does Russian "нет".
AFTER_NEGATIONS = frozenset({"жок", "емес", "нет"})
# Little words that may stand between a negation and what it negates ("не от пожара").
_LINKS = frozenset({"от", "из", "в", "с", "у", "на", "по", "было", "был", "была"})
# The words of a pattern that say the negation itself.
SAYS_IT = frozenset({"нет", "не", "ни", "без", "жок", "жоқ"})
# A Kazakh verb's negation (folded), after its stem: the present "-майды", "-бейді",
# "-пайды"; the past "-мады", "-меді"; "-маған" (the past "-бады" is left out: "қабады"
# bites).
_KK_NEGATIVE = r"(?:майд|мейд|байд|бейд|пайд|пейд|мады|меди|маган|меген|майт|мейт)"
_NEGATIVE_END = re.compile(r"^\w{0,3}?" + _KK_NEGATIVE)
_NEGATIVE_VERB = re.compile(r"^\w{2,}" + _KK_NEGATIVE + r"\w*$")
# Russian verbs that say a danger is there ("дым не идёт", "газ не чувствуется"): after
# one, "не" negates the danger before it; after any other ("пожар не тушат", "дым не
# даёт дышать") it does not.
_PRESENCE = re.compile(
    r"^(?:ид[еу]т|вал[ия]т|пахн|чувству|гор[ия]т|теч[её]т|текут|искр|дым[ия]т|шип[ия]т|хлещ"
    r"|бь[её]т|слышн|видн|заметн)"
)
# ... and before it ("не идёт дым"; "не видно, газеты копятся" is two sentences).
_PRESENT_BEFORE = re.compile(
    r"^(?:ид[еу]т|вал[ия]т|пахн|гор[ия]т|теч[её]т|текут|дым[ия]т|шип[ия]т)"
)


def clause_starts(
    text: str, ws: Sequence[str], words: Callable[[str], list[str]]
) -> frozenset[int]:
    """The indices in ``ws`` where a clause of ``text`` begins ("Электричества нет, | валит
    дым"), with ``words`` giving a part's words as ``ws`` has them; none when the two do
    not line up."""
    starts, at = set(), 0
    for part in _CLAUSE_END.split(text):
        said = words(part)
        # A bare "Нет" answers the clause before it: "Стреляли? Нет, это мотоциклы".
        if said and said[0] not in AFTER_NEGATIONS:
            starts.add(at)
        at += len(said)
    return frozenset(starts) if at == len(ws) else frozenset()


def apart(i: int, j: int, starts: frozenset[int]) -> bool:
    """Whether words ``i`` and ``j`` are in different clauses (``starts``: where clauses begin)."""
    return any(min(i, j) < start <= max(i, j) for start in starts)


def _word(ws: Sequence[str], i: int, near: int, starts: frozenset[int]) -> str:
    """Word ``i``, if there is one in the clause of word ``near``; else ""."""
    return ws[i] if 0 <= i < len(ws) and not apart(i, near, starts) else ""


def _tokens(pattern: str) -> list[str]:
    return pattern.replace("&", " ").split()


def says_it(pattern: str) -> bool:
    """Whether a pattern says the negation itself ("нет воды", "жылу жоқ")."""
    return any(t.rstrip("*") in SAYS_IT for t in _tokens(pattern))


def negated(hit: Hit, ws: Sequence[str], starts: frozenset[int] = frozenset()) -> bool:
    """Whether the words found are negated; a pattern that says the negation
    itself ("нет воды", "жылу жоқ") is not. A negation in another clause (``starts``:
    where clauses begin) does not reach them: "Электричества нет, валит дым"."""
    if says_it(hit.pattern):
        return _nobody(hit, ws)
    before, farther = (_word(ws, hit.start - k, hit.start, starts) for k in (1, 2))
    after, beyond = (_word(ws, hit.end - 1 + k, hit.end - 1, starts) for k in (1, 2))
    return (
        before in NEGATIONS
        or ((before in _LINKS or _PRESENT_BEFORE.match(before)) and farther in NEGATIONS)
        or after in AFTER_NEGATIONS
        or (after == "не" and bool(_PRESENCE.match(beyond)))
        or bool(_NEGATIVE_VERB.match(after))
        or (hit.end - hit.start > 2 and ws[hit.end - 2] in NEGATIONS)
        or _negative_stem(_tokens(hit.pattern)[-1], ws[hit.end - 1])
    )


def _negative_stem(token: str, word: str) -> bool:
    """A Kazakh verb that a pattern's stem matched, negated after the stem ("ұшқын*"
    in "ұшқындамайды")."""
    if not token.endswith("*"):
        return False
    stem = fold(token[:-1])
    return word.startswith(stem) and bool(_NEGATIVE_END.match(word[len(stem) :]))


_PARTICIPLE = ("ган", "ген", "кан", "кен")


def _nobody(hit: Hit, ws: Sequence[str]) -> bool:
    """A Kazakh "жоқ" that negates a person a participle tells of, not the state found
    before it: "есінен танған адам жоқ" is nobody who fainted."""
    if hit.end - hit.start < 3 or ws[hit.end - 1] != "жок" or "жоқ" not in hit.pattern:
        return False
    # The pattern's own word before "жоқ" ("қоршау* жоқ") is what has none.
    said = hit.pattern.split("жоқ")[0].replace("&", " ").split()
    owner = fold(said[-1].rstrip("*")) if said else ""
    return ws[hit.end - 3].endswith(_PARTICIPLE) and not ws[hit.end - 2].startswith(owner)
