"""Word patterns over folded text: the vocabulary the rules of reading are written in.

A pattern is written the way a resident would write it, in Kazakh or Russian
letters (it is folded like the text):

- ``газ``: a word whose stem is the stem of "газ" ("газа", "газом", "газдан";
  not "газон", "газета");
- ``прорва*``: a word that starts so ("прорвало", "прорвалась");
- ``нет вод*``: words in this order, up to two other words between them
  ("нет горячей воды");
- ``су+бас*``: words next to each other, nothing between;
- ``лифт* & застр*``: every part within a few words of the first, in any order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.reading.normalize import fold, stem

GAP = 2  # words allowed between the words of a sequence
KNOWN_WORDS = 50000  # words whose atoms are remembered
WINDOW = 8  # words either side within which the parts of an "&" pattern must occur


@dataclass(frozen=True, slots=True)
class Hit:
    """One pattern found: its label and the span of words it covers."""

    label: str
    pattern: str
    start: int
    end: int  # exclusive


@dataclass(frozen=True, slots=True)
class _Sequence:
    atoms: tuple[int, ...]
    gaps: tuple[int, ...]  # words allowed before each atom after the first


@dataclass(frozen=True, slots=True)
class _Pattern:
    label: str
    text: str
    parts: tuple[_Sequence, ...]


# A stem's voiced last letter (``voicing``) is read back only before the possessive's
# vowel, with which every voiced form begins ("люгі", "қақпағының", folded "люги",
# "какпагынын"): "Волга" and "суға" are no "волк" or "сук".
_POSSESSIVE = frozenset("ыи")
_DEVOICED = {"г": "к", "б": "п"}


class Lexicon:
    """Labelled patterns, compiled once, scanned over a post's folded words."""

    def __init__(self, entries: Mapping[str, Iterable[str]], voicing: bool = False) -> None:
        # Kazakh voices a stem's last "к", "қ", "п" before a vowel ("люк" -> "люгі",
        # "қақпақ" -> "қақпағы"): with ``voicing`` a stem written so matches too.
        self._voicing = voicing
        self._prefix: dict[str, list[int]] = {}
        self._stem: dict[str, list[int]] = {}
        self._atoms: dict[tuple[str, str], int] = {}
        self._longest_prefix = 1
        # Residents' vocabulary is small: each word is looked up once.
        self._known: dict[str, frozenset[int]] = {}
        self.patterns: list[_Pattern] = []
        for label, patterns in entries.items():
            for text in patterns:
                parts = tuple(self._sequence(part) for part in text.split("&"))
                self.patterns.append(_Pattern(label, text, parts))
        # Which patterns can start from each atom (the first atom of their first part).
        self._alone = frozenset(
            p.parts[0].atoms[0]
            for p in self.patterns
            if len(p.parts) == 1 and len(p.parts[0].atoms) == 1
        )
        self._starts: dict[int, list[_Pattern]] = {}
        for pattern in self.patterns:
            self._starts.setdefault(pattern.parts[0].atoms[0], []).append(pattern)

    def _atom(self, word: str, prefix: bool) -> int:
        key = ("prefix", word) if prefix else ("stem", stem(word))
        if key not in self._atoms:
            self._atoms[key] = len(self._atoms)
            index = self._prefix if key[0] == "prefix" else self._stem
            index.setdefault(key[1], []).append(self._atoms[key])
            if key[0] == "prefix":
                self._longest_prefix = max(self._longest_prefix, len(key[1]))
        return self._atoms[key]

    def _sequence(self, part: str) -> _Sequence:
        atoms: list[int] = []
        gaps: list[int] = []
        for loose in part.split():
            for n, raw in enumerate(loose.split("+")):
                # A hyphenated word is two words once folded ("вот-вот").
                pieces = fold(raw.rstrip("*")).split()
                if not pieces:
                    raise ValueError(f"bad pattern word {raw!r}")
                for k, piece in enumerate(pieces, 1):
                    gaps.append(GAP if n == 0 and k == 1 else 0)
                    atoms.append(self._atom(piece, raw.endswith("*") and k == len(pieces)))
        if not atoms:
            raise ValueError(f"empty pattern part in {part!r}")
        return _Sequence(tuple(atoms), tuple(gaps))

    def atoms_of(self, folded_words: Sequence[str]) -> list[frozenset[int]]:
        """The atoms each word matches."""
        known = self._known
        out = [known.get(word) or self._look_up(word) for word in folded_words]
        if len(known) > KNOWN_WORDS:
            known.clear()
        return out

    def _look_up(self, word: str) -> frozenset[int]:
        found: list[int] = []
        prefix = self._prefix
        for k in range(1, min(len(word), self._longest_prefix) + 1):
            ids = prefix.get(word[:k])
            if ids:
                found.extend(ids)
            voiced = self._voicing and 3 <= k < len(word) and word[k - 1] in _DEVOICED
            if voiced and word[k] in _POSSESSIVE:
                found.extend(prefix.get(word[: k - 1] + _DEVOICED[word[k - 1]], ()))
        ids = self._stem.get(stem(word))
        if ids:
            found.extend(ids)
        atoms = frozenset(found)
        self._known[word] = atoms
        return atoms

    def names_alone(self, folded_word: str) -> bool:
        """Whether a one-word pattern matches this word by itself."""
        return not self._alone.isdisjoint(self.atoms_of([folded_word])[0])

    def scan(self, folded_words: Sequence[str]) -> list[Hit]:
        """Every place each pattern is found in the words, in order."""
        atoms = self.atoms_of(folded_words)
        hits: list[Hit] = []
        for i, here in enumerate(atoms):
            for atom in here:
                for pattern in self._starts.get(atom, ()):
                    span = _match(pattern, atoms, i)
                    if span is not None:
                        hits.append(Hit(pattern.label, pattern.text, *span))
        return hits


def vocabulary(text: str) -> dict[str, tuple[str, ...]]:
    """Patterns written as a block: ``label: pattern, pattern, …``, running on
    over indented lines (a line break is a space); ``#`` starts a comment."""
    # A label may have several blocks: each is its own list (the last pattern
    # of one does not run on into the first of the next).
    blocks: dict[str, list[list[str]]] = {}
    label = None
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if not line[0].isspace():
            label, _, line = line.partition(": ")
            label = label.strip()
            blocks.setdefault(label, []).append([])
        if label is None:
            raise ValueError(f"patterns before a label: {line!r}")
        blocks[label][-1].append(line.strip())
    return {
        label: tuple(p.strip() for lines in parts for p in " ".join(lines).split(",") if p.strip())
        for label, parts in blocks.items()
    }


def _follow(seq: _Sequence, atoms: list[frozenset[int]], i: int) -> int | None:
    """End of ``seq`` matched with its first atom at word ``i``, or None."""
    if seq.atoms[0] not in atoms[i]:
        return None
    at = i
    for atom, gap in zip(seq.atoms[1:], seq.gaps[1:], strict=True):
        for j in range(at + 1, min(at + 2 + gap, len(atoms))):
            if atom in atoms[j]:
                at = j
                break
        else:
            return None
    return at + 1


def _match(pattern: _Pattern, atoms: list[frozenset[int]], i: int) -> tuple[int, int] | None:
    end = _follow(pattern.parts[0], atoms, i)
    if end is None:
        return None
    start = i
    for part in pattern.parts[1:]:
        lo, hi = max(0, i - WINDOW), min(len(atoms), end + WINDOW)
        for j in range(lo, hi):
            other = _follow(part, atoms, j)
            if other is not None:
                start, end = min(start, j), max(end, other)
                break
        else:
            return None
    return start, end
