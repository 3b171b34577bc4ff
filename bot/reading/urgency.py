"""Urgent appeals: words that mean someone may be in danger now, per chat,
in Russian and Kazakh (the akim's alert: bot/tickets/alerts.py)."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.config import ChatSettings

_DANGER = [
    "пожар",
    "горит",
    "задымлени",
    "газ",
    "взрыв",
    "авари",
    "дтп",
    "өрт",
    "жанып жатыр",
    "түтін",
    "жарылыс",
    "апат",
]
DEFAULT_KEYWORDS: dict[str, list[str]] = {
    "akimat": _DANGER,
    "law_order": [
        *_DANGER,
        "насили",
        "драк",
        "нападени",
        "избиени",
        "угрожа",
        "нож",
        "оружи",
        "ребёнок в опасности",
        "ребенок в опасности",
        "пропал ребён",
        "пропал ребен",
        "зорлық",
        "төбелес",
        "шабуыл",
        "пышақ",
        "қару",
        "бала жоғалды",
        "бала қауіпте",
    ],
    "housing": [
        *_DANGER,
        "запах газа",
        "утечка газа",
        "нет отопления",
        "не топят",
        "батареи холодные",
        "затопил",
        "прорвал",
        "потоп",
        "кипят",
        "лифт застрял",
        "застрял в лифте",
        "газ иісі",
        "жылу жоқ",
        "жылытпайды",
        "су басты",
        "құбыр жарылды",
        "лифтте қалды",
    ],
}


def keywords_for(chat: ChatSettings) -> tuple[str, ...]:
    return tuple(
        chat.urgent_keywords if chat.urgent_keywords is not None else DEFAULT_KEYWORDS[chat.key]
    )


@lru_cache(maxsize=16)
def _pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    if not keywords:
        return None
    # A keyword starts a word, so endings still match ("затопило", "газом"); a short
    # one may take only a short ending ("газа", not "газета").
    parts = [re.escape(k.casefold()) + (r"\w{0,2}(?!\w)" if len(k) <= 4 else "") for k in keywords]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")")


def is_urgent(text: str, chat: ChatSettings) -> bool:
    pattern = _pattern(keywords_for(chat))
    return bool(pattern and pattern.search(text.casefold()))
