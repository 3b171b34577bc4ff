"""The moderators' actions on problems and everything each one sends.

Handlers call these; the policy (storage/rules.py) is enforced by the
repository inside the transaction, for the problem and for each of its
appeals, and what must reach people (the problem's card, each resident's
answer or closing under their own post) is queued in that same transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot.config import Settings
from bot.delivery.outgoing import reaction
from bot.languages import Languages
from bot.texts import Texts
from bot.tickets.notices import CONFIRM_ANSWER, Notices
from bot.tickets.staff_directory import StaffDirectory
from storage.models import Answer, Outgoing, Problem, Resolution, Ticket
from storage.problem_changes import AppealArgs, DeliverAppeal
from storage.problems import DeliverProblem, ProblemOutcome, ProblemRepository
from storage.ratings import RatingRepository
from storage.records import AnswerDraft
from storage.rules import ProblemChange

log = logging.getLogger(__name__)


class ProblemDesk:
    def __init__(
        self,
        settings: Settings,
        problems: ProblemRepository,
        notices: Notices,
        languages: Languages,
        ratings: RatingRepository,
        directory: StaffDirectory,
        texts: Texts,
    ) -> None:
        self.settings = settings
        self.problems = problems
        self.notices = notices
        self.languages = languages
        self.ratings = ratings
        self.directory = directory
        self.texts = texts
        self.staff_chat = settings.staff.chat_id

    # ---- what a change sends -------------------------------------------------

    def card(self, problem: Problem | int) -> Outgoing:
        return Outgoing.problem_card(problem, self.staff_chat)

    def _cards(self, problem: Problem, appeals: Sequence[Ticket]) -> list[Outgoing]:
        """The problem's card, and each touched appeal's own card where it has one
        (or, detached, gets one back: the outbox decides, see storage/outbox.py)."""
        return [self.card(problem), *(Outgoing.card(t, self.staff_chat) for t in appeals)]

    def title_for(self, ticket: Ticket) -> str:
        """A new problem's title: what it is about and where ("Отопление — Кенесары 40")."""
        locale = self.settings.locale.default
        what = self.texts.plain(locale, f"category-{ticket.category or 'other'}")
        if ticket.address:
            return f"{what} — {ticket.address}"
        return what

    # ---- grouping ------------------------------------------------------------

    async def make(self, ticket_ids: Sequence[int], actor_id: int) -> ProblemOutcome | None:
        outcome = await self.problems.make(
            ticket_ids,
            actor_id=actor_id,
            title=self.title_for,
            roles=self.directory.roles(actor_id),
            deliver=self._cards,
        )
        self._log(outcome, "made", actor_id)
        return outcome

    async def attach(self, problem_id: int, ticket_id: int, actor_id: int) -> ProblemOutcome | None:
        outcome = await self.problems.attach(
            problem_id,
            ticket_id,
            actor_id=actor_id,
            roles=self.directory.roles(actor_id),
            deliver=self._cards,
        )
        self._log(outcome, "attach", actor_id)
        return outcome

    async def detach(self, ticket_id: int, actor_id: int) -> ProblemOutcome | None:
        outcome = await self.problems.detach(
            ticket_id, actor_id=actor_id, roles=self.directory.roles(actor_id), deliver=self._cards
        )
        self._log(outcome, "detach", actor_id)
        return outcome

    async def merge(self, problem_id: int, into_id: int, actor_id: int) -> ProblemOutcome | None:
        outcome = await self.problems.merge(
            problem_id,
            into_id,
            actor_id=actor_id,
            roles=self.directory.roles(actor_id),
            deliver=lambda problem, _: [self.card(problem)],
        )
        self._log(outcome, f"merge of problem {problem_id}", actor_id)
        return outcome

    async def retitle(self, problem_id: int, title: str, actor_id: int) -> ProblemOutcome | None:
        outcome = await self.problems.retitle(
            problem_id,
            title,
            actor_id=actor_id,
            roles=self.directory.roles(actor_id),
            deliver=self._cards,
        )
        self._log(outcome, "retitle", actor_id)
        return outcome

    # ---- the problem's own work, and with it each appeal's ------------------

    async def take(self, problem_id: int, actor_id: int) -> ProblemOutcome | None:
        return await self._apply(problem_id, ProblemChange.take, actor_id)

    async def assign(
        self, problem_id: int, actor_id: int, assignee_id: int
    ) -> ProblemOutcome | None:
        return await self._apply(
            problem_id, ProblemChange.assign, actor_id, AppealArgs(assignee_id=assignee_id)
        )

    async def reopen(self, problem_id: int, actor_id: int) -> ProblemOutcome | None:
        return await self._apply(problem_id, ProblemChange.reopen, actor_id)

    async def answer(
        self, problem_id: int, draft: AnswerDraft, *, reply_to: int | None = None
    ) -> ProblemOutcome | None:
        """One answer for all: every open appeal in the problem gets it as its own
        answer, under its resident's post and privately when possible."""
        public, private = await self._languages(problem_id)

        def each(ticket: Ticket, answer: Answer | None) -> list[Outgoing]:
            assert answer is not None
            return [
                Outgoing.card(ticket, self.staff_chat),
                *self.notices.answer(ticket, answer, *self._locales(ticket, public, private)),
            ]

        def confirmed(problem: Problem, appeals: Sequence[Ticket]) -> list[Outgoing]:
            out = self._cards(problem, appeals)
            if reply_to is not None:
                out.append(reaction(self.staff_chat, reply_to, CONFIRM_ANSWER))
            return out

        return await self._apply(
            problem_id,
            ProblemChange.answer,
            draft.author_id,
            AppealArgs(answer=draft),
            each,
            deliver=confirmed,
        )

    async def close(
        self, problem_id: int, actor_id: int, resolution: Resolution
    ) -> ProblemOutcome | None:
        """Every open appeal in it is closed with the same resolution, each told."""
        public, private = await self._languages(problem_id)
        closings = {
            t.id: await self.ratings.closings(t.id) + 1
            for t in await self.problems.open_appeals(problem_id)
        }

        def each(ticket: Ticket, _: Answer | None) -> list[Outgoing]:
            pub, priv = self._locales(ticket, public, private)
            closing = closings.get(ticket.id, 1)
            return [
                Outgoing.card(ticket, self.staff_chat),
                *self.notices.closed(ticket, resolution, pub, priv, closing),
            ]

        return await self._apply(
            problem_id, ProblemChange.close, actor_id, AppealArgs(resolution=resolution), each
        )

    # ---- helpers -------------------------------------------------------------

    async def _languages(self, problem_id: int) -> tuple[dict[int, str], dict[int, str | None]]:
        """Each open appeal's languages, read before the transaction that uses them."""
        public: dict[int, str] = {}
        private: dict[int, str | None] = {}
        for ticket in await self.problems.open_appeals(problem_id):
            public[ticket.id] = await self.languages.public(ticket)
            private[ticket.id] = await self.languages.private(ticket)
        return public, private

    def _locales(
        self, ticket: Ticket, public: dict[int, str], private: dict[int, str | None]
    ) -> tuple[str, str | None]:
        """An appeal that joined meanwhile is answered in its chat's language, and
        under its post only (whether its author may be written to is not known)."""
        chat = self.settings.chat(ticket.chat_key)
        return public.get(ticket.id, self.settings.chat_locale(chat)), private.get(ticket.id)

    async def _apply(
        self,
        problem_id: int,
        change: ProblemChange,
        actor_id: int,
        args: AppealArgs | None = None,
        each: DeliverAppeal | None = None,
        *,
        deliver: DeliverProblem | None = None,
    ) -> ProblemOutcome | None:
        outcome = await self.problems.apply(
            problem_id,
            change,
            actor_id=actor_id,
            roles=self.directory.roles(actor_id),
            args=args,
            deliver=deliver or self._cards,
            each=each or (lambda t, _: [Outgoing.card(t, self.staff_chat)]),
        )
        self._log(outcome, change.value, actor_id)
        return outcome

    @staticmethod
    def _log(outcome: ProblemOutcome | None, what: str, actor_id: int) -> None:
        if outcome is not None and outcome.done and outcome.problem is not None:
            codes = ", ".join(t.code for t in outcome.appeals)
            log.info(
                "problem %s: %s by %s%s",
                outcome.problem.code,
                what,
                actor_id,
                f" ({codes})" if codes else "",
            )
