"""Before any problem card button's handler: who pressed, where, on which
problem's current card, and whether the policy lets them. A press that passes
reaches its handler with a :class:`ProblemPress`; every other press is answered
here and changes nothing."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, TelegramObject

from bot.card.callbacks import ProblemAction, ProblemActionKind
from bot.config import Settings
from bot.texts import Texts
from bot.tickets.staff_directory import StaffDirectory
from storage.models import Problem
from storage.problem_reads import problem_state
from storage.problems import ProblemOutcome, ProblemRepository
from storage.rules import ProblemChange, problem_refusal

log = logging.getLogger(__name__)


@dataclass
class ProblemPress:
    """One press by a moderator on a problem's current card."""

    query: CallbackQuery
    problem: Problem
    texts: Texts
    locale: str
    bot: Bot
    directory: StaffDirectory
    staff_chat: int

    @property
    def user_id(self) -> int:
        return self.query.from_user.id

    async def toast(self, key: str, **args: object) -> None:
        await self.query.answer(self.texts.plain(self.locale, key, **args))

    async def alert(self, key: str, **args: object) -> None:
        await self.query.answer(self.texts.plain(self.locale, key, **args), show_alert=True)

    async def keyboard(self, markup: InlineKeyboardMarkup) -> None:
        """Show other buttons on the card (a choice), or its own again."""
        try:
            await self.bot.edit_message_reply_markup(
                chat_id=self.staff_chat,
                message_id=self.problem.card_message_id,
                reply_markup=markup,
            )
        except TelegramAPIError as exc:
            if "not modified" not in exc.message:
                raise

    async def refused(self, outcome: ProblemOutcome | None) -> bool:
        """Explain a change the policy did not allow; True if refused."""
        if outcome is None:
            await self.alert("press-problem-unknown")
            return True
        if outcome.done:
            return False
        now = outcome.problem or self.problem
        status = self.texts.get(self.locale, f"status-{now.status}")
        await self.alert("press-problem-wrong-state", code=now.code, status=status)
        return True


class ProblemPresses(BaseMiddleware):
    """The gate every problem card button's handler sits behind (an inner middleware)."""

    def __init__(self, staff_chats: set[int]) -> None:
        self.staff_chats = staff_chats

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        assert isinstance(event, CallbackQuery)
        press = await self._admit(event, data)
        if press is None:
            return None
        data["press"] = press
        return await handler(event, data)

    async def _admit(self, query: CallbackQuery, data: dict[str, Any]) -> ProblemPress | None:
        texts: Texts = data["texts"]
        directory: StaffDirectory = data["directory"]
        settings: Settings = data["settings"]
        callback: ProblemAction = data["callback_data"]
        locale = settings.locale.default

        async def alert(key: str, **args: object) -> None:
            await query.answer(texts.plain(locale, key, **args), show_alert=True)

        user = query.from_user
        if not directory.is_moderator(user.id):
            log.info("press %s refused: user %s is not a moderator", query.data, user.id)
            await alert("press-not-staff")
            return None
        directory.remember(user)
        if query.message is None or query.message.chat.id not in self.staff_chats:
            await alert("press-wrong-chat")
            return None
        problems: ProblemRepository = data["problems"]
        problem = await problems.get(callback.problem_id)
        if problem is None:
            log.info("press %s refused: no such problem", query.data)
            await alert("press-problem-unknown")
            return None
        if problem.card_message_id != query.message.message_id:
            await alert("press-problem-stale", code=problem.code)
            return None
        press = ProblemPress(
            query, problem, texts, locale, data["bot"], directory, settings.staff.chat_id
        )
        if callback.action is ProblemActionKind.back:
            return press
        change = ProblemChange(callback.action.value)
        if problem_refusal(change, problem_state(problem), directory.roles(user.id)) is not None:
            await press.refused(ProblemOutcome(False, problem))
            return None
        return press
