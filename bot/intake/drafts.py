"""A resident's post as an appeal: the one place that builds a ticket's draft.

Intake builds it from a message as it arrives; "Not spam" builds it from the
post kept when it was removed, and the spam guard keeps exactly the facts this
needs. Both read the post alike (category, place, urgency) and run its clocks
from when the resident wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiogram.types import Message

from bot.config import ChatSettings, Settings
from bot.intake.classify import Content
from bot.reading.reader import Reader
from bot.tickets.deadlines import deadlines_for
from storage.models import Draft, Priority
from storage.spam import SpamPost


@dataclass(frozen=True, slots=True)
class PostFacts:
    """What a post says of itself: where, who, what, when."""

    chat_id: int
    message_id: int
    thread_id: int | None
    author_id: int
    author_name: str
    author_username: str | None
    author_language: str | None
    text: str
    media_type: str | None
    media_file_id: str | None
    posted_at: datetime
    media_group_id: str | None = None
    venue_address: str | None = None
    lat: float | None = None
    lon: float | None = None

    def kept(self) -> dict[str, Any]:
        """The facts a post removed as spam keeps (``storage.spam.SpamDraft``)."""
        return {name: getattr(self, name) for name in _KEPT}


# What a removed post keeps: enough to make it the appeal it should have been.
_KEPT = (
    "chat_id",
    "message_id",
    "thread_id",
    "author_id",
    "author_name",
    "author_username",
    "author_language",
    "text",
    "media_type",
    "media_file_id",
    "posted_at",
)


def post_facts(message: Message, content: Content, posted_at: datetime) -> PostFacts:
    """The facts of a message in a resident chat (``classify`` checked it has an author)."""
    user = message.from_user
    assert user is not None
    where = message.location
    return PostFacts(
        chat_id=message.chat.id,
        message_id=message.message_id,
        thread_id=message.message_thread_id if message.is_topic_message else None,
        author_id=user.id,
        author_name=user.full_name,
        author_username=user.username,
        author_language=user.language_code,
        text=content.text,
        media_type=content.media_type,
        media_file_id=content.media_file_id,
        posted_at=posted_at,
        media_group_id=message.media_group_id,
        venue_address=message.venue.address if message.venue is not None else None,
        lat=where.latitude if where else None,
        lon=where.longitude if where else None,
    )


def removed_facts(post: SpamPost) -> PostFacts:
    """The facts of a post kept when it was removed as spam."""
    return PostFacts(**{name: getattr(post, name) for name in _KEPT})


def appeal_draft(facts: PostFacts, chat: ChatSettings, reader: Reader, settings: Settings) -> Draft:
    """The post as an appeal: its author, content, legal deadlines from when it
    was posted, and what the desk reads in it (category, place, urgency)."""
    zone = settings.locale.zone
    reading = reader.read(facts.text, chat.key, facts.posted_at.astimezone(zone).date())
    address = reading.address
    if address is None and facts.venue_address is not None:
        address = reader.addresses.read(facts.venue_address)
    due = deadlines_for(
        facts.posted_at,
        zone,
        response_hours=settings.deadlines.first_response_hours,
        resolve_working_days=settings.deadlines.resolve_working_days,
    )
    return Draft(
        chat_key=chat.key,
        prefix=chat.prefix,
        source_chat_id=facts.chat_id,
        source_message_id=facts.message_id,
        source_thread_id=facts.thread_id,
        author_id=facts.author_id,
        author_name=facts.author_name,
        author_username=facts.author_username,
        author_language=facts.author_language,
        text=facts.text,
        media_type=facts.media_type,
        media_file_id=facts.media_file_id,
        created_at=facts.posted_at,
        response_due_at=due.response_due_at,
        resolve_due_at=due.resolve_due_at,
        media_group_id=facts.media_group_id,
        priority=Priority.urgent if reading.urgency.urgent else Priority.normal,
        category=reading.category.value,
        address=address.text if address else None,
        address_key=address.key if address else None,
        lat=facts.lat,
        lon=facts.lon,
        urgency_reason=reading.urgency.reason,
    )
