"""Russian and Kazakh typed in Latin letters, read in Cyrillic.

A resident whose phone has no Cyrillic keyboard writes "vodi net vo vsem dome",
"lift opyat zastryal" or "su jok, jylu jok". The reader's word lists are in
Cyrillic, so before it matches words it may call ``cyrillic(words)``: each word
typed in Latin letters is spelt again in Cyrillic, digraphs first ("shch", "sh",
"ch", "zh", "ya", "yu"), then letter by letter, with the Kazakh chat spellings
("j" for ж, "q" for к, "w" for ш).

It is an opt-in step of the reader only. ``normalize.fold`` is unchanged, so the
spam checks and the address reader see the words as typed (a Latin street or a
complex's name, English spam words). A post is transliterated only when it is
in a Cyrillic language: it has Cyrillic letters, or at least two of its Latin
words are, spelt in Cyrillic, common Russian or Kazakh little words ("net",
"vo", "opyat", "jok"). English text never is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

__all__ = ["cyrillic", "spelt"]

# Longest first, so "shch" is not read as "sh" + "ch".
_DIGRAPHS = (
    ("shch", "щ"),
    ("sch", "щ"),
    ("sh", "ш"),
    ("sw", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("gh", "г"),
    ("ya", "я"),
    ("yu", "ю"),
    ("yo", "е"),
    ("iy", "ий"),
    ("yy", "ый"),
    ("yj", "ый"),
)
_LETTERS = dict(
    zip(
        "abvgdezijklmnoprstufhcyxqw",
        "абвгдезижклмнопрстуфхцыхкш",
        strict=True,
    )
)
_LATIN_WORD = re.compile(r"[a-z]+")
# Common little words of Russian and Kazakh (in Cyrillic): two of them among a
# post's Latin words say it is Russian or Kazakh typed in Latin letters.
_MARKERS = frozenset(
    (  # noqa: SIM905
        "в не нет на во по уже опят опять кто что как есть без из от для все всем весь вся"
        " дома подъезд помогите срочно пожалуйста здесь тут там сегодня"
        " газ пожар горит запах вода воды свет света су дом этаж внутри застрял застряли"
        " ребенок дети квартире подъезде"
        " жок жане тез уй уйде керек бизде бизге жатыр тур"
        " биз болды калды кетти екен сагат"
    ).split()
)
_MIN_MARKERS = 2
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=4096)
def spelt(word: str) -> str:
    """A lower-case Latin word spelt in Cyrillic: "zastryal" → "застрял",
    "pozhar" → "пожар", "jok" → "жок". Other words are returned as they are."""
    if not _LATIN_WORD.fullmatch(word):
        return word
    out: list[str] = []
    i = 0
    while i < len(word):
        for latin, cyr in _DIGRAPHS:
            if word.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(_LETTERS[word[i]])
            i += 1
    return "".join(out)


def _in_cyrillic_language(ws: Sequence[str]) -> bool:
    if any(_CYRILLIC.search(w) for w in ws):
        return True
    found = {spelt(w) for w in ws if _LATIN_WORD.fullmatch(w)} & _MARKERS
    return len(found) >= _MIN_MARKERS


def cyrillic(ws: Sequence[str]) -> list[str]:
    """Folded words with those typed in Latin letters spelt in Cyrillic, when
    the post is Russian or Kazakh; otherwise the words as they are."""
    if not any(_LATIN_WORD.fullmatch(w) for w in ws) or not _in_cyrillic_language(ws):
        return list(ws)
    return [spelt(w) for w in ws]
