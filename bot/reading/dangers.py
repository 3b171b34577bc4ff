"""Whether a post means someone may be in danger now, and why.

Each reason has the ways residents say it in Russian and Kazakh (phrases in
``bot/reading/danger_words.py``) and, for wordings no list has, a subject with
its state near it (``bot/reading/concepts.py``). What is found does not count
when:

- it is negated: "не горит", "не пахнет газом"; in Kazakh the negation
  follows ("газ иісі жоқ", "ешкімді тістеген жоқ") or is inside the verb
  ("жанбайды", which no pattern matches);
- its context says it is something else: a street lamp that "горит", a
  "пожарный проезд", "темекі түтіні", fireworks that "взрывают", a lift stuck
  with nobody in it, a lid missing from a bin;
- it is a figure of speech ("горит дедлайн", "взрыв эмоций", "стрельнуть
  сигарету"), or what would follow a Kazakh condition ("құлап кетсе … өлтіреді");
- a tree or a pole fell and hurt nobody, or a piece of a building fell
  yesterday and hurt nobody;
- people slip and fall on glaze ice, and nobody is said to be hurt and still down;
- the post says it is over ("потушили", "уже починили", "сейчас всё нормально");
- a fire is said to be small and under control ("бақылауда", "под контролем"), or an
  attacker has run off and nobody is said to be hurt ("қашып кетті", "убежал");
- it is about an outage asked about or planned ("когда дадут отопление",
  "плановое отключение");
- for heating, it is outside the cold season, the home is said to be above
  15 degrees (17 with people in coats at home) or it is warm outside ("на улице +20");
  for water and power, nobody is said to depend on it (a child, a bedridden person, a
  ventilator) and the outage is neither long nor of the whole building, or it is in one
  flat only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bot.reading import calm, calm_said, concepts, danger_failing, danger_more
from bot.reading.danger_more import merged
from bot.reading.danger_words import CONTEXT_WORDS, REASON_WORDS
from bot.reading.negation import apart, clause_starts, negated
from bot.reading.normalize import fold
from bot.reading.normalize import words as folded_words
from bot.reading.terms import Hit, Lexicon

_REASONS = merged(merged(REASON_WORDS, danger_more.REASONS), calm.REASONS)
# The reason shown for one that needs another word near it.
SHOWN = {
    "threat": "collapse",
    "missing_verb": "missing",
    "alone": "missing",
    "silent": "unconscious",
    "lying_still": "unconscious",
    "cold_home": "heating",
    "crossing": "accident",
    "slip": "ice",
    "stranded": "life",
    "intrusion": "violence",
    "exposed": "sparks",
}
# How near (in words) what says "something else" must be; violence: anywhere.
_NEAR = {
    "violence": 1000,
    "missing": 1000,
    "alone": 1000,
    "life": 1000,
    "gas": 1000,
    "elevator": 1000,
    "animal": 12,
    "slip": 12,
    "explosion": 12,
}
NEAR = 4
# How near a thing that cannot be hurt makes a danger's verb a figure: one word
# between at most ("убивают эти тарифы"), and in the same clause ("Пишу в чат, горит
# подвал" is a fire).
ABSTRACT_NEAR = 1
# Reasons that a nearby "yesterday" puts in the past (a missing child is still
# missing; wires that sparked are still down).
_PAST_TOO = frozenset(
    {
        "animal",
        "violence",
        "unconscious",
        "fire",
        "flood",
        "accident",
        "lying_still",
        "elevator",
        "slip",
        "intrusion",
    }
)
PAST_NEAR = 3
# A reason that counts only with this in the post (or this near it: words).
_NEEDS: dict[str, tuple[str, int]] = {
    "water": ("depends", 1000),
    "power": ("depends", 1000),
    "threat": ("people", 1000),
    "missing_verb": ("person", 12),
    "silent": ("elder", 8),
    "lying_still": ("body", 6),
    "crossing": ("near_miss", 1000),
    "slip": ("hurt", 8),
    "stranded": ("in_need", 1000),
    "intrusion": ("broken_in", 1000),
    "exposed": ("about", 1000),
}
# A reason that does not count with this anywhere in the post: an outage in one
# flat, only the hot water off, a hole fenced off already.
_BLOCKED_BY = {
    "water": ("one_flat", "one_tap", "on_and_off"),
    "power": ("one_flat",),
    "manhole": ("fenced", "wheels"),
    "fire": ("was_drill",),
    "violence": ("fled",),
}
# What lifts a block: hot water off with the cold water off too is no water at all; an
# attacker who ran off leaving someone hurt, or who is still about; a fence or a tape
# round a hole that is torn.
_LIFTED = {"one_tap": ("cold_too",), "fled": ("harmed", "still"), "fenced": ("unfenced",)}
# Blocks every reason when this close before it ("если что", "в случае пожара").
IF_NEAR = 3
# A block lifted by this in the post (a flooded basement with the switchboard in it; a
# curtain alight or flames out of a window, by a lamp that fell).
_UNLESS = {"flood": "electric", "ice": "still", "fire": "spreading", "elevator": "inside"}
_UNLESS.update(danger_failing.UNLESS)
# Heating in Astana runs from about mid-September to mid-May; without heating,
# a flat is dangerous from October to April.
COLD_MONTHS = frozenset({10, 11, 12, 1, 2, 3, 4})
# "в квартире +13", "үйде 12 градус": a flat this cold is an outage.
COLD_INDOORS = 15
# ... or up to this when the post says people sit in coats and hats at home.
COLD_DRESSED = 17
# "в квартире +13", "үйде 12 градус": a temperature said of a home.
_TEMPERATURE = re.compile(r"\+\s?(\d{1,2})(?!\d)|(?<![\d-])(\d{1,2})\s*(?:градус|°)")
_INDOORS = re.compile(
    r"квартир|дома|доме|комнат|үйде|уйде|пәтерде|патерде|внутри|в спальн|в детской|в зале"
)
_AFTER = re.compile(
    r"\s*(?:градус\w*|°)?\s*(?:у нас |бізде |бизде )?(?:в |во )?(?:квартир|комнат|доме\b|дома\b"
    r"|үйде|уйде|пәтерде|патерде|спальн|детской|зале\b)"
)
_OUTDOORS = re.compile(r"улиц|сырт|далада|минус|мороз|снаружи|аяз|на дворе")
# "на улице +20": a warm day outside, when no home goes cold without heating.
_WARM_OUTSIDE = re.compile(
    r"(?:улиц|сырт|далада|снаружи)\w*\W+(?:\w+\W+){0,2}?\+\s?(\d{1,2})(?!\d)"
)
WARM_OUTSIDE = 10

_FOUND = Lexicon(_REASONS)
_CONTEXT = Lexicon(merged(merged(CONTEXT_WORDS, danger_more.CONTEXT), danger_failing.CONTEXT))
# "keyword": a chat's own word; "learnt": the model of moderators' decisions.
REASONS: tuple[str, ...] = (*(r for r in _REASONS if r not in SHOWN), "keyword", "learnt")


@dataclass(frozen=True, slots=True)
class Urgency:
    """Whether a post is urgent; ``reason`` is one of ``REASONS`` (the
    catalogue message ``urgency-<reason>`` names it) and ``words`` the words
    that said so."""

    urgent: bool
    reason: str | None = None
    words: str | None = None


NOT_URGENT = Urgency(False)


def _other(hit: Hit, context: list[Hit]) -> bool:
    """Whether words near ``hit`` say it is something else."""
    label, near = f"not:{hit.label}", _NEAR.get(hit.label, NEAR)
    return any(
        c.label == label and c.start - near <= hit.end and hit.start - near <= c.end
        for c in context
    )


def _indoors(text: str) -> int | None:
    """The temperature a post says a home is at, if it says one (the original
    text: "+" matters)."""
    lowered = text.casefold()
    for match in _TEMPERATURE.finditer(lowered):
        before = lowered[max(0, match.start() - 40) : match.start()]
        if _INDOORS.search(before) and not _OUTDOORS.search(before):
            return int(match.group(1) or match.group(2))
        # ... or after it: "+14 в комнате", "12 градус үйде".
        after = _AFTER.match(lowered, match.end())
        if after and not _OUTDOORS.search(before[-12:]):
            return int(match.group(1) or match.group(2))
    return None


def _cold_indoors(text: str, dressed: bool = False) -> bool:
    """A home said to be at 5 to 15 degrees (17 when people wear their coats in it)."""
    degrees = _indoors(text)
    return degrees is not None and 5 <= degrees <= (COLD_DRESSED if dressed else COLD_INDOORS)


def _not_warm(text: str, dressed: bool = False) -> bool:
    """No heating is no danger in a home the post says is above 15 degrees
    (17 when people wear their coats in it), nor on a day it says is warm outside."""
    outside = _WARM_OUTSIDE.search(text.casefold())
    if outside and int(outside.group(1)) >= WARM_OUTSIDE:
        return False
    degrees = _indoors(text)
    return degrees is None or degrees <= (COLD_DRESSED if dressed else COLD_INDOORS)


@lru_cache(maxsize=16)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    if not keywords:
        return None
    # A keyword starts a word, so endings still match ("затопило", "газом"); a short
    # one may take only a short ending ("газа", not "газета").
    parts = [re.escape(fold(k)) + (r"\w{0,2}(?!\w)" if len(k) <= 4 else "") for k in keywords]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")")


def detect(
    text: str,
    when: date | None = None,
    ws: list[str] | None = None,
    keywords: tuple[str, ...] = (),
) -> Urgency:
    """The danger a post names, if any. ``when``: the post's local date (the
    season); ``ws``: its folded words, when the caller has them already;
    ``keywords``: a chat's own urgent words from the config, each enough."""
    ws = folded_words(text) if ws is None else ws
    found = _detect(ws, when, text)
    if found.urgent or not keywords:
        return found
    pattern = _keyword_pattern(keywords)
    match = pattern.search(" ".join(ws)) if pattern else None
    return Urgency(True, "keyword", match.group(0)) if match else found


def _detect(ws: list[str], when: date | None, text: str) -> Urgency:
    ws = _unglued(ws)
    starts = clause_starts(text, ws, lambda part: _unglued(folded_words(part)))
    hits = [h for h in _FOUND.scan(ws) if not negated(h, ws, starts)]
    hits.extend(concepts.find(ws, starts))
    grown = danger_failing.grown(ws)
    hits = calm_said.unsaid([*hits, *_cried(text, ws), *grown], ws, text, starts)
    cold = when is None or when.month in COLD_MONTHS
    if not hits and not cold:
        return NOT_URGENT
    found = calm.settled(_CONTEXT.scan(ws), ws, hits)
    found = danger_failing.unasked(found, hits, text, ws, lambda p: _unglued(folded_words(p)))
    context = {h.label for h in found}
    hits = [h for h in hits if not _abstract(h, found, starts)]
    if "over" in context:
        hits = _still(hits, found, ws)
        if not hits:
            return NOT_URGENT
    for reason in _REASONS:
        hit = next((h for h in hits if h.label == reason and _counts(h, found, context)), None)
        if hit is None:
            continue
        if reason in ("heating", "cold_home") and not (
            cold and _not_warm(text, "dressed" in context)
        ):
            continue
        return Urgency(True, SHOWN.get(reason, reason), " ".join(ws[hit.start : hit.end]))
    if cold and _cold_indoors(text, "dressed" in context):
        return Urgency(True, "heating", None)
    return NOT_URGENT


# A danger's name glued to the negation after it: "оттоплениежок", "светнет"; or
# before it: "нетсвета", "безсвета".
_GLUED = ("жок", "нет")
_GLUED_BEFORE = ("нет", "без")


def _split_glued(w: str) -> tuple[str, ...]:
    if len(w) > 4 and w.endswith(_GLUED) and concepts.names_subject(w[:-3]):
        return (w[:-3], w[-3:])
    if len(w) > 4 and w.startswith(_GLUED_BEFORE) and concepts.names_subject(w[3:]):
        return (w[:3], w[3:])
    return (w,)


def _unglued(ws: list[str]) -> list[str]:
    """The words with a negation typed onto a danger's subject split off it."""
    if not any(len(w) > 4 and (w.endswith(_GLUED) or w.startswith(_GLUED_BEFORE)) for w in ws):
        return ws
    return [part for w in ws for part in _split_glued(w)]


# Gas shouted as the post's first word or in capitals: "ГАЗ!!! Омарова 16", "Газ! в подвале".
_CRY = re.compile(r"^\W*газ\s*!", re.IGNORECASE)
_CRY_CAPS = re.compile(r"(?<!\w)ГАЗ(?!\w)\s*!")


def _cried(text: str, ws: list[str]) -> list[Hit]:
    # A question is about the supply ("Газ! Когда проведут?"), not a cry.
    if "газ" not in ws or "?" in text or not (_CRY.search(text) or _CRY_CAPS.search(text)):
        return []
    at = ws.index("газ")
    return [Hit("gas", "газ!", at, at + 1)]


# "…but": what a post says after it is not over ("свет дали, спасибо, но в подвале
# пахнет газом", "мәселе шешілді деп жаздыңыздар, бірақ газ иісі әлі бар").
_BUT = frozenset({"но", "однако", "бирак", "алайда", "биракта", "but"})


def _still(hits: list[Hit], found: list[Hit], ws: list[str]) -> list[Hit]:
    """The dangers a post names after it says one is over, past a "but", other than
    the one it said was over ("был пожар, всё нормально, но ещё пахнет гарью")."""
    over = max(h.end for h in found if h.label == "over")
    but = next((i for i in range(over, len(ws)) if ws[i] in _BUT), None)
    if but is None:
        return []
    before = set() if calm.again(ws[but:]) else {h.label for h in hits if h.start < over}
    return [h for h in hits if h.start > but and h.label not in before]


def _near(hit: Hit, found: list[Hit], label: str, distance: int) -> bool:
    return any(
        c.label == label and c.start - distance <= hit.end and hit.start - distance <= c.end
        for c in found
    )


def _abstract(hit: Hit, found: list[Hit], starts: frozenset[int]) -> bool:
    """A danger's verb said of what cannot be hurt, beside it in one clause with its last word."""
    return calm.sold(hit, found, starts) or any(
        c.label == "abstract"
        and _near(hit, [c], "abstract", ABSTRACT_NEAR)
        and not apart(c.start, hit.end - 1, starts)
        for c in found
    )


def _after(hit: Hit, found: list[Hit], label: str, distance: int) -> bool:
    return any(c.label == label and c.end <= hit.start <= c.end + distance for c in found)


def _doubted(hit: Hit, found: list[Hit]) -> bool:
    """A Kazakh doubt ("кете ме") right after the words found, or on their
    last one: it doubts them, not what the post says next."""
    return any(c.label == "doubt" and hit.end - 1 <= c.start <= hit.end + IF_NEAR for c in found)


_WHOLE = ("дерев", "ағаш", "столб", "бағана")


def _cleared(hit: Hit, found: list[Hit], unhurt: bool) -> bool:
    """Whether what fell, in a post saying it hurt nobody (``unhurt``) or that it was
    cleared away, only waits for its repair: a tree or a pole lying there, unhurt; a piece
    of ceiling that fell yesterday (one that fell now may fall further)."""
    if unhurt and (hit.label == "accident" or hit.pattern.startswith(_WHOLE)):
        return True
    return hit.label == "collapse" and _near(hit, found, "past", PAST_NEAR)


def _past(hit: Hit, found: list[Hit], context: set[str]) -> bool:
    """Said to be over by a "yesterday" near it; a dog that bit yesterday and is still
    about ("иттер әлі сол жерде") still bites."""
    if hit.label not in _PAST_TOO or not _near(hit, found, "past", PAST_NEAR):
        return False
    return not (hit.label == "animal" and "still" in context)


def _counts(hit: Hit, found: list[Hit], context: set[str]) -> bool:
    reason = hit.label
    if _other(hit, found) and _UNLESS.get(reason) not in context:
        return False
    if _past(hit, found, context):
        return False
    if _near(hit, found, "if", IF_NEAR) or _near(hit, found, "drill", NEAR):
        return False
    if _near(hit, found, "figure", NEAR):
        return False
    if _after(hit, found, "if_after", IF_NEAR) or _doubted(hit, found):
        return False
    if calm.quiet(hit, found, context):
        return False
    # Rubbish burnt on purpose, unless its smoke comes into homes or the fire spread.
    if reason == "fire" and _near(hit, found, "burnt", NEAR) and context.isdisjoint(calm.BURNT):
        return False
    if not context.isdisjoint(("unhurt", "cleared")) and _cleared(hit, found, "unhurt" in context):
        return False
    if reason in ("heating", "cold_home", "water", "power") and "planned" in context:
        return False
    if reason == "cold_home" and "asked" in context:
        return False
    need = _NEEDS.get(reason)
    if need is not None and not _near(hit, found, *need):
        return False
    blocked = _BLOCKED_BY.get(reason, ())
    return not any(b in context and context.isdisjoint(_LIFTED.get(b, ())) for b in blocked)
