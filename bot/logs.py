"""Logging: one line per event on stderr; the bot token never reaches a log."""

from __future__ import annotations

import asyncio
import logging
import sys
from datetime import datetime, tzinfo

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactToken(logging.Filter):
    """Replace the token wherever a library might print it (URLs in errors)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._token:
            return True
        message = record.getMessage()
        if self._token in message:
            record.msg = message.replace(self._token, "<token>")
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self._token in record.exc_text:
            record.exc_text = record.exc_text.replace(self._token, "<token>")
        return True


class ZonedFormatter(logging.Formatter):
    """Times in the desk's zone with its offset (``2026-11-30 14:05:01,123+05:00``), the
    zone the cards show, whatever the machine's own zone is."""

    def __init__(self, fmt: str, zone: tzinfo | None) -> None:
        super().__init__(fmt)
        self._zone = zone

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = datetime.fromtimestamp(record.created, self._zone).astimezone(self._zone)
        offset = moment.strftime("%z")
        return f"{moment:%Y-%m-%d %H:%M:%S},{int(record.msecs):03d}{offset[:3]}:{offset[3:]}"


class _Quieter(logging.Filter):
    """APScheduler's "job executed successfully" lines are a quarter of the log at
    INFO and say nothing an operator needs: they become DEBUG. A job cancelled
    because the desk is stopping is one INFO line, not an error with a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _stopped_with_the_desk(record):
            # The scheduler cancels a job still running when the desk stops (its
            # asyncio executor cannot wait): not a failure; the job runs at the next start.
            record.levelno, record.levelname = logging.INFO, "INFO"
            record.msg, record.args, record.exc_info, record.exc_text = (
                "%s: stopped with the desk",
                (record.getMessage(),),
                None,
                None,
            )
            return True
        if record.levelno == logging.INFO and record.name.startswith("apscheduler"):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger().isEnabledFor(logging.DEBUG)
        return True


def _stopped_with_the_desk(record: logging.LogRecord) -> bool:
    exc = record.exc_info[1] if record.exc_info else None
    return record.name.startswith("apscheduler") and isinstance(exc, asyncio.CancelledError)


def setup_logging(level: str = "INFO", token: str = "", zone: tzinfo | None = None) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(ZonedFormatter(FORMAT, zone))
    handler.addFilter(_Quieter())
    handler.addFilter(RedactToken(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # aiohttp's access and aiogram's per-update lines are noise at INFO.
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
