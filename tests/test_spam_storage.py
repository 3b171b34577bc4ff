"""The spam repository: kept posts, derived trust and labelled examples."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.intake.spam.line import SpamAction, SpamChoice, line_keyboard
from bot.texts import Texts
from storage.db import Database
from storage.models import Draft, Outgoing
from storage.rules import Role
from storage.spam import LabelledPost, SpamDraft, SpamPost, SpamRepository, policy_state
from storage.tickets import TicketRepository

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "spam.sqlite3")
    yield database
    await database.close()


def draft(message_id: int = 7, author: int = 42) -> SpamDraft:
    return SpamDraft(
        chat_key="housing",
        chat_id=-1003,
        message_id=message_id,
        thread_id=None,
        author_id=author,
        author_name="Spammer",
        author_username=None,
        author_language="ru",
        text="Займы без проверки, пишите в лс",
        media_type=None,
        media_file_id=None,
        forwarded=False,
        contact=False,
        reasons=("dm_invite", "topic:loans"),
        probability=0.97,
        posted_at=NOW - timedelta(minutes=5),
    )


async def test_a_spam_post_is_kept_once_with_its_outbox_rows(db):
    repo = SpamRepository(db, lambda: NOW)
    send = [Outgoing.send("deleteMessage", -1003, {"message_id": 7})]
    spam_id = await repo.record(draft(), lambda _: send)
    assert spam_id is not None
    assert await repo.record(draft(), lambda _: send) is None  # a re-delivered update
    post = await repo.get(spam_id)
    assert post is not None and post.text.startswith("Займы") and post.status == "removed"
    assert post.reasons == ("dm_invite", "topic:loans") and post.posted_at == NOW - timedelta(
        minutes=5
    )
    async with db.read() as conn:
        rows = await conn.execute_fetchall("SELECT payload FROM outbox")
    assert len(rows) == 1
    assert await repo.counts(NOW - timedelta(hours=1), NOW + timedelta(hours=1)) == (1, 0)


async def test_restoring_trusts_the_author_and_labels_the_post_once(db):
    repo = SpamRepository(db, lambda: NOW)
    tickets = TicketRepository(db, lambda: NOW)
    spam_id = await repo.record(draft(), lambda _: [])
    created = await tickets.create(
        Draft("housing", "H", -1003, 7, None, 42, "Spammer", None, "ru", "x", None, None, NOW)
    )
    assert await repo.restored(spam_id, created.ticket.id, 111, [], roles={Role.moderator})
    assert not await repo.restored(spam_id, created.ticket.id, 111, [], roles={Role.moderator})
    assert await repo.is_trusted(42)
    assert await repo.examples() == [LabelledPost("Займы без проверки, пишите в лс", False)]
    assert await repo.counts(NOW - timedelta(hours=1), NOW + timedelta(hours=1)) == (1, 1)


async def test_trust_after_a_number_of_genuine_appeals(db):
    repo = SpamRepository(db, lambda: NOW)
    assert not await repo.checked_genuine(5, 3)
    assert not await repo.checked_genuine(5, 3)
    assert not await repo.is_trusted(5)
    assert await repo.checked_genuine(5, 3)
    assert await repo.is_trusted(5)


async def test_a_moderators_public_answer_trusts_the_author(db):
    repo = SpamRepository(db, lambda: NOW)
    tickets = TicketRepository(db, lambda: NOW)
    created = await tickets.create(
        Draft(
            "housing", "H", -1003, 8, None, 6, "Resident", None, "ru", "Нет воды", None, None, NOW
        )
    )
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO answers (ticket_id, author_id, text, internal, created_at)"
            " VALUES (?, 111, 'note', 1, '2026-11-30T12:00:00.000Z')",
            (created.ticket.id,),
        )
    assert not await repo.is_trusted(6)  # an internal note is not an answer to them
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO answers (ticket_id, author_id, text, internal, created_at)"
            " VALUES (?, 111, 'Завтра дадут', 0, '2026-11-30T12:00:00.000Z')",
            (created.ticket.id,),
        )
    assert await repo.is_trusted(6)


async def test_appeals_closed_as_spam_are_examples_until_reopened(db):
    repo = SpamRepository(db, lambda: NOW)
    tickets = TicketRepository(db, lambda: NOW)
    created = await tickets.create(
        Draft("housing", "H", -1003, 9, None, 7, "R", None, "ru", "Казино бонус", None, None, NOW)
    )
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE tickets SET status = 'closed', resolution = 'spam' WHERE id = ?",
            (created.ticket.id,),
        )
    assert await repo.examples() == [LabelledPost("Казино бонус", True)]
    assert await repo.count_examples() == 1
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE tickets SET status = 'assigned', resolution = NULL WHERE id = ?",
            (created.ticket.id,),
        )
    assert await repo.examples() == []


async def test_the_model_bytes_are_kept_and_replaced(db):
    repo = SpamRepository(db, lambda: NOW)
    assert await repo.load_model() is None
    await repo.save_model(b"one", 10)
    await repo.save_model(b"two", 12)
    assert await repo.load_model() == (b"two", 12)


async def test_not_spam_and_ban_obey_the_ticket_policy(db):
    repo = SpamRepository(db, lambda: NOW)
    tickets = TicketRepository(db, lambda: NOW)
    spam_id = await repo.record(draft(), lambda _: [])
    assert spam_id is not None
    # Only staff: a head of the district or a resident is refused, the row unchanged.
    assert not await repo.banned(spam_id, 5, [], roles={Role.head})
    assert not await repo.restored(spam_id, 1, 5, [], roles={Role.author})
    post = await repo.get(spam_id)
    assert post is not None and post.banned_at is None and post.status == "removed"

    assert await repo.banned(spam_id, 111, [], roles={Role.moderator})
    assert not await repo.banned(spam_id, 111, [], roles={Role.moderator})  # once
    created = await tickets.create(
        Draft("housing", "H", -1003, 7, None, 42, "Spammer", None, "ru", "x", None, None, NOW)
    )
    assert await repo.restored(spam_id, created.ticket.id, 111, [], roles={Role.moderator})
    # Restored, it is an appeal again: no ban from its line any more.
    restored = await repo.get(spam_id)
    assert restored is not None and restored.state == policy_state("restored", True)
    assert not await repo.banned(spam_id, 111, [], roles={Role.moderator})


def test_a_lines_buttons_are_the_ones_the_policy_allows(settings):
    texts = Texts()
    removed = SpamPost(**{f: getattr(draft(), f) for f in SpamDraft.__dataclass_fields__}, id=3)

    def choices(post: SpamPost) -> list[SpamChoice]:
        keyboard = line_keyboard(settings, texts, post)
        if keyboard is None:
            return []
        return [SpamAction.unpack(b.callback_data).action for b in keyboard.inline_keyboard[0]]

    assert choices(removed) == [SpamChoice.not_spam, SpamChoice.ban]
    assert choices(replace(removed, banned_at=NOW)) == [SpamChoice.not_spam]
    assert choices(replace(removed, status="restored")) == []
