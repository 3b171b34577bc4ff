"""The one normaliser for residents' words, in Russian and Kazakh.

Everything that reads what residents write (category, address, urgency, the
spam checks) matches on ``fold(text)``: one lower-case Cyrillic alphabet in
which Kazakh typed with Russian letters ("жылу жок") and Kazakh proper
("жылу жоқ") are the same string, Latin look-alikes inside Cyrillic words
("пoжар" with a Latin o) are Cyrillic again, and punctuation, zero-width
characters and runs of spaces are gone.

The API is small and stable:

- ``clean(text)``: case and punctuation kept; invisible characters removed,
  look-alikes inside Cyrillic words made Cyrillic, spaces collapsed. For
  parsing that needs the form (house numbers such as "12/1", capitals).
- ``fold(text)``: the matching form described above.
- ``words(text)``: the folded words, in order.
- ``stem(word)``: a folded word without its Russian ending or Kazakh suffixes.
- ``stems(text)``: ``stem`` of each word.
- ``mixed_script_words(text)``: how many words mix Latin and Cyrillic letters.
- ``ticket_code(text)``: a ticket code typed with Cyrillic letters ("Н-42",
  "а 17") in the desk's Latin form ("H-42", "A-17").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["clean", "fold", "mixed_script_words", "stem", "stems", "ticket_code", "words"]

# Characters that render as nothing (or as a space) and are used to split a
# word so that a keyword filter misses it.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
        "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
        "\u3164\ufeff\uffa0",
    ),
    None,
)
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# Latin letters that look like Cyrillic ones: replaced only inside a word that
# already has a Cyrillic letter, so "WiFi" and "ЖК Comfort" stay as written.
_LOOKALIKE = str.maketrans(
    "AaBCcEeHKkMOoPpTXxYyiI",
    "АаВСсЕеНКкМОоРрТХхУуіІ",
)
# The other Latin letters, by their sound, once the look-alikes are done: a word
# that mixes the two alphabets is a Cyrillic word with a letter typed on the
# other layout ("Dома", "гоrит"), not a Latin one.
_BY_SOUND = str.maketrans(
    "bBdDfFgGhjJlLmnNqQrRsStuUvVwWzZ",
    "бБдДфФгГхжЖлЛмнНкКрРсСтуУвВшШзЗ",
)
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[\w\u0300-\u036f]+")

# Kazakh letters to the Russian letter a resident types in their place, and ё.
_FOLD = str.maketrans(
    {
        "ә": "а",
        "і": "и",
        "ң": "н",
        "ғ": "г",
        "қ": "к",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "ё": "е",
        # Ukrainian and Belarusian look-alikes that keyboards produce.
        "ї": "и",
        "ў": "у",
    }
)
# Anything that is not a letter or a digit separates words when matching.
_NON_WORD = re.compile(r"[^\w]+|_+")
# A letter held by shouting ("ГАААЗ", "водааа"): no word of either language has three in a row.
_HELD = re.compile(r"([^\W\d_])\1{2,}")


def _unlook(match: re.Match[str]) -> str:
    word = match.group(0)
    if _LATIN.search(word) and _CYRILLIC.search(word):
        return word.translate(_LOOKALIKE).translate(_BY_SOUND)
    return word


def clean(text: str) -> str:
    """``text`` with invisible characters removed, Latin look-alikes inside
    Cyrillic words made Cyrillic and whitespace runs made one space. Case,
    punctuation and digits are kept."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _WORD.sub(_unlook, text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """The matching form: ``clean(text)``, lower case, ё→е, Kazakh letters
    folded to the Russian ones typed in their place (ә→а, і→и, ң→н, ғ→г, қ→к,
    ө→о, ұ/ү→у, һ→х), a letter held three times or more written once, punctuation
    replaced by spaces, one space between words."""
    text = _HELD.sub(r"\1", clean(text).casefold().translate(_FOLD))
    return _NON_WORD.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    folded = fold(text)
    return folded.split(" ") if folded else []


# Kazakh suffixes in their folded form, longest first within each layer. A
# word loses at most one case ending, one possessive and one plural, in that
# order (suffixes stack right to left: бала-лар-ымыз-дан).
def _split(spaced: str) -> tuple[str, ...]:
    return tuple(spaced.split())


_KK_CASE = _split(
    "ынан инен нан нен дан ден тан тен ында инде нда нде ында инде "
    "ына ине на не га ге ка ке да де та те ны ни ды ди ты ти "
    "нын нин дын дин тын тин мен бен пен"
)
_KK_POSSESSIVE = _split("ымыз имиз мыз миз ыныз иниз ныз низ сы си ым им ы и м")
_KK_PLURAL = _split("лар лер дар дер тар тер")
# Russian inflectional endings, longest first.
_RU_ENDINGS = sorted(
    _split(
        "ами ями ого его ому ему ыми ими ыми ой ей ий ый ая яя ое ее ые ие ую юю "
        "ом ем ам ям ах ях ов ев ью ия ие ии "
        "ется ются ится ятся ешь ишь ет ит ут ют ат ят ем им ете ите ла ло ли ть ться "
        "лся лась лось лись ся сь ы и а я о е у ю ь"
    ),
    key=len,
    reverse=True,
)
_MIN_STEM = 3


# Kazakh case endings agree with the sound before them: -қа/-та/-тан after a
# voiceless consonant, -ға/-да/-дан after a vowel or a voiced one. Checking it
# keeps Russian words whole ("ножка" is not "нож" + dative).
_VOICELESS = frozenset("кпстфхцчшщ")
_VOICED_OR_VOWEL = frozenset("аеиоуыэюяйлмнрзжбвг")


def _agrees(stem: str, suffix: str) -> bool:
    if suffix[0] in "кт":
        return stem[-1] in _VOICELESS
    if suffix[0] in "дг":
        return stem[-1] in _VOICED_OR_VOWEL
    return True


def _strip(word: str, suffixes: tuple[str, ...], kazakh: bool = False) -> str:
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            rest = word[: -len(suffix)]
            if kazakh and not _agrees(rest, suffix):
                continue
            return rest
    return word


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A folded word without its ending: Russian inflection ("трубы",
    "трубой" → "труб") or stacked Kazakh suffixes ("өрттен" → "орт",
    "балаларымыздан" → "бала"). Never shorter than three letters; digits
    and short words are returned as they are. Give it a folded word."""
    if len(word) <= _MIN_STEM or not word.isalpha():
        return word
    kazakh = word
    for layer in (_KK_CASE, _KK_POSSESSIVE, _KK_PLURAL):
        kazakh = _strip(kazakh, layer, kazakh=True)
    russian = _strip(word, _RU_ENDINGS)
    # Whichever took more off: a Kazakh word rarely ends like a Russian one
    # for more than a letter, and the other way round.
    return kazakh if len(kazakh) < len(russian) else russian


def stems(text: str) -> list[str]:
    """``stem`` of each folded word of ``text``."""
    return [stem(w) for w in words(text)]


def mixed_script_words(text: str) -> int:
    """How many words of ``text`` mix Latin and Cyrillic letters: a sign of
    text disguised to slip past filters (before ``clean`` repairs it)."""
    count = 0
    for match in _WORD.finditer(unicodedata.normalize("NFC", text).translate(_INVISIBLE)):
        word = match.group(0)
        if _LATIN.search(word) and _CYRILLIC.search(word):
            count += 1
    return count


# Cyrillic letters a resident types for the Latin letter of a code prefix: the
# look-alikes first, then the letters a Russian keyboard puts for a Latin sound.
_CODE_LETTERS = str.maketrans("АВЕКМНОРСТХУЛДГПФИБЗ", "ABEKMHOPCTXYLDGPFIBZ")
_CODE = re.compile(r"(?<!\w)([A-Za-zА-Яа-яЁё]{1,3})\s?[-–—№#]?\s?(\d{1,9})(?!\w)")


def ticket_code(text: str) -> str | None:
    """The ticket code in ``text`` in the desk's form, whatever the keyboard:
    "Н-42", "н42", "h 42" → "H-42". None when there is none."""
    found = _CODE.search(clean(text))
    if found is None:
        return None
    prefix = found.group(1).upper().translate(_CODE_LETTERS)
    if not prefix.isascii():
        return None
    return f"{prefix}-{int(found.group(2))}"
