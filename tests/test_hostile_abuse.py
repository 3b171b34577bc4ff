"""Hostile use that once got through, against the real desk and the strict fake
Telegram: out-of-range page buttons, searches made of LIKE wildcards, follow-up
floods on a closed appeal and forged rating answers.

Each case says what must happen (and what must not change), and every case ends
with :func:`tests.test_hostile_updates.assert_clean`: no handler raised, Telegram
accepted every request, every message fits.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.app import utcnow
from bot.sandbox import FakeTelegram
from storage.models import Status
from tests.conftest import (
    HEAD,
    HOUSING,
    MOD1,
    RESIDENT,
    RESIDENT2,
    STAFF_CHAT,
    Desk,
    running_desk,
)
from tests.test_hostile_updates import assert_clean, raw_press

POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"


class ShiftedClock:
    """The real time, moved on by ``offset``: the desk's clock in a test that waits
    out a period without sleeping."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return utcnow() + self.offset


def with_buttons(fake: FakeTelegram, ticket_id: int) -> list[int]:
    """The staff-chat messages whose buttons act on the ticket."""
    found = []
    for message in fake.bot_messages(STAFF_CHAT):
        rows = message.get("reply_markup", {}).get("inline_keyboard", [])
        data = [b.get("callback_data", "") for row in rows for b in row]
        if any(d.split(":")[2:3] == [str(ticket_id)] for d in data if d.startswith("t:")):
            found.append(message["message_id"])
    return found


def last_staff_text(fake: FakeTelegram) -> str:
    return fake.bot_messages(STAFF_CHAT)[-1]["text"]


async def post_appeals(desk: Desk, fake: FakeTelegram, texts: list[str]) -> None:
    for text in texts:
        fake.post(HOUSING, RESIDENT, text)
    await desk.settle()


# --------------------------------------------------------------------------------------------
# Pages and search
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("offset", ["10", "23", "99999", str(2**63 - 1)])
async def test_a_page_beyond_the_last_shows_the_last_page(desk, fake, caplog, offset):
    await post_appeals(desk, fake, [f"{POST}, подъезд {n + 1}" for n in range(13)])
    fake.post(STAFF_CHAT, MOD1, "/open")
    await desk.settle()
    page = fake.bot_messages(STAFF_CHAT)[-1]
    assert "1–10" in page["text"]

    query = fake.press(STAFF_CHAT, page["message_id"], MOD1, f"o:{offset}:0")
    await desk.settle()
    assert fake.callback_answer(query) is not None
    shown = fake.message(STAFF_CHAT, page["message_id"])
    assert "Открытые обращения: 13 (показаны 11–13" in shown["text"], shown["text"]
    assert "H-11 " in shown["text"] and "H-13 " in shown["text"]
    # Only the way back: there is no page after the last.
    [[back]] = shown["reply_markup"]["inline_keyboard"]
    assert back["callback_data"] == "o:0:0"
    assert_clean(fake, caplog)


async def test_a_forged_page_of_an_empty_list_says_it_is_empty(desk, fake, caplog):
    fake.post(STAFF_CHAT, MOD1, "/open")
    await desk.settle()
    page = fake.bot_messages(STAFF_CHAT)[-1]
    query = raw_press(fake, MOD1, "o:99999:0", message=page)
    await desk.settle()
    assert fake.callback_answer(query) is not None
    assert "Открытых обращений нет" in fake.message(STAFF_CHAT, page["message_id"])["text"]
    assert_clean(fake, caplog)


@pytest.mark.parametrize("words", ["_", "%", "%%", "__", "%_%", "\\", "\\%", "[%]", "*"])
async def test_search_wildcards_are_plain_characters(desk, fake, caplog, words):
    await post_appeals(desk, fake, [POST, "Не вывозят мусор во дворе дома 7 уже неделю"])
    fake.post(STAFF_CHAT, MOD1, f"/find {words}")
    await desk.settle()
    assert last_staff_text(fake) == "Ничего не найдено.", words
    assert_clean(fake, caplog)


async def test_search_finds_wildcard_characters_literally(desk, fake, caplog):
    await post_appeals(
        desk,
        fake,
        [
            POST,
            "Скидка 50% на вывоз мусора — это обман, дом 7",
            "Файл отчет_дом_9.pdf не открывается на сайте акимата",
        ],
    )
    fake.post(STAFF_CHAT, MOD1, "/find 50%")
    await desk.settle()
    found = last_staff_text(fake)
    assert "Найдено: 1" in found and "H-2" in found
    fake.post(STAFF_CHAT, MOD1, "/find отчет_дом")
    await desk.settle()
    found = last_staff_text(fake)
    assert "Найдено: 1" in found and "H-3" in found
    assert_clean(fake, caplog)


async def test_pressing_the_page_already_shown_changes_nothing(desk, fake, caplog):
    await post_appeals(desk, fake, [f"{POST}, подъезд {n + 1}" for n in range(13)])
    fake.post(STAFF_CHAT, MOD1, "/open")
    await desk.settle()
    page = fake.bot_messages(STAFF_CHAT)[-1]
    for data in ("o:10:0", "o:10:0", "o:99999:0"):  # a double tap, then past the end
        query = fake.press(STAFF_CHAT, page["message_id"], MOD1, data)
        await desk.settle()
        assert fake.callback_answer(query) is not None
    assert "показаны 11–13" in fake.message(STAFF_CHAT, page["message_id"])["text"]
    assert_clean(fake, caplog)


# --------------------------------------------------------------------------------------------
# Replies to a closed appeal
# --------------------------------------------------------------------------------------------


async def test_a_flood_of_replies_to_a_closed_appeal_moves_its_card_once(fake, settings, caplog):
    clock = ShiftedClock()
    async with running_desk(fake, settings, clock) as desk:
        post = fake.post(HOUSING, RESIDENT, POST)
        await desk.settle()
        ticket = await desk.ticket("H-1")
        fake.press(STAFF_CHAT, ticket.card_message_id, MOD1, f"t:close:{ticket.id}:resolved")
        await desk.settle()
        assert (await desk.ticket("H-1")).status is Status.closed
        before = len(fake.bot_messages(STAFF_CHAT))

        # 30 replies within a minute, in waves, so the desk is never behind.
        for wave in range(6):
            for n in range(5):
                text = f"Ничего не сделано, фонари так и не горят ({wave * 5 + n + 1})"
                fake.post(HOUSING, RESIDENT, text, reply_to=post["message_id"])
            await desk.settle()
        new = fake.bot_messages(STAFF_CHAT)[before:]
        assert len(new) <= 3, [m.get("text", "")[:60] for m in new]
        ticket = await desk.ticket("H-1")
        assert (ticket.status, ticket.followups) == (Status.closed, 30)
        assert with_buttons(fake, ticket.id) == [ticket.card_message_id]
        card = fake.message(STAFF_CHAT, ticket.card_message_id)
        assert "Дополнений от жителя: 30" in card["text"] and "(30)" in card["text"]
        # The card moved down: nothing the bot wrote in the staff chat is below it.
        assert fake.bot_messages(STAFF_CHAT)[-1]["message_id"] == ticket.card_message_id

        # After a quiet half hour, the next reply moves the card down again, once.
        clock.offset = timedelta(minutes=31)
        fake.post(
            HOUSING, RESIDENT, "Прошло полчаса, всё так же темно", reply_to=post["message_id"]
        )
        await desk.settle()
        moved = await desk.ticket("H-1")
        assert len(fake.bot_messages(STAFF_CHAT)) == before + len(new) + 1
        assert moved.card_message_id != ticket.card_message_id
        assert with_buttons(fake, ticket.id) == [moved.card_message_id]
        assert_clean(fake, caplog)


async def test_a_reposted_card_takes_the_buttons_with_it(desk, fake, caplog):
    fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    first = (await desk.ticket("H-1")).card_message_id
    for _ in range(3):
        fake.post(STAFF_CHAT, MOD1, "/ticket H-1")
        await desk.settle()
    ticket = await desk.ticket("H-1")
    assert ticket.card_message_id != first
    assert with_buttons(fake, ticket.id) == [ticket.card_message_id]
    assert_clean(fake, caplog)


# --------------------------------------------------------------------------------------------
# Forged answers to "was it solved?"
# --------------------------------------------------------------------------------------------


async def start_privately(desk: Desk, fake: FakeTelegram, *users: int) -> dict[int, dict]:
    """Each user opens the bot: their greeting (it has buttons) is where they press."""
    for who in users:
        fake.post(who, who, "/start")
    await desk.settle()
    return {who: fake.bot_messages(who)[0] for who in users}


async def snapshot(desk: Desk, fake: FakeTelegram, code: str) -> tuple:
    """What a rating could change: the ticket, its audit log, its ratings, its card."""
    ticket = await desk.ticket(code)
    events = [(e.kind, e.actor_id) for e in await desk.app.tickets.events(ticket.id)]
    async with desk.app.db.read() as conn:
        async with conn.execute(
            "SELECT closing, user_id, solved FROM ratings WHERE ticket_id = ?", (ticket.id,)
        ) as cur:
            ratings = [tuple(row) for row in await cur.fetchall()]
    card = fake.message(STAFF_CHAT, ticket.card_message_id)
    shown = (card.get("text"), card.get("reply_markup"))
    return (ticket.status, ticket.resolution, ticket.assignee_id), events, ratings, shown


async def test_forged_rating_answers_change_nothing(desk, fake, caplog):
    greeting = await start_privately(desk, fake, RESIDENT, RESIDENT2, MOD1, HEAD)
    closes = {
        "H-1": "t:spam:{id}",
        "H-2": "t:close:{id}:rejected",
        "H-3": "t:close:{id}:duplicate",
        "H-5": "t:close:{id}:resolved",
        "H-6": "t:close:{id}:resolved",
    }
    for n in range(1, 7):
        who = RESIDENT2 if n == 6 else RESIDENT
        fake.post(HOUSING, who, f"{POST}, дом {n}")
    await desk.settle()
    ids = {
        code: (await desk.ticket(code)).id for code in ("H-1", "H-2", "H-3", "H-4", "H-5", "H-6")
    }
    for code, data in closes.items():
        ticket = await desk.ticket(code)
        fake.press(STAFF_CHAT, ticket.card_message_id, MOD1, data.format(id=ticket.id))
        await desk.settle()
    # H-5 is closed twice: its latest closing is number 2, and that is what is asked.
    h5 = await desk.ticket("H-5")
    for data in ("t:reopen:{id}", "t:close:{id}:resolved"):
        fake.press(STAFF_CHAT, h5.card_message_id, MOD1, data.format(id=h5.id))
        await desk.settle()
    question = fake.bot_messages(RESIDENT)[-1]
    asked = [b["callback_data"] for row in question["reply_markup"]["inline_keyboard"] for b in row]
    assert asked == [f"r:{ids['H-5']}:2:yes", f"r:{ids['H-5']}:2:no"]
    before = {code: await snapshot(desk, fake, code) for code in ids}

    forged = {
        # The author, on appeals that were not closed as resolved.
        "spam_not_solved": (RESIDENT, "H-1", 1, "no"),
        "spam_solved": (RESIDENT, "H-1", 1, "yes"),
        "rejected_not_solved": (RESIDENT, "H-2", 1, "no"),
        "duplicate_not_solved": (RESIDENT, "H-3", 1, "no"),
        "open_not_solved": (RESIDENT, "H-4", 1, "no"),
        "open_solved": (RESIDENT, "H-4", 1, "yes"),
        # The author, about a closing that is not the latest.
        "stale_closing": (RESIDENT, "H-5", 1, "no"),
        "future_closing": (RESIDENT, "H-5", 3, "no"),
        "far_future_closing": (RESIDENT, "H-5", 10_000, "yes"),
        # Others, about the latest closing.
        "another_resident": (RESIDENT2, "H-5", 2, "no"),
        "a_moderator": (MOD1, "H-5", 2, "no"),
        "the_akim": (HEAD, "H-5", 2, "yes"),
        "the_author_of_another_appeal": (RESIDENT, "H-6", 1, "no"),
    }
    queries = {
        name: fake.press(who, greeting[who]["message_id"], who, f"r:{ids[code]}:{n}:{answer}")
        for name, (who, code, n, answer) in forged.items()
    }
    queries["unknown_ticket"] = fake.press(
        RESIDENT, greeting[RESIDENT]["message_id"], RESIDENT, "r:424242:1:no"
    )
    await desk.settle()
    not_refused = {
        name: fake.callback_answer(q)
        for name, q in queries.items()
        if not (fake.callback_answer(q) or {}).get("show_alert")
    }
    assert not_refused == {}
    changed = [code for code in ids if await snapshot(desk, fake, code) != before[code]]
    assert changed == []

    # The author's real answer counts, once.
    fake.press(RESIDENT, question["message_id"], RESIDENT, f"r:{ids['H-5']}:2:no")
    await desk.settle()
    assert (await desk.ticket("H-5")).status is Status.assigned
    reopened = await snapshot(desk, fake, "H-5")
    for answer in ("no", "yes"):
        query = fake.press(
            RESIDENT, greeting[RESIDENT]["message_id"], RESIDENT, f"r:{ids['H-5']}:2:{answer}"
        )
        await desk.settle()
        assert fake.callback_answer(query)["show_alert"]
    assert await snapshot(desk, fake, "H-5") == reopened
    assert_clean(fake, caplog)
