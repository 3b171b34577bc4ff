"""The desk stops polling when asked, even when the one cancel aiogram sends is lost: a
getUpdates call failing at that moment (a connection reset) took it for its failure, aiogram
polled on, and the full test run hung in a desk's teardown."""

from __future__ import annotations

import asyncio
import logging

from aiogram import Dispatcher
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import GetUpdates

from bot.app import build_app, make_bot, run_polling
from bot.polling_stop import _polling_tasks


class LosesACancel:
    """A session middleware: the first cancel of a getUpdates call comes out as a network
    failure, as aiohttp raised it when the cancel met a connection reset."""

    def __init__(self) -> None:
        self.lost = 0

    async def __call__(self, make_request, bot, method):  # type: ignore[no-untyped-def]
        try:
            return await make_request(bot, method)
        except asyncio.CancelledError:
            if not isinstance(method, GetUpdates) or self.lost:
                raise
            self.lost += 1
            raise TelegramNetworkError(method, "ClientOSError: Connection reset by peer") from None


async def test_a_lost_cancel_does_not_keep_the_desk_polling(fake, settings, caplog):
    caplog.set_level(logging.WARNING, logger="bot.polling_stop")
    app = await build_app(settings, bot=make_bot(settings))
    loses = LosesACancel()
    app.bot.session.middleware(loses)
    polling = asyncio.create_task(run_polling(app, handle_signals=False))
    try:
        await fake.wait_until(lambda: any(c.method == "getUpdates" for c in fake.calls))
        await asyncio.sleep(0.1)  # inside its long poll
        stopping = asyncio.create_task(app.dispatcher.stop_polling())
        done, _ = await asyncio.wait({stopping, polling}, timeout=15)
        assert loses.lost == 1, "the cancel was not lost: the test proves nothing"
        assert stopping in done and polling in done, "the desk polled on after the stop"
        assert "polling did not stop when asked; cancelling it again" in caplog.text
        assert _polling_tasks(app.dispatcher) == []
    finally:
        polling.cancel()
        await asyncio.wait({polling}, timeout=5)
        await app.close()


async def test_the_watch_finds_the_dispatcher_s_polling_and_no_other(fake, settings):
    app = await build_app(settings, bot=make_bot(settings))
    polling = asyncio.create_task(run_polling(app, handle_signals=False))
    try:
        await fake.wait_until(lambda: any(c.method == "getUpdates" for c in fake.calls))
        assert len(_polling_tasks(app.dispatcher)) == 1
        assert _polling_tasks(Dispatcher()) == []  # another dispatcher's: none
        await app.dispatcher.stop_polling()
        await asyncio.wait_for(polling, 10)
        assert _polling_tasks(app.dispatcher) == []
    finally:
        polling.cancel()
        await asyncio.wait({polling}, timeout=5)
        await app.close()
