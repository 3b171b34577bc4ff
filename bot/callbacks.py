"""Card button data: ``t:<action>:<ticket_id>[:<arg>]``, within Telegram's 64 bytes."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from aiogram.filters.callback_data import CallbackData


class Action(StrEnum):
    take = "take"
    assign = "assign"
    answer = "answer"
    close = "close"
    reopen = "reopen"
    spam = "spam"
    ban = "ban"
    back = "back"


class OpenPage(CallbackData, prefix="o"):
    """Pages of ``/open`` and ``/mine``: ``o:<offset>:<assignee or 0>``."""

    offset: int
    assignee: int = 0


class TicketAction(CallbackData, prefix="t"):
    """One factory for every card button; ``arg`` is the chosen moderator or resolution."""

    action: Action
    ticket_id: int
    arg: str | None = None

    def pack(self) -> str:
        packed = super().pack()
        # The contract has no trailing separator when there is no argument.
        return packed.removesuffix(self.__separator__) if self.arg is None else packed

    @classmethod
    def unpack(cls, value: str) -> Self:
        if value.count(cls.__separator__) == len(cls.model_fields) - 1:
            value += cls.__separator__
        return super().unpack(value)
