"""Who is staff, and moderators' display names: read from the staff chat at start, refreshed
whenever a moderator acts (their Telegram name may have changed)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import User

from storage.facts import DeskFacts
from storage.rules import Role

log = logging.getLogger(__name__)


class StaffDirectory:
    def __init__(self, moderators: list[int], heads: Iterable[int] = ()) -> None:
        self._moderators = list(moderators)
        self._heads = frozenset(heads)
        self._names: dict[int, str] = {}

    def is_moderator(self, user_id: int) -> bool:
        return user_id in self._moderators

    def roles(self, user_id: int) -> frozenset[Role]:
        """What the person is on the desk; whether they wrote an appeal is the
        appeal's to say (:func:`storage.changes.apply_change`)."""
        roles = {Role.moderator} if user_id in self._moderators else set()
        if user_id in self._heads:
            roles.add(Role.head)
        return frozenset(roles)

    def name(self, user_id: int) -> str:
        return self._names.get(user_id) or f"id {user_id}"

    def remember(self, user: User) -> None:
        if user.id in self._moderators:
            self._names[user.id] = user.full_name

    def moderators(self) -> list[tuple[int, str]]:
        return [(user_id, self.name(user_id)) for user_id in self._moderators]

    async def load(self, bot: Bot, staff_chat_id: int, facts: DeskFacts | None = None) -> None:
        """Names from Telegram; with ``facts``, kept for runs without a token, and the
        last known name used for a moderator Telegram does not describe now."""
        saved = await facts.staff_names() if facts is not None else {}
        for user_id in self._moderators:
            try:
                member = await bot.get_chat_member(staff_chat_id, user_id)
            except TelegramAPIError as exc:
                log.warning("moderator %s: name not available (%s)", user_id, exc.message)
                continue
            self.remember(member.user)
        for user_id, name in saved.items():
            if user_id in self._moderators:
                self._names.setdefault(user_id, name)
        if facts is not None:
            learnt = {k: v for k, v in self._names.items() if saved.get(k) != v}
            if learnt:
                await facts.set_staff_names(learnt)

    async def load_saved(self, facts: DeskFacts) -> None:
        """The names the running desk last saw (no Telegram needed)."""
        for user_id, name in (await facts.staff_names()).items():
            if user_id in self._moderators:
                self._names.setdefault(user_id, name)
