"""What moderators do about a removed post: "Not spam" makes it the appeal it
would have been (its original time, its acknowledgement, the author trusted
and free to write again); 🔨 bans the author in every resident chat."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from aiogram import Bot

from bot.intake.drafts import appeal_draft, removed_facts
from bot.intake.posts import Intake
from bot.intake.spam.guard import SpamGuard
from bot.tickets.staff_directory import StaffDirectory
from storage.models import Outgoing, Ticket
from storage.rules import Change, allowed
from storage.spam import SpamPost

log = logging.getLogger(__name__)


class SpamDecisions:
    def __init__(self, intake: Intake, guard: SpamGuard, directory: StaffDirectory) -> None:
        self.intake = intake
        self.guard = guard
        self.directory = directory

    async def not_spam(
        self, spam_id: int, actor_id: int, line_message_id: int | None, bot: Bot
    ) -> Ticket | None:
        """Restore a removed post as an appeal; None if there is nothing to restore."""
        post = await self.guard.repo.get(spam_id)
        roles = self.directory.roles(actor_id)
        if post is None or not allowed(Change.not_spam, post.state, roles):
            return None
        settings = self.intake.settings
        chat = settings.chat(post.chat_key)
        # The appeal it should have been, its clocks running from when the
        # resident wrote, not from the press.
        draft = appeal_draft(removed_facts(post), chat, self.intake.reader, settings)
        locale = await self.intake.languages.of(
            post.author_id, post.author_language, fallback=settings.chat_locale(chat)
        )
        bot_username = (await bot.me()).username or ""
        created = await self.intake.tickets.create(
            draft, lambda t: self.intake.announce(t, chat, locale, bot_username)
        )
        ticket = created.ticket
        restored = SpamPost(**{**_fields(post), "status": "restored"})
        items: list[Outgoing] = self.guard.restrict(post.author_id, lift=True)
        if post.banned_at is not None and settings.spam.action != "ban":
            items += self.guard.unban(post.author_id)
        if line_message_id is not None:
            items.append(
                self.guard.line(restored, edit_message_id=line_message_id, code=ticket.code)
            )
        await self.guard.repo.restored(spam_id, ticket.id, actor_id, items, roles=roles)
        self.guard.judge.recent.forget(post.text)
        self.guard.retrain_soon()
        log.info(
            "spam #%s restored as ticket %s by moderator %s (posted %s)",
            spam_id,
            ticket.code,
            actor_id,
            post.posted_at.isoformat(),
        )
        return ticket

    async def ban(self, spam_id: int, actor_id: int, line_message_id: int | None) -> bool:
        post = await self.guard.repo.get(spam_id)
        roles = self.directory.roles(actor_id)
        if post is None or not allowed(Change.ban, post.state, roles):
            return False
        items = [
            Outgoing.send("banChatMember", chat.chat_id, {"user_id": post.author_id})
            for chat in self.intake.settings.chats
        ]
        if line_message_id is not None:
            banned = SpamPost(**{**_fields(post), "banned_at": datetime.now(UTC)})
            items.append(self.guard.line(banned, edit_message_id=line_message_id))
        done = await self.guard.repo.banned(spam_id, actor_id, items, roles=roles)
        if done:
            log.info(
                "spam #%s: author %s banned by moderator %s", spam_id, post.author_id, actor_id
            )
        return done


def _fields(post: SpamPost) -> dict[str, object]:
    return {name: getattr(post, name) for name in SpamPost.__dataclass_fields__}
