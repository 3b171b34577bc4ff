"""The staff chat: card buttons and answers by reply (commands: staff_commands.py)."""

from __future__ import annotations

import logging
from datetime import date, datetime

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, ForceReply, Message

from bot.card.callbacks import Action, TicketAction
from bot.card.keyboards import (
    CLOSING,
    assign_keyboard,
    ban_keyboard,
    card_keyboard,
    close_keyboard,
    extend_keyboard,
)
from bot.card.render import code_in, user_link
from bot.config import Settings
from bot.delivery.outgoing import Media
from bot.filters import on_loop
from bot.intake.chat_ids import ChatIds
from bot.intake.posts import content_of
from bot.texts import Html, Texts
from bot.tickets.deadlines import extension_options
from bot.tickets.staff_directory import StaffDirectory
from bot.tickets.workflow import Workflow
from storage.changes import Outcome
from storage.facts import DeskFacts
from storage.models import Priority, Resolution, Ticket
from storage.reads import MessageLink
from storage.records import AnswerDraft
from storage.rules import OPEN, Change, refusal
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)

NOTE_MARK = "!"


def get_router(settings: Settings, chat_ids: ChatIds) -> Router:
    router = Router(name="staff")
    staff_chat = settings.staff.chat_id
    locale = settings.locale.default
    in_staff_chat = on_loop(F.chat.id.in_(chat_ids.staff))

    # ---- card buttons ------------------------------------------------------

    @router.callback_query(TicketAction.filter())
    async def on_card_press(
        query: CallbackQuery,
        callback_data: TicketAction,
        bot: Bot,
        tickets: TicketRepository,
        workflow: Workflow,
        directory: StaffDirectory,
        texts: Texts,
    ) -> None:
        def alert(key: str, **args: object) -> object:
            return query.answer(texts.plain(locale, key, **args), show_alert=True)

        user = query.from_user
        if not directory.is_moderator(user.id):
            log.info("press %s refused: user %s is not a moderator", query.data, user.id)
            await alert("press-not-staff")
            return
        directory.remember(user)
        if query.message is None or query.message.chat.id not in chat_ids.staff:
            await alert("press-wrong-chat")
            return
        ticket = await tickets.get(callback_data.ticket_id)
        if ticket is None:
            log.info("press %s refused: no such ticket", query.data)
            await alert("press-unknown-ticket")
            return
        if ticket.card_message_id != query.message.message_id:
            await alert("press-stale", code=ticket.code)
            return
        press = _Press(query, ticket, texts, locale, workflow, directory, bot)
        if callback_data.action is not Action.back:
            state = await tickets.state(ticket)
            refused = refusal(Change(callback_data.action), state, directory.roles(user.id))
            if refused is not None and callback_data.action is Action.ban:
                await alert("press-unavailable")  # not spam, or banned already
                return
            if refused is not None:
                await press.refused(Outcome(False, ticket, ticket, refusal=refused))
                return
        await press.dispatch(callback_data)

    # ---- answers: a reply to a card or to the answer prompt ------------------

    @router.message(in_staff_chat, on_loop(F.reply_to_message & ~F.text.startswith("/")))
    async def on_reply(
        message: Message,
        tickets: TicketRepository,
        facts: DeskFacts,
        workflow: Workflow,
        directory: StaffDirectory,
        texts: Texts,
    ) -> None:
        assert message.reply_to_message is not None
        replied = message.reply_to_message
        link = await tickets.by_message(staff_chat, replied.message_id)
        if link is None and replied.from_user and replied.from_user.id == message.bot.id:
            link = await _orphan_card(replied, tickets, staff_chat)
        if link is None or link.role not in ("card", "prompt"):
            return  # ordinary conversation among the staff
        user = message.from_user
        if user is None or not directory.is_moderator(user.id):
            await message.reply(texts.get(locale, "answer-not-staff"))
            return
        directory.remember(user)
        content = content_of(message)
        if content is None or (content.media_type and content.media_type not in set(Media)):
            await message.reply(texts.get(locale, "answer-unsupported"))
            return
        text = content.text.strip()
        if link.role == "prompt":
            pending = await facts.extension_prompt(replied.message_id)
            if pending is not None:
                await _extend(
                    message,
                    link.ticket,
                    pending,
                    text,
                    content.media_type,
                    workflow,
                    texts,
                    locale,
                )
                return
        draft_args = {"media_type": content.media_type, "media_file_id": content.media_file_id}
        outcome: Outcome | None
        if text.startswith(NOTE_MARK) and not content.media_type:
            note = text.removeprefix(NOTE_MARK).strip()
            if not note:
                return
            draft = AnswerDraft(user.id, note)
            outcome = await workflow.note(link.ticket.id, draft, reply_to=message.message_id)
        else:
            draft = AnswerDraft(user.id, text, **draft_args)
            outcome = await workflow.answer(link.ticket.id, draft, reply_to=message.message_id)
        if outcome is not None and not outcome.done:
            await message.reply(texts.get(locale, "answer-closed", code=outcome.ticket.code))

    return router


class _Press:
    """One press on a card by a moderator, on the ticket's current card."""

    def __init__(
        self,
        query: CallbackQuery,
        ticket: Ticket,
        texts: Texts,
        locale: str,
        workflow: Workflow,
        directory: StaffDirectory,
        bot: Bot,
    ) -> None:
        self.query = query
        self.ticket = ticket
        self.texts = texts
        self.locale = locale
        self.workflow = workflow
        self.directory = directory
        self.bot = bot
        self.user_id = query.from_user.id

    def t(self, key: str, **args: object) -> Html:
        return self.texts.get(self.locale, key, **args)

    async def toast(self, key: str, **args: object) -> None:
        # Pop-ups are plain text: Telegram does not parse HTML there.
        await self.query.answer(self.texts.plain(self.locale, key, **args))

    async def alert(self, key: str, **args: object) -> None:
        await self.query.answer(self.texts.plain(self.locale, key, **args), show_alert=True)

    async def keyboard(self, markup: object) -> None:
        try:
            await self.bot.edit_message_reply_markup(
                chat_id=self.workflow.staff_chat,
                message_id=self.ticket.card_message_id,
                reply_markup=markup,
            )
        except TelegramAPIError as exc:
            if "not modified" not in exc.message:
                raise

    async def refused(self, outcome: Outcome | None) -> bool:
        """Explain a change the ticket's state did not allow; True if refused."""
        if outcome is None:
            await self.alert("press-unknown-ticket")
            return True
        if outcome.done:
            return False
        now = outcome.ticket
        if now.assignee_id and now.assignee_id != self.user_id and now.status in OPEN:
            await self.alert(
                "press-taken-by", code=now.code, name=self.directory.name(now.assignee_id)
            )
        else:
            await self.alert(
                "press-wrong-state", code=now.code, status=self.t(f"status-{now.status}")
            )
        return True

    async def dispatch(self, data: TicketAction) -> None:
        handler = {
            Action.take: self.take,
            Action.assign: self.assign,
            Action.answer: self.answer,
            Action.close: self.close,
            Action.reopen: self.reopen,
            Action.spam: self.spam,
            Action.ban: self.ban,
            Action.back: self.back,
            Action.urgent: self.urgent,
            Action.extend: self.extend,
        }[data.action]
        await handler(data.arg)

    async def take(self, arg: str | None) -> None:
        outcome = await self.workflow.take(self.ticket.id, self.user_id)
        if not await self.refused(outcome):
            await self.toast("press-took", code=self.ticket.code)

    async def assign(self, arg: str | None) -> None:
        if arg is None:
            await self.toast("press-choose-moderator", code=self.ticket.code)
            await self.keyboard(
                assign_keyboard(
                    self.ticket.id, self.directory.moderators(), self.texts, self.locale
                )
            )
            return
        if not (arg.isascii() and arg.isdigit()) or not self.directory.is_moderator(int(arg)):
            await self.alert("press-not-moderator-choice")
            return
        assignee = int(arg)
        outcome = await self.workflow.assign(self.ticket.id, self.user_id, assignee)
        if not await self.refused(outcome):
            await self.toast(
                "press-assigned", code=self.ticket.code, name=self.directory.name(assignee)
            )

    async def answer(self, arg: str | None) -> None:
        await self.toast("press-answer-prompt")
        prompt = await self.bot.send_message(
            self.workflow.staff_chat,
            self.t(
                "answer-prompt",
                moderator=user_link(self.user_id, self.query.from_user.full_name),
                code=self.ticket.code,
            ),
            reply_parameters={"message_id": self.ticket.card_message_id},
            reply_markup=ForceReply(selective=True),
        )
        await self.workflow.prompted(self.ticket, prompt.message_id, None)

    async def close(self, arg: str | None) -> None:
        if arg is None:
            await self.toast("press-choose-resolution", code=self.ticket.code)
            await self.keyboard(close_keyboard(self.ticket.id, self.texts, self.locale))
            return
        if arg not in {r.value for r in CLOSING}:
            await self.alert("press-unavailable")
            return
        resolution = Resolution(arg)
        outcome = await self.workflow.close(self.ticket.id, self.user_id, resolution)
        if not await self.refused(outcome):
            await self.toast(
                "press-closed",
                code=self.ticket.code,
                resolution=self.texts.plain(self.locale, f"resolution-{resolution}"),
            )

    async def reopen(self, arg: str | None) -> None:
        outcome = await self.workflow.reopen(self.ticket.id, self.user_id)
        if not await self.refused(outcome):
            await self.toast("press-reopened", code=self.ticket.code)

    async def spam(self, arg: str | None) -> None:
        # Answer first: deleting the post is one more round trip to Telegram.
        await self.toast("press-spam", code=self.ticket.code)
        await self.workflow.spam(self.ticket.id, self.user_id, self.bot)

    async def ban(self, arg: str | None) -> None:
        if arg != "yes":
            await self.toast("press-ban-confirm", code=self.ticket.code)
            await self.keyboard(ban_keyboard(self.ticket.id, self.texts, self.locale))
            return
        error = await self.workflow.ban(self.ticket, self.user_id, self.bot)
        if error:
            await self.alert("press-ban-failed", error=error)
        else:
            await self.toast("press-banned", code=self.ticket.code)

    async def urgent(self, arg: str | None) -> None:
        outcome = await self.workflow.toggle_urgent(self.ticket.id, self.user_id)
        urgent = outcome is not None and outcome.done and outcome.ticket.priority is Priority.urgent
        await self.toast("press-urgent" if urgent else "press-not-urgent", code=self.ticket.code)

    async def extend(self, arg: str | None) -> None:
        """⏳: choose a later deadline (within the two-month ceiling), then reply
        to the prompt with the reason, which the resident is told."""
        zone = self.workflow.settings.locale.zone
        options = extension_options(self.ticket.created_at, self.ticket.resolve_due_at, zone)
        if not options:
            await self.alert("press-extend-max", code=self.ticket.code)
            return
        if arg is None:
            await self.toast("press-extend-choose", code=self.ticket.code)
            await self.keyboard(
                extend_keyboard(self.ticket.id, options, options[-1], self.texts, self.locale)
            )
            return
        day = _day(arg)
        if day not in options:
            await self.alert("press-unavailable")
            return
        await self.toast("press-extend-reason", code=self.ticket.code)
        await self.back(None, answered=True)
        prompt = await self.bot.send_message(
            self.workflow.staff_chat,
            self.t(
                "extend-prompt",
                moderator=user_link(self.user_id, self.query.from_user.full_name),
                code=self.ticket.code,
                due=f"{day:%d.%m.%Y}",
            ),
            reply_parameters={"message_id": self.ticket.card_message_id},
            reply_markup=ForceReply(selective=True),
        )
        await self.workflow.prompted(self.ticket, prompt.message_id, day)

    async def back(self, arg: str | None, *, answered: bool = False) -> None:
        if not answered:
            await self.query.answer()
        facts = await self.workflow.tickets.facts(self.ticket.id)
        await self.keyboard(card_keyboard(self.ticket, self.texts, self.locale, facts))


async def _extend(
    message: Message,
    ticket: Ticket,
    day: date,
    reason: str,
    media_type: str | None,
    workflow: Workflow,
    texts: Texts,
    locale: str,
) -> None:
    """The reply to an extension prompt: its text is the reason."""
    assert message.from_user is not None
    if not reason or media_type:
        await message.reply(texts.get(locale, "extend-reason-needed"))
        return
    outcome = await workflow.extend(
        ticket.id, message.from_user.id, day, reason, reply_to=message.message_id
    )
    if outcome is None or not outcome.done:
        now = outcome.ticket if outcome else ticket
        await message.reply(texts.get(locale, "extend-refused", code=now.code))


def _day(arg: str | None) -> date | None:
    try:
        return datetime.strptime(arg or "", "%Y%m%d").date()
    except ValueError:
        return None


async def _orphan_card(
    replied: Message, tickets: TicketRepository, staff_chat: int
) -> MessageLink | None:
    """A card sent just before a crash and never recorded: its buttons and its
    first line still name the ticket (lists and other messages have no buttons)."""
    markup = replied.reply_markup
    ids = {
        TicketAction.unpack(button.callback_data).ticket_id
        for row in (markup.inline_keyboard if markup else [])
        for button in row
        if button.callback_data and button.callback_data.startswith("t:")
    }
    ticket = await tickets.get(ids.pop()) if len(ids) == 1 else None
    if ticket is None or code_in(replied.text or replied.caption) != ticket.code:
        return None
    log.warning("card message %s was never recorded; it is %s's", replied.message_id, ticket.code)
    return await tickets.adopt(
        staff_chat, replied.message_id, ticket.code, chat_key=ticket.chat_key, role="card"
    )
