"""A chat as Telegram knows it and the bot's queue of pending updates."""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import copy
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.protocol import (
    NOT_DELIVERED_BY_DEFAULT,
)


@dataclass
class ChatState:
    """One chat as Telegram knows it, including the bot's standing in it."""

    info: dict[str, Any]  # the Chat object embedded in messages
    bot_status: str = "member"  # administrator | member | left | kicked | absent
    can_read_all: bool = True  # False: privacy mode (commands, replies, mentions only)
    bot_rights: dict[str, bool] = field(default_factory=dict)
    started: bool = False  # private chats: the user has started the bot
    blocked: bool = False  # private chats: the user has blocked the bot
    messages: dict[int, dict] = field(default_factory=dict)  # message_id -> Message, in order
    bot_message_ids: set[int] = field(default_factory=set)  # messages the bot sent
    last_message_id: int = 0
    threads: set[int] = field(default_factory=set)  # forum topics
    members: dict[int, str] = field(default_factory=dict)  # user_id -> ChatMember status
    banned: set[int] = field(default_factory=set)
    restricted: dict[int, dict[str, bool]] = field(default_factory=dict)  # user_id -> rights
    reactions: dict[int, list[dict]] = field(default_factory=dict)  # the bot's reactions
    pinned: list[int] = field(default_factory=list)  # pinned message ids, the latest last
    recent_sends: deque[float] = field(default_factory=deque)  # for group_rate_limit

    @property
    def id(self) -> int:
        return self.info["id"]

    @property
    def type(self) -> str:
        return self.info["type"]

    @property
    def is_group(self) -> bool:
        return self.type in ("group", "supergroup")

    @property
    def is_forum(self) -> bool:
        return bool(self.info.get("is_forum"))

    def bot_has_right(self, right: str) -> bool:
        if self.bot_status != "administrator":
            return False
        return self.type == "group" or bool(self.bot_rights.get(right))


def update_kind(update: dict) -> str:
    return next(key for key in update if key != "update_id")


class UpdateQueue:
    """The bot's pending updates, with getUpdates' offset and allowed_updates semantics."""

    def __init__(self) -> None:
        self._items: list[dict] = []
        self._next_id = 1
        self.allowed: frozenset[str] | None = None  # None: Telegram's default set
        self._signal = asyncio.Event()

    def __len__(self) -> int:
        return len(self._items)

    def push(self, update: dict) -> int:
        """Queue an update (assigning the next update_id if it has none); returns its id."""
        update.setdefault("update_id", self._next_id)
        self._next_id = max(self._next_id, update["update_id"] + 1)
        bisect.insort(self._items, update, key=lambda u: u["update_id"])
        self.notify()
        return update["update_id"]

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last -offset."""
        if offset > 0:
            self._items = [u for u in self._items if u["update_id"] >= offset]
        elif offset < 0:
            self._items = self._items[offset:]

    def take(self, limit: int) -> list[dict]:
        """The first ``limit`` deliverable updates; undeliverable ones are dropped for good."""
        self._items = [u for u in self._items if self.is_allowed(update_kind(u))]
        return copy.deepcopy(self._items[:limit])

    def is_allowed(self, kind: str) -> bool:
        if self.allowed is None:
            return kind not in NOT_DELIVERED_BY_DEFAULT
        return kind in self.allowed

    def clear(self) -> None:
        self._items.clear()

    def snapshot(self) -> tuple[list[dict], int]:
        """Every pending update and the next update id, to be restored later."""
        return copy.deepcopy(self._items), self._next_id

    def restore(self, items: list[dict], next_id: int) -> None:
        self._items = sorted(copy.deepcopy(items), key=lambda u: u["update_id"])
        self._next_id = max([next_id, *(u["update_id"] + 1 for u in self._items)])
        self.notify()

    def notify(self) -> None:
        self._signal.set()
        self._signal = asyncio.Event()

    async def wait(self, timeout: float) -> None:  # noqa: ASYNC109 a long poll's rest
        """Until the next ``notify`` or ``timeout`` seconds."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._signal.wait(), timeout)
