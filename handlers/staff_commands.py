"""The staff chat's commands: /open, /mine, /find, /history, /ticket, /export."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache

from aiogram import F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.card.callbacks import OpenPage
from bot.card.keyboards import pages_keyboard
from bot.card.render import Renderer, age, local_time
from bot.config import Settings
from bot.filters import on_loop
from bot.intake.chat_ids import ChatIds
from bot.reading.category import Category
from bot.reading.normalize import fold, stem, ticket_code
from bot.reading.reader import Reader
from bot.reading.streets import StreetList
from bot.reports.export_jobs import ExportJobs
from bot.textfit import MESSAGE_LIMIT, cut, plain_text, visible_length
from bot.texts import LOCALES, Html, Texts
from bot.tickets.staff_directory import StaffDirectory
from bot.tickets.workflow import Workflow
from storage.models import Ticket
from storage.outbox import Clock
from storage.queries import StaffQueries
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)

PAGE_SIZE = 10
LINE_EXCERPT = 60
HISTORY_EVENTS = 50
EXPORT_DAYS = 30
EXPORT_MAX_DAYS = 366  # a longer period is a job for `python -m bot export`


async def on_page(
    query: CallbackQuery,
    callback_data: OpenPage,
    queries: StaffQueries,
    directory: StaffDirectory,
    renderer: Renderer,
    clock: Clock,
) -> None:
    if not directory.is_moderator(query.from_user.id):
        texts, locale = renderer.texts, renderer.staff_locale
        await query.answer(texts.plain(locale, "press-not-staff"), show_alert=True)
        return
    await query.answer()
    text, markup = await _open_list(
        queries, renderer, directory, clock(), callback_data.offset, callback_data.assignee
    )
    shown = query.message
    if not isinstance(shown, Message):
        return
    # A second press of the page shown (or a forged one past the end) changes nothing.
    if shown.text == plain_text(text).strip() and _same(shown.reply_markup, markup):
        return
    try:
        await shown.edit_text(text, reply_markup=markup)
    except TelegramAPIError as exc:
        if "not modified" not in exc.message:
            raise


async def on_open(
    message: Message,
    command: CommandObject,
    queries: StaffQueries,
    directory: StaffDirectory,
    renderer: Renderer,
    clock: Clock,
) -> None:
    if not _moderator(message, directory):
        return
    assignee = message.from_user.id if command.command == "mine" else 0
    text, markup = await _open_list(queries, renderer, directory, clock(), 0, assignee)
    await message.answer(text, reply_markup=markup)


async def on_ticket(
    message: Message,
    command: CommandObject,
    settings: Settings,
    tickets: TicketRepository,
    workflow: Workflow,
    directory: StaffDirectory,
    renderer: Renderer,
    texts: Texts,
) -> None:
    """``/ticket CODE`` posts the card anew; ``/history CODE`` shows its audit log."""
    if not _moderator(message, directory):
        return
    code, locale = (command.args or "").strip(), settings.locale.default
    if not code:
        await message.reply(texts.get(locale, f"{command.command}-usage"))
        return
    ticket = await tickets.by_code(ticket_code(code) or code)  # "Н-42" in Cyrillic too
    if ticket is None:
        await message.reply(texts.get(locale, "ticket-not-found", code=code))
        return
    if command.command == "history":
        await message.answer(await _history(ticket, tickets, renderer, directory))
        return
    # The delivery worker takes the buttons off the old card once the new one is up.
    await workflow.repost_card(ticket.id, message.from_user.id)


async def on_find(
    message: Message,
    command: CommandObject,
    queries: StaffQueries,
    directory: StaffDirectory,
    renderer: Renderer,
    clock: Clock,
    reader: Reader,
) -> None:
    if not _moderator(message, directory):
        return
    words = (command.args or "").strip()
    texts, locale = renderer.texts, renderer.staff_locale
    if not words:
        await message.reply(texts.get(locale, "find-usage"))
        return
    meaning = _meaning(texts, reader.addresses.streets)
    found = await queries.search(words, limit=PAGE_SIZE, meaning=meaning)
    if not found:
        await message.reply(texts.get(locale, "find-empty"))
        return
    lines = [texts.get(locale, "find-title", count=len(found))]
    lines += [_line(t, renderer, directory, clock()) for t in found]
    await message.answer("\n".join(lines))


@lru_cache(maxsize=2)
def _category_names(texts: Texts) -> dict[str, str]:
    """Category codes by every word of their names in the three languages, folded."""
    names: dict[str, str] = {}
    for category in Category:
        names[category.value] = category.value
        for locale in LOCALES:
            name = fold(texts.plain(locale, category.message))
            names.setdefault(name, category.value)
            for word in name.split():
                if len(word) >= 4:
                    names.setdefault(stem(word), category.value)
    return names


def _meaning(
    texts: Texts, streets: StreetList
) -> Callable[[str], tuple[str | None, str | None, str | None]]:
    """What a /find word may mean beside its letters: a category, a ticket
    code, a street of the list by any of its names ("Жеңіс", "Бейбитшилик")."""
    names = _category_names(texts)

    def meaning(term: str) -> tuple[str | None, str | None, str | None]:
        folded = fold(term)
        category = names.get(folded) or names.get(stem(folded))
        street = streets.exact(folded.split()) if folded else None
        return category, ticket_code(term), fold(street.name) if street else None

    return meaning


async def on_export(
    message: Message,
    command: CommandObject,
    settings: Settings,
    directory: StaffDirectory,
    exports: ExportJobs,
    texts: Texts,
) -> None:
    if not _moderator(message, directory):
        return
    arg = (command.args or "").strip()
    if arg and not (arg.isdecimal() and 1 <= int(arg) <= EXPORT_MAX_DAYS):
        usage = texts.get(settings.locale.default, "export-usage", max=EXPORT_MAX_DAYS)
        await message.reply(usage)
        return
    exports.start(message, int(arg) if arg else EXPORT_DAYS)


def get_router(settings: Settings, chat_ids: ChatIds) -> Router:
    router = Router(name="staff-commands")
    # Checked once for the router, not once per command.
    router.message.filter(on_loop(F.chat.id.in_(chat_ids.staff)))
    router.callback_query.register(
        on_page, OpenPage.filter(), on_loop(F.message.chat.id.in_(chat_ids.staff))
    )
    router.message.register(on_open, Command("open", "mine"))
    router.message.register(on_ticket, Command("ticket", "history"))
    router.message.register(on_find, Command("find"))
    router.message.register(on_export, Command("export"))
    return router


def _moderator(message: Message, directory: StaffDirectory) -> bool:
    if message.from_user is None or not directory.is_moderator(message.from_user.id):
        return False
    directory.remember(message.from_user)
    return True


def _line(ticket: Ticket, renderer: Renderer, directory: StaffDirectory, now: datetime) -> Html:
    texts, locale = renderer.texts, renderer.staff_locale
    excerpt = cut(" ".join(ticket.text.split()), LINE_EXCERPT, "…") if ticket.text else "—"
    return texts.get(
        locale,
        "open-line",
        code=ticket.code,
        age=age(ticket.created_at, now, texts, locale),
        status=texts.get(locale, f"status-{ticket.status}"),
        assignee=directory.name(ticket.assignee_id)
        if ticket.assignee_id
        else texts.get(locale, "card-unassigned"),
        excerpt=excerpt,
    )


def _same(shown: InlineKeyboardMarkup | None, markup: InlineKeyboardMarkup | None) -> bool:
    # Telegram's copy carries the bot's context, so compare the buttons, not the objects.
    def dump(m: InlineKeyboardMarkup | None) -> object:
        return None if m is None else m.model_dump(exclude_none=True)

    return dump(shown) == dump(markup)


async def _open_list(
    queries: StaffQueries,
    renderer: Renderer,
    directory: StaffDirectory,
    now: datetime,
    offset: int,
    assignee: int,
) -> tuple[Html, InlineKeyboardMarkup | None]:
    texts, locale = renderer.texts, renderer.staff_locale
    page = await queries.open_tickets(
        offset=max(offset, 0), limit=PAGE_SIZE, assignee_id=assignee or None
    )
    if not page.total:
        return texts.get(locale, "open-empty"), None
    title = texts.get(
        locale,
        "mine-title" if assignee else "open-title",
        total=page.total,
        first=page.offset + 1,
        last=page.offset + len(page.tickets),
    )
    lines = [title, *(_line(t, renderer, directory, now) for t in page.tickets)]
    markup = pages_keyboard(page.offset, page.total, PAGE_SIZE, assignee, texts, locale)
    return Html("\n".join(lines)), markup


async def _history(
    ticket: Ticket, tickets: TicketRepository, renderer: Renderer, directory: StaffDirectory
) -> Html:
    texts, locale = renderer.texts, renderer.staff_locale
    lines = [texts.get(locale, "history-title", code=ticket.code)]
    for event in await tickets.events(ticket.id, last=HISTORY_EVENTS):
        if event.actor_id is None:
            who = "—"
        elif directory.is_moderator(event.actor_id):
            who = directory.name(event.actor_id)
        elif event.actor_id == ticket.author_id:
            who = ticket.author_name
        else:
            who = str(event.payload.get("author_name") or event.actor_id)
        lines.append(
            texts.get(
                locale,
                "history-line",
                when=local_time(event.at, renderer.zone),
                who=who,
                what=texts.get(locale, f"event-{event.kind}"),
            )
        )
    # The newest events matter most: drop the oldest until the message fits.
    while len(lines) > 2 and visible_length("\n".join(lines)) > MESSAGE_LIMIT:
        del lines[1]
    return Html("\n".join(lines))
