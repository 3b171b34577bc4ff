"""Problems through the real Dispatcher and the fake Telegram: an outage's posts
become one problem whose card's count climbs, one reply answers every resident
under their own post, closing closes them all; detach, merge and refusals."""

from __future__ import annotations

import pytest

from storage.models import Resolution, Status
from tests.conftest import HOUSING, MOD1, RESIDENT, STAFF_CHAT
from tests.test_staff_e2e import Staff, buttons

OUTAGE = [
    "Нет отопления в доме Кенесары 40, батареи холодные",
    "Кенесары 40 жылу жоқ, үйде суық",
    "В доме по Кенесары, 40 батареи ледяные с утра",
    "Кенесары 40, отопление отключили, дети мёрзнут",
    "Кенесары 40 үйінде жылу жоқ, батареялар суық",
]
WATER_SAME_HOUSE = "Нет холодной воды, Кенесары 40, с утра сухие краны"
HEATING_ELSEWHERE = "Нет отопления в доме Сыганак 18, батареи холодные"
PEOPLE = range(7001, 7020)


@pytest.fixture
def staff(desk, fake) -> Staff:
    for n, user_id in enumerate(PEOPLE):
        fake.add_user(user_id, f"Житель{n}")
    return Staff(desk, fake)


def problem_card(fake, code: str = "P-1") -> dict:
    found = [
        m
        for m in fake.bot_messages(STAFF_CHAT)
        if (m.get("text") or "").find(code) >= 0 and "p:" in str(m.get("reply_markup"))
    ]
    assert found, f"no card for {code}"
    return found[-1]


async def outage(staff: Staff, fake, posts: int = 5) -> list[dict]:
    """The first two posts are offered as a pair and made a problem; the rest join it
    without a word more in the staff chat than edits of the problem's card."""
    made = [await staff.post(text=OUTAGE[0], user=PEOPLE[0])]
    made.append(await staff.post(text=OUTAGE[1], user=PEOPLE[1]))
    second = await staff.ticket("H-2")
    assert f"t:make:{second.id}:pair" in buttons(staff.card("H-2"))
    answer = await staff.press(MOD1, f"t:make:{second.id}:pair", card=staff.card("H-2"))
    assert "P-1" in answer["text"]
    before = len(fake.bot_messages(STAFF_CHAT))
    for n in range(2, posts):
        made.append(await staff.post(text=OUTAGE[n], user=PEOPLE[n]))
        assert f"Жителей: {n + 1} " in problem_card(fake)["text"]
    assert len(fake.bot_messages(STAFF_CHAT)) == before
    return made


async def test_an_outage_is_one_problem_card_whose_count_climbs(staff, fake, desk):
    posts = await outage(staff, fake)
    # Two appeal cards (before the problem was made) and the problem's own card.
    cards = [m for m in fake.bot_messages(STAFF_CHAT) if m.get("reply_markup")]
    assert len(cards) == 3
    card = problem_card(fake)
    assert "Жителей: 5" in card["text"] and "Отопление — Кенесары, 40" in card["text"]
    for code in ("H-3", "H-4", "H-5"):
        assert code in card["text"]
        ticket = await desk.ticket(code)
        assert ticket.problem_id is not None and ticket.card_message_id is None
    # The appeals' own cards, made before the problem, now name it.
    assert "P-1" in staff.card_text("H-1") and "P-1" in staff.card_text("H-2")
    # The acknowledgements of the posts that joined it name it and count the residents.
    acks = {m["reply_to_message"]["message_id"]: m["text"] for m in fake.bot_messages(HOUSING)}
    assert "P-1" in acks[posts[4]["message_id"]] and "5 жителей" in acks[posts[4]["message_id"]]
    assert "P-1" not in acks[posts[0]["message_id"]]
    # Another category in the same house, and heating in another house: apart.
    await staff.post(text=WATER_SAME_HOUSE, user=PEOPLE[10])
    await staff.post(text=HEATING_ELSEWHERE, user=PEOPLE[11])
    assert (await desk.ticket("H-6")).problem_id is None
    assert (await desk.ticket("H-7")).problem_id is None
    assert len([m for m in fake.bot_messages(STAFF_CHAT) if m.get("reply_markup")]) == 5
    facts = await desk.app.problems.facts((await desk.ticket("H-1")).problem_id)
    assert (facts.appeals, facts.residents, facts.open) == (5, 5, 5)


async def test_a_copy_in_another_chat_does_not_count_twice(fake, tmp_path):
    from bot.config import Settings
    from tests.conftest import AKIMAT, running_desk, settings_data

    for n, user_id in enumerate(PEOPLE):
        fake.add_user(user_id, f"Житель{n}")
    data = settings_data(fake, tmp_path / "desk.sqlite3", intake={"same_text_hours": 2})
    async with running_desk(fake, Settings(**data)) as desk:
        staff = Staff(desk, fake)
        await outage(staff, fake, posts=3)
        await staff.post(chat_id=AKIMAT, text=OUTAGE[2], user=PEOPLE[2])
        problem_id = (await desk.ticket("H-1")).problem_id
        facts = await desk.app.problems.facts(problem_id)
        assert (facts.appeals, facts.residents) == (3, 3)
        assert "Жителей: 3" in problem_card(fake)["text"]


async def test_one_reply_answers_all_under_their_posts_and_closing_closes_all(staff, fake, desk):
    posts = await outage(staff, fake)
    other = await staff.post(text=WATER_SAME_HOUSE, user=PEOPLE[10])
    fake.post(PEOPLE[3], PEOPLE[3], "/start")  # this one can be written to privately
    await desk.settle()
    card = problem_card(fake)
    await staff.reply(MOD1, card, "Авария на теплотрассе, отопление дадут к 18:00")
    answers = [m for m in fake.bot_messages(HOUSING) if "Авария на теплотрассе" in m["text"]]
    assert sorted(m["reply_to_message"]["message_id"] for m in answers) == sorted(
        p["message_id"] for p in posts
    )
    for n, post in enumerate(posts, start=1):
        [mine] = [m for m in answers if m["reply_to_message"]["message_id"] == post["message_id"]]
        assert f"H-{n}" in mine["text"]
        ticket = await desk.ticket(f"H-{n}")
        assert ticket.status is Status.answered
        assert len(await desk.app.tickets.answers(ticket.id)) == 1
        assert any(e.kind == "answer" for e in await desk.app.tickets.events(ticket.id))
    assert "Авария на теплотрассе" in fake.bot_messages(PEOPLE[3])[-1]["text"]
    assert not any(m["reply_to_message"]["message_id"] == other["message_id"] for m in answers)
    assert (await desk.ticket("H-6")).status is Status.new
    problem = await desk.app.problems.by_code("P-1")
    assert problem is not None and problem.status is Status.answered
    # A later post about it is told where it stands.
    late = await staff.post(text="Кенесары 40 до сих пор нет отопления", user=PEOPLE[12])
    [ack] = [
        m
        for m in fake.bot_messages(HOUSING)
        if m["reply_to_message"]["message_id"] == late["message_id"]
    ]
    assert "P-1" in ack["text"] and "дан ответ" in ack["text"]

    answer = await staff.press(MOD1, f"p:close:{problem.id}", card=problem_card(fake))
    assert not answer.get("show_alert")
    await staff.press(MOD1, f"p:close:{problem.id}:resolved", card=problem_card(fake))
    for n in range(1, 6):
        ticket = await desk.ticket(f"H-{n}")
        assert (ticket.status, ticket.resolution) == (Status.closed, Resolution.resolved)
    assert (await desk.ticket("H-7")).status is Status.closed  # the late one too
    assert (await desk.ticket("H-6")).status is Status.new
    assert "решено" in fake.bot_messages(PEOPLE[3])[-1]["text"]


async def test_detach_brings_the_appeals_card_back_and_merge_moves_appeals(staff, fake, desk):
    await outage(staff, fake, posts=3)
    problem = await desk.app.problems.by_code("P-1")
    assert problem is not None
    third = await desk.ticket("H-3")
    assert third.card_message_id is None
    await staff.press(MOD1, f"p:detach:{problem.id}", card=problem_card(fake))
    assert f"p:detach:{problem.id}:{third.id}" in buttons(problem_card(fake))
    answer = await staff.press(MOD1, f"p:detach:{problem.id}:{third.id}", card=problem_card(fake))
    assert "H-3" in answer["text"] and not answer.get("show_alert")
    third = await desk.ticket("H-3")
    assert third.problem_id is None and third.card_message_id is not None
    assert "t:make:" in str(buttons(staff.card("H-3")))
    assert "Жителей: 2" in problem_card(fake)["text"]
    # H-3 is made a problem of its own, then merged into P-1 by a reply.
    await staff.press(MOD1, f"t:make:{third.id}", card=staff.card("H-3"))
    second = await desk.app.problems.by_code("P-2")
    assert second is not None
    await staff.reply(MOD1, problem_card(fake, "P-2"), "объединить P-1")
    second = await desk.app.problems.get(second.id)
    assert second is not None and second.merged_into == problem.id
    assert (second.status, second.resolution) == (Status.closed, Resolution.duplicate)
    assert (await desk.ticket("H-3")).problem_id == problem.id
    assert "Жителей: 3" in problem_card(fake)["text"]
    kinds = [e.kind for e in await desk.app.tickets.events(third.id)]
    assert kinds[-3:] == ["detach", "attach", "problem_merged"]


async def test_strangers_and_forged_presses_change_nothing(staff, fake, desk):
    await outage(staff, fake, posts=3)
    problem = await desk.app.problems.by_code("P-1")
    assert problem is not None
    card = problem_card(fake)
    refused = await staff.press(RESIDENT, f"p:take:{problem.id}", card=card)
    assert refused["show_alert"] and "сотрудники" in refused["text"]
    for data in (
        f"p:take:{problem.id + 99}",
        "p:take:x",
        f"p:nuke:{problem.id}",
        f"p:assign:{problem.id}:{RESIDENT}",
        f"p:close:{problem.id}:spam",
    ):
        answer = await staff.press(MOD1, data, card=card)
        assert answer["show_alert"], data
    # A press of the problem's buttons on another message (an appeal's card) is stale.
    own = {"message_id": (await desk.ticket("H-1")).card_message_id}
    stale = await staff.press(MOD1, f"p:take:{problem.id}", card=own)
    assert stale["show_alert"]
    # A forged detach naming an appeal of no problem.
    await staff.post(text=WATER_SAME_HOUSE, user=PEOPLE[10])
    loose = await desk.ticket("H-4")
    gone = await staff.press(MOD1, f"p:detach:{problem.id}:{loose.id}", card=card)
    assert gone["show_alert"]
    after = await desk.app.problems.get(problem.id)
    assert after == problem
    assert (await desk.app.problems.facts(problem.id)).appeals == 3


async def test_a_neighbours_reply_under_a_post_in_a_problem_is_one_more_resident(staff, fake, desk):
    posts = await outage(staff, fake, posts=3)
    await staff.post(
        text="У нас тоже нет отопления", user=PEOPLE[6], reply_to=posts[0]["message_id"]
    )
    ticket = await desk.ticket("H-4")
    first = await desk.ticket("H-1")
    assert ticket.problem_id == first.problem_id and first.followups == 0
    assert "Жителей: 4 " in problem_card(fake)["text"]
    # The author's own reply stays a follow-up of their appeal.
    await staff.post(text="Уже пятый час", user=PEOPLE[0], reply_to=posts[0]["message_id"])
    assert (await desk.ticket("H-1")).followups == 1
    assert await desk.count() == 4


async def test_an_attached_appeals_own_card_on_request_and_its_detach_button(staff, fake, desk):
    await outage(staff, fake, posts=3)
    third = await desk.ticket("H-3")
    assert third.card_message_id is None
    fake.post(STAFF_CHAT, MOD1, "/ticket H-3")
    await desk.settle()
    third = await desk.ticket("H-3")
    assert third.card_message_id is not None
    own = fake.message(STAFF_CHAT, third.card_message_id)
    assert "P-1" in own["text"] and f"t:detach:{third.id}" in buttons(own)
    answer = await staff.press(MOD1, f"t:detach:{third.id}", card=own)
    assert "H-3" in answer["text"] and not answer.get("show_alert")
    assert (await desk.ticket("H-3")).problem_id is None
    assert "Жителей: 2 " in problem_card(fake)["text"]


async def test_a_danger_of_another_kind_is_offered_to_the_problem_and_alerted_once(
    staff, fake, desk
):
    """Unemptied bins at a house are a problem; a fire in them is news: the appeal has
    its own card offering the problem (a moderator joins them) and is alerted; once the
    problem holds that danger, the next voice of it joins at once, with no new alert."""

    def alerts() -> list[str]:
        return [t for m in fake.bot_messages(STAFF_CHAT) if "Срочное" in (t := m["text"])]

    bins = "Кенесары 40 мусор не вывозят неделю, контейнеры переполнены"
    await staff.post(text=bins, user=PEOPLE[0])
    await staff.post(text="Кенесары 40, мусор не вывозят, баки полные", user=PEOPLE[1])
    second = await staff.ticket("H-2")
    await staff.press(MOD1, f"t:make:{second.id}:pair", card=staff.card("H-2"))
    problem_id = (await desk.ticket("H-2")).problem_id
    assert problem_id is not None and not alerts()
    await staff.post(text="Кенесары 40 мусорка горит!", user=PEOPLE[2])
    fire = await desk.ticket("H-3")
    assert fire.problem_id is None and fire.urgency_reason == "fire"
    [alert] = alerts()
    assert "H-3" in alert and "мусорка горит" in alert
    offer = f"t:attach:{fire.id}:{problem_id}"
    assert offer in buttons(staff.card("H-3"))
    await staff.press(MOD1, offer, card=staff.card("H-3"))
    assert (await desk.ticket("H-3")).problem_id == problem_id
    # The same danger again in the same problem: the residents' count climbs, no new alert.
    await staff.post(text="Кенесары 40 опять горит мусорный бак, дым во дворе", user=PEOPLE[3])
    assert (await desk.ticket("H-4")).problem_id == problem_id
    assert len(alerts()) == 1


async def test_a_residents_placeless_follow_up_days_later_joins_their_problem(staff, fake, desk):
    """A lift stopped at a house is a problem of two residents; the next day the first
    of them writes again naming no place: their appeal's problem takes it; another
    resident's words before it, with nothing in the chat to place them, stand alone."""
    from datetime import timedelta

    from storage.models import from_db_time, to_db_time

    await staff.post(text="Валиханова 15, 2 подъезд, лифт не работает с утра", user=PEOPLE[0])
    await staff.post(text="Уәлиханов 15 үйдің лифті істемейді, жаяу шығамыз", user=PEOPLE[1])
    second = await staff.ticket("H-2")
    await staff.press(MOD1, f"t:make:{second.id}:pair", card=staff.card("H-2"))
    problem_id = (await desk.ticket("H-1")).problem_id
    assert problem_id is not None

    def a_day_earlier(conn) -> None:  # the two posts were written yesterday
        for table in ("tickets", "problems"):
            for row_id, at in conn.execute(f"SELECT id, created_at FROM {table}").fetchall():
                then = to_db_time(from_db_time(at) - timedelta(hours=30))
                conn.execute(f"UPDATE {table} SET created_at = ? WHERE id = ?", (then, row_id))

    await desk.app.db.write(a_day_earlier)
    await staff.post(text="Лифт опять не работает, пешком ходим", user=PEOPLE[2])
    assert (await desk.ticket("H-3")).problem_id is None
    await staff.post(text="Лифт всё ещё не работает, третий день пешком", user=PEOPLE[0])
    assert (await desk.ticket("H-4")).problem_id == problem_id
    assert "Жителей: 2" in problem_card(fake)["text"]  # the same resident, counted once
