"""Whether a post says that all is well where its author is ("у нас тепло",
"свет есть", "бізде бар", "лифт работает") rather than that something is wrong.

During an outage neighbours post to say theirs is not affected, or ask
whether it is ("Самалда су жоқ па? Жастарда бар"). Such a post is at the
problem's place and of its category, but it is not one more resident with the
problem: grouping never attaches it by itself (a moderator may).

A post is read clause by clause (split at punctuation): a clause that asks
(ends with "?", or its word is followed by a Kazakh question particle) states
nothing; a stated "there is none" in any clause makes the post a complaint;
otherwise a stated "there is" / "it works" makes it a report that all is well,
unless what "there is" is a trouble ("газ иісі бар", "есть яма"). Kazakh says
"without" with a suffix ("жылусыз", "сусыз") and "does not" in the verb
("жанбайды", "шығарылмады"): such a word is a complaint too.
A stated "it is back" ("свет дали", "жарық қосылды") says that a trouble is
over: one more voice of it as a thank-you, but not of another trouble there.
"""

from __future__ import annotations

import re
from itertools import pairwise

from bot.reading.normalize import clean, fold
from bot.reading.streets import word_set

# "There is / it works / it is fine", folded.
_WELL = word_set(
    "есть работает работают норм нормально нормальное нормальная тепло тёпло жарко отлично "
    "отличное чисто чистый чистая бар бары істейді истейди жылы таза"
)
# "There is none / it does not work": any of these stated makes a complaint.
_WRONG = word_set(
    "нет нету не без жоқ жок емес істемейді истемейди сломан сломался сломалась отключили "
    "отключен отключено отключена"
)
# "It is back / it was fixed", folded: the trouble a post speaks of is over.
_BACK = word_set(
    "дали дал дала включили включил включила включен включено восстановили восстановлено "
    "починили починил отремонтировали запустили заработал заработало заработала "
    "берді берди берілді берилди қосты косты қосылды косылды жөндеді жондеди "
    "пришло пришел пришла появилось появился появилась келді келди "
    # what was wrong was taken away: pumped out, cleared, filled in, carried off
    "откачали устранили прочистили почистили расчистили убрали вывезли засыпали заделали "
    "шығарды шыгарды тазалады тазартты жөнделді жонделди"
)
# What may be there that is itself a trouble (a smell, a hole, a leak, ice, pests),
# folded beginnings: "газ иісі бар", "есть запах", "шұңқыр бар", "есть течь".
_TROUBLE = (
    "иис", "запах", "вонь", "воня", "шункыр", "яма", "ямы", "выбоин", "дыр", "трещин",
    "теч", "протеч", "сосул", "гололед", "муз", "шум", "мусор", "кокыс", "собак",
    "крыс", "таракан", "плесен", "грибок", "опасн", "авари",
    "шулы", "шуыл", "громк",  # noise: "бар тағы шулы", "шуыл бар"
)  # fmt: skip
# The Kazakh "without" suffix, folded ("жылусыз", "жарыксыз", "сусыз"), and the
# words that only end like it (the polite "you" and the greeting).
_WITHOUT = ("сыз", "сиз")
_NOT_WITHOUT = word_set("сиз сыз сиздер салеметсиз салеметсизбе")
# A Kazakh verb said in the negative, folded: "жанбайды" (does not burn),
# "істемейді", "шығарылмады" (was not taken out).
_DOES_NOT = ("майды", "мейди", "байды", "бейди", "пайды", "пейди", "мады", "меди", "бады", "пады")
_PARTICLES = word_set("ма ме ба бе па пе ли")
_CLAUSE = re.compile(r"[^.,;!?…:()\n—–-]+[.,;!?…:()\n—–-]*")


def _lacks(word: str) -> bool:
    """Whether a folded ``word`` says "there is none": a word of ``_WRONG``, a
    Kazakh "without" ("жылусыз") or a Kazakh verb in the negative ("жанбайды")."""
    if word in _WRONG:
        return True
    if len(word) >= 6 and word.endswith(_DOES_NOT):
        return True
    return len(word) >= 5 and word.endswith(_WITHOUT) and word not in _NOT_WITHOUT


# Water, folded: the stem of "вода" and the Kazakh "су" in its forms; and "dry".
_WATER = "вод"
_SU = word_set("су суы суды суын сусыз")
_DRY = word_set("сухо сухой сухие сухая")


def _clauses(text: str) -> list[str]:
    return [found.group(0) for found in _CLAUSE.finditer(clean(text))]


def _asks(clause: str) -> bool:
    return clause.rstrip().endswith("?")


def _statements(text: str) -> list[list[str]]:
    """The folded words of each clause of ``text`` that does not ask."""
    return [fold(clause).split() for clause in _clauses(text) if not _asks(clause)]


def says_dry(text: str) -> bool:
    """Whether a clause of ``text`` that does not ask says that water is not
    there ("горячей воды нет", "су жоқ", "сусыз", "краны сухие"): a lack of
    water, not water where it should not be."""
    for ws in _statements(text):
        for i, word in enumerate(ws):
            if word in _DRY:
                return True
            # "не" alone is too loose: "вода не уходит" is a flood.
            near = ws[max(0, i - 2) : i + 3]
            water = word.startswith(_WATER) or word in _SU
            if water and any(_lacks(w) and w != "не" for w in near):
                return True
    return False


def all_is_well(text: str) -> bool:
    """Whether ``text`` only says that a service is there or working."""
    well = False
    for words in _statements(text):
        trouble = any(w.startswith(_TROUBLE) for w in words)
        for i, word in enumerate(words):
            asked = i + 1 < len(words) and words[i + 1] in _PARTICLES
            if asked:
                continue
            if _lacks(word):
                return False
            well = well or (word in _WELL and not trouble)
    return well


def says_back(text: str, only: bool = False) -> bool:
    """Whether ``text`` states, in a clause that neither asks nor complains, that
    something is back or fixed ("хотя свет в квартирах дали"); ``only``: and
    no clause of it complains ("дали, спасибо", not "дали, но лифт не работает")."""
    back = False
    for words in _statements(text):
        wrong = any(_lacks(w) for w in words)
        if wrong and only:
            return False
        back = back or (not wrong and any(w in _BACK for w in words))
    return back


# "Still" (folded): "әлі жоқ", "до сих пор нет", "пока нет", "всё ещё нет".
_STILL = word_set("али алиге алиде сих пока")
_STILL_PAIRS = (("все", "еще"), ("так", "и"))


def goes_on(text: str) -> bool:
    """Whether a clause of ``text`` that does not ask says that something is
    still missing ("бізде әлі жоқ", "до сих пор нет", "всё ещё не дали"): the
    trouble of an earlier voice goes on."""
    for ws in _statements(text):
        pairs = pairwise(ws)
        still = any(w in _STILL for w in ws) or any(p in _STILL_PAIRS for p in pairs)
        if still and any(_lacks(w) for w in ws):
            return True
    return False


def questions(text: str) -> list[str]:
    """The clauses of ``text`` that ask ("горячей воды тоже нет или только отопление?")."""
    return [clause for clause in _clauses(text) if _asks(clause)]


def complains(text: str) -> bool:
    """Whether a clause of ``text`` that does not ask says that something is
    missing or broken ("бизде жок" after "жарык жок пе?")."""
    return any(_lacks(w) for words in _statements(text) for w in words)
