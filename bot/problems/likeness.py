"""How alike two residents' posts are in words, once the place is the same.

Words are the shared normaliser's stems (bot/reading/normalize.py), without
the place's own words and numbers and without the little words every post
has; each stem also stands for its first letters, so that "холодно" and
"холодные", "отопления" and "отопление" meet. Text is the last evidence
for grouping, never the first: the same words at another place are another
problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from bot.reading.normalize import stem, words
from bot.reading.streets import word_set

# Words that say nothing about what is wrong (ru, kk), folded.
_LITTLE = word_set(
    "и в во на не но а у о об от до по за из к с со же ли бы то что как так уже еще "
    "тоже там тут вот это этот эта эти нас нам наш наша наши мы вы они он она мне меня "
    "все всё весь вся дом доме дома д ул улица кв подъезд подъезде подъезда этаж этаже этажа "
    "квартира квартире квартиры здравствуйте добрый день "
    "пожалуйста просим помогите сколько можно когда почему кто где ну да нет "
    "мен сен ол биз бизде сиз олар бул осы сол мына да де та те ма ме ба бе па пе "
    "ме ғой гой үй уй уйде үйде көше коше кошеси көшесі жане және бар жок жоқ "
    "сәлеметсіз салеметсиз"
)
_LITTLE_STEMS = frozenset(stem(w) for w in _LITTLE)
_PREFIX = 5


def features(text: str, place_words: Iterable[str] = ()) -> frozenset[str]:
    """The words of ``text`` that say what is wrong: stems and their first letters
    (remembered: a problem's newest voices are weighed against every new post)."""
    return _features(text, tuple(place_words))


@lru_cache(maxsize=8192)
def _features(text: str, place_words: tuple[str, ...]) -> frozenset[str]:
    place = frozenset(place_words)
    skip = _LITTLE | place
    skip_stems = _LITTLE_STEMS | {stem(w) for w in place}
    out: set[str] = set()
    for word in words(text):
        if len(word) < 3 or word in skip or not word.isalpha():
            continue
        root = stem(word)
        if root in skip_stems:
            continue
        out.add(root)
        if len(root) > _PREFIX:
            out.add(root[:_PREFIX] + "…")
    return frozenset(out)


def likeness(post: frozenset[str], others: Iterable[frozenset[str]]) -> float:
    """The largest share of ``post``'s words that one of ``others`` also has (0..1)."""
    if not post:
        return 0.0
    return max((len(post & other) / len(post) for other in others), default=0.0)


def stems_shared(post: frozenset[str], others: Iterable[frozenset[str]]) -> int:
    """The most whole stems (not first letters) of ``post`` one of ``others`` also
    has: two ("не горят" + "фонари") say what a trouble is, one ("фонарь") names a thing."""
    return max((sum(not w.endswith("…") for w in post & other) for other in others), default=0)
