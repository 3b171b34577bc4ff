"""Where an appeal is: the street (or microdistrict, residential complex) and
the house a post names, matched against the district's street list.

Residents write a place in many forms: "ул. Кенесары 40", "Кенесары көшесі
40", "пр. Республики 12/1", "Жеңіс даңғылы 7", "д. 40 по Кенесары", "40-й
дом на Кенесары", "мкр Самал 12", "ЖК Керемет", with or without "ул.", with
Kazakh or Russian endings ("по Московской", "Сарыарқа 6") and misspellings
("Кенисары"). The street list (``data/streets.tsv`` by default, replaceable
through the config) gives the canonical names; a street missing from it is
still taken by its form: a street word next to a capitalised name, or a
capitalised name followed by a house number. Apartment, entrance, floor,
block, school, route and phone numbers are never the house.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.reading import house_words as hw
from bot.reading.normalize import clean, fold
from bot.reading.streets import COMMON, MARKERS, Address, Street, StreetList, street_list, word_set

__all__ = ["Address", "AddressReader", "Street", "StreetList", "street_list"]


_BY = frozenset({"по", "на"})
_TOKEN = re.compile(
    r"(?P<num>(?<!\d[.,])(?<![\d:+])\d{1,4}(?:\s?/\s?\d{1,3})?(?:-?[А-ЯA-Zа-яa-zӘә](?![\w]))?)"
    # A time ("10:30", "10.00") is not a house, but a house may end a phrase ("Кенесары 40: …").
    r"(?!\d|[:.]\d)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<mark>[-–—:,.;!?()/№])"
)
_ORDINAL = re.compile(r"^(\d{1,4})-?(?:й|ый|ой|ші|шы|ши)$")


@dataclass(frozen=True, slots=True)
class _Token:
    raw: str
    folded: str
    number: bool
    capital: bool
    glued: bool = False  # no space before it


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    end = -1
    for m in _TOKEN.finditer(clean(text)):
        raw, glued, end = m.group(0), m.start() == end, m.end()
        if m.group("mark"):
            out.append(_Token(raw, raw, False, False, glued))
        else:
            num = m.group("num") is not None
            out.append(_Token(raw, fold(raw), num, raw[:1].isupper(), glued))
    return out


def _house(raw: str) -> str:
    """ "12 / 1" → "12/1", "5а" / "5-A" → "5А"."""
    value = re.sub(r"\s+", "", raw).replace("-", "")
    letter = value[-1:]
    if letter.isalpha():
        value = value[:-1] + letter.upper().translate(str.maketrans("ABCEHKMOPTX", "АВСЕНКМОРТХ"))
    return value


_SKIP_TO_HOUSE = frozenset({",", ":", "возле", "около", "рядом", "у", "напротив", "№"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    street: Street
    start: int
    end: int
    house: str | None


def _house_after(tokens: list[_Token], end: int) -> str | None:
    at = end
    for _ in range(4):
        if at >= len(tokens):
            return None
        tok = tokens[at]
        if tok.number:
            nxt = tokens[at + 1].folded if at + 1 < len(tokens) else ""
            # "ЖК Комфорт, 2 подъезд": after a comma, a number of an entrance or a flat.
            if at > end and tokens[at - 1].raw == "," and nxt in hw.PART_OF_HOUSE:
                return None
            return _valid_house(tokens, at, right_after=at == end)
        if tok.folded in MARKERS or tok.folded in hw.HOUSE_WORDS or tok.raw in _SKIP_TO_HOUSE:
            at += 1
            continue
        if tok.folded in _SKIP_TO_HOUSE or tok.raw == ".":
            at += 1
            continue
        return None
    return None


def _valid_house(tokens: list[_Token], at: int, right_after: bool = False) -> str | None:
    """``right_after``: the number follows the street's name, where a Kazakh
    case ending written apart ("Кривогуза 19 да жарық жоқ") or a Russian "не"
    ("Богенбай батыра 60 не убран") leaves it the house."""
    tok = tokens[at]
    if _ORDINAL.match(tok.raw):
        return None
    before = tokens[at - 1].folded if at > 0 else ""
    if before in hw.NOT_HOUSE_BEFORE or before in {"+", "минус"}:
        return None
    nxt = tokens[at + 1] if at + 1 < len(tokens) else None
    if nxt is not None:
        if nxt.folded in hw.NOT_HOUSE_AFTER and not (right_after and nxt.folded in hw.CASE):
            return None
        # "3-подъезд", "2-де" (but "10-үй" and "40-шы үй" are house 10 and 40).
        if nxt.raw == "-" and at + 2 < len(tokens) and tokens[at + 2].folded not in hw.HOUSE_WORDS:
            third = tokens[at + 3].folded if at + 3 < len(tokens) else ""
            if not (_ORDINAL.match("1" + tokens[at + 2].raw.lower()) and third in hw.HOUSE_WORDS):
                return None
        # "Жұлдыз ЖК 3 подъезд" (but "Абая 40 подъезд 2", "Абая 4 подъезд алдында": house).
        after = tokens[at + 2] if at + 2 < len(tokens) else None
        complex_ = before in ("жк", "тк") or not right_after
        if nxt.folded in hw.ENTRANCE and complex_ and not (after and after.number):
            return None
        # A run of numbers is a phone number.
        if nxt.number and at + 2 < len(tokens) and tokens[at + 2].number:
            return None
    return _house(tok.raw)


def _house_said(tokens: list[_Token]) -> str | None:
    """A number that a house word follows, after "у"/"от" or with a Kazakh ordinal
    ("у 30 дома", "40-шы үйінде"); not "3 дома без света" (three houses)."""
    for at in range(1, len(tokens) - 1):
        tok, after = tokens[at], at + 1
        if not tok.number or tokens[at - 1].folded in hw.NOT_HOUSE_BEFORE:
            continue
        ordinal = tokens[after].raw == "-" and _ORDINAL.match("1" + tokens[after + 1].raw.lower())
        after += 2 if ordinal and after + 2 < len(tokens) else 0
        said = tokens[after].folded in hw.HOUSE_SAID
        if said and (ordinal or tokens[at - 1].folded in hw.NEAR_HOUSE):
            return _house(tok.raw)
    return None


def _house_follows(tokens: list[_Token], at: int) -> bool:
    """Whether a house is named right after ``at``: "мкр 14", ", дом 9", "үй 5"."""
    if at < len(tokens) and tokens[at].raw == ",":
        at += 1
    if at + 1 >= len(tokens) or not tokens[at + 1].number:
        return False
    word = tokens[at].folded
    return word in hw.HOUSE_WORDS or (word in MARKERS and word in hw.DISTRICT)


# What kind of place a word beside a name says it is.
_KIND_OF = {
    **dict.fromkeys(word_set("пер переулок переулке переулка переулку переулком тупик"), "lane"),
    **dict.fromkeys(word_set("жк тк комплекс"), "residential_complex"),
    **dict.fromkeys(
        word_set("мкр мкрн микрорайон микрорайоне ықшамауданы шағынауданы"), "microdistrict"
    ),
}
# A masculine adjective's endings ("Целинный", "в Кирпичном"): not "улица".
_MASCULINE = re.compile(r"(?:ый|ий|ого|его|ому|ему|ом|ем|ым|им)(?:\s|$)")


def _house_before(tokens: list[_Token], start: int) -> str | None:
    """ "д. 40 по Кенесары", "дом 9 по Ауэзова", "40-й дом на Кенесары", "дом 6 Брусиловского"."""
    at = start - 1
    while at >= 0 and tokens[at].folded in MARKERS:  # "дом 12 по улице Абая"
        at -= 1
    if at >= 0 and tokens[at].folded in _BY:
        at -= 1
    if at < 1:
        return None
    tok, prev = tokens[at], tokens[at - 1]
    if tok.number and prev.folded in ("номер", "№") and at >= 2:  # "дом номер 7 по …"
        prev = tokens[at - 2]
    if tok.folded in hw.HOUSE_WORDS:
        if not prev.number:
            return None
        ordinal = _ORDINAL.match(prev.raw)
        return ordinal.group(1) if ordinal else _house(prev.raw)
    if tok.number and (
        prev.folded in hw.HOUSE_WORDS
        or (prev.raw == "." and at >= 2 and tokens[at - 2].folded in hw.HOUSE_WORDS)
    ):
        ordinal = _ORDINAL.match(tok.raw)  # "дом 40-й на Биржан сал"
        return ordinal.group(1) if ordinal else _house(tok.raw)
    return None


class AddressReader:
    """Finds the address a post names, against one street list."""

    def __init__(self, streets: StreetList, common: frozenset[str] = frozenset()) -> None:
        self.streets = streets
        self.common = COMMON | common

    def read(self, text: str) -> Address | None:
        tokens = _mark_hyphens(_tokens(text))
        known = self._known(tokens)
        covered = {i for c in known for i in range(c.start, c.end)}
        found = known + self._by_form(tokens, covered)
        if not found:
            return None
        best = min(found, key=lambda c: (c.house is None, not c.street.known, c.start))
        if best.house is None:
            best = _Candidate(best.street, best.start, best.end, _house_said(tokens))
        written = " ".join(t.raw for t in tokens[best.start : best.end])
        return Address(best.street, best.house, written)

    def _plausible(self, tokens: list[_Token], start: int, end: int) -> bool:
        first = tokens[start]
        before = tokens[start - 1].folded if start > 0 else ""
        after = tokens[end] if end < len(tokens) else None
        return (
            (first.capital and first.folded not in self.common)
            or before in MARKERS
            or (after is not None and (after.folded in MARKERS or after.number))
        )

    def _known(self, tokens: list[_Token]) -> list[_Candidate]:
        out: list[_Candidate] = []
        i = 0
        while i < len(tokens):
            match = self._match_at(tokens, i)
            if match is None:
                i += 1
                continue
            street, end = match
            if self._plausible(tokens, i, end) or _district_said(street, tokens, i, end):
                house = _house_after(tokens, end) or _house_before(tokens, i)
                out.append(_Candidate(street, i, end, house))
            i = end
        return out

    def _match_at(self, tokens: list[_Token], i: int) -> tuple[Street, int] | None:
        if tokens[i].number or not tokens[i].folded.isalpha():
            return None
        if tokens[i].folded in MARKERS:
            # A marker that is part of a listed name ("Бульвар Сарыарка", not the avenue).
            return self._named_with_marker(tokens, i)
        if not self.streets.may_start(tokens[i].folded):
            return self._misspelt(tokens, i)
        for n in range(min(self.streets.longest, 3), 0, -1):
            span = tokens[i : i + n]
            if len(span) < n or any(not t.folded.isalnum() for t in span):
                continue
            street = self.streets.exact([t.folded for t in span])
            if street is None:
                continue
            # "Сарыарқа 2" is the avenue and its house; "Сарыарка-2" the microdistrict,
            # and so is "Сарыарка 2 мкр 14" or "Самал 1, дом 9", where the house follows.
            if (
                n > 1
                and span[-1].number
                and not span[-1].glued
                and not _house_follows(tokens, i + n)
                and not (i + n < len(tokens) and tokens[i + n].folded in hw.DISTRICT)
            ):
                shorter = self.streets.exact([t.folded for t in span[:-1]])
                if shorter is not None:
                    return shorter, i + n - 1
            return self._namesake(tokens, i, i + n, street), i + n
        return self._misspelt(tokens, i)

    def _namesake(self, tokens: list[_Token], start: int, end: int, street: Street) -> Street:
        """Of places with one name, the one the kind word beside it names
        ("в Кирпичном переулке", "мкр Целинный"), else the one of its gender
        ("на Целинном" is not "Целинная")."""
        same = self.streets.namesakes([t.folded for t in tokens[start:end]])
        if len(same) < 2:
            return street
        beside = {tokens[j].folded for j in (start - 1, end) if 0 <= j < len(tokens)}
        kinds = {_KIND_OF[w] for w in beside if w in _KIND_OF}
        masculine = bool(_MASCULINE.search(tokens[start].folded))
        return next(
            (s for s in same if s.kind in kinds),
            next((s for s in same if bool(_MASCULINE.search(fold(s.name))) == masculine), street),
        )

    def _named_with_marker(self, tokens: list[_Token], i: int) -> tuple[Street, int] | None:
        for n in range(min(self.streets.longest, 3), 1, -1):
            span = tokens[i : i + n]
            if len(span) == n and all(t.folded.isalpha() for t in span):
                street = self.streets.exact([t.folded for t in span])
                if street is not None and fold(street.name) == " ".join(t.folded for t in span):
                    return street, i + n
        return None

    def _misspelt(self, tokens: list[_Token], i: int) -> tuple[Street, int] | None:
        # A misspelt name ("Кенисары", "Богенбая"): only a word that could be a
        # name is compared with the list, which is the costly part of reading.
        tok = tokens[i]
        if (
            len(tok.folded) >= 5
            and tok.folded not in self.common
            and self._plausible(tokens, i, i + 1)
            and not _is_word(tok.folded)
        ):
            street = self.streets.fuzzy(tok.folded)
            if street is not None:
                return street, i + 1
        return None

    def _by_form(self, tokens: list[_Token], covered: set[int]) -> list[_Candidate]:
        out: list[_Candidate] = []
        for i, tok in enumerate(tokens):
            if tok.number or not tok.folded.isalpha() or not tok.capital or i in covered:
                continue
            if tok.folded in self.common or tok.folded in MARKERS or _is_word(tok.folded):
                continue
            before = tokens[i - 1].folded if i > 0 else ""
            end = i + 1
            # "Акан серы көшесі": a second, lower-case word of the name before the marker.
            if (
                end + 1 < len(tokens)
                and tokens[end].folded.isalpha()
                and tokens[end + 1].folded in MARKERS
                and tokens[end].folded not in MARKERS
            ):
                end += 1
            after = tokens[end] if end < len(tokens) else None
            marked = before in MARKERS or (after is not None and after.folded in MARKERS)
            house = _house_after(tokens, end)
            if marked or house:
                name = " ".join(t.raw for t in tokens[i:end])
                if end == i + 1 and before in _BY:
                    name = _nominative(name)
                out.append(_Candidate(Street(name, "street", known=False), i, end, house))
        return out


# A street named by an adjective, declined after "на"/"по" ("на Кубанской 5"):
# its name is the nominative, feminine as "улица" is.
_DECLINED = re.compile(r"(?<=\w\w)(ск|цк|н|в)ой$")


def _district_said(street: Street, tokens: list[_Token], start: int, end: int) -> bool:
    """A microdistrict in lower case after "в" or with a Kazakh case ending ("у нас в самале",
    "самалда"); not one named by an adjective or an ordinary word ("в молодежном центре")."""
    word, name = tokens[start].folded, fold(street.name)
    if street.kind != "microdistrict" or end - start != 1 or name in hw.ORDINARY:
        return False
    after_v = start > 0 and tokens[start - 1].folded in ("в", "во")
    return not _MASCULINE.search(name) and (after_v or word[len(name) :] in hw.CASE)


def _nominative(name: str) -> str:
    return _DECLINED.sub(r"\1ая", name)


def _mark_hyphens(tokens: list[_Token]) -> list[_Token]:
    """Drop a hyphen inside a name ("Коктал-1", "Сары-Арка") but keep one
    between a number and a word ("3-подъезд", "2-де"), which says what the
    number is."""
    out: list[_Token] = []
    for i, tok in enumerate(tokens):
        if tok.raw in "-–—" and tok.raw:
            prev = tokens[i - 1] if i > 0 else None
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            glued = tok.glued and nxt is not None and nxt.glued
            if prev is not None and prev.number and nxt is not None and not nxt.number and glued:
                out.append(tok)
            continue
        out.append(tok)
    return out


def _is_word(folded: str) -> bool:
    """Whether a capitalised word is an ordinary word of appeals (a subject
    such as "Автобус", "Подъезд", "Лифт"), so not a street's name."""
    from bot.reading.category import LEXICON

    return LEXICON.names_alone(folded)
