"""Card button data: ``t:<action>:<ticket_id>[:<arg>]``, within Telegram's 64 bytes."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, Self

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

# Ids as SQLite stores them: forged data beyond these fails to parse and is
# answered as "not understood" instead of crashing a query.
RowId = Annotated[int, Field(ge=0, le=2**63 - 1)]


class Action(StrEnum):
    take = "take"
    assign = "assign"
    answer = "answer"
    close = "close"
    reopen = "reopen"
    spam = "spam"
    ban = "ban"
    back = "back"
    urgent = "urgent"
    extend = "extend"
    recategorize = "recategorize"  # the list of categories; with one: that category
    readdress = "readdress"  # a prompt to reply to with the address
    make = "make"  # a problem of this appeal; with "pair": and of the matching ones offered
    attach = "attach"  # with a problem id: join the problem offered
    detach = "detach"  # leave its problem


class Language(CallbackData, prefix="l"):
    """A resident's choice of language: ``l:<ru|kk|en>``."""

    code: Literal["ru", "kk", "en"]


class Rate(CallbackData, prefix="r"):
    """ "Was your issue solved?": ``r:<ticket_id>:<closing>:<yes|no>``."""

    ticket_id: RowId
    closing: Annotated[int, Field(ge=1, le=10_000)]
    answer: Literal["yes", "no"]


class OpenPage(CallbackData, prefix="o"):
    """Pages of ``/open`` and ``/mine``: ``o:<offset>:<assignee or 0>``."""

    offset: RowId
    assignee: RowId = 0


class TicketAction(CallbackData, prefix="t"):
    """One factory for every card button; ``arg`` is the chosen moderator or resolution."""

    action: Action
    ticket_id: RowId
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


class ProblemActionKind(StrEnum):
    take = "take"
    assign = "assign"
    answer = "answer"
    close = "close"
    reopen = "reopen"
    merge = "merge"  # the candidates; with a problem id: merge into it
    detach = "detach"  # the newest appeals; with a ticket id: detach it
    retitle = "retitle"  # a prompt to reply to with the title
    back = "back"


class ProblemAction(CallbackData, prefix="p"):
    """A problem card's buttons: ``p:<action>:<problem_id>[:<arg>]``."""

    action: ProblemActionKind
    problem_id: RowId
    arg: str | None = None

    def pack(self) -> str:
        packed = super().pack()
        return packed.removesuffix(self.__separator__) if self.arg is None else packed

    @classmethod
    def unpack(cls, value: str) -> Self:
        if value.count(cls.__separator__) == len(cls.model_fields) - 1:
            value += cls.__separator__
        return super().unpack(value)
