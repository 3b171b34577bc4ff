"""The district's street list: canonical names of streets, avenues,
microdistricts and residential complexes, looked up by any of the ways
residents write them (aliases, case endings, misspellings)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from bot.reading.normalize import fold, stem

KINDS = ("street", "avenue", "microdistrict", "residential_complex", "lane", "boulevard")
FUZZY_CUTOFF = 90  # rapidfuzz ratio of stems for a misspelt name ("Кенисары", "Богенбая")


@dataclass(frozen=True, slots=True)
class Street:
    name: str
    kind: str
    known: bool = True  # from the list, or taken by its form


@dataclass(frozen=True, slots=True)
class Address:
    """A place a post names: ``key`` compares equal for the same house however
    it was written ("кенесары 40")."""

    street: Street
    house: str | None
    # The street's name as the post wrote it ("Молодёжном"): words of a place,
    # not of what the post is about.
    written: str = field(default="", compare=False)

    @property
    def text(self) -> str:
        return f"{self.street.name}, {self.house}" if self.house else self.street.name

    @property
    def key(self) -> str:
        return (
            f"{fold(self.street.name)} {fold(self.house)}".strip()
            if self.house
            else fold(self.street.name)
        )


@lru_cache(maxsize=8192)
def _name(word: str) -> str:
    """A name without its case ending and its "-ов/-ин" ("Ауэзов", "Ауэзова",
    "Ауэзову" alike; "Кенесары", "Кенесарина" alike)."""
    word = stem(word)
    for suffix in ("ов", "ев", "ин", "ын", "й"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _key(folded_words: Iterable[str]) -> str:
    return " ".join(_name(w) for w in folded_words)


class StreetList:
    """The district's streets, looked up by any of their names and forms."""

    def __init__(self, rows: Iterable[tuple[str, Iterable[str], str]]) -> None:
        self._by_key: dict[str, Street] = {}
        self._choices: dict[str, Street] = {}
        self._namesakes: dict[str, list[Street]] = {}
        self._first: set[str] = set()  # first words of every name, for a quick "no"
        self.longest = 1
        for name, aliases, kind in rows:
            street = Street(name, kind if kind in KINDS else "street")
            for form in (name, *aliases):
                self.add(form, street)

    def add(self, form: str, street: Street) -> None:
        """One more way to write ``street`` (a moderator's correction)."""
        words = fold(form).split()
        if not words:
            return
        # "ЖК Керемет", "мкр Самал", "проспект Мира": the kind word is not the
        # name, but it tells "Кирпичный переулок" from "Кирпичная".
        core = [w for w in words if w not in MARKERS] or words
        for variant in (words, core):
            self._by_key.setdefault(_key(variant), street)
            self._first.add(_name(variant[0]))
            self.longest = max(self.longest, len(variant))
        # A name the stemmer cuts too far ("Жастар" to "жас", as a Kazakh plural) is
        # also known whole, so that its Russian cases ("в Жастаре") find it.
        if len(core) == 1 and _name(core[0]) != core[0]:
            self._by_key.setdefault(core[0], street)
            self._first.add(core[0])
        self._choices.setdefault(_key(core), street)
        same = self._namesakes.setdefault(_key(core), [])
        if street not in same:
            same.append(street)

    def namesakes(self, folded_words: list[str]) -> list[Street]:
        """Every listed place whose name, without its kind word, is these
        words: "Кирпичная" and "Кирпичный переулок", "Целинная" and "мкр Целинный"."""
        return self._namesakes.get(_key(w for w in folded_words if w not in MARKERS), [])

    def may_start(self, folded_word: str) -> bool:
        """Whether some name in the list starts with this word."""
        return _name(folded_word) in self._first

    def exact(self, folded_words: list[str]) -> Street | None:
        return self._by_key.get(_key(folded_words))

    @lru_cache(maxsize=4096)  # noqa: B019 (one list per desk, kept for its life)
    def fuzzy(self, folded: str) -> Street | None:
        from rapidfuzz import fuzz, process

        if len(folded) < 5:
            return None
        found = process.extractOne(
            _key(folded.split()), self._choices.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        return self._choices[found[0]] if found else None

    @classmethod
    def load(cls, path: Path | None = None) -> StreetList:
        """The list at ``path`` (``name``, ``aliases`` separated by ``|``,
        ``kind``; tab-separated with a header), or the shipped one."""
        if path is None:
            text = resources.files("bot.reading").joinpath("data/streets.tsv").read_text("utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        rows = []
        for row in csv.DictReader(text.splitlines(), delimiter="\t"):
            name = (row.get("name") or "").strip()
            if name:
                aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
                rows.append((name, aliases, (row.get("kind") or "street").strip()))
        return cls(rows)


@lru_cache(maxsize=4)
def street_list(path: str | None = None) -> StreetList:
    """The street list, read once per path."""
    return StreetList.load(Path(path) if path else None)


def word_set(words: str) -> frozenset[str]:
    """The folded words of ``words``, as a set."""
    return frozenset(fold(words).split())


# Words that say "a street (avenue, microdistrict …) is named here", folded.
MARKERS = word_set(
    "ул улица улице улицы улицу улицей көше көшесі көшесінде көшесіндегі кошеси кошесинде "
    "кошеде көшеде коши пр пр-т просп проспект проспекта проспекте даңғылы дангылы даңғылында "
    "даңғылындағы мкр "
    "микрорайон микрорайоне мкрн ықшамауданы шағынауданы шагынауданы ықшам жк жилой комплекс "
    "комплекс тк пер переулок переулке переулка переулку переулком тұйығы тупик бульвар б-р "
    "бульвары шоссе тас жолы массив- "
)

# Capitalised words that start sentences, not names of streets.
COMMON = word_set(
    "во в на у по из за от до с со и а но да не нет уже ещё еще это там тут здесь сегодня "
    "вчера завтра сейчас просим прошу помогите здравствуйте добрый день салам сәлеметсіз "
    "саламатсыздар уважаемые уважаемый жители район района города город аким акимат кск оси "
    "ты вы мы они он она наш наша наши мой моя біз сіз бұл осы мен ол бүгін кеше ертең қазір "
    "казир январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь "
    "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсаны "
    "понедельник вторник среда четверг пятница суббота воскресенье срочно внимание люди "
    "соседи сосед все всё мектеп мектебі школа "
)
