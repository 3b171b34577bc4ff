"""The deadline watch: a job every few minutes (APScheduler, started inside the
running loop) that reminds assignees before the first-response deadline and,
once a deadline has passed, marks the card overdue and alerts the akim —
each once per ticket and deadline."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.card.render import local_time, post_link
from bot.config import Settings
from bot.delivery.outgoing import text_message
from bot.texts import Texts
from bot.tickets.alerts import HeadAlerts
from bot.tickets.staff_directory import StaffDirectory
from storage.models import Outgoing, Ticket
from storage.residents import ResidentRepository
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)


class DeadlineWatch:
    def __init__(
        self,
        settings: Settings,
        tickets: TicketRepository,
        residents: ResidentRepository,
        texts: Texts,
        directory: StaffDirectory,
        alerts: HeadAlerts,
        clock: Callable[[], datetime],
    ) -> None:
        self.settings = settings
        self.tickets = tickets
        self.residents = residents
        self.texts = texts
        self.directory = directory
        self.alerts = alerts
        self.clock = clock
        self.locale = settings.locale.default
        self.zone = settings.locale.zone

    def schedule(self, scheduler: AsyncIOScheduler) -> None:
        scheduler.add_job(
            self.check,
            IntervalTrigger(minutes=self.settings.deadlines.check_every_minutes),
            id="deadline-watch",
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(self.zone),
        )

    async def check(self) -> int:
        """Act on every ticket whose deadline needs it now; return how many actions."""
        try:
            return await self._check()
        except Exception:
            log.exception("deadline watch failed; it runs again at the next interval")
            return 0

    async def _check(self) -> int:
        now = self.clock()
        before = timedelta(hours=self.settings.deadlines.remind_before_hours)
        work = await self.tickets.deadline_work(now, before)
        for ticket in work.remind:
            await self._remind(ticket)
        heads = (
            await self.alerts.reachable_heads()
            if work.response_overdue or work.resolve_overdue
            else []
        )
        for ticket in work.response_overdue:
            await self._overdue(ticket, "response", heads)
        for ticket in work.resolve_overdue:
            await self._overdue(ticket, "resolve", heads)
        return len(work.remind) + len(work.response_overdue) + len(work.resolve_overdue)

    async def _remind(self, ticket: Ticket) -> None:
        assignee = ticket.assignee_id
        private = assignee is not None and await self.residents.reachable(assignee)
        text = self.texts.get(
            self.locale,
            "reminder",
            code=ticket.code,
            due=local_time(ticket.response_due_at, self.zone, "%d.%m %H:%M"),
            assignee=self.directory.name(assignee) if assignee else "—",
            link=self._card_link(ticket),
        )
        target = assignee if private else self.settings.staff.chat_id
        log.info("ticket %s: first-response reminder to %s", ticket.code, target)
        await self.tickets.note_event(
            ticket.id,
            "reminder_response",
            {"to": target},
            actor_id=None,
            deliver=lambda t: [text_message(target, text, ticket_id=t.id)],
        )

    async def _overdue(self, ticket: Ticket, deadline: str, heads: list[int]) -> None:
        due = ticket.response_due_at if deadline == "response" else ticket.resolve_due_at
        text = self.texts.get(
            self.locale,
            f"overdue-{deadline}",
            code=ticket.code,
            chat=self.settings.chat(ticket.chat_key).title,
            due=local_time(due, self.zone),
            assignee=self.directory.name(ticket.assignee_id) if ticket.assignee_id else "—",
            link=post_link(ticket.source_chat_id, ticket.source_message_id) or "—",
        )
        log.warning("ticket %s: %s deadline passed; the akim is told", ticket.code, deadline)

        def deliver(t: Ticket) -> list[Outgoing]:
            # The card shows "overdue" from now on; the akim hears of it once.
            return [
                Outgoing.card(t, self.settings.staff.chat_id),
                *self.alerts.message(t, text, heads),
            ]

        await self.tickets.note_event(
            ticket.id,
            f"overdue_{deadline}",
            {"due": due.isoformat() if due else None},
            actor_id=None,
            deliver=deliver,
        )

    def _card_link(self, ticket: Ticket) -> str:
        if ticket.card_message_id is None:
            return "—"
        return post_link(self.settings.staff.chat_id, ticket.card_message_id) or "—"
