"""Delivery against a hostile network: proxy error pages, a staff chat the bot
was removed from, one author's flood. Nothing may be lost."""

from __future__ import annotations

import collections

from tests.conftest import HOUSING, STAFF_CHAT

POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"


async def test_proxy_error_pages_are_retried_until_delivered(desk, fake):
    # An nginx in front of the Bot API answers 502/504 with its own HTML page, more
    # times in a row than the worker would try an error it does not understand.
    fake.fail("sendMessage", error_code=429, retry_after=1, chat_id=STAFF_CHAT)
    fake.fail("sendMessage", error_code=502, page=True, chat_id=STAFF_CHAT, times=4)
    fake.fail("sendMessage", error_code=504, page=True, chat_id=STAFF_CHAT, times=4)
    fake.fail("sendMessage", error_code=502, page=True, chat_id=HOUSING, times=8)
    fake.post(HOUSING, 5001, POST)
    await fake.wait_until(
        lambda: len(fake.bot_messages(STAFF_CHAT)) == 1 and len(fake.bot_messages(HOUSING)) == 1,
        timeout=30,
    )
    await desk.settle()
    pages = [c for c in fake.calls if c.error_code in (502, 504)]
    assert len(pages) == 16
    stats = await desk.app.outbox.stats()
    assert (stats.pending, stats.failed) == (0, 0)
    codes = collections.Counter(m["text"].split("</b>")[0] for m in fake.bot_messages(STAFF_CHAT))
    assert len(codes) == 1
