"""Another trouble at a problem's place, though of its category and words.

Place, category and time can all agree while the post is about something
else, and a wrong attach hides it inside a card that says nothing new. These
classes are told apart here; such a post is put to a moderator ("Attach to
P-n?"), never attached at once:

- **a danger of another kind than the problem's trouble.** Each category's
  trouble becomes dangerous in its own ways (a lift with someone stuck in it,
  dogs that bite, a dark street, an open manhole in the yard); a danger the
  reader names of another kind (bot/reading/dangers.py) is news at the place:
  a burning bin at a house whose bins are not emptied, ice falling from the
  roof over an icy pavement (the reader never calls slippery ice a danger).
  A problem one of whose appeals already raised that danger takes it, as
  every later voice of a fire takes the fire.
- **indoors and outdoors.** A bulb out in an entrance, a stairwell or a lift
  hall is the building's, the street's lamps are the city's: different
  places, though the house is on the street and both are "lighting". So with
  cleaning: an entrance whose floors nobody washes is the building's care,
  bins overflowing in the yard the rubbish collector's, though both are read
  as rubbish at one house.
- **ice overhead and ice underfoot.** Icicles and ice hanging from a roof
  are the roof's, a slippery pavement below them is the yard's or the
  street's: two troubles at one house, both "snow_ice". A piece that fell
  from the icicles ("уже кусок упал", read as a collapse) is the icicles' own
  danger, not another one.
- **another thing.** "И ещё ... качели оторваны" at a yard full of snow, a
  broken window (a kin post naming things the problem never named) at a
  flooded basement's house, a pavement's manhole against the courtyard's, a
  weak supply at the next house ("батареи тёплые, просто слабо греют")
  against an outage.
- **a cut to come.** A question about a planned or announced cut, or about
  its schedule ("горячая вода тоже будет отключена завтра?"), is not one more
  report of the outage happening now; a post that also says what is missing
  now is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.problems.tone import complains, says_back
from bot.reading.normalize import words
from bot.reading.terms import Lexicon, vocabulary

if TYPE_CHECKING:
    from bot.problems.candidates import Found, Group
    from storage.models import Draft

# The dangers each category's own trouble becomes (reasons of bot/reading/dangers.py).
# None for rubbish, noise or an icy pavement: a fire or ice falling from a roof
# there is another trouble.
OWN_DANGERS: dict[str, frozenset[str]] = {
    "heating": frozenset({"heating", "flood"}),  # a burst pipe floods the basement
    "water": frozenset({"water", "flood"}),
    "electricity": frozenset({"power", "sparks", "elevator"}),
    "gas": frozenset({"gas", "explosion"}),
    "sewerage": frozenset({"flood", "unconscious"}),
    "elevator": frozenset({"elevator"}),
    "lighting": frozenset({"power", "sparks", "collapse"}),
    "animals": frozenset({"animal"}),
    "public_order": frozenset({"violence", "missing"}),
    "yard": frozenset({"manhole"}),
    # A pit that grows, asphalt caving in, one who may fall into it (the reader's collapse).
    "roads": frozenset({"manhole", "accident", "flood", "collapse"}),
    "housing_repair": frozenset({"flood", "collapse", "ice"}),  # a roof leaks, sheds snow
    "greenery": frozenset({"collapse"}),
}
# The categories whose trouble is either inside the building or outside it.
INSIDE_OUT = frozenset({"lighting", "garbage", "yard"})
# Reasons that name no kind: a chat's own urgent word, the learnt model.
_NO_KIND = frozenset({"keyword", "learnt"})
# One danger the reader names two ways: ice hanging over a door, and a piece of
# it that has come down ("уже кусок упал": something collapsing).
_ONE_DANGER = {"ice": ("ice", "collapse"), "collapse": ("collapse", "ice")}

_WORDS = Lexicon(
    vocabulary("""
indoors: в подъезд*, подъезде*, подъездте*, лампоч*, лестниц*, лестничн*, на этаж*, этаже*,
    коридор*, тамбур*, холл*, кіреберісте*, кіреберіс* ішінде*, баспалдақ*, дәліз*
outdoors: фонар*, фонарь, улиц*, уличн*, көше*, столб*, бағана*, двор*, аула*, остановк*,
    аялдама*, тротуар*, контейнер*, мусорн* бак*, площадк*, алаң*
overhead: сосульк*, сосулек, сүңгі*, сүнгі*, сунги*, с крыши, с кровли, крыш*, кровл*, шатыр*,
    карниз*, свиса*, навис*, ілініп*, илинип*
underfoot: гололед*, гололёд*, скольз*, тайғақ*, тайгак*, посыпа*, песк*, песок, реагент*,
    каток, катком, сплошн* & лед*, сплошн* & лёд*, под ногами, аяқ астында*, сугроб*,
    расчист*, расчищ*, тротуар*, не пройти, не пройдешь, не пройдёшь, двор* & снег*,
    аула* & қар*, аула* & кар*, қар тазала*, кар тазала*
courtyard: двор*, аула*, ауласында*, детск* площадк*
street: тротуар*, на улиц*, по улиц*, улиц*, проезж* част*, обочин*, көшеде*, көшеге*, жаяу жол*
weak: слабо, слабые, слабый, слабая, слабое, еле тёпл*, еле тепл*, чуть тёпл*, чуть тепл*,
    батаре* тёплые, батаре* теплые, тепловат*, полутёпл*, полутепл*, әлсіз*, алсиз*,
    жылымшы*, жылы* әрең*, нашар жыт*, еле капает, еле течёт, еле течет
thanks: спасибо*, благодар*, рахмет*, рақмет*, алғыс*, алгыс*
more: и ещё, и еще, ещё и, еще и, а ещё, а еще, также, тағы, тагы, кроме того, сонымен қатар
ahead: будет отключ*, будут отключ*, будет без, будут без, отключат, отключать, өшіріледі,
    ажыратылады, планов*, по графику, график*, жоспарл*, завтра & отключ*, послезавтра & отключ*,
    ертең* & өшір*, ертең* & ажырат*
""")
)


@lru_cache(maxsize=4096)
def _said(text: str) -> frozenset[str]:
    return frozenset(hit.label for hit in _WORDS.scan(words(text)))


def other_danger(
    reason: str | None, category: str | None, raised: bool, read_as: Iterable[str] = ()
) -> bool:
    """Whether an urgent post's danger ``reason`` is of another kind than the
    trouble of a problem of ``category`` (or of the categories its voices were
    ``read_as``), which has not ``raised`` it already."""
    if reason is None or reason in _NO_KIND or raised or category is None:
        return False
    return not any(reason in OWN_DANGERS.get(c, ()) for c in (category, *read_as))


def dangers_like(reason: str) -> tuple[str, ...]:
    """The reasons a problem may have raised for ``reason`` to be its own again."""
    return _ONE_DANGER.get(reason, (reason,))


def _where(text: str, spots: tuple[str, str]) -> str | None:
    """Which of two ``spots`` (labels of the words above) ``text`` names, if only one."""
    said = _said(text) & set(spots)
    return next(iter(said)) if len(said) == 1 else None


def _other_spot(text: str, texts: Sequence[str], spots: tuple[str, str]) -> bool:
    mine = _where(text, spots)
    if mine is None or not texts:
        return False
    theirs = {_where(t, spots) for t in texts} - {None}
    return len(theirs) == 1 and mine not in theirs


def other_light(text: str, texts: Sequence[str]) -> bool:
    """Whether a post about a light or dirt (``text``) is indoors and a
    problem's voices (``texts``) speak of outdoors only, or the other way round."""
    return _other_spot(text, texts, ("indoors", "outdoors"))


def other_inside(categories: Iterable[str | None], text: str, texts: Sequence[str]) -> bool:
    """Whether a post and a problem, one of them of a category whose trouble is
    indoors or outdoors (``INSIDE_OUT``), are on either side of the building's walls."""
    return bool(INSIDE_OUT.intersection(categories)) and other_light(text, texts)


def other_ice(text: str, texts: Sequence[str]) -> bool:
    """Whether a post about ice (``text``) is underfoot and a problem's voices
    (``texts``) speak of ice overhead only (icicles, a roof), or the other way round."""
    return _other_spot(text, texts, ("overhead", "underfoot"))


def cut_ahead(text: str) -> bool:
    """Whether ``text`` speaks of a cut to come (planned, announced, tomorrow's,
    its schedule) and not of anything missing now."""
    return "ahead" in _said(text) and not complains(text)


# What a post's trouble is about, by kind: a thing named in one post and never
# in a problem's is another trouble there ("и ещё ... качели оторваны" at a
# yard full of snow, a broken window at a flooded basement's house).
_THINGS = Lexicon(
    vocabulary("""
window: окн*, окош*, стекл*, терезе*, шыны*
door: двер*, есік*, есиг*, домофон*
playground: площадк*, качел*, әткеншек*, аткеншек*, горк*, песочниц*, скамейк*, лавочк*, орындық*
roof: крыш*, кровл*, шатыр*
basement: подвал*, жертөле*, жертоле*
pipe: труб*, құбыр*, кубыр*, стояк*
manhole: люк*, колод*, құдық*, кудык*
pavement: тротуар*
road: дорог*, асфальт*, жол, жолда, жолы, жолдың
radiator: батаре*, радиатор*
lamp: фонар*, лампоч*, шам, шамдар*, шамы, столб*
bins: контейнер*, мусорк*, урн*, мусорн* бак*
lift: лифт*
neighbours: сосед*, көрші*, корши*
crowd: компани*, подрост*, молодёж*, молодеж*, пьян*, алкаш*, бомж*, наркоман*
tree: дерев*, ағаш*, агаш*, ветк*
""")
)


@lru_cache(maxsize=4096)
def _things(text: str) -> frozenset[str]:
    return frozenset(hit.label for hit in _THINGS.scan(words(text)))


def other_thing(categories: Sequence[str | None], text: str, texts: Sequence[str]) -> bool:
    """Whether a post at a problem's place is about another thing there: "и ещё",
    "тағы", "также" with a thing the problem's voices (``texts``) never named; a
    kin post naming things none of which the problem named; a courtyard against
    a street or pavement between a yard and a road."""
    if not texts:
        return False
    mine, theirs = _things(text), frozenset().union(*map(_things, texts))
    if "more" in _said(text) and mine and not mine & theirs:
        return True
    kin = len(set(categories)) > 1
    if kin and mine and theirs and not mine & theirs:
        return True
    return set(categories) == {"yard", "roads"} and _other_spot(
        text, texts, ("courtyard", "street")
    )


def weaker(text: str, texts: Sequence[str]) -> bool:
    """Whether ``text`` says a service is there but weak and none of the
    problem's voices (``texts``) does: a weak supply at the next house is not
    the outage (at the problem's own house, lukewarm is one more voice of it)."""
    if "weak" not in _said(text) or says_back(text) or "thanks" in _said(text):
        return False
    return not any("weak" in _said(t) for t in texts)


def another_trouble(draft: Draft, group: Group, found: Found, home: bool) -> bool:
    """Whether the post, though at the problem's place (``home``: its very house)
    and of its category or a kin one, is about another trouble there: a danger
    of another kind, a light or dirt indoors against lights or rubbish outdoors,
    ice underfoot against ice overhead, a cut to come, a thing the problem never
    named, a weak supply at the next house against an outage."""
    raised = group.problem_id in found.raised
    if other_danger(found.danger, group.category, raised, group.read_as):
        return True
    categories = (draft.category, group.category)
    if other_inside(categories, draft.text, group.texts):
        return True
    if other_thing(categories, draft.text, group.texts):
        return True
    if not home and weaker(draft.text, group.texts):
        return True  # "тоже прохладно, но батареи тёплые" at the next house
    ice = "snow_ice" in categories
    return (ice and other_ice(draft.text, group.texts)) or cut_ahead(draft.text)


def thanks(text: str) -> bool:
    """Whether ``text`` only thanks someone ("Спасибо акимату за быструю работу!",
    "рахмет"), not for a trouble it says is over ("Акыры шығарды, рахмет")."""
    return "thanks" in _said(text) and not says_back(text)
