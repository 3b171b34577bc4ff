"""Command line: ``python -m bot [--config PATH] [run|setup|status|export|digest|demo]``."""

from __future__ import annotations

import argparse
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from bot.config import CHAT_KEYS
from bot.reports.export import FORMATS


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse would exit itself; let main() own exit codes and formatting.
        raise UsageError(f"{self.prog}: {message}")


def _common(parser: argparse.ArgumentParser, default: object) -> None:
    """Options taken before or after the command (``status --config x.toml`` too)."""
    parser.add_argument(
        "--config",
        metavar="PATH",
        default=default,
        help="TOML configuration (default: $BOT_CONFIG or config.toml)",
    )
    parser.add_argument(
        "--log-level",
        default="INFO" if default is None else default,
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="how much the log says (default: INFO)",
    )


def parse_args(argv: list[str] | None, prog: str = "python -m bot") -> argparse.Namespace:
    parser = _Parser(
        prog=prog,
        description="akimat-desk: residents' posts in the district chats become tracked tickets.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    _common(parser, None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    # SUPPRESS: an option not given after the command keeps the value given before it.
    sub = argparse.SUPPRESS
    _common(commands.add_parser("run", help="run the bot (long polling); the default"), sub)
    _common(
        commands.add_parser(
            "setup",
            help="check the token, find the chats and the staff, write config.toml",
            description="With only BOT_TOKEN set: check the token, list the chats and "
            "people the bot hears from, ask which is which and write the config "
            "(never replacing one without asking).",
        ),
        sub,
    )
    _common(
        commands.add_parser(
            "status", help="outbox backlog, tickets by status and the last update received"
        ),
        sub,
    )
    export = _export_parser(commands, sub)
    _digest_parser(commands, sub)
    demo = commands.add_parser(
        "demo",
        help="the whole desk against a local Telegram, in a browser (no token, no network)",
        description="Start a local Telegram, the desk connected to it and a web page at "
        "http://127.0.0.1:PORT where you play residents, moderators and the akim. This "
        "machine only; Ctrl-C stops everything. Needs no config.",
    )
    _common(demo, sub)
    demo.add_argument("--port", type=_port, default=8080, help="the page's port (default 8080)")
    demo.add_argument(
        "--data", metavar="DIR", help="keep the demo's database and chats here between runs"
    )
    demo.add_argument("--empty", action="store_true", help="start without the seeded day")
    args = parser.parse_args(argv)
    args.command = args.command or "run"
    if args.command == "export" and args.since and args.until and args.since > args.until:
        export.error("--since is after --until")
    whole = args.command == "export" and args.format in ("roadmap", "html")
    if whole and (args.since or args.until or args.chat):
        export.error(f"--format {args.format} is the whole roadmap: no --since, --until or --chat")
    return args


def _export_parser(commands: Any, sub: str) -> argparse.ArgumentParser:
    export = commands.add_parser(
        "export",
        help="tickets as open data (Open311 JSON, CSV) or an Excel workbook; the roadmap",
        description="Write the tickets received in a period. Data goes to stdout unless "
        "--output is given; dates are local dates in [locale] timezone, both inclusive. "
        "--format roadmap writes the roadmap of problems as an Excel workbook, --format html "
        "as one public web page (no personal data); both show the whole roadmap as it stands.",
    )
    _common(export, sub)
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="received on or after")
    export.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="received on or before")
    export.add_argument("--chat", choices=CHAT_KEYS, help="one resident chat only")
    export.add_argument("--output", metavar="PATH", help="write to this file (default: stdout)")
    return export


def _digest_parser(commands: Any, sub: str) -> None:
    digest = commands.add_parser(
        "digest",
        help="the akim's digest for a day: send it to the head, or print it",
        description="Build the digest for a local day (default: yesterday) and send it to "
        "every [staff] head (the staff chat for those who have not started the bot), or "
        "print its text with --print. Sending needs the bot token; printing does not.",
    )
    _common(digest, sub)
    digest.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the day (a past one)")
    digest.add_argument("--print", action="store_true", help="print the text instead of sending")
    digest.add_argument("--chart", metavar="PATH", help="also write the chart (PNG) to PATH")


def program_name(argv0: str) -> str:
    """How the user started us: ``python -m bot`` or the ``akimat-desk`` script."""
    name = Path(argv0).name
    return "python -m bot" if name in ("__main__.py", "-c", "") else name


def _version() -> str:
    try:
        return metadata.version("akimat-desk")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (use YYYY-MM-DD)") from None


def _port(value: str) -> int:
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (0 to 65535; 0: any free one)")
    return int(value)
