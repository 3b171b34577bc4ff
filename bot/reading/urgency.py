"""Urgent appeals: words that mean someone may be in danger now, per chat,
in Russian and Kazakh, and the alert the akim gets at once."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.card.render import post_link
from bot.config import ChatSettings, Settings
from bot.textfit import cut
from bot.texts import Texts
from storage.models import Outgoing, Ticket
from storage.residents import ResidentRepository

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
EXCERPT = 300


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


class HeadAlerts:
    """What the akim and deputies get about an urgent appeal, at once. Until a
    head has started the bot privately, the alert goes to the staff chat with a
    line saying so: nothing is silently dropped."""

    def __init__(self, settings: Settings, texts: Texts, residents: ResidentRepository) -> None:
        self.settings = settings
        self.texts = texts
        self.residents = residents

    async def reachable_heads(self) -> list[int]:
        return [h for h in self.settings.staff.head if await self.residents.reachable(h)]

    def urgent(self, ticket: Ticket, reachable: list[int]) -> list[Outgoing]:
        text = self.texts.get(
            self.settings.locale.default,
            "urgent-alert",
            code=ticket.code,
            chat=self.settings.chat(ticket.chat_key).title,
            text=cut(ticket.text, EXCERPT, "…") if ticket.text else "—",
            link=post_link(ticket.source_chat_id, ticket.source_message_id) or "—",
        )
        return self.message(ticket, text, reachable)

    def message(self, ticket: Ticket, text: str, reachable: list[int]) -> list[Outgoing]:
        """``text`` to every head who may be written to; the rest via the staff chat."""
        locale = self.settings.locale.default
        out = [
            Outgoing.send("sendMessage", head, {"text": text}, ticket_id=ticket.id)
            for head in reachable
        ]
        missing = [h for h in self.settings.staff.head if h not in reachable]
        if missing:
            note = self.texts.get(locale, "urgent-head-unreachable", count=len(missing))
            out.append(
                Outgoing.send(
                    "sendMessage",
                    self.settings.staff.chat_id,
                    {"text": f"{text}\n\n{note}"},
                    ticket_id=ticket.id,
                )
            )
        return out
