"""One function makes a post an appeal: a post that arrives and a post restored
by "Not spam" become the same draft."""

from datetime import UTC, datetime

from aiogram.types import Message

from bot.intake.classify import content_of
from bot.intake.drafts import appeal_draft, post_facts, removed_facts
from bot.reading.reader import reader_for
from storage.models import Priority
from storage.spam import SpamDraft, SpamPost
from tests.conftest import HOUSING

POSTED = datetime(2026, 11, 20, 6, 30, tzinfo=UTC)
TEXT = "Нет отопления третий день, Кенесары 40, в квартире +12, дети болеют"


def message(**fields) -> Message:
    data = {
        "message_id": 77,
        "date": int(POSTED.timestamp()),
        "chat": {"id": HOUSING, "type": "supergroup", "title": "ЖКХ"},
        "from": {"id": 42, "is_bot": False, "first_name": "Айгуль", "language_code": "kk"},
        "text": TEXT,
    }
    return Message.model_validate({**data, **fields})


def test_a_restored_post_is_the_draft_it_would_have_been_on_arrival(settings):
    reader, chat = reader_for(settings), settings.chat("housing")
    msg = message()
    content = content_of(msg)
    assert content is not None
    arrived = appeal_draft(post_facts(msg, content, msg.date), chat, reader, settings)

    kept = SpamDraft(
        chat_key=chat.key,
        **post_facts(msg, content, msg.date).kept(),
        forwarded=False,
        contact=False,
        reasons=("dm_invite",),
        probability=0.95,
    )
    removed = SpamPost(**{f: getattr(kept, f) for f in SpamDraft.__dataclass_fields__}, id=1)
    restored = appeal_draft(removed_facts(removed), chat, reader, settings)

    assert restored == arrived
    assert arrived.created_at == POSTED and arrived.author_name == "Айгуль"
    assert arrived.priority is Priority.urgent and arrived.address is not None
    assert arrived.response_due_at is not None and arrived.response_due_at > POSTED


def test_a_venue_and_a_location_are_the_appeals_place(settings):
    reader, chat = reader_for(settings), settings.chat("housing")
    venue = {
        "location": {"latitude": 51.16, "longitude": 71.47},
        "title": "Двор",
        "address": "Кенесары 40",
    }
    msg = message(text=None, venue=venue, location=venue["location"], caption="Яма во дворе")
    content = content_of(msg)
    assert content is not None
    draft = appeal_draft(post_facts(msg, content, msg.date), chat, reader, settings)
    assert draft.address is not None and "Кенесары" in draft.address
    assert (draft.lat, draft.lon) == (51.16, 71.47)
