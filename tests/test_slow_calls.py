"""A slow Telegram call made while an update is handled must not hold up the
updates after it: intake never waits on Telegram."""

from __future__ import annotations

import asyncio
import logging

from storage.models import Resolution
from tests.conftest import HOUSING, MOD1, RESIDENT, RESIDENT2, STAFF_CHAT

POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"
SLOW = 12.0  # seconds Telegram takes to answer sendMessage


def prompt_calls(fake) -> list:
    return [
        c
        for c in fake.calls
        if c.method == "sendMessage"
        and c.params.get("chat_id") == STAFF_CHAT
        and "reply_markup" in c.params
        and "force_reply" in str(c.params["reply_markup"])
    ]


async def test_a_hanging_prompt_does_not_hold_up_the_next_post(desk, fake):
    fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    ticket = await desk.ticket("H-1")
    fake.delay("sendMessage", SLOW)
    fake.press(STAFF_CHAT, ticket.card_message_id, MOD1, f"t:answer:{ticket.id}")
    await fake.wait_until(lambda: prompt_calls(fake), timeout=5)
    other = fake.post(HOUSING, RESIDENT2, "Во дворе дома 3 прорвало трубу, всё заливает")
    await fake.wait_until(lambda: fake.pending_updates == 0, timeout=SLOW * 3)
    # The post became a ticket while Telegram still had not answered the prompt
    # (the prompt exists in the chat, but the desk has not learnt its id yet).
    assert await desk.app.tickets.by_message(HOUSING, other["message_id"]) is not None
    [prompt] = prompt_calls(fake)
    message_id = prompt.result["message_id"]
    assert await desk.app.tickets.by_message(STAFF_CHAT, message_id) is None
    # Once Telegram answers, the prompt is recorded: a reply to it is the answer.
    for _ in range(int(SLOW * 30)):
        if await desk.app.tickets.by_message(STAFF_CHAT, message_id) is not None:
            break
        await asyncio.sleep(0.1)
    fake.delay("sendMessage", 0)
    await desk.settle(timeout=SLOW * 3)
    fake.post(STAFF_CHAT, MOD1, "Проверили, фонари заменят завтра", reply_to=message_id)
    await desk.settle(timeout=SLOW * 3)
    answers = await desk.app.tickets.answers(ticket.id)
    assert [a.text for a in answers] == ["Проверили, фонари заменят завтра"]


async def test_a_hanging_spam_deletion_does_not_hold_up_the_next_post(desk, fake, caplog):
    caplog.set_level(logging.INFO, logger="bot.handler_calls")
    fake.post(HOUSING, RESIDENT, "Купите дешёвые кредиты по ссылке в профиле")
    await desk.settle()
    ticket = await desk.ticket("H-1")
    fake.delay("deleteMessage", SLOW)
    fake.press(STAFF_CHAT, ticket.card_message_id, MOD1, f"t:spam:{ticket.id}")
    await fake.wait_until(lambda: any(c.method == "deleteMessage" for c in fake.calls), 5)
    other = fake.post(HOUSING, RESIDENT2, POST)
    await fake.wait_until(lambda: fake.pending_updates == 0, timeout=SLOW * 3)
    assert await desk.app.tickets.by_message(HOUSING, other["message_id"]) is not None
    assert "DeleteMessage answered after" not in caplog.text
    assert (await desk.ticket("H-1")).resolution is Resolution.spam  # the verdict stands
    # The deletion went on beside the updates, and its answer is logged when it comes.
    await fake.wait_until(lambda: "DeleteMessage answered after" in caplog.text, SLOW * 3)
