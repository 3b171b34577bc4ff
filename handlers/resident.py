"""The private chat with a resident (or a moderator).

``/start`` (also from the acknowledgement's deep link ``t_<code>``) lets the
bot write to them; ``/my``, ``/ticket``, ``/help`` and ``/language`` serve
them; "was your issue solved?" is answered here. Anything a person writes
here makes them reachable again after a block.
"""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message, User

from bot.card.callbacks import Language, Rate
from bot.card.keyboards import language_keyboard
from bot.card.render import Renderer
from bot.commands import head_menu
from bot.config import Settings
from bot.filters import on_loop
from bot.languages import Languages
from bot.reading.normalize import ticket_code
from bot.texts import LOCALES, Texts
from bot.tickets.workflow import Workflow
from storage.models import Ticket
from storage.residents import ResidentRepository
from storage.rules import Refusal
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)

MY_TICKETS = 15
FOLLOW_PREFIX = "t_"
# What the author is told when the policy refuses their answer to "was it solved?".
_RATE_REFUSED = {
    Refusal.role: "ticket-not-yours",
    Refusal.repeated: "rate-already",
    Refusal.state: "rate-unavailable",
    Refusal.stale: "rate-unavailable",
}


async def _reachable(user: User, residents: ResidentRepository, languages: Languages) -> str:
    """They wrote to us: we may write to them (again). Their language."""
    await residents.started(user.id, user.language_code if user.language_code in LOCALES else None)
    return await languages.of(user.id, user.language_code)


async def _say(message: Message, residents: ResidentRepository, text: str, **kw: object) -> None:
    try:
        await message.answer(text, **kw)
    except TelegramForbiddenError:
        # They blocked the bot between writing and our answer.
        assert message.from_user is not None
        await residents.blocked(message.from_user.id)
        log.info("user %s blocked the bot before our answer", message.from_user.id)


async def _own(tickets: TicketRepository, code: str, user_id: int) -> Ticket | None:
    """The user's ticket of that code; None for "no such ticket" and "someone
    else's" alike: codes are public."""
    # "Н-42" typed on a Russian keyboard is H-42.
    ticket = await tickets.by_code(ticket_code(code) or code)
    return ticket if ticket is not None and ticket.author_id == user_id else None


async def on_follow(
    message: Message,
    command: CommandObject,
    residents: ResidentRepository,
    languages: Languages,
    tickets: TicketRepository,
    renderer: Renderer,
    texts: Texts,
) -> None:
    assert message.from_user is not None and command.args is not None
    locale = await _reachable(message.from_user, residents, languages)
    ticket = await _own(tickets, command.args.removeprefix(FOLLOW_PREFIX), message.from_user.id)
    if ticket is None:
        await _say(message, residents, texts.get(locale, "ticket-not-yours"))
        return
    log.info("user %s follows ticket %s", message.from_user.id, ticket.code)
    view = renderer.resident_ticket(ticket, await tickets.answers(ticket.id), locale)
    await _say(message, residents, f"{texts.get(locale, 'follow-ok')}\n\n{view}")


async def on_start(
    message: Message,
    bot: Bot,
    settings: Settings,
    residents: ResidentRepository,
    languages: Languages,
    texts: Texts,
) -> None:
    assert message.from_user is not None
    locale = await _reachable(message.from_user, residents, languages)
    log.info("user %s started the bot privately", message.from_user.id)
    if message.from_user.id in settings.staff.head:
        await head_menu(bot, settings, texts, message.from_user.id)
    greeting = _staff_help(message.from_user, settings, texts, locale) or texts.get(
        locale, "start-greeting"
    )
    await _say(message, residents, greeting, reply_markup=language_keyboard())


def _staff_help(user: User, settings: Settings, texts: Texts, locale: str) -> str | None:
    """The akim, deputies and moderators need /digest, /stats and what the alerts mean,
    not the residents' guide to posting an appeal."""
    if user.id not in settings.staff.members:
        return None
    return texts.get(locale, "staff-help", time=f"{settings.digest.time:%H:%M}")


async def on_language_command(
    message: Message, residents: ResidentRepository, languages: Languages, texts: Texts
) -> None:
    assert message.from_user is not None
    locale = await _reachable(message.from_user, residents, languages)
    choose = texts.get(locale, "language-choose")
    await _say(message, residents, choose, reply_markup=language_keyboard())


async def on_language(
    query: CallbackQuery, callback_data: Language, residents: ResidentRepository, texts: Texts
) -> None:
    await residents.set_language(query.from_user.id, callback_data.code)
    await query.answer(texts.plain(callback_data.code, "language-set"))
    if isinstance(query.message, Message):
        try:
            greeting = texts.get(callback_data.code, "start-greeting")
            await query.message.edit_text(greeting, reply_markup=None)
        except TelegramAPIError as exc:
            log.info("greeting not redrawn: %s", exc.message)


async def on_my(
    message: Message,
    residents: ResidentRepository,
    languages: Languages,
    tickets: TicketRepository,
    renderer: Renderer,
    texts: Texts,
) -> None:
    assert message.from_user is not None
    locale = await _reachable(message.from_user, residents, languages)
    mine = await tickets.by_author(message.from_user.id, limit=MY_TICKETS)
    if not mine:
        await _say(message, residents, texts.get(locale, "my-empty"))
        return
    last = await tickets.last_answers([t.id for t in mine])
    lines = [texts.get(locale, "my-title", count=len(mine))]
    lines += [renderer.resident_line(t, last.get(t.id), locale) for t in mine]
    await _say(message, residents, "\n".join(lines))


async def on_ticket(
    message: Message,
    command: CommandObject,
    residents: ResidentRepository,
    languages: Languages,
    tickets: TicketRepository,
    renderer: Renderer,
    texts: Texts,
) -> None:
    assert message.from_user is not None
    locale = await _reachable(message.from_user, residents, languages)
    code = (command.args or "").strip()
    if not code:
        await _say(message, residents, texts.get(locale, "resident-ticket-usage"))
        return
    ticket = await _own(tickets, code, message.from_user.id)
    if ticket is None:
        log.info("user %s asked for ticket %r: not theirs", message.from_user.id, code[:16])
        await _say(message, residents, texts.get(locale, "ticket-not-yours"))
        return
    view = renderer.resident_ticket(ticket, await tickets.answers(ticket.id), locale)
    await _say(message, residents, view)


async def on_help(
    message: Message,
    settings: Settings,
    residents: ResidentRepository,
    languages: Languages,
    texts: Texts,
) -> None:
    assert message.from_user is not None
    locale = await _reachable(message.from_user, residents, languages)
    staff = _staff_help(message.from_user, settings, texts, locale)
    await _say(message, residents, staff or texts.get(locale, "help"))


async def on_rate(
    query: CallbackQuery,
    callback_data: Rate,
    languages: Languages,
    workflow: Workflow,
    texts: Texts,
) -> None:
    user = query.from_user
    locale = await languages.of(user.id, user.language_code)
    solved = callback_data.answer == "yes"
    outcome = await workflow.rate(callback_data.ticket_id, callback_data.closing, user.id, solved)
    if outcome is None or not outcome.done:
        refusal = outcome.refusal if outcome else Refusal.role
        await query.answer(texts.plain(locale, _RATE_REFUSED[refusal]), show_alert=True)
        return
    await query.answer(texts.plain(locale, "rate-thanks" if solved else "rate-reopened"))
    if isinstance(query.message, Message):
        try:  # the question is answered: its buttons go
            await query.message.edit_reply_markup(reply_markup=None)
        except TelegramAPIError as exc:
            log.info("rating buttons not removed: %s", exc.message)


async def on_private_membership(event: ChatMemberUpdated, residents: ResidentRepository) -> None:
    # Blocking the bot (and unblocking it) arrives as a change of the bot's
    # membership in the private chat: stop, or resume, writing to them.
    user = event.from_user
    if event.new_chat_member.status == ChatMemberStatus.KICKED:
        await residents.blocked(user.id)
        log.info("user %s blocked the bot", user.id)
    elif event.new_chat_member.status == ChatMemberStatus.MEMBER:
        language = user.language_code if user.language_code in LOCALES else None
        await residents.started(user.id, language)
        log.info("user %s unblocked the bot", user.id)


async def on_anything_else(
    message: Message, residents: ResidentRepository, languages: Languages, texts: Texts
) -> None:
    # Appeals are made in the district chats, in the open; say so kindly.
    if message.from_user is None:
        return
    locale = await _reachable(message.from_user, residents, languages)
    await _say(message, residents, texts.get(locale, "private-hint"))


def get_router(settings: Settings) -> Router:
    router = Router(name="resident")
    private = on_loop(F.chat.type == "private")
    router.message.filter(private)
    following = CommandStart(deep_link=True, magic=F.args.startswith(FOLLOW_PREFIX))
    router.message.register(on_follow, following)
    router.message.register(on_start, CommandStart())
    router.message.register(on_language_command, Command("language"))
    router.callback_query.register(
        on_language, Language.filter(), on_loop(F.message.chat.type == "private")
    )
    router.message.register(on_my, Command("my"))
    router.message.register(on_ticket, Command("ticket"))
    router.message.register(on_help, Command("help"))
    router.callback_query.register(on_rate, Rate.filter())
    router.my_chat_member.register(on_private_membership, private)
    router.message.register(on_anything_else)
    return router
