"""Entry point: read the config, check the setup, run. Exit codes: 0 success,
2 bad configuration or usage, 1 anything else."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import BinaryIO

from bot.cli import UsageError, parse_args, program_name
from bot.config import ConfigError, Settings, load_settings, resolve_config_path
from bot.logs import setup_logging
from storage.db import StorageError

log = logging.getLogger("bot")

EXIT_OK, EXIT_FAILURE, EXIT_CONFIG = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(argv, program_name(sys.argv[0]))
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    if args.command == "demo":
        return _demo(args)
    path = resolve_config_path(args.config)
    if args.command == "setup":
        return _setup(path)
    try:
        needs_token = args.command == "run" or (args.command == "digest" and not args.print)
        settings = load_settings(path, require_token=needs_token)
    except ConfigError as exc:
        for line in exc.problems:
            print(f"config error: {line}", file=sys.stderr)
        return EXIT_CONFIG
    token = settings.telegram.token.get_secret_value() if settings.telegram.token else ""
    setup_logging(args.log_level, token, settings.locale.zone)
    try:
        if args.command == "status":
            return asyncio.run(_status(settings))
        if args.command == "export":
            return _export(settings, args)
        if args.command == "digest":
            return asyncio.run(_digest(settings, args))
        return asyncio.run(_run(settings))
    except KeyboardInterrupt:
        return EXIT_OK
    except StorageError as exc:
        print(f"config error: storage.path: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except Exception:
        log.exception("stopped by an unexpected error")
        return EXIT_FAILURE


def _demo(args: argparse.Namespace) -> int:
    from bot.sandbox.demo import DemoOptions, run_demo

    # The terminal shows the demo's own lines; the desk logs to a file in the data folder.
    setup_logging("WARNING" if args.log_level == "INFO" else args.log_level, "")
    data = Path(args.data) if args.data else None
    if data is not None and data.exists() and not data.is_dir():
        print(f"python -m bot: --data: {data} is not a directory", file=sys.stderr)
        return EXIT_CONFIG
    try:
        return run_demo(DemoOptions(port=args.port, data=data, empty=args.empty))
    except OSError as exc:  # the port is taken, the folder is not writable
        print(f"python -m bot demo: {exc}", file=sys.stderr)
        return EXIT_FAILURE


def _setup(path: Path) -> int:
    from bot.setup import run_setup

    try:
        return asyncio.run(run_setup(path))
    except KeyboardInterrupt:
        print(f"\nsetup: stopped; {path} was not written", file=sys.stderr)
        return EXIT_FAILURE


async def _run(settings: Settings) -> int:
    from bot.single import AlreadyRunning, hold_instance_lock

    try:
        lock = hold_instance_lock(settings.storage.path)
    except AlreadyRunning as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    with lock:
        return await _run_locked(settings)


async def _run_locked(settings: Settings) -> int:
    # aiogram takes seconds to import: a config error is reported before that.
    from bot.app import build_app, run_polling
    from bot.preflight import PreflightError, preflight

    app = await build_app(settings)
    try:
        try:
            warnings = await preflight(app.bot, settings)
            for warning in warnings:
                log.warning("setup: %s", warning)
            await run_polling(app)
        except PreflightError as exc:
            for line in exc.problems:
                log.error("cannot start: %s", line)
            return EXIT_FAILURE if exc.unreachable else EXIT_CONFIG
    finally:
        await app.close()
        await app.bot.session.close()
    return EXIT_OK


async def _status(settings: Settings) -> int:
    from bot.reports.status import NoDatabase, collect_status

    try:
        print(await collect_status(settings))
    except NoDatabase as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    return EXIT_OK


async def _digest(settings: Settings, args: argparse.Namespace) -> int:
    from datetime import UTC, datetime, timedelta

    from bot.app import make_bot, utcnow
    from bot.delivery.outgoing import send_directly
    from bot.reports.digest import digest_service
    from bot.textfit import plain_text
    from bot.texts import Texts
    from bot.tickets.staff_directory import StaffDirectory
    from storage.db import Database
    from storage.facts import DeskFacts

    today = datetime.now(UTC).astimezone(settings.locale.zone).date()
    day = args.date or today - timedelta(days=1)
    chart = Path(args.chart) if args.chart else None
    problem = _digest_problem(settings, day, today, chart)
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_CONFIG
    path = settings.storage.path
    db = await Database.open(path)
    bot = make_bot(settings) if settings.telegram.token else None
    directory = StaffDirectory(settings.staff.moderators)
    service = digest_service(settings, db, Texts(), directory, utcnow)
    try:
        # Moderators' names for the digest; without them it says "id …".
        facts = DeskFacts(db, utcnow)
        if bot is not None:
            await directory.load(bot, settings.staff.chat_id, facts)
        else:
            await directory.load_saved(facts)
        data = await service.build(day)
        locale = settings.locale.default
        if chart is not None:
            png = await service.chart(data, locale)
            if png is None:
                return EXIT_FAILURE
            chart.write_bytes(png)
        if args.print or bot is None:
            print("\n\n".join(plain_text(part) for part in service.text(data, locale)))
            return EXIT_OK
        items = await service.for_heads(data)
        await send_directly(bot, items)
        log.info("digest for %s sent: %d messages", day, len(items))
        return EXIT_OK
    finally:
        await db.close()
        if bot is not None:
            await bot.session.close()


def _digest_problem(settings: Settings, day: date, today: date, chart: Path | None) -> str | None:
    """What is wrong with a ``digest`` command line, as its one line, if anything."""
    if day >= today:
        return (
            f"python -m bot: --date {day}: only a past day has a digest; today's figures "
            "so far: /stats in the staff chat or the akim's private chat with the bot"
        )
    if chart is not None and chart.suffix.lower() != ".png":
        return f"python -m bot: --chart: the chart is a PNG; name the file .png ({chart})"
    if chart is not None and not chart.parent.is_dir():
        return f"python -m bot: --chart: no directory {chart.parent}"
    path = settings.storage.path
    if not path.is_file():
        why = "is a directory" if path.is_dir() else "does not exist (has the bot run yet?)"
        return f"config error: storage.path: {path} {why}"
    return None


def _export(settings: Settings, args: argparse.Namespace) -> int:
    from bot.reports.export import ExportTooLarge, export
    from bot.reports.output import write_atomically
    from bot.texts import Texts
    from storage.export import NoDatabase

    output = Path(args.output) if args.output else None
    if output is None and args.format in ("xlsx", "roadmap") and sys.stdout.isatty():
        print("python -m bot: xlsx is binary: give --output PATH", file=sys.stderr)
        return EXIT_CONFIG
    if output is not None and output.is_dir():
        print(f"python -m bot: --output: {output} is a directory; name a file", file=sys.stderr)
        return EXIT_CONFIG
    if output is not None and not output.parent.is_dir():
        print(f"python -m bot: --output: no directory {output.parent}", file=sys.stderr)
        return EXIT_CONFIG
    texts = Texts()

    def write(out: BinaryIO) -> int:
        return export(
            settings,
            texts,
            args.format,
            out,
            since=args.since,
            until=args.until,
            chat_key=args.chat,
        )

    try:
        if output is None:
            count = write(sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            count = write_atomically(output, write)
    except NoDatabase as exc:
        print(f"config error: storage.path: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except ExportTooLarge as exc:
        print(f"python -m bot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, without a second error at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except OSError as exc:
        log.error("export failed: %s", exc)
        return EXIT_FAILURE
    where = f" to {output}" if output else ""
    what = "problem" if args.format in ("roadmap", "html") else "ticket"
    log.info("export (%s%s): %d %s%s", args.format, where, count, what, "" if count == 1 else "s")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
