"""Signs that a text hides its words from a keyword filter.

A resident writes as they speak; a spammer who knows the chat is filtered
writes "Рaботa" with Latin letters, "З4РАБ0ТОК" with digits, "р а б о т а"
letter by letter, or splits a word with characters that render as nothing.
None of these depends on the words hidden, so they keep working when the
words change. The shared normaliser undoes the same tricks for reading
(``bot.reading.normalize.clean``); these functions count them on the raw text.
"""

from __future__ import annotations

import re

_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LOOKALIKE_LATIN = frozenset("AaBCcEeHKkMOoPpTXxYyiI")
_WORD = re.compile(r"\w+")

# Emoji and pictographs; variation selectors and joiners glue a run together.
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u203c\u2049\u2190-\u21ff\u2300-\u23ff]"
)
_EMOJI_GLUE = re.compile("[\ufe0f\u200d\U0001f3fb-\U0001f3ff ]")

# Characters that render as nothing, between two letters: a word split so a
# filter misses it. (A joiner between emoji is how skin tones and families
# are written, so only letters on both sides count.)
_INVISIBLE_IN_WORD = re.compile(r"(?<=\w)[\u00ad\u034f\u200b\u200c\u200d\u2060\ufeff]+(?=\w)")

# A word spelt letter by letter: "р а б о т а", "П-О-Д-Р-А-Б-О-Т-К-А", "Л.С.".
_SPACED = re.compile(r"(?<!\w)(?:\w(?: {1,3}|[-.*_·] ?)){4,}\w(?!\w)")

# Digits and signs standing for Cyrillic letters: "з4работок", "д0му", "Р@бота",
# "0плата". Between two Cyrillic letters, or a 0 or 3 opening a long Cyrillic
# word; "5-ти", "3х", "10го" have a short ending and no letter before the digit.
_DIGIT_FOR_LETTER = re.compile(
    r"[\u0400-\u04ff][0346@][\u0400-\u04ff]|(?<![\w-])[03][\u0400-\u04ff]{4,}", re.IGNORECASE
)


def longest_emoji_run(text: str) -> int:
    """The longest run of emoji, spaces and modifiers between them not counted."""
    best = run = 0
    for char in text:
        if _EMOJI.match(char):
            run += 1
            best = max(best, run)
        elif not _EMOJI_GLUE.match(char):
            run = 0
    return best


def disguised_words(text: str) -> int:
    """Words spelt in Cyrillic with some letters swapped for Latin look-alikes
    ("Рaботa"): every Latin letter in them could pass for a Cyrillic one. A
    Latin brand with a Kazakh ending ("Kaspiге") has other Latin letters and
    does not count. (The normaliser's ``mixed_script_words`` counts both.)"""
    count = 0
    for word in _WORD.findall(text):
        latin = _LATIN.findall(word)
        if latin and _CYRILLIC.search(word) and all(c in _LOOKALIKE_LATIN for c in latin):
            count += 1
    return count


def invisible_splits(text: str) -> int:
    """How many times an invisible character splits a word."""
    return len(_INVISIBLE_IN_WORD.findall(text))


def spelt_out(text: str) -> bool:
    """Whether a word is spelt letter by letter, with spaces, dashes or dots."""
    return bool(_SPACED.search(text))


def digits_for_letters(text: str) -> int:
    """How many places use a digit or ``@`` for a Cyrillic letter."""
    return len(_DIGIT_FOR_LETTER.findall(text))
