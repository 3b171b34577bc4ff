"""Updates aiogram cannot read must not stop the desk.

aiogram parses a whole getUpdates answer at once: one update it cannot read
(a field newer than its models, a shape it does not expect) fails the batch,
polling retries the same offset forever, and every later post waits. The
session here reads the updates one by one instead; an unreadable one is
replaced by a bare ``Update`` with its id, so the offset moves on, and its
raw content is kept. The :class:`HandUnreadable` middleware then logs it and,
when it is a resident's message, hands its text and link to the staff chat
(once, through the outbox), so the appeal reaches people anyway. A 5xx whose
body is not JSON (a proxy's error page) is a server error like Telegram's own.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import ClientDecodeError, TelegramServerError
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiogram.types import TelegramObject, Update
from pydantic import ValidationError

from bot.card.render import post_link
from bot.config import Settings
from bot.delivery.outgoing import text_message
from bot.textfit import cut
from bot.texts import Texts
from storage.facts import DeskFacts

log = logging.getLogger(__name__)

EXCERPT = 3000
_MESSAGES = ("message", "edited_message", "channel_post", "edited_channel_post")


class DeskSession(AiohttpSession):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.unreadable: dict[int, dict[str, Any]] = {}

    def check_response(
        self, bot: Bot, method: TelegramMethod[TelegramType], status_code: int, content: str
    ) -> Response[TelegramType]:
        try:
            return super().check_response(bot, method, status_code, content)
        except ClientDecodeError:
            if status_code >= HTTPStatus.INTERNAL_SERVER_ERROR:
                # A proxy's error page, not the Bot API's answer: a 5xx whatever its
                # body, to be retried like Telegram's own (not a bug to give up on).
                raise TelegramServerError(
                    method, f"HTTP {status_code} with a body that is not the Bot API's JSON"
                ) from None
            if not isinstance(method, GetUpdates):
                raise
        # The batch as a whole did not parse: read it update by update.
        try:
            data = self.json_loads(content)
            updates = data["result"] if data.get("ok") else None
        except Exception:  # aiogram reports what it cannot decode
            updates = None
        if not isinstance(updates, list):
            return super().check_response(bot, method, status_code, content)
        readable = []
        for raw in updates:
            try:
                readable.append(Update.model_validate(raw, context={"bot": bot}))
            except ValidationError as exc:
                update_id = raw.get("update_id") if isinstance(raw, dict) else None
                if not isinstance(update_id, int):
                    raise  # without an id the offset cannot move past it: aiogram's own error
                log.error(
                    "update %s cannot be read (%d problems, first: %s at %s); set aside",
                    update_id,
                    exc.error_count(),
                    exc.errors()[0]["msg"],
                    ".".join(str(p) for p in exc.errors()[0]["loc"]),
                )
                self.unreadable[update_id] = raw
                readable.append(Update(update_id=update_id))
        return Response[list[Update]](ok=True, result=readable)  # type: ignore[return-value]


class HandUnreadable:
    """An outer update middleware: a set-aside update reaches no handler; a
    resident's message among them reaches the staff chat as text."""

    def __init__(
        self,
        session: DeskSession,
        settings: Settings,
        texts: Texts,
        facts: DeskFacts,
    ) -> None:
        self.session = session
        self.settings = settings
        self.texts = texts
        self.facts = facts

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        raw = self.session.unreadable.pop(getattr(event, "update_id", None), None)  # type: ignore[arg-type]
        if raw is None:
            return await handler(event, data)
        await self._hand_over(raw)
        return None

    async def _hand_over(self, raw: dict[str, Any]) -> None:
        update_id = raw["update_id"]
        kind = next((k for k in raw if k != "update_id"), "?")
        message = raw.get(kind) if kind in _MESSAGES else None
        chat_id = message.get("chat", {}).get("id") if isinstance(message, dict) else None
        chat = self.settings.chat_by_id(chat_id) if isinstance(chat_id, int) else None
        if chat is None or not isinstance(message, dict):
            log.warning("update %s (%s) set aside: not a resident's message", update_id, kind)
            return
        found = [message.get(k) for k in ("text", "caption") if message.get(k)]
        text = next((v for v in found if isinstance(v, str)), str(found[0]) if found else "")
        message_id = message.get("message_id")
        link = post_link(chat_id, message_id) if isinstance(message_id, int) else None
        sender = message.get("from") or {}
        notice = self.texts.notice(
            self.settings.locale.default,
            "unreadable-update",
            chat=chat.title,
            author=" ".join(str(sender.get(k, "")) for k in ("first_name", "last_name")).strip()
            or "—",
            text=cut(str(text), EXCERPT, "…") if text else "—",
            link=link or "—",
        )
        item = text_message(self.settings.staff.chat_id, notice)
        if await self.facts.queue_unreadable(update_id, [item]):
            log.warning(
                "update %s in chats[%s] could not be read: its text went to the staff chat",
                update_id,
                chat.key,
            )
