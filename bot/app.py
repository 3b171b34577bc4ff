"""Assembly: the bot, the database, the services and the Dispatcher that carries them."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import ErrorEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.card.card import Cards
from bot.card.problem_card import ProblemCards
from bot.card.render import Renderer
from bot.commands import register_commands
from bot.config import Settings
from bot.delivery.worker import Delivery
from bot.handler_calls import MarkHandling, QuickCalls
from bot.intake.chat_ids import ChatIds, FollowMoves
from bot.intake.posts import Intake
from bot.intake.spam.guard import SpamGuard
from bot.intake.spam.restore import SpamDecisions
from bot.intake.unreadable import DeskSession, HandUnreadable
from bot.languages import Languages
from bot.polling_stop import watch_the_stop
from bot.preflight import patiently
from bot.problems.desk import ProblemDesk
from bot.problems.grouping import Grouper
from bot.problems.outage import OutageWatch
from bot.problems.plan_desk import PlanDesk
from bot.problems.public_roadmap import PublicRoadmap
from bot.problems.roadmap_view import RoadmapView
from bot.problems.roadmap_watch import RoadmapWatch
from bot.reading.corrections import Corrections
from bot.reading.learning import Learning
from bot.reading.reader import reader_for
from bot.reports.digest import DigestService
from bot.reports.export_jobs import ExportJobs
from bot.tasks import cancel_and_wait
from bot.texts import Texts
from bot.tickets.alerts import HeadAlerts
from bot.tickets.deadline_watch import DeadlineWatch
from bot.tickets.notices import Notices
from bot.tickets.staff_directory import StaffDirectory
from bot.tickets.workflow import Workflow
from handlers import get_routers
from storage.acks import AckRepository
from storage.db import Database
from storage.examples import ExampleRepository
from storage.facts import DeskFacts
from storage.outages import OutageRepository
from storage.outbox import Clock, OutboxRepository
from storage.problems import ProblemRepository
from storage.public_roadmap import PublicRoadmapStore
from storage.queries import StaffQueries
from storage.ratings import RatingRepository
from storage.residents import ResidentRepository
from storage.roadmap import RoadmapRepository
from storage.spam import SpamRepository
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(UTC)


def make_bot(settings: Settings) -> Bot:
    session = DeskSession(api=TelegramAPIServer.from_base(settings.telegram.api_base))
    return Bot(
        token=settings.token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


@dataclass
class App:
    """Everything one running bot is made of; tests build the same thing."""

    settings: Settings
    bot: Bot
    db: Database
    tickets: TicketRepository
    outbox: OutboxRepository
    delivery: Delivery
    watch: DeadlineWatch
    outages: OutageWatch
    roadmap: RoadmapRepository
    roadmap_watch: RoadmapWatch
    public_roadmap: PublicRoadmap
    digest: DigestService
    intake: Intake
    spam: SpamGuard
    workflow: Workflow
    residents: ResidentRepository
    ratings: RatingRepository
    facts: DeskFacts
    alerts: HeadAlerts
    directory: StaffDirectory
    texts: Texts
    corrections: Corrections
    problems: ProblemRepository
    problem_desk: ProblemDesk
    dispatcher: Dispatcher
    scheduler: AsyncIOScheduler | None = None
    catch_up: asyncio.Task[bool] | None = None

    async def close(self) -> None:
        await self.db.close()


def _services(settings: Settings, bot: Bot, db: Database, clock: Clock) -> dict[str, Any]:
    """Every service of the desk, by the name handlers ask for it."""
    texts = Texts()
    renderer = Renderer(settings, texts)
    tickets = TicketRepository(db, clock)
    outbox = OutboxRepository(db, clock)
    residents = ResidentRepository(db, clock)
    facts = DeskFacts(db, clock)
    ratings = RatingRepository(db, clock)
    chat_ids = ChatIds(settings, facts)
    directory = StaffDirectory(settings.staff.moderators, settings.staff.head)
    languages = Languages(settings, residents)
    alerts = HeadAlerts(settings, texts, residents)
    cards = Cards(tickets, renderer, directory, clock)
    acks = AckRepository(db, clock)
    problems = ProblemRepository(db, clock)
    roadmap = RoadmapRepository(db, clock)
    problem_cards = ProblemCards(problems, renderer, directory, clock, roadmap)
    delivery = Delivery(bot, settings, outbox, residents, cards, texts, clock, acks, problem_cards)
    db.on_queued = delivery.wake  # the commit that queues a message wakes the sender
    reader = reader_for(settings)
    corrections = Corrections(reader, Learning(reader, ExampleRepository(db, clock)))
    spam = SpamGuard(settings, SpamRepository(db, clock), texts, delivery.wake)
    grouper = Grouper(db, settings)
    notices = Notices(settings, texts)
    services = {
        "problems": problems,
        "grouper": grouper,
        "acks": acks,
        "settings": settings,
        "tickets": tickets,
        "outbox": outbox,
        "residents": residents,
        "ratings": ratings,
        "facts": facts,
        "languages": languages,
        "alerts": alerts,
        "exports": ExportJobs(settings, texts, directory, clock),
        "queries": StaffQueries(db),
        "chat_ids": chat_ids,
        "directory": directory,
        "delivery": delivery,
        "reader": reader,
        "corrections": corrections,
        "spam": spam,
        **_roadmap(settings, clock, roadmap, problems, residents, languages, alerts),
        "public_roadmap": PublicRoadmap(  # in the chats' sending budget, with the outbox
            settings, texts, roadmap, PublicRoadmapStore(db, clock), bot, clock, delivery.pacer
        ),
        "texts": texts,
        "renderer": renderer,
        "clock": clock,
    }
    return services | _work(settings, db, clock, services, notices)


def _work(
    settings: Settings, db: Database, clock: Clock, built: dict[str, Any], notices: Notices
) -> dict[str, Any]:
    """Intake, the moderators' actions and the desk's clocks, from the services built."""
    tickets, residents, alerts = built["tickets"], built["residents"], built["alerts"]
    texts, directory, languages = built["texts"], built["directory"], built["languages"]
    spam, facts, ratings = built["spam"], built["facts"], built["ratings"]
    intake = Intake(
        settings,
        tickets,
        residents,
        built["renderer"],
        languages,
        alerts,
        clock,
        built["reader"],
        spam,
        built["grouper"],
        built["acks"],
    )
    return {
        "intake": intake,
        "decisions": SpamDecisions(intake, spam, directory),
        "problem_desk": ProblemDesk(
            settings, built["problems"], notices, languages, ratings, directory, texts
        ),
        "workflow": Workflow(
            settings,
            tickets,
            residents,
            ratings,
            facts,
            notices,
            languages,
            alerts,
            directory,
            built["corrections"],
        ),
        "watch": DeadlineWatch(settings, tickets, residents, texts, directory, alerts, clock),
        "outages": OutageWatch(
            settings, OutageRepository(db, clock), alerts, texts, built["delivery"].wake
        ),
        "digest": DigestService(
            settings, facts, built["outbox"], languages, alerts, texts, directory, clock
        ),
    }


def _roadmap(
    settings: Settings,
    clock: Clock,
    roadmap: RoadmapRepository,
    problems: ProblemRepository,
    residents: ResidentRepository,
    languages: Languages,
    alerts: HeadAlerts,
) -> dict[str, Any]:
    """The roadmap's services: plans, /roadmap, the due-date watch (the public roadmap,
    which shares the delivery's pacer, is made with the delivery)."""
    texts = alerts.texts
    return {
        "roadmap": roadmap,
        "plan_desk": PlanDesk(settings, roadmap, problems, residents, languages, texts),
        "roadmap_view": RoadmapView(settings, texts, roadmap),
        "roadmap_watch": RoadmapWatch(settings, roadmap, texts, alerts, clock),
    }


async def build_app(settings: Settings, bot: Bot | None = None, clock: Clock = utcnow) -> App:
    bot = bot or make_bot(settings)
    db = await Database.open(settings.storage.path)
    services = _services(settings, bot, db, clock)
    dp = Dispatcher(**services)
    chat_ids, facts = services["chat_ids"], services["facts"]
    bot.session.middleware(QuickCalls())
    bot.session.middleware(FollowMoves(chat_ids))
    dp.include_routers(*get_routers(settings, chat_ids))
    dp.errors.register(on_error)
    dp.update.outer_middleware.register(MarkHandling())
    dp.update.outer_middleware.register(_LastUpdate(facts, clock))
    if isinstance(bot.session, DeskSession):
        middleware = HandUnreadable(bot.session, settings, services["texts"], facts)
        dp.update.outer_middleware.register(middleware)
    parts = {f.name for f in fields(App)} - {"settings", "bot", "db", "dispatcher"}
    app = App(
        settings=settings,
        bot=bot,
        db=db,
        dispatcher=dp,
        **{name: value for name, value in services.items() if name in parts},
    )
    dp.startup.register(_on_startup)
    dp.shutdown.register(_on_shutdown)
    dp["app"] = app
    return app


async def _on_startup(app: App, chat_ids: ChatIds) -> None:
    await chat_ids.load()
    await app.directory.load(app.bot, app.settings.staff.chat_id, app.facts)
    heads = await app.alerts.reachable_heads()
    await register_commands(app.bot, app.settings, app.texts, heads)
    await app.delivery.start()
    await app.corrections.start()  # the learnt model and streets, before the first post
    await app.spam.start()
    # One scheduler, started inside the running loop as AsyncIOScheduler requires.
    app.scheduler = AsyncIOScheduler(timezone=app.settings.locale.zone)
    app.watch.schedule(app.scheduler)
    app.outages.schedule(app.scheduler)
    app.roadmap_watch.schedule(app.scheduler)
    app.public_roadmap.schedule(app.scheduler)
    app.digest.schedule(app.scheduler)
    app.scheduler.start()
    log.info("delivery worker, deadline and roadmap watches and daily digest started")
    # A digest that fell due while the bot was down goes out now, beside polling.
    app.catch_up = asyncio.create_task(app.digest.send_due())


async def _on_shutdown(app: App) -> None:
    if app.catch_up is not None and not app.catch_up.done():
        app.catch_up.cancel()  # nothing is recorded until it is queued: the next start retries
    if app.scheduler is not None:
        app.scheduler.shutdown(wait=False)
        app.scheduler = None
    await app.corrections.learning.stop()
    await app.spam.stop()
    await app.delivery.stop(app.settings.delivery.shutdown_flush_seconds)
    log.info("delivery worker stopped")


async def on_error(event: ErrorEvent) -> bool:
    """The last net: log with the update id and keep the bot running."""
    log.error(
        "update %s failed: %s: %s",
        event.update.update_id,
        type(event.exception).__name__,
        event.exception,
        exc_info=event.exception,
    )
    return True


class _LastUpdate:
    """Record when the last update arrived (shown by ``status``), at most once a minute."""

    def __init__(self, facts: DeskFacts, clock: Clock) -> None:
        self._facts = facts
        self._clock = clock
        self._last: datetime | None = None

    async def __call__(self, handler, event, data):  # type: ignore[no-untyped-def]
        now = self._clock()
        if self._last is None or (now - self._last).total_seconds() >= 60:
            self._last = now
            try:
                await self._facts.set_last_update(now)
            except Exception:
                # Bookkeeping must never cost an update its handling.
                log.warning("could not record the last update time", exc_info=True)
        return await handler(event, data)


async def run_polling(app: App, *, handle_signals: bool = True) -> None:
    """Poll until stopped. Updates are handled one batch at a time so that an
    update is confirmed to Telegram only after its ticket is committed."""
    await patiently(
        app.settings,
        "deleteWebhook",
        lambda: app.bot.delete_webhook(drop_pending_updates=False),
    )
    watch = asyncio.create_task(watch_the_stop(app.dispatcher), name="polling-stop-watch")
    try:
        await app.dispatcher.start_polling(
            app.bot,
            handle_as_tasks=False,
            handle_signals=handle_signals,
            polling_timeout=app.settings.telegram.polling_timeout,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
        )
    finally:
        await cancel_and_wait(watch)
