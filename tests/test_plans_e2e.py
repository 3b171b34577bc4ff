"""A problem becomes a plan in a few taps on its card, through the real Dispatcher and
the fake Telegram: who is responsible, the measure by reply, the due date, the status
through the plan's policy (refusals included), each change on the card and in the
problem's history, and every resident told once per change, in their language."""

from __future__ import annotations

import json

import pytest

from storage.rules import PlanStatus
from tests.conftest import HEAD, HOUSING, MOD1, RESIDENT2, STAFF_CHAT
from tests.test_problems_e2e import PEOPLE, outage
from tests.test_staff_e2e import Staff, buttons

TOLD = "🗺 По проблеме"


@pytest.fixture
def staff(desk, fake) -> Staff:
    for n, user_id in enumerate(PEOPLE):
        fake.add_user(user_id, f"Житель{n}")
    return Staff(desk, fake)


def problem_card(fake, code: str = "P-1") -> dict:
    """The problem's card, whichever buttons it shows now (its own or its plan's)."""
    found = [
        m
        for m in fake.bot_messages(STAFF_CHAT)
        if code in (m.get("text") or "") and {"p:", "n:"} & {d[:2] for d in buttons(m)}
    ]
    assert found, f"no card for {code}"
    return found[-1]


def told_in_chat(fake) -> list[str]:
    return [m["text"] for m in fake.bot_messages(HOUSING) if m.get("text", "").startswith(TOLD)]


def told_privately(fake, user: int) -> list[str]:
    return [m["text"] for m in fake.bot_messages(user) if "🗺" in m.get("text", "")]


async def press(staff: Staff, fake, user: int, data: str) -> dict:
    return await staff.press(user, data, card=problem_card(fake))


async def reply_to_prompt(staff: Staff, fake, user: int, words: str, text: str) -> None:
    [prompt] = [m for m in fake.bot_messages(STAFF_CHAT) if words in m.get("text", "")][-1:]
    await staff.reply(user, prompt, text)


async def plan_events(desk, problem_id: int) -> list[dict]:
    rows = await desk.app.db.query(
        lambda conn: conn.execute(
            "SELECT payload FROM problem_events WHERE problem_id = ? AND kind = 'plan' ORDER BY id",
            (problem_id,),
        ).fetchall()
    )
    return [json.loads(r[0]) for r in rows]


async def test_a_problem_becomes_a_plan_in_a_few_taps_and_residents_are_told(staff, fake, desk):
    await outage(staff, fake, posts=3)
    problem_id = (await desk.ticket("H-1")).problem_id
    fake.start_private(PEOPLE[1])
    await desk.app.residents.started(PEOPLE[1], "kk")  # reads Kazakh, privately
    card = problem_card(fake)
    assert f"n:menu:{problem_id}" in buttons(card)

    # 🗺: the plan's buttons. A new problem can be given its details or declined.
    await press(staff, fake, MOD1, f"n:menu:{problem_id}")
    menu = [d.split(":")[1] for d in buttons(problem_card(fake)) if d.startswith("n:")]
    assert menu == ["org", "measure", "due", "fund", "decline", "back"]
    # Who is responsible: a list from the config; chosen by its place in it.
    await press(staff, fake, MOD1, f"n:org:{problem_id}")
    assert f"n:org:{problem_id}:1" in buttons(problem_card(fake))
    answer = await press(staff, fake, MOD1, f"n:org:{problem_id}:1")
    assert answer["text"] == "P-1: новая."
    await desk.settle()
    card = problem_card(fake)
    assert "🗺 План: новая · Городские тепловые сети" in card["text"]
    assert f"n:menu:{problem_id}" in buttons(card)  # the card's own buttons are back
    assert told_in_chat(fake) == []  # nothing to tell residents yet

    # The measure, by reply to a prompt; a head may set plans too. Now it is planned.
    await press(staff, fake, MOD1, f"n:measure:{problem_id}")
    await reply_to_prompt(staff, fake, HEAD, "что будет сделано по P-1", "Замена задвижки")
    await desk.settle()
    assert (await desk.app.roadmap.plan(problem_id)).status is PlanStatus.planned
    assert "🗺 План: запланировано · Городские тепловые сети" in problem_card(fake)["text"]
    assert "↳ Замена задвижки" in problem_card(fake)["text"]
    # Told once: the one who started the bot privately in Kazakh, the others in the chat.
    [private] = told_privately(fake, PEOPLE[1])
    assert "<b>P-1</b>" not in private  # the fake keeps text, not markup
    assert (
        "P-1" in private and "жоспарланды" in private and "Не істеледі: Замена задвижки" in private
    )
    [public] = told_in_chat(fake)
    assert "запланировано" in public and "Житель0" in public and "Житель2" in public
    assert "Житель1" not in public
    links = [
        e.get("url")
        for m in fake.bot_messages(HOUSING)
        if m["text"].startswith(TOLD)
        for e in m.get("entities", [])
        if e["type"] in ("text_link", "text_mention")
    ]
    mentions = [int(url.split("=")[1]) for url in links]
    assert sorted(mentions) == [PEOPLE[0], PEOPLE[2]]

    # The due date from the choices; the date moved, so residents hear it.
    await press(staff, fake, MOD1, f"n:due:{problem_id}")
    [first] = [d for d in buttons(problem_card(fake)) if d.startswith(f"n:due:{problem_id}:2")][:1]
    await press(staff, fake, MOD1, first)
    await desk.settle()
    assert len(told_in_chat(fake)) == 2 and "Срок: до" in told_in_chat(fake)[-1]

    # Not staff: refused, nothing changes. A forged organisation: refused too.
    fake.set_member(STAFF_CHAT, RESIDENT2)
    answer = await press(staff, fake, RESIDENT2, f"n:start:{problem_id}")
    assert answer["show_alert"] and "только сотрудники" in answer["text"]
    answer = await press(staff, fake, MOD1, f"n:org:{problem_id}:99")
    assert answer["show_alert"]
    assert (await desk.app.roadmap.plan(problem_id)).status is PlanStatus.planned
    # Done before it started is allowed; started twice is not.
    assert (await press(staff, fake, MOD1, f"n:start:{problem_id}"))["text"] == "P-1: в работе."
    answer = await press(staff, fake, MOD1, f"n:start:{problem_id}")
    assert answer["show_alert"] and "в работе" in answer["text"]
    await desk.settle()
    assert len(told_in_chat(fake)) == 3 and "в работе" in told_in_chat(fake)[-1]
    assert len(told_privately(fake, PEOPLE[1])) == 3

    # Not planned, with the reason residents read.
    await press(staff, fake, MOD1, f"n:decline:{problem_id}")
    await reply_to_prompt(staff, fake, MOD1, "почему P-1 не планируется", "Сети на балансе ТОО")
    await desk.settle()
    assert "не планируется" in told_in_chat(fake)[-1]
    assert "Причина: Сети на балансе ТОО" in told_in_chat(fake)[-1]
    events = await plan_events(desk, problem_id)
    assert [e["status"][1] for e in events] == [
        "new",
        "planned",
        "planned",
        "in_progress",
        "not_planned",
    ]
    assert events[1]["measure"] == "Замена задвижки"


async def test_a_problems_state_privately_and_following_it(staff, fake, desk):
    await outage(staff, fake, posts=2)
    problem_id = (await desk.ticket("H-1")).problem_id
    follower, poster = PEOPLE[15], PEOPLE[0]
    fake.start_private(follower)
    fake.post(follower, follower, "/problem Р-1")  # typed with a Cyrillic Р
    await desk.settle()
    [view] = [m for m in fake.bot_messages(follower) if "🗺" in m.get("text", "")]
    followed = view
    assert "Проблема P-1 «Отопление — Кенесары, 40»: новая." in view["text"]
    assert "Обратились жителей: 2" in view["text"]
    assert buttons(view) == [f"f:{problem_id}:1"]
    query = fake.press(follower, view["message_id"], follower, f"f:{problem_id}:1")
    await desk.settle()
    assert "будете получать новости по P-1" in fake.callback_answer(query)["text"]
    assert buttons(fake.message(follower, view["message_id"])) == [f"f:{problem_id}:0"]
    # The deep link shows it too; one who posted needs no 🔔: they are told anyway.
    fake.start_private(poster)
    fake.post(poster, poster, "/start p1")
    await desk.settle()
    [view] = [m for m in fake.bot_messages(poster) if "🗺" in m.get("text", "")]
    assert "P-1" in view["text"] and buttons(view) == []
    fake.post(poster, poster, "/problem P-99")
    await desk.settle()
    assert "Такой проблемы нет" in fake.bot_messages(poster)[-1]["text"]

    # A plan for it: the follower and the poster are told privately, once each.
    await press(staff, fake, MOD1, f"n:org:{problem_id}:0")
    await press(staff, fake, MOD1, f"n:measure:{problem_id}")
    await reply_to_prompt(staff, fake, MOD1, "что будет сделано по P-1", "Промывка системы")
    await desk.settle()
    for user in (follower, poster):
        told = [t for t in told_privately(fake, user) if "По проблеме" in t]
        assert len(told) == 1 and "Промывка системы" in told[0], user
    # The other poster, who never started the bot, is linked in the chat.
    [public] = told_in_chat(fake)
    assert "Житель1" in public and "Житель0" not in public
    # Unfollowed: not told of the next change.
    query = fake.press(follower, followed["message_id"], follower, f"f:{problem_id}:0")
    await desk.settle()
    assert "больше не следите за P-1" in fake.callback_answer(query)["text"]
    await press(staff, fake, MOD1, f"n:start:{problem_id}")
    await desk.settle()
    assert len([t for t in told_privately(fake, follower) if "По проблеме" in t]) == 1
    assert len([t for t in told_privately(fake, poster) if "По проблеме" in t]) == 2
