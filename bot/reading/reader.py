"""Reading an appeal: what it is about, where, and whether someone is in danger.

``Reader.read`` is the one entry point: the post's words are folded once and
read by the category rules, the address reader and the danger detector. Two
models learnt from labelled posts (shipped learnt from the seed corpus, then
learnt again with the moderators' corrections: ``learning.py``) help where the
rules are unsure: the category model decides the category when the rules'
evidence is thin, and the urgency model flags, when it is sure (``URGENT_CONFIDENCE``),
a danger the rules did not find.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bot.reading.address import Address, AddressReader, StreetList, street_list
from bot.reading.category import Category, CategoryGuess, categorise
from bot.reading.dangers import Urgency, detect
from bot.reading.normalize import words
from bot.reading.terms import Lexicon, vocabulary
from bot.reading.translit import cyrillic

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.reading.classifier import Model

# How sure the learnt model of urgency must be to flag a post the rules did not: on eight
# batches read as they were measured, by the rules and a model of their own time
# (python -m bench.urgency_confidence), 0.8 found 0.951 of the dangers at precision 0.914,
# pooled; 0.9 found 0.928 at 0.917 (chosen on the first six; the last two agree).
URGENT_CONFIDENCE = 0.8
# What a chat is for says what an unclear post to it is most likely about.
CHAT_PRIOR: dict[str, Category] = {"law_order": Category.public_order}
# When no word names the subject, the danger does ("Ұлым мектептен келмеді").
_BY_DANGER: dict[str, Category] = {
    "fire": Category.other,
    "gas": Category.gas,
    "collapse": Category.housing_repair,
    "violence": Category.public_order,
    "missing": Category.public_order,
    "unconscious": Category.social,
    "elevator": Category.elevator,
    "flood": Category.water,
    "sparks": Category.electricity,
    "manhole": Category.roads,
    "ice": Category.snow_ice,
    "animal": Category.animals,
    "heating": Category.heating,
    "water": Category.water,
    "power": Category.electricity,
    "explosion": Category.other,
    "accident": Category.public_order,
    "life": Category.public_order,
}
# Dangers whose subject is the category whatever else the post names: a dog
# that bit a child is about animals though the child bleeds, power that a
# ventilator needs is electricity though the stairwell is dark.
_SETTLED = frozenset(
    {
        "violence",
        "unconscious",
        "elevator",
        "animal",
        "sparks",
        "ice",
        "gas",
        "heating",
        "power",
        "water",
    }
)


def by_convention(
    reason: str | None, guess: CategoryGuess, ws: Sequence[str] = (), said: str | None = None
) -> Category | None:
    """The category the desk files a danger under, whatever else the post
    mentions: a fire in a building is "other" but a burning bin is rubbish and
    a burning switchboard electricity; fights, weapons and a child in danger
    are public order, someone unconscious or an old neighbour not answering
    social; an open manhole is the courtyard's inside one, the road's outside.
    ``said``: the words that named the danger (a missing child is public order
    whatever else the post says)."""
    scores = guess.scores
    named = _named(reason, ws)
    if named is not None:
        return named
    if reason == "fire":
        for subject in (Category.garbage, Category.electricity, Category.greenery):
            if scores.get(subject):
                return subject
        return Category.other
    if reason == "missing" or (reason == "life" and _SETTLING.scan(ws, "lift")):
        return _missing(guess, said, ws)
    if reason == "manhole":
        return _manhole(guess, ws)
    if reason == "collapse":
        return _fallen(guess, ws)
    if reason == "sparks" and scores.get(Category.lighting) and _SETTLING.scan(ws, "pole"):
        return Category.lighting  # a lamp post down with its wires bare
    if reason == "flood":
        if scores.get(Category.sewerage):
            return Category.sewerage
        return Category.heating if _SETTLING.scan(ws, "heating") else Category.water
    if reason in _SETTLED:
        return _BY_DANGER[reason]
    return None


class _Words:
    """Words that settle a danger's category, by label: ``scan(ws, label)`` finds them."""

    def __init__(self, text: str) -> None:
        self._by = {label: Lexicon({label: words}) for label, words in vocabulary(text).items()}

    def scan(self, ws: Sequence[str], label: str) -> bool:
        return bool(self._by[label].scan(ws))


_SETTLING = _Words("""
# A street lamp or its pole (not a lamp in a stairwell, which is electricity).
pole: столб*, фонарн*, фонар*, опор*, бағана*, көше шам*, шам бағана*
# A child named in the words of a missing person: public order, not social.
child: ребен*, ребён*, дет*, девочк*, мальчик*, малыш*, сын*, сынок, доч*, школьни*, подрост*,
    бала, баланы, балам*, балалар*, ұл, ұлым*, ұлы, қыз, қызым*, қызы, немере*, жасөспірім*,
    первоклас*
lift: в лифт*, лифтте*, лифтт*, лифт* қал*, лифт* застр*, лифт* & между этаж*, кабин*
signal: светофор*, бағдаршам*
# A pipe of the heating that burst (a burst radiator is labelled water).
heating: отоплен*
# What burns is the wiring: a switchboard, a socket, a meter.
wiring: щиток, щитк*, электрощит*, розетк*, проводк*, счетчик*, счётчик*
# Ice underfoot that someone fell on.
underfoot: гололед*, гололёд*, на льду, мұз* үстінде*, мұзда, тайғақ*, көктайғақ*, наледь*
# What fell is a power line.
wire: провод*, сым, сымы, сымдар*, сымы үзіл*, кабел*
# A missing adult whom age or memory puts in the care of social services.
elder: деменц*, альцгеймер*, пожил*, старик*, старушк*, пенсионер*, қарт*, есте сақта*
""")


def _named(reason: str | None, ws: Sequence[str]) -> Category | None:
    """The category one word of the post settles for a danger, whatever else scores."""
    if reason == "fire" and _SETTLING.scan(ws, "wiring"):
        return Category.electricity  # a burning switchboard, whatever plastic it smells of
    if reason == "unconscious" and _SETTLING.scan(ws, "underfoot"):
        return Category.snow_ice  # someone down after a fall on the ice
    if reason in ("collapse", "sparks") and _SETTLING.scan(ws, "signal"):
        return Category.roads  # a traffic light down or sparking
    return None


def _fallen(guess: CategoryGuess, ws: Sequence[str]) -> Category | None:
    """What fell settles it: a tree, a street lamp on its pole, a power line."""
    if guess.scores.get(Category.greenery):
        return Category.greenery
    if guess.scores.get(Category.lighting) and _SETTLING.scan(ws, "pole"):
        return Category.lighting
    return Category.electricity if _SETTLING.scan(ws, "wire") else None


def _missing(guess: CategoryGuess, said: str | None, ws: Sequence[str]) -> Category:
    """A missing child is public order; a missing adult social when the post's
    words lean that way or name age or memory (an old man with dementia)."""
    if _SETTLING.scan(ws, "lift"):
        return Category.elevator  # a child alone in a lift is the lift's
    if said and _SETTLING.scan(said.split(), "child"):
        return Category.public_order
    if _SETTLING.scan(ws, "elder"):
        return Category.social
    social = guess.scores.get(Category.social, 0)
    elderly = social > 0 and social >= guess.scores.get(Category.public_order, 0)
    return Category.social if elderly else Category.public_order


# Where an open manhole or a trench is: by a house (the courtyard's) or on the road.
_PLACES = Lexicon(
    vocabulary("""
yard: двор*, аула*, подъезд*, кіреберіс*, балабақша*, детсад*, садик*, детск* сад*, площадк*,
    ойын алаң*, үйдің жан*, үй алд*, у дом*, возле дом*
roads: дорог*, проезж*, жол, жолд*, тротуар*, трасс*, остановк*, аялдама*, перекрест*, переход*,
    жаяу жүргінші*
""")
)


def _manhole(guess: CategoryGuess, ws: Sequence[str]) -> Category:
    """The courtyard's when the post places it by a house more than on a road;
    on a tie, the category words decide."""
    places = Counter(hit.label for hit in _PLACES.scan(ws))
    if places["yard"] != places["roads"]:
        return Category.yard if places["yard"] > places["roads"] else Category.roads
    yard = guess.scores.get(Category.yard, 0) > guess.scores.get(Category.roads, 0)
    return Category.yard if yard else Category.roads


@dataclass(frozen=True, slots=True)
class Reading:
    """What the desk understood of a post."""

    category: Category
    address: Address | None
    urgency: Urgency
    # Who decided the category: "rules", "model" (learnt), "danger" or "none".
    source: str = "rules"


class Reader:
    """Reads posts with one street list, the chats' own urgent words and,
    once trained, a model of the moderators' categories."""

    def __init__(
        self,
        streets: StreetList | None = None,
        keywords: Mapping[str, tuple[str, ...]] | None = None,
        model: Model | None = None,
        urgency_model: Model | None = None,
    ) -> None:
        self.addresses = AddressReader(streets or street_list())
        self.keywords = dict(keywords or {})
        self.model = model  # of the category
        self.urgency_model = urgency_model

    @classmethod
    def from_path(cls, path: Path | str | None, **kwargs: object) -> Reader:
        return cls(street_list(str(path) if path else None), **kwargs)  # type: ignore[arg-type]

    def read(self, text: str, chat: str | None = None, when: date | None = None) -> Reading:
        """``chat``: the chat key the post came to; ``when``: its local date."""
        # Russian or Kazakh typed in Latin letters is matched in Cyrillic; the address
        # reader and the models read the post as typed.
        ws = cyrillic(words(_MINUS.sub(" минус ", text)))
        urgency = detect(text, when, ws, self.keywords.get(chat or "", ()))
        if not urgency.urgent and self.urgency_model is not None:
            urgency = _learnt_urgency(self.urgency_model, text) or urgency
        place = self.addresses.read(text)
        guess = categorise(_not_the_place(ws, place), CHAT_PRIOR.get(chat or ""))
        category, source = guess.category, "rules"
        settled = by_convention(urgency.reason, guess, ws, urgency.words)
        if settled is not None:
            return Reading(settled, place, urgency, "danger")
        if not guess.sure and self.model is not None:
            learnt = self.model.predict(text)
            if learnt is not None:
                category, source = learnt, "model"
        if guess.score == 0 and source == "rules":
            by_danger = _BY_DANGER.get(urgency.reason or "")
            category, source = (by_danger, "danger") if by_danger else (category, "none")
        return Reading(category, place, urgency, source)


def _not_the_place(ws: Sequence[str], place: Address | None) -> Sequence[str]:
    """The post's words less the name of the place it names: in "Молодёжный мкр, 11 дом,
    света нет" the microdistrict's name is not youth (public order), nor is the
    street "Элеваторная" a lift."""
    if place is None or not place.written:
        return ws
    named = set(words(place.written))
    return [w for w in ws if w not in named]


# "на улице -25": the minus said as a word, since folding drops the sign (not in a
# range, a date or a phone number, where a digit or a letter stands before it).
_MINUS = re.compile(r"(?<![\w+])[-−–](?=\d)")


def _learnt_urgency(model: Model, text: str) -> Urgency | None:
    """Urgent by the model of moderators' 🔴/⚪ decisions, where the rules
    found no danger: only when it is sure (``URGENT_CONFIDENCE``, chosen on batches it
    had not learnt, where it found more dangers than it raised false alarms), since an
    alert the akim learns to ignore is worse than none. It never calls a post not urgent."""
    if model.scores(text).get("urgent", 0.0) >= URGENT_CONFIDENCE:
        return Urgency(True, "learnt", None)
    return None


def reader_for(settings: Settings) -> Reader:
    """The reader a desk configured so uses: its street list, its chats' own words."""
    from bot.reading.urgency import keywords_for

    path = settings.reading.streets
    return Reader(
        street_list(str(path) if path else None),
        {chat.key: keywords_for(chat) for chat in settings.chats},
    )
