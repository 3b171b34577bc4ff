"""Command line: ``python -m bot [--config PATH] [run|status]``."""

from __future__ import annotations

import argparse


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
    args = parser.parse_args(argv)
    args.command = args.command or "run"
    return args
