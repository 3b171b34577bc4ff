"""The other ways a post's words can be read by the spam vocabulary.

The vocabulary is matched on the folded text (``fold``), where punctuation
separates words. A spammer splits a word with symbols so a filter misses it
("Зараб*тай на кр.и.п.т.е"); a neighbour's keyboard breaks a word at the end of
a line ("вложе-ний"); a Kazakh or Russian post typed in Latin letters ("kerek
bolsa jazyndar", "spravka, diplom") says in Latin letters what the vocabulary
lists in Cyrillic. Each function here gives the text read again that way, for
the vocabulary only: the classifier's features and the other checks see the
post as typed.

A symbol for a letter is a disguise only when the word it hides is spam's
(the checks compare the topics found): a resident censors a swear word the
same way ("п*здец какой-то").
"""

from __future__ import annotations

import re

from bot.reading.normalize import fold
from bot.reading.translit import spelt

# A symbol standing for a letter inside a word: "Зараб*тай", "к#зино".
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[*#]+(?=[^\W\d_])")
# A word split by dots or stars between single letters: "кр.и.п.т.е", "о.д.о.б.р.е.н.и.е";
# three or more single letters, so "т.е.", "ул.Абая", "А.Б.Ахметов" do not count.
_DOTTED = re.compile(r"(?<![\w.*])[^\W\d_]{1,3}(?:[.*][^\W\d_]){3,}(?![\w])")
# A hyphen inside a word (letters on both sides), a line break's or a disguise's.
_HYPHEN_IN_WORD = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
# The letters a symbol most often stands for.
_VOWELS = "оаеиу"

# Kazakh's Latin alphabets and chat spellings, before a word is spelt in Cyrillic.
_KAZAKH_LATIN = str.maketrans(
    {"ǵ": "g", "ú": "u", "ı": "i", "ó": "o", "á": "a", "ń": "n", "ý": "y", "ş": "sh", "ç": "ch"}
)
_LATIN = re.compile(r"[a-z]")
# Common English little words: two of them and a post is English, not typed in Latin letters.
_ENGLISH = frozenset(
    (  # noqa: SIM905
        "the a an is are am i you we my me your to for of in on and with this that it here"
        " please hi hello dear who what can not do"
    ).split()
)


def unhidden(text: str) -> list[str]:
    """``text`` folded with the symbols inside its words undone (dots and
    stars between single letters dropped, a star read as each vowel in turn);
    empty when no word is split by a symbol."""
    if not (_SYMBOL_IN_WORD.search(text) or _DOTTED.search(text)):
        return []
    joined = _DOTTED.sub(lambda m: re.sub(r"[.*]", "", m.group(0)), text)
    joined = _HYPHEN_IN_WORD.sub("", joined)
    if not _SYMBOL_IN_WORD.search(joined):
        return [fold(joined)]
    return [fold(_SYMBOL_IN_WORD.sub(vowel, joined)) for vowel in _VOWELS]


def unbroken(text: str) -> str | None:
    """``text`` folded with the hyphens inside its words dropped ("вложе-ний"
    read "вложений"), None when it has none. A hyphen is a resident's
    punctuation ("кое-что", "из-за"): no disguise."""
    if not _HYPHEN_IN_WORD.search(text):
        return None
    return fold(_HYPHEN_IN_WORD.sub("", text))


def in_cyrillic(folded: str) -> str | None:
    """A ``fold``-ed post's words typed in Latin letters spelt in Cyrillic
    ("kerek bolsa jazyndar" → "керек болса жазындар"), None when it has none or
    it is English (two of its words are English little words)."""
    if not _LATIN.search(folded):
        return None
    ws = folded.translate(_KAZAKH_LATIN).split(" ")
    if sum(1 for w in ws if w in _ENGLISH) >= 2:
        return None
    return " ".join(spelt(w) for w in ws)


# A Telegram link written apart so a link filter misses it: "t . me / name",
# "t(.)me/name", "t dot me/name", "т.ме/name" in Cyrillic letters. The name
# after the slash makes it a link: "т. е." or "т.м." in a sentence has none.
_SPACED_TELEGRAM = re.compile(
    r"(?<![\w@/.])(?:t|т|telegram)\s*(?:[.,·•]|\(\s*\.\s*\)|\[\s*\.\s*\]|\s(?:dot|точка)\s)"
    r"\s*[mм][eе]\s*/\s*(\+?[A-Za-z0-9_]{3,})",
    re.IGNORECASE,
)


def telegram_links(text: str) -> list[str]:
    """The Telegram links in ``text`` written apart, each as ``t.me/name``."""
    return [f"t.me/{m.group(1)}" for m in _SPACED_TELEGRAM.finditer(text)]
