"""What the bot says: the staff card and the acknowledgement, as Telegram HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.config import ChatSettings, Settings
from bot.intake.spam.line import reasons_text
from bot.textfit import CAPTION_LIMIT, MESSAGE_LIMIT, cut, visible_length
from bot.texts import Html, Texts, escape
from storage.models import OPEN, Answer, Priority, Status, Ticket, from_db_time
from storage.problem_changes import ProblemBrief
from storage.reads import TicketFacts

_BADGE = {
    Status.new: "🆕",
    Status.assigned: "🟡",
    Status.answered: "💬",
    Status.closed: "✅",
}
RESIDENT_EXCERPT = 80  # of the last answer in /my
EXCERPT = 200  # of answers, follow-ups and notes on a card
CAPTION_EXCERPT = 60  # the same on a photo card, which has 1024 characters in all
MIN_BODY = 300  # room kept for the appeal's own text before history lines are dropped
_BODY = "\x00BODY\x00"


_CODE = re.compile(r"\b([A-Z]{1,3}-\d{1,9})\b")


def code_in(text: str | None) -> str | None:
    """The first ticket code a message of the bot's names (its acks, cards and
    answers all do), if any."""
    found = _CODE.search(text or "")
    return found.group(1) if found else None


def post_link(chat_id: int, message_id: int) -> str | None:
    """A t.me link to a message in a supergroup (members can open it), if one exists."""
    text = str(chat_id)
    if not text.startswith("-100"):
        return None
    return f"https://t.me/c/{text[4:]}/{message_id}"


def user_link(user_id: int, name: str) -> Html:
    return Html(f'<a href="tg://user?id={int(user_id)}">{escape(name)}</a>')


def local_time(moment: datetime, zone: ZoneInfo, fmt: str = "%d.%m.%Y %H:%M") -> str:
    return moment.astimezone(zone).strftime(fmt)


def age(since: datetime, now: datetime, texts: Texts, locale: str) -> Html:
    """How long ago, roughly: "3 дн.", "5 ч", "12 мин"."""
    minutes = max(int((now - since).total_seconds() // 60), 0)
    if minutes >= 24 * 60:
        return texts.get(locale, "age-days", n=minutes // (24 * 60))
    if minutes >= 60:
        return texts.get(locale, "age-hours", n=minutes // 60)
    return texts.get(locale, "age-minutes", n=minutes)


@dataclass(frozen=True, slots=True)
class CardData:
    """Everything a card shows, read from the database when the card is sent."""

    ticket: Ticket
    facts: TicketFacts = field(default_factory=TicketFacts)
    assignee_name: str | None = None


class Renderer:
    def __init__(self, settings: Settings, texts: Texts) -> None:
        self.settings = settings
        self.texts = texts
        self.zone = settings.locale.zone
        self.staff_locale = settings.locale.default

    def _t(self, key: str, **args: object) -> Html:
        return self.texts.get(self.staff_locale, key, **args)

    def card(self, data: CardData, now: datetime) -> Html:
        """The card's text; as a caption when the ticket has a photo (shorter limit)."""
        ticket = data.ticket
        chat = self.settings.chat(ticket.chat_key)
        badge = "🔴" if ticket.priority is Priority.urgent else _BADGE[ticket.status]
        lines = [
            self._t("card-header", badge=badge, code=ticket.code, chat=chat.title),
            self._t(
                "card-author",
                author=self._author(ticket),
                when=local_time(ticket.created_at, self.zone),
            ),
        ]
        link = post_link(ticket.source_chat_id, ticket.source_message_id)
        if link:
            lines.append(Html(f'<a href="{escape(link)}">{self._t("card-open-post")}</a>'))
        lines.append(Html(""))
        if ticket.text:
            lines.append(Html(f"<blockquote>{_BODY}</blockquote>"))
        if ticket.media_type:
            media = self._t(f"media-{ticket.media_type}")
            if ticket.attachments:
                media = self._t("card-album", media=media, count=ticket.attachments + 1)
            lines.append(self._t("card-media", media=media))
        lines.extend(self._reading_lines(ticket))
        lines.append(Html(""))
        assignee = (
            user_link(ticket.assignee_id, data.assignee_name or str(ticket.assignee_id))
            if ticket.assignee_id
            else self._t("card-unassigned")
        )
        lines.append(
            self._t("card-status", status=self._t(f"status-{ticket.status}"), assignee=assignee)
        )
        if ticket.resolution:
            lines.append(
                self._t("card-resolution", resolution=self._t(f"resolution-{ticket.resolution}"))
            )
        if (due := self._due_line(ticket, now)) is not None:
            lines.append(due)
        caption = self.card_has_photo(ticket)
        limit = CAPTION_LIMIT if caption else MESSAGE_LIMIT
        history = self._history_lines(ticket, data.facts, CAPTION_EXCERPT if caption else EXCERPT)
        # The resident's own words matter most: history lines give way first.
        wanted = min(MIN_BODY, len(ticket.text))
        while True:
            skeleton = "\n".join([*lines, *history])
            budget = limit - visible_length(skeleton.replace(_BODY, ""))
            if budget >= wanted or not history:
                break
            history.pop()
        marker = self._t("caption-cut" if caption else "card-cut")
        body = escape(cut(ticket.text, max(budget, 0), marker)) if ticket.text else ""
        return Html(skeleton.replace(_BODY, body))

    def _reading_lines(self, ticket: Ticket) -> list[Html]:
        """What the desk read in the post: what about, where, and why it is urgent."""
        lines: list[Html] = []
        if ticket.category or ticket.address or ticket.lat is not None:
            where = escape(ticket.address) if ticket.address else None
            if ticket.lat is not None and ticket.lon is not None:
                url = f"https://www.openstreetmap.org/?mlat={ticket.lat:.6f}&mlon={ticket.lon:.6f}"
                pin = Html(f'<a href="{escape(url)}">{self._t("card-map")}</a>')
                where = Html(f"{where} · {pin}") if where else pin
            category = self._t(f"category-{ticket.category}") if ticket.category else "—"
            lines.append(
                self._t(
                    "card-reading", category=category, address=where or self._t("card-no-address")
                )
            )
        if ticket.priority is Priority.urgent and ticket.urgency_reason:
            reason = self._t(f"urgency-{ticket.urgency_reason}")
            lines.append(self._t("card-urgent-why", reason=reason))
        return lines

    def _due_line(self, ticket: Ticket, now: datetime) -> Html | None:
        """The deadlines of an open ticket, and how late it is if it is."""
        if ticket.status not in OPEN or not (ticket.response_due_at and ticket.resolve_due_at):
            return None
        due = self._t(
            "card-due",
            response=local_time(ticket.response_due_at, self.zone, "%d.%m %H:%M"),
            resolve=local_time(ticket.resolve_due_at, self.zone, "%d.%m.%Y"),
        )
        since = ticket.overdue_since(now)
        if since is not None:
            late = age(since, now, self.texts, self.staff_locale)
            due = Html(f"{due} {self._t('card-overdue', age=late)}")
        return due

    def _excerpt(self, text: str, media_type: str | None, size: int) -> str:
        if text:
            return f"«{cut(text, size, '…')}»"
        return f"[{self._t(f'media-{media_type}')}]" if media_type else "—"

    def _history_lines(self, ticket: Ticket, facts: TicketFacts, size: int) -> list[Html]:
        lines: list[Html] = []
        if ticket.problem_id is not None and facts.problem is not None:
            problem = facts.problem
            lines.append(self._t("card-in-problem", code=problem.code, residents=problem.residents))
        if facts.spam_signs and ticket.status is not Status.closed:
            reasons = reasons_text(self.texts, self.staff_locale, facts.spam_signs)
            lines.append(self._t("card-spam-signs", reasons=reasons))
        if facts.answers and facts.last_answer:
            last = facts.last_answer
            lines.append(
                self._t(
                    "card-answers",
                    count=facts.answers,
                    last=self._excerpt(last.text, last.media_type, size),
                )
            )
        if ticket.followups and facts.last_followup:
            followup = facts.last_followup
            lines.append(
                self._t(
                    "card-followups",
                    count=ticket.followups,
                    last=self._excerpt(followup.get("text", ""), followup.get("media_type"), size),
                )
            )
        if facts.notes and facts.last_note:
            lines.append(
                self._t(
                    "card-notes",
                    count=facts.notes,
                    last=self._excerpt(facts.last_note.text, None, size),
                )
            )
        if facts.post_deleted:
            lines.append(self._t("card-post-deleted"))
        if facts.delete_error:
            lines.append(self._t("card-delete-failed", error=facts.delete_error))
        if facts.banned:
            lines.append(self._t("card-banned"))
        if facts.ban_error:
            lines.append(self._t("card-ban-failed", error=facts.ban_error))
        if facts.solved is not None:
            lines.append(self._t("card-solved" if facts.solved else "card-disputed"))
        if facts.extended:
            due = from_db_time(facts.extended.get("due"))
            lines.append(
                self._t(
                    "card-extended",
                    due=local_time(due, self.zone, "%d.%m.%Y") if due else "—",
                    reason=f"«{cut(facts.extended.get('reason', ''), size, '…')}»",
                )
            )
        return lines

    # ---- what a resident reads in the private chat ------------------------------

    def resident_line(self, ticket: Ticket, last: Answer | None, locale: str) -> Html:
        t = self.texts
        return t.get(
            locale,
            "my-line",
            code=ticket.code,
            chat=self.settings.chat(ticket.chat_key).title,
            date=local_time(ticket.created_at, self.zone, "%d.%m.%Y"),
            status=t.get(locale, f"status-{ticket.status}"),
            answer=self._resident_excerpt(last, locale, RESIDENT_EXCERPT),
        )

    def resident_ticket(self, ticket: Ticket, answers: list[Answer], locale: str) -> Html:
        """One of the resident's own tickets with every answer it got."""
        t = self.texts
        lines = [
            t.get(
                locale,
                "ticket-view",
                code=ticket.code,
                chat=self.settings.chat(ticket.chat_key).title,
                date=local_time(ticket.created_at, self.zone),
                status=t.get(locale, f"status-{ticket.status}"),
            )
        ]
        if ticket.resolution:
            lines.append(
                t.get(
                    locale,
                    "ticket-view-resolution",
                    resolution=t.get(locale, f"resolution-{ticket.resolution}"),
                )
            )
        if ticket.text:
            lines.append(Html(f"<blockquote>{escape(cut(ticket.text, 600, '…'))}</blockquote>"))
        public = [a for a in answers if not a.internal]
        if not public:
            lines.append(t.get(locale, "ticket-view-no-answers"))
        for answer in public[-10:]:
            lines.append(
                t.get(
                    locale,
                    "ticket-view-answer",
                    when=local_time(answer.created_at, self.zone),
                    text=self._resident_excerpt(answer, locale, 800),
                )
            )
        return Html("\n".join(lines))

    def _resident_excerpt(self, answer: Answer | None, locale: str, size: int) -> str:
        if answer is None:
            return "—"
        if answer.text:
            return f"«{cut(answer.text, size, '…')}»"
        return f"[{self.texts.get(locale, f'media-{answer.media_type}')}]"

    @staticmethod
    def card_has_photo(ticket: Ticket) -> bool:
        return ticket.media_type == "photo" and bool(ticket.media_file_id)

    def _author(self, ticket: Ticket) -> Html:
        author = user_link(ticket.author_id, ticket.author_name)
        if ticket.author_username:
            return Html(f"{author} (@{escape(ticket.author_username)})")
        return author

    def ack(
        self,
        ticket: Ticket,
        chat: ChatSettings,
        locale: str,
        bot_username: str,
        problem: ProblemBrief | None = None,
    ) -> Html:
        """The reply under a resident's post: their code, the deadline, and a
        link that opens the private chat following this ticket. An appeal that
        joined a problem is told how many wrote about it, and where it stands."""
        due = (
            local_time(ticket.resolve_due_at, self.zone, "%d.%m.%Y")
            if ticket.resolve_due_at
            else "—"
        )
        if problem is None:
            text = self.texts.get(locale, "ack-reply", code=ticket.code, due=due)
        else:
            text = self.texts.get(
                locale,
                "ack-problem",
                code=ticket.code,
                residents=problem.residents,
                problem=problem.code,
                due=due,
            )
            if problem.status in (Status.assigned, Status.answered):
                status = self.texts.get(locale, f"status-{problem.status}")
                text = Html(f"{text} {self.texts.get(locale, 'ack-problem-state', status=status)}")
        follow = f"https://t.me/{bot_username}?start=t_{ticket.code}"
        text = Html(
            f'{text}\n<a href="{escape(follow)}">{self.texts.get(locale, "ack-follow")}</a>'
        )
        if chat.key == "law_order":
            text = Html(f"{text}\n\n{self.texts.get(locale, 'ack-emergency')}")
        return text
