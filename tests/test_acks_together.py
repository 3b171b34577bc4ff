"""Acknowledgements together: posts waiting in one chat are acknowledged by one
message naming each code and its author; each ticket records that message;
a reply to it, a refusal of it and spam among its posts behave."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from pathlib import Path

import pytest

from bot.config import Settings
from bot.sandbox import FakeTelegram
from tests.conftest import AKIMAT, HOUSING, LAW, MOD1, RESIDENT, STAFF_CHAT, Desk, settings_data

PEOPLE = [(6001 + n, name) for n, name in enumerate(["Ана <b>&", "Болат", "Сауле", "Пётр"])]
PEOPLE += [(6005, "Дина"), (6006, "Ержан")]
POST = "В подъезде {n} дома 5 по улице Абая не работает лифт уже второй день"


@pytest.fixture
def settings(fake: FakeTelegram, tmp_path: Path) -> Settings:
    data = settings_data(fake, tmp_path / "desk.sqlite3", intake={"ack_together_from": 3})
    return Settings(**data)


def codes(message: dict) -> list[str]:
    return re.findall(r"\bH-\d+\b", message.get("text") or "")


def mentions(message: dict) -> set[int]:
    return {
        int(e["url"].split("=")[1])
        for e in message.get("entities") or []
        if e["type"] == "text_link" and e["url"].startswith("tg://user?id=")
    }


async def burst(desk: Desk, then: dict | None = None) -> list[dict]:
    """Six residents post while the chat's first reply meets a 429: the others
    wait. ``then``: what the next sendMessage to the chat runs into."""
    fake = desk.fake
    for user_id, name in PEOPLE:
        fake.add_user(user_id, name)
    fake.fail("sendMessage", chat_id=HOUSING, retry_after=2)
    if then is not None:
        fake.fail("sendMessage", chat_id=HOUSING, **then)
    posts = [fake.post(HOUSING, uid, POST.format(n=n + 1)) for n, (uid, _) in enumerate(PEOPLE)]
    await fake.wait_until(lambda: fake.pending_updates == 0, 10)
    await desk.settle(timeout=20)
    await fake.wait_until(lambda: acked(fake) >= len(PEOPLE), 20)
    return posts


async def drained(desk: Desk) -> None:
    """Until nothing waits in the outbox, retries included."""
    for _ in range(600):
        if (await desk.app.outbox.stats()).pending == 0:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the outbox did not drain")


def acked(fake) -> int:
    return len({code for m in fake.bot_messages(HOUSING) for code in codes(m)})


async def ack_ids(desk: Desk) -> dict[str, int | None]:
    async with desk.app.db.read() as conn:
        async with conn.execute("SELECT code, ack_message_id FROM tickets ORDER BY id") as cur:
            return {code: message_id for code, message_id in await cur.fetchall()}


async def test_waiting_acknowledgements_go_as_one_message(desk: Desk) -> None:
    await burst(desk)
    # The fake has every message once Telegram answered; the ticket learns its message when
    # the worker records the answer, a moment later on a loaded machine.
    await drained(desk)
    messages = desk.fake.bot_messages(HOUSING)
    together = [m for m in messages if len(codes(m)) > 1]
    assert together, [m["text"] for m in messages]
    assert len(messages) < len(PEOPLE)
    # Every post acknowledged exactly once, and its ticket knows by which message.
    named = [code for m in messages for code in codes(m)]
    assert sorted(named) == sorted(f"H-{n}" for n in range(1, len(PEOPLE) + 1))
    ids = await ack_ids(desk)
    for message in messages:
        for code in codes(message):
            assert ids[code] == message["message_id"]
    # Each code with a mention linking its author; names arrive escaped, as text.
    message = together[0]
    tickets = [await desk.ticket(code) for code in codes(message)]
    assert mentions(message) == {t.author_id for t in tickets}
    if 6001 in mentions(message):
        assert "Ана <b>&" in message["text"]
    assert "Обращения приняты" in message["text"]
    # The audit log says so, and the staff still got every card.
    history = await desk.app.tickets.events(tickets[0].id, last=10)
    assert "acknowledged_together" in [e.kind for e in history]
    assert len([m for m in desk.fake.bot_messages(STAFF_CHAT) if m.get("reply_markup")]) == 6


async def test_a_reply_to_it_joins_the_replier_s_own_appeal(desk: Desk) -> None:
    await burst(desk)
    message = next(m for m in desk.fake.bot_messages(HOUSING) if len(codes(m)) > 1)
    code = codes(message)[-1]
    mine = await desk.ticket(code)
    desk.fake.post(HOUSING, mine.author_id, "Лифт так и стоит", reply_to=message["message_id"])
    # Someone the message does not name: their reply is an appeal of its own.
    desk.fake.add_user(6100, "Гость")
    desk.fake.post(
        HOUSING,
        6100,
        "А у нас во втором подъезде дома 9 тоже нет света",
        reply_to=message["message_id"],
    )
    await desk.settle(timeout=10)
    assert (await desk.ticket(code)).followups == 1
    assert await desk.count() == len(PEOPLE) + 1
    stranger = await desk.ticket(f"H-{len(PEOPLE) + 1}")
    assert stranger.author_id == 6100
    for other in codes(message)[:-1]:
        assert (await desk.ticket(other)).followups == 0


async def test_a_refused_message_falls_back_to_one_reply_per_post(desk: Desk) -> None:
    fake = desk.fake
    # After the 429 that makes the replies wait, the message together is refused.
    await burst(desk, {"error_code": 400, "description": "Bad Request: no"})
    messages = fake.bot_messages(HOUSING)
    assert all(len(codes(m)) == 1 for m in messages)
    assert len(messages) == len(PEOPLE)
    ids = await ack_ids(desk)
    assert all(ids[code] == m["message_id"] for m in messages for code in codes(m))
    refused = [c for c in fake.calls if c.method == "sendMessage" and c.error_code == 400]
    assert len(refused) == 1


async def test_a_failing_message_is_tried_again_together(desk: Desk) -> None:
    fake = desk.fake
    await burst(desk, {"error_code": 502})
    messages = fake.bot_messages(HOUSING)
    assert any(len(codes(m)) > 1 for m in messages)
    assert acked(fake) == len(PEOPLE)
    assert all(v is not None for v in (await ack_ids(desk)).values())


async def test_spam_among_them_keeps_the_others_acknowledgement(desk: Desk) -> None:
    await burst(desk)
    message = next(m for m in desk.fake.bot_messages(HOUSING) if len(codes(m)) > 1)
    spam = await desk.ticket(codes(message)[0])
    outcome = await desk.app.workflow.spam(spam.id, MOD1, desk.app.bot)
    assert outcome is not None and outcome.done
    assert desk.fake.message(HOUSING, message["message_id"]) is not None
    assert desk.fake.message(HOUSING, spam.source_message_id) is None


async def test_every_post_acknowledged_once_through_429s_and_5xx(desk: Desk) -> None:
    fake = desk.fake
    fake.fault_rate({"sendMessage", "editMessageText"}, rate_429=0.3, rate_5xx=0.1, seed=7)
    posts = [
        fake.post(chat, RESIDENT, POST.format(n=n + 1))
        for n, chat in enumerate([HOUSING, AKIMAT, LAW] * 5)
    ]
    await fake.wait_until(lambda: fake.pending_updates == 0, 30)
    await drained(desk)
    named = [
        code
        for chat in (HOUSING, AKIMAT, LAW)
        for m in fake.bot_messages(chat)
        for code in re.findall(r"\b[AHL]-\d+\b", m.get("text") or "")
    ]
    assert len(named) == len(posts) and len(set(named)) == len(posts)
    assert all(v is not None for v in (await ack_ids(desk)).values())
    stats = await desk.app.outbox.stats()
    assert (stats.pending, stats.failed) == (0, 0)


async def test_a_5xx_after_the_message_went_out_costs_at_most_one_copy(desk: Desk) -> None:
    # The message together reaches the chat, but the bot hears a 502: it probes the
    # chat before sending again; each post ends acknowledged, named at most twice
    # (the copy that went out unheard, and the one recorded).
    await burst(desk, {"error_code": 502, "after_effect": True})
    await drained(desk)
    messages = desk.fake.bot_messages(HOUSING)
    assert any(len(codes(m)) > 1 for m in messages)
    named = Counter(code for m in messages for code in codes(m))
    assert set(named) == {f"H-{n}" for n in range(1, len(PEOPLE) + 1)}
    assert max(named.values()) == 2  # the unheard copy was sent again once
    ids = await ack_ids(desk)
    by_id = {m["message_id"]: m for m in messages}
    assert all(code in codes(by_id[ids[code]]) for code in named)
    assert any(c.method == "getChat" for c in desk.fake.calls)


async def test_a_reply_to_an_unheard_copy_joins_the_replier_s_own_appeal(desk: Desk) -> None:
    # The copy that went out unheard is recorded by no ticket: a reply to it still
    # joins the replier's own appeal among the codes it names, not the first one named.
    await burst(desk, {"error_code": 502, "after_effect": True})
    await drained(desk)
    ids = set((await ack_ids(desk)).values())
    unheard = [
        m
        for m in desk.fake.bot_messages(HOUSING)
        if len(codes(m)) > 1 and m["message_id"] not in ids
    ]
    assert unheard, "the 502 left no unheard copy"
    message = unheard[0]
    first, last = codes(message)[0], codes(message)[-1]
    mine = await desk.ticket(last)
    desk.fake.post(HOUSING, mine.author_id, "Лифт так и стоит", reply_to=message["message_id"])
    desk.fake.add_user(6100, "Гость")
    desk.fake.post(HOUSING, 6100, "А в доме 9 тоже нет света", reply_to=message["message_id"])
    await desk.settle(timeout=10)
    assert (await desk.ticket(last)).followups == 1
    assert (await desk.ticket(first)).followups == 0
    assert await desk.count() == len(PEOPLE) + 1
    assert (await desk.ticket(f"H-{len(PEOPLE) + 1}")).author_id == 6100
