"""Delivery against a hostile network: proxy error pages, a staff chat the bot
was removed from, one author's flood. Nothing may be lost."""

from __future__ import annotations

import asyncio
import collections
import re

from bot.config import Settings
from tests.conftest import (
    AKIMAT,
    HEAD,
    HOUSING,
    MOD1,
    RESIDENT,
    RESIDENT2,
    STAFF_CHAT,
    running_desk,
    settings_data,
)

POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"


async def test_proxy_error_pages_are_retried_until_delivered(desk, fake):
    # An nginx in front of the Bot API answers 502/504 with its own HTML page, more
    # times in a row than the worker would try an error it does not understand.
    fake.fail("sendMessage", error_code=429, retry_after=1, chat_id=STAFF_CHAT)
    fake.fail("sendMessage", error_code=502, page=True, chat_id=STAFF_CHAT, times=4)
    fake.fail("sendMessage", error_code=504, page=True, chat_id=STAFF_CHAT, times=4)
    fake.fail("sendMessage", error_code=502, page=True, chat_id=HOUSING, times=8)
    fake.post(HOUSING, RESIDENT, POST)
    await fake.wait_until(
        lambda: len(fake.bot_messages(STAFF_CHAT)) == 1 and len(fake.bot_messages(HOUSING)) == 1,
        timeout=30,
    )
    await desk.settle()
    pages = [c for c in fake.calls if c.error_code in (502, 504)]
    assert len(pages) == 16
    stats = await desk.app.outbox.stats()
    assert (stats.pending, stats.failed) == (0, 0)
    assert cards(fake) == {"H-1": 1}


def cards(fake) -> collections.Counter:
    return collections.Counter(
        re.search(r"[AHL]-\d+", m["text"])[0]
        for m in fake.bot_messages(STAFF_CHAT)
        if m.get("reply_markup")
    )


async def test_the_staff_chat_lost_and_regained_gets_every_card(desk, fake, caplog):
    fake.post(HEAD, HEAD, "/start")  # the akim may be written to privately
    await desk.settle()
    fake.add_bot_to_chat(STAFF_CHAT, MOD1, "kicked")
    posts = [fake.post(HOUSING, RESIDENT, f"{POST} #{n}") for n in range(5)]
    await fake.wait_until(lambda: len(fake.bot_messages(HOUSING)) == 5, timeout=10)
    await fake.wait_until(lambda: len(fake.bot_messages(HEAD)) == 2, timeout=10)
    alert = fake.bot_messages(HEAD)[-1]["text"]
    assert "чат модераторов" in alert and "kicked" in alert
    # The fake has the last acknowledgement as soon as it is sent; the desk records
    # it as sent a moment later (on a busy machine, after this line would look).
    stats = await desk.app.outbox.stats()
    for _ in range(100):
        if stats.pending <= 5:
            break
        await asyncio.sleep(0.05)
        stats = await desk.app.outbox.stats()
    assert (stats.pending, stats.failed) == (5, 0)  # held, not failed
    lost = [r for r in caplog.records if "staff chat" in r.getMessage() and r.levelname == "ERROR"]
    assert len(lost) == 1
    assert cards(fake) == {}

    fake.add_bot_to_chat(STAFF_CHAT, MOD1, "administrator")
    await fake.wait_until(lambda: len(cards(fake)) == 5, timeout=10)
    await desk.settle()
    assert set(cards(fake).values()) == {1}
    assert len(posts) == await desk.count()
    stats = await desk.app.outbox.stats()
    assert (stats.pending, stats.failed) == (0, 0)
    assert len(fake.bot_messages(HEAD)) == 2  # told once


async def test_cards_held_for_a_lost_staff_chat_survive_a_restart(fake, settings):
    async with running_desk(fake, settings) as desk:
        fake.add_bot_to_chat(STAFF_CHAT, MOD1, "left")
        await desk.settle()
        for n in range(3):
            fake.post(HOUSING, RESIDENT, f"{POST} #{n}")
        await fake.wait_until(lambda: len(fake.bot_messages(HOUSING)) == 3, timeout=10)
        await fake.wait_until(
            lambda: sum(not c.ok and c.method == "sendMessage" for c in fake.calls) >= 1
        )
    fake.add_bot_to_chat(STAFF_CHAT, MOD1, "administrator")  # while the desk is down
    fake.updates.clear()  # its update is not what brings the cards back
    async with running_desk(fake, settings) as desk:
        await fake.wait_until(lambda: len(cards(fake)) == 3, timeout=10)
        await desk.settle()
        stats = await desk.app.outbox.stats()
        assert (stats.pending, stats.failed) == (0, 0)


async def test_one_authors_flood_does_not_hold_back_others(fake, tmp_path):
    # Telegram's 20 a minute per group, scaled to 10 a second to keep the test short.
    data = settings_data(fake, tmp_path / "d.sqlite3")
    data["delivery"].update(
        chat_per_second=10, chat_burst=10, group_per_minute=10, group_window_seconds=1.0
    )
    async with running_desk(fake, Settings(**data)) as desk:
        fake.post(AKIMAT, RESIDENT2, POST)
        await desk.settle()
        before = await desk.ticket("A-1")
        flood = [fake.post(HOUSING, RESIDENT, f"{POST}, обращение №{n}") for n in range(200)]
        other = fake.post(HOUSING, RESIDENT2, "Во дворе дома 3 прорвало трубу, всё заливает")
        fake.press(STAFF_CHAT, before.card_message_id, MOD1, f"t:take:{before.id}")
        await fake.wait_until(lambda: fake.pending_updates == 0, timeout=60)
        await fake.wait_until(lambda: len(cards(fake)) == 202, timeout=120)
        await desk.settle(timeout=60)
        staff = [c for c in fake.calls if c.ok and c.params.get("chat_id") == STAFF_CHAT]
        order = [
            "edit" if c.method == "editMessageText" else re.search(r"H-\d+", c.params["text"])
            for c in staff
            if c.method == "editMessageText" or "H-" in c.params.get("text", "")
        ]
        order = [o if o == "edit" else o[0] for o in order]
        other_code = (await desk.app.tickets.by_message(HOUSING, other["message_id"])).ticket.code
        # Served in turn with the flood, not after it: far fewer than the 200 flood
        # cards went out first (the flood's intake itself takes a while).
        assert order.index(other_code) < 100
        assert order.index("edit") < 100
        assert len(flood) + 1 == len({o for o in order if o != "edit"})
        stats = await desk.app.outbox.stats()
        assert (stats.pending, stats.failed) == (0, 0)


async def test_an_outage_that_delivers_before_failing_doubles_an_ack_at_most_once(desk, fake):
    # Telegram (or the proxy) fails every call to the chat for a while, but each
    # message sent meanwhile was delivered before the 502: resending blindly would
    # post one copy per attempt.
    fake.fail("*", error_code=502, after_effect=True, chat_id=HOUSING, times=6)
    post = fake.post(HOUSING, RESIDENT, POST)
    await fake.wait_until(lambda: fake.sent("sendMessage", chat_id=HOUSING), timeout=30)
    await desk.settle()
    acks = [
        m
        for m in fake.bot_messages(HOUSING)
        if m["reply_to_message"]["message_id"] == post["message_id"]
    ]
    delivered_then_failed = [c for c in fake.calls if c.took_effect and c.method == "sendMessage"]
    assert len(delivered_then_failed) == 1  # one fault that Telegram had delivered
    assert len(acks) == 2  # so at most one copy too many
    stats = await desk.app.outbox.stats()
    assert (stats.pending, stats.failed) == (0, 0)
