"""Delivery under Telegram's faults and limits: nothing lost, nothing twice."""

from __future__ import annotations

import collections
import logging
import sqlite3
from datetime import UTC, datetime, timedelta

from bot.config import Settings
from storage.models import Status
from tests.conftest import (
    AKIMAT,
    HOUSING,
    LAW,
    MOD1,
    RESIDENT,
    RESIDENT2,
    STAFF_CHAT,
    running_desk,
    settings_data,
)

POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"
SENDS = {"sendMessage", "sendPhoto", "editMessageText", "editMessageCaption", "setMessageReaction"}


async def test_every_message_delivered_once_through_429s_and_5xx(desk, fake):
    fake.fault_rate(SENDS, rate_429=0.3, rate_5xx=0.1, retry_after=1, seed=7)
    posts = [
        fake.post(chat, RESIDENT, f"{POST} #{n}")
        for n, chat in enumerate([HOUSING, AKIMAT, LAW] * 5)
    ]
    await fake.wait_until(
        lambda: (
            len(fake.bot_messages(STAFF_CHAT)) >= len(posts)
            and sum(len(fake.bot_messages(c)) for c in (HOUSING, AKIMAT, LAW)) >= len(posts)
        ),
        timeout=60,
    )
    await desk.settle(timeout=30)
    faults = [c for c in fake.calls if not c.ok and c.method in SENDS]
    assert sum(c.error_code == 429 for c in faults) >= 5
    assert sum(c.error_code >= 500 for c in faults) >= 2
    # Each post: exactly one acknowledgement (a reply to it) and one card.
    for chat in (HOUSING, AKIMAT, LAW):
        replies = collections.Counter(
            m["reply_to_message"]["message_id"] for m in fake.bot_messages(chat)
        )
        expected = {p["message_id"] for p in posts if p["chat"]["id"] == chat}
        assert set(replies) == expected and set(replies.values()) == {1}
    codes = collections.Counter(
        m["text"].split("</b>")[0] if "</b>" in m["text"] else m["text"].split()[1]
        for m in fake.bot_messages(STAFF_CHAT)
    )
    assert len(codes) == len(posts) and set(codes.values()) == {1}
    stats = await desk.app.outbox.stats()
    assert (stats.pending, stats.failed) == (0, 0)


async def test_pacing_keeps_under_the_group_limit(fake, tmp_path):
    # Telegram's 20 a minute, scaled down to 5 in 3 seconds to keep the test short.
    fake.group_rate_limit, fake.group_rate_window = 5, 3.0
    data = settings_data(fake, tmp_path / "d.sqlite3")
    data["delivery"].update(
        chat_per_second=5, chat_burst=3, group_per_minute=5, group_window_seconds=3.0
    )
    async with running_desk(fake, Settings(**data)) as desk:
        for n in range(8):
            fake.post(HOUSING, RESIDENT, f"{POST} #{n}")
        await fake.wait_until(
            lambda: (
                len(fake.bot_messages(HOUSING)) == 8 and len(fake.bot_messages(STAFF_CHAT)) == 8
            ),
            timeout=20,
        )
        await desk.settle()
    provoked = [c for c in fake.calls if c.error_code == 429]
    assert provoked == []
    for chat in (HOUSING, STAFF_CHAT):
        times = [c.at for c in fake.sent("sendMessage", chat_id=chat)]
        assert len(times) == 8
        for i, start in enumerate(times):
            assert sum(start <= t < start + 3.0 for t in times[i:]) <= 5


async def test_blocking_the_bot_stops_private_messages(desk, fake):
    fake.post(RESIDENT, RESIDENT, "/start")
    fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    assert await desk.app.residents.reachable(RESIDENT)
    fake.block_bot(RESIDENT)  # Telegram tells the bot with a my_chat_member update
    await desk.settle()
    assert not await desk.app.residents.reachable(RESIDENT)
    card = fake.bot_messages(STAFF_CHAT)[-1]
    fake.post(STAFF_CHAT, MOD1, "Проверили, фонари заменят", reply_to=card["message_id"])
    await desk.settle()
    to_resident = [c for c in fake.calls if c.params.get("chat_id") == RESIDENT]
    assert [c.ok for c in to_resident] == [True]  # only the /start greeting
    assert (await desk.ticket("H-1")).status is Status.answered
    fake.start_private(RESIDENT)  # unblocked: reachable again
    await desk.settle()
    assert await desk.app.residents.reachable(RESIDENT)


async def test_a_403_marks_the_resident_unreachable(desk, fake):
    # Recorded as started, but Telegram refuses (blocked before we could learn it).
    await desk.app.residents.started(RESIDENT, "ru")
    fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    card = fake.bot_messages(STAFF_CHAT)[-1]
    fake.post(STAFF_CHAT, MOD1, "Проверили, фонари заменят", reply_to=card["message_id"])
    await desk.settle()
    [failed] = [c for c in fake.calls if c.params.get("chat_id") == RESIDENT]
    assert failed.error_code == 403
    assert not await desk.app.residents.reachable(RESIDENT)
    stats = await desk.app.outbox.stats()
    assert (stats.pending, stats.failed) == (0, 1)
    ticket = await desk.ticket("H-1")
    fake.press(STAFF_CHAT, card["message_id"], MOD1, f"t:close:{ticket.id}:resolved")
    await desk.settle()
    assert len([c for c in fake.calls if c.params.get("chat_id") == RESIDENT]) == 1


async def test_ack_of_a_deleted_post_goes_out_without_the_reply(desk, fake):
    fake.fail("sendMessage", error_code=502, chat_id=HOUSING)  # the first ack is retried
    first = fake.post(HOUSING, RESIDENT, POST)
    fake.delete_user_message(HOUSING, first["message_id"])
    fake.post(HOUSING, RESIDENT2, POST + " и у нас")
    await fake.wait_until(lambda: len(fake.bot_messages(HOUSING)) == 2, timeout=10)
    await desk.settle()
    lonely, replied = fake.bot_messages(HOUSING)
    assert "H-1" in lonely["text"] and "reply_to_message" not in lonely
    assert "H-2" in replied["text"] and "reply_to_message" in replied
    stats = await desk.app.outbox.stats()
    assert (stats.pending, stats.failed) == (0, 0)
    assert len(fake.bot_messages(STAFF_CHAT)) == 2


async def test_a_group_upgraded_to_a_supergroup_is_followed(desk, fake, caplog):
    caplog.set_level(logging.WARNING, logger="bot.intake.chat_ids")
    moved = -1006666666666
    fake.add_chat(moved, title="ЖКХ")
    fake.post(HOUSING, RESIDENT, POST)
    fake.fail("sendMessage", migrate_to_chat_id=moved, chat_id=HOUSING, times=5)
    await desk.settle()
    # The ack met "group chat was upgraded": it was sent again in the new chat.
    [ack] = fake.bot_messages(moved)
    assert "H-1" in ack["text"]
    assert any(f"set chat_id = {moved}" in r.getMessage() for r in caplog.records)
    # Posts in the new chat are appeals of the same chat; replies go there directly.
    fake.post(moved, RESIDENT2, POST + " и у нас")
    await desk.settle()
    ticket = await desk.ticket("H-2")
    assert ticket.source_chat_id == moved
    assert len(fake.bot_messages(moved)) == 2
    upgraded = [c for c in fake.calls if "upgraded" in (c.description or "")]
    assert len(upgraded) == 1  # learnt once, then every request goes to the new chat
    assert (await desk.app.facts.moved_chats())[HOUSING] == moved


async def test_the_service_message_tells_the_move_first(desk, fake):
    moved = -1006666666666
    fake.add_chat(moved, title="Акимат")
    fake.post(AKIMAT, RESIDENT, None, extra={"migrate_to_chat_id": moved})
    await desk.settle()
    fake.post(moved, RESIDENT, POST)
    await desk.settle()
    assert (await desk.ticket("A-1")).source_chat_id == moved
    assert (await desk.app.facts.moved_chats())[AKIMAT] == moved


async def test_losing_a_resident_chat_alerts_the_staff_once(desk, fake, caplog):
    kicked = "Forbidden: bot was kicked from the supergroup chat"
    fake.fail("sendMessage", error_code=403, description=kicked, chat_id=LAW, times=3)
    fake.post(LAW, RESIDENT, POST)
    fake.post(LAW, RESIDENT2, POST + " и у нас")
    await desk.settle()
    alerts = [m for m in fake.bot_messages(STAFF_CHAT) if "не может писать" in m["text"]]
    assert len(alerts) == 1 and "Правопорядок" in alerts[0]["text"]
    assert len([m for m in fake.bot_messages(STAFF_CHAT) if "L-" in m["text"]]) == 2
    stats = await desk.app.outbox.stats()
    assert (stats.pending, stats.failed) == (0, 2)


async def test_a_post_that_cannot_be_stored_is_put_before_a_human(desk, fake, monkeypatch, caplog):
    attempts = []

    async def broken_create(*args, **kwargs):
        attempts.append(1)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(desk.app.tickets, "create", broken_create)
    post = fake.post(HOUSING, RESIDENT, "Прорвало трубу <в подвале> дома 7 & топит")
    await desk.settle()
    assert len(attempts) == 3  # retried briefly first
    [notice] = fake.bot_messages(STAFF_CHAT)
    assert "Не удалось зарегистрировать" in notice["text"]
    assert "Прорвало трубу <в подвале> дома 7 & топит" in notice["text"]
    assert f"https://t.me/c/1000000003/{post['message_id']}" in notice["text"]
    assert any("handed to staff" in r.getMessage() for r in caplog.records)
    monkeypatch.undo()
    fake.post(HOUSING, RESIDENT, POST)  # the bot carries on
    await desk.settle()
    assert (await desk.ticket("H-1")).text == POST


async def test_old_backlog_is_warned_about(desk, fake, caplog):
    caplog.set_level(logging.WARNING, logger="bot.delivery.worker")
    fake.fail("sendMessage", error_code=429, retry_after=30, chat_id=HOUSING)
    fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    delivery = desk.app.delivery
    later = datetime.now(UTC) + timedelta(minutes=10)
    delivery.clock = lambda: later
    delivery._backlog_checked = None
    await delivery._check_backlog()
    assert any("delivery backlog: 1 messages queued" in r.getMessage() for r in caplog.records)


async def test_a_post_that_can_be_neither_stored_nor_handed_over_is_held(
    desk, fake, monkeypatch, caplog
):
    """Storage down and the staff chat unreachable: the update stays unconfirmed at
    Telegram (a restart would get it again) and is retried until one of them works."""
    broken = True
    real_create = desk.app.tickets.create

    async def create(*args, **kwargs):
        if broken:
            raise sqlite3.OperationalError("disk I/O error")
        return await real_create(*args, **kwargs)

    monkeypatch.setattr(desk.app.tickets, "create", create)
    fake.fail("sendMessage", error_code=500, chat_id=STAFF_CHAT, times=1000)
    fake.post(HOUSING, RESIDENT, "Прорвало трубу в подвале дома 7, топит")
    await fake.wait_until(lambda: "held unconfirmed" in caplog.text, 10)
    assert fake.pending_updates == 1  # not confirmed
    assert await desk.count() == 0
    broken = False  # the disk is back; the next retry stores it
    await fake.wait_until(lambda: fake.pending_updates == 0, 10)
    assert "Прорвало трубу" in (await desk.ticket("H-1")).text
