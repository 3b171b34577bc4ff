"""Urgent appeals: whether a post means someone may be in danger now (the
detector in ``dangers``, plus each chat's own urgent words from the config).
The akim's alert: bot/tickets/alerts.py."""

from __future__ import annotations

from datetime import date

from bot.config import ChatSettings
from bot.reading.dangers import Urgency, detect


def keywords_for(chat: ChatSettings) -> tuple[str, ...]:
    """The chat's own urgent words from the config (none by default): each
    makes a post urgent on top of what the detector finds."""
    return tuple(chat.urgent_keywords or ())


def urgency(text: str, chat: ChatSettings, when: date | None = None) -> Urgency:
    """Whether a post to ``chat`` means someone may be in danger now, and why.
    ``when`` (the post's local date) decides the season for heating."""
    return detect(text, when, keywords=keywords_for(chat))


def is_urgent(text: str, chat: ChatSettings, when: date | None = None) -> bool:
    return urgency(text, chat, when).urgent
