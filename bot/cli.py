"""Command line: ``python -m bot [--config PATH] [run|status|export|digest|demo]``."""

from __future__ import annotations

import argparse
from datetime import date

from bot.config import CHAT_KEYS
from bot.reports.export import FORMATS


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse would exit itself; let main() own exit codes and formatting.
        raise UsageError(f"{self.prog}: {message}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = _Parser(
        prog="python -m bot",
        description="akimat-desk: residents' posts in the district chats become tracked tickets.",
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="TOML configuration (default: $BOT_CONFIG or config.toml)",
    )
    parser.add_argument(
        "--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"]
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("run", help="run the bot (long polling); the default")
    commands.add_parser(
        "status", help="outbox backlog, tickets by status and the last update received"
    )
    export = commands.add_parser(
        "export",
        help="tickets as open data (Open311 JSON, CSV) or an Excel workbook",
        description="Write the tickets received in a period. Data goes to stdout unless "
        "--output is given; dates are local dates in [locale] timezone, both inclusive.",
    )
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="received on or after")
    export.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="received on or before")
    export.add_argument("--chat", choices=CHAT_KEYS, help="one resident chat only")
    export.add_argument("--output", metavar="PATH", help="write to this file (default: stdout)")
    digest = commands.add_parser(
        "digest",
        help="the akim's digest for a day: send it to the head, or print it",
        description="Build the digest for a local day (default: yesterday) and send it to "
        "every [staff] head (the staff chat for those who have not started the bot), or "
        "print its text with --print. Sending needs the bot token; printing does not.",
    )
    digest.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the day (a past one)")
    digest.add_argument("--print", action="store_true", help="print the text instead of sending")
    digest.add_argument("--chart", metavar="PATH", help="also write the chart (PNG) to PATH")
    demo = commands.add_parser(
        "demo",
        help="the whole desk against a local Telegram, in a browser (no token, no network)",
        description="Start a local Telegram, the desk connected to it and a web page at "
        "http://127.0.0.1:PORT where you play residents, moderators and the akim. This "
        "machine only; Ctrl-C stops everything. Needs no config.",
    )
    demo.add_argument("--port", type=_port, default=8080, help="the page's port (default 8080)")
    demo.add_argument(
        "--data", metavar="DIR", help="keep the demo's database and chats here between runs"
    )
    demo.add_argument("--empty", action="store_true", help="start without the seeded day")
    args = parser.parse_args(argv)
    args.command = args.command or "run"
    if args.command == "export" and args.since and args.until and args.since > args.until:
        export.error("--since is after --until")
    return args


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (use YYYY-MM-DD)") from None


def _port(value: str) -> int:
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (0 to 65535; 0: any free one)")
    return int(value)
