"""/digest [YYYY-MM-DD] and /stats: for the akim in a private chat and the staff
in the staff chat. Anyone else's /digest falls through to the resident's router."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import date, timedelta

from aiogram import F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.config import Settings
from bot.filters import on_loop
from bot.intake.chat_ids import ChatIds
from bot.languages import Languages
from bot.reports.digest import DigestService
from bot.texts import Texts
from storage.outbox import Clock

log = logging.getLogger(__name__)


# Digests being built for a /digest or /stats (in the background: updates are
# handled one batch at a time, and intake must not wait for a chart).
_BUILDING: set[asyncio.Task[None]] = set()


async def on_digest(
    message: Message,
    command: CommandObject,
    settings: Settings,
    digest: DigestService,
    languages: Languages,
    texts: Texts,
    clock: Clock,
) -> None:
    locale = settings.locale.default
    if message.chat.type == "private" and message.from_user is not None:
        user = message.from_user
        locale = await languages.of(user.id, user.language_code)
    today = clock().astimezone(settings.locale.zone).date()
    stats = command.command == "stats"
    day = today if stats else _day(command.args, today)
    if day is None:
        example = today - timedelta(days=1)
        await message.reply(texts.get(locale, "digest-bad-date", example=example.isoformat()))
        return
    who = message.from_user.id if message.from_user else "?"
    log.info("/%s for %s asked by %s in chat %s", command.command, day, who, message.chat.id)
    task = asyncio.create_task(_send(message, digest, day, locale, stats, texts))
    _BUILDING.add(task)
    task.add_done_callback(_BUILDING.discard)


def get_router(settings: Settings, chat_ids: ChatIds) -> Router:
    router = Router(name="digest")
    members = settings.staff.members
    # Configured staff (moderators, heads), in the staff chat or their private chat.
    allowed = on_loop(
        F.from_user.id.in_(members) & (F.chat.id.in_(chat_ids.staff) | (F.chat.type == "private"))
    )
    router.message.register(on_digest, allowed, Command("digest", "stats"))
    return router


async def _send(
    message: Message,
    digest: DigestService,
    day: date,
    locale: str,
    running: bool,
    texts: Texts,
) -> None:
    try:
        if not running:
            await message.reply(texts.get(locale, "digest-building", day=f"{day:%d.%m.%Y}"))
        await digest.send_now(message.chat.id, day, locale, running=running)
    except Exception:
        log.exception("digest for %s in chat %s failed", day, message.chat.id)
        with contextlib.suppress(TelegramAPIError):
            await message.reply(texts.get(locale, "digest-failed"))


def _day(args: str | None, today: date) -> date | None:
    """The day asked for: yesterday by default; only finished days."""
    text = (args or "").strip()
    if not text:
        return today - timedelta(days=1)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if day < today else None
