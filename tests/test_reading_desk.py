"""The reading on the desk, through the real Dispatcher and the fake Telegram:
the card shows what an appeal is about, where and why it is urgent; a
moderator corrects the category with a tap and the address by a reply; each
correction is in the audit log and kept as a labelled example."""

from __future__ import annotations

import pytest

from storage.models import Priority
from tests.conftest import HEAD, HOUSING, MOD1, STAFF_CHAT
from tests.test_staff_e2e import Staff, actions


@pytest.fixture
def staff(desk, fake) -> Staff:
    return Staff(desk, fake)


async def _examples(desk, kind: str) -> list[tuple[str, str]]:
    return list(await desk.app.corrections.learning.store.examples(kind))


async def test_the_card_shows_category_address_and_why_urgent(staff, fake):
    fake.post(HEAD, HEAD, "/start")
    await staff.post(text="В подъезде сильно пахнет газом! ул. Кенесары 40, кв 12")
    ticket = await staff.ticket()
    assert (ticket.category, ticket.address, ticket.address_key) == (
        "gas",
        "Кенесары, 40",
        "кенесары 40",
    )
    assert ticket.priority is Priority.urgent and ticket.urgency_reason == "gas"
    text = staff.card_text()
    assert "🏷 Газ · 📍 Кенесары, 40" in text and "Срочно: запах газа" in text
    alert = fake.bot_messages(HEAD)[-1]["text"]
    assert "Срочное обращение H-1" in alert and "запах газа" in alert and "Кенесары, 40" in alert


async def test_a_street_lamp_is_lighting_and_alarms_nobody(staff, fake):
    fake.post(HEAD, HEAD, "/start")
    await staff.post(text="Не горит фонарь возле дома 5 по Пушкина, темно")
    ticket = await staff.ticket()
    assert ticket.priority is Priority.normal and ticket.urgency_reason is None
    assert (ticket.category, ticket.address) == ("lighting", "Пушкина, 5")
    assert "Срочн" not in staff.card_text()
    assert not [m for m in fake.bot_messages(HEAD) if "Срочное" in m["text"]]


async def test_a_shared_location_gives_coordinates(staff, fake):
    await staff.post(text=None, location=(51.1694, 71.4491))
    ticket = await staff.ticket()
    assert (ticket.lat, ticket.lon) == pytest.approx((51.1694, 71.4491))
    links = [e.get("url", "") for e in staff.card().get("entities", [])]
    assert any("mlat=51.169400" in url and "mlon=71.449100" in url for url in links)


async def test_a_moderator_corrects_the_category_with_a_tap(staff, fake):
    await staff.post(text="Во дворе стоит непонятная будка, мешает проходу")
    ticket = await staff.ticket()
    tid = ticket.id
    assert ticket.category == "yard"
    answer = await staff.press(MOD1, f"t:recategorize:{tid}")
    assert "выберите категорию" in answer["text"]
    listed = actions(staff.card())
    assert listed == ["recategorize"] * 19 + ["back"]
    answer = await staff.press(MOD1, f"t:recategorize:{tid}:public_order")
    assert "Общественный порядок" in answer["text"]
    ticket = await staff.ticket()
    assert ticket.category == "public_order"
    assert "🏷 Общественный порядок" in staff.card_text()
    assert "recategorize" in actions(staff.card()) and "take" in actions(staff.card())
    [event] = [e for e in await staff.desk.app.tickets.events(tid) if e.kind == "recategorize"]
    assert event.actor_id == MOD1 and event.payload == {"from": "yard", "to": "public_order"}
    assert await _examples(staff.desk, "category") == [
        ("Во дворе стоит непонятная будка, мешает проходу", "public_order")
    ]
    # The same category again changes nothing and records nothing.
    answer = await staff.press(MOD1, f"t:recategorize:{tid}:public_order")
    assert "уже такая" in answer["text"]
    assert len(await _examples(staff.desk, "category")) == 1
    # A forged category is refused.
    answer = await staff.press(MOD1, f"t:recategorize:{tid}:nonsense")
    assert answer.get("show_alert")


async def test_a_moderator_corrects_the_address_by_replying(staff, fake):
    await staff.post(text="Яма у дома, машины бьют колёса")
    tid = (await staff.ticket()).id
    assert (await staff.ticket()).address is None
    await staff.press(MOD1, f"t:readdress:{tid}")
    [prompt] = [
        m for m in fake.bot_messages(STAFF_CHAT) if "Ответьте на это сообщение адресом" in m["text"]
    ]
    await staff.reply(MOD1, prompt, "Тлендиева 15")
    ticket = await staff.ticket()
    assert (ticket.address, ticket.address_key) == ("Тлендиева, 15", "тлендиева 15")
    assert "📍 Тлендиева, 15" in staff.card_text()
    [event] = [e for e in await staff.desk.app.tickets.events(tid) if e.kind == "readdress"]
    assert event.payload == {"from": None, "to": "Тлендиева, 15"}
    assert await _examples(staff.desk, "address") == [
        ("Яма у дома, машины бьют колёса", "Тлендиева, 15")
    ]
    # The street list learnt the street: the next post naming it is read.
    await staff.post(text="тлендиева 3 ямы во дворе")
    assert (await staff.ticket("H-2")).address == "Тлендиева, 3"
    # The reply was not sent to the resident as an answer.
    assert not [m for m in fake.bot_messages(HOUSING) if "Тлендиева" in (m.get("text") or "")]


async def _say(staff, user, text) -> str:
    staff.fake.post(STAFF_CHAT, user, text)
    await staff.desk.settle()
    return staff.fake.bot_messages(STAFF_CHAT)[-1]["text"]


async def test_find_by_category_or_street_and_codes_typed_in_cyrillic(staff, fake):
    await staff.post(text="Лифт не работает вторую неделю, Кенесары 40")  # H-1
    await staff.post(text="Мусор не вывозят, ул. Пушкина 12")  # H-2
    await staff.post(text="Контейнеры переполнены у дома 3 по Кенесары")  # H-3
    found = await _say(staff, MOD1, "/find лифт")
    assert "Найдено: 1" in found and "H-1" in found
    found = await _say(staff, MOD1, "/find мусор")  # the category, in words of its name
    assert "Найдено: 2" in found and "H-2" in found and "H-3" in found
    found = await _say(staff, MOD1, "/find garbage Кенесары")  # category and street
    assert "Найдено: 1" in found and "H-3" in found
    found = await _say(staff, MOD1, "/find кенесары")
    assert "Найдено: 2" in found and "H-1" in found and "H-3" in found
    # "Н-2" with a Cyrillic Н is H-2.
    found = await _say(staff, MOD1, "/find Н-2")
    assert "Найдено: 1" in found and "H-2" in found
    before = staff.card("H-2")["message_id"]
    fake.post(STAFF_CHAT, MOD1, "/ticket Н-2")
    await staff.desk.settle()
    assert staff.card("H-2")["message_id"] > before


async def test_find_by_another_name_of_a_street(staff, fake):
    await staff.post(text="Яма на проспекте Победы 12, машины бьют колёса")  # H-1
    await staff.post(text="Фонарь не горит, Бейбитшилик 18")  # H-2
    await staff.post(text="Шум от кафе ночью, Абая 5")  # H-3
    # The Kazakh name, an old name, Kazakh typed with Russian letters: the canonical street.
    found = await _say(staff, MOD1, "/find Жеңіс")
    assert "Найдено: 1" in found and "H-1" in found
    found = await _say(staff, MOD1, "/find Мира")
    assert "Найдено: 1" in found and "H-2" in found
    found = await _say(staff, MOD1, "/find бейбітшілік")
    assert "Найдено: 1" in found and "H-2" in found
    found = await _say(staff, MOD1, "/find Жеңіс фонарь")  # every word still has to match
    assert "Найдено" not in found


async def test_staffs_urgent_decisions_are_kept_for_the_model_of_urgency(staff, fake):
    fake.post(HEAD, HEAD, "/start")
    await staff.post(text="Во дворе стоит непонятная будка, мешает проходу")
    ticket = await staff.ticket()
    assert ticket.priority is Priority.normal
    await staff.press(MOD1, f"t:urgent:{ticket.id}")
    assert (await staff.ticket()).priority is Priority.urgent
    text = "Во дворе стоит непонятная будка, мешает проходу"
    assert await _examples(staff.desk, "urgent") == [(text, "urgent")]
    # Back to normal: the latest decision is the label.
    await staff.press(MOD1, f"t:urgent:{ticket.id}")
    assert (await staff.ticket()).priority is Priority.normal
    assert await _examples(staff.desk, "urgent") == [(text, "normal")]
    assert staff.desk.app.corrections.learning._new["urgent"] == 2


def _alerts(fake, code: str = "H-1") -> list[dict]:
    return [m for m in fake.bot_messages(HEAD) if f"Срочное обращение {code}" in m["text"]]


async def test_an_edited_post_is_read_again_and_alerts_the_akim_once(staff, fake):
    fake.post(HEAD, HEAD, "/start")
    post = await staff.post(text="Во дворе стоит непонятная будка, мешает проходу")
    ticket = await staff.ticket()
    assert (ticket.priority, ticket.category, ticket.address) == (Priority.normal, "yard", None)
    fire = "Из будки во дворе валит дым, горит! ул. Кенесары 40"
    fake.edit(HOUSING, post["message_id"], fire)
    await staff.desk.settle()
    ticket = await staff.ticket()
    assert (ticket.priority, ticket.urgency_reason) == (Priority.urgent, "fire")
    assert (ticket.category, ticket.address) == ("other", "Кенесары, 40")
    assert "Срочно: пожар или дым" in staff.card_text() and "📍 Кенесары, 40" in staff.card_text()
    [alert] = _alerts(fake)
    assert "Кенесары, 40" in alert["text"]
    [edited] = [e for e in await staff.desk.app.tickets.events(ticket.id) if e.kind == "edited"]
    assert edited.payload["reread"]["priority"] == "urgent"
    # Edited again, still urgent: the akim knows already.
    fake.edit(HOUSING, post["message_id"], fire + ", пожарных вызвали")
    await staff.desk.settle()
    assert len(_alerts(fake)) == 1 and (await staff.ticket()).priority is Priority.urgent


async def test_an_edit_leaves_what_staff_decided(staff, fake):
    fake.post(HEAD, HEAD, "/start")
    post = await staff.post(text="Во дворе стоит непонятная будка, мешает проходу")
    tid = (await staff.ticket()).id
    await staff.press(MOD1, f"t:recategorize:{tid}:public_order")
    await staff.press(MOD1, f"t:urgent:{tid}")
    await staff.press(MOD1, f"t:urgent:{tid}")  # staff looked, and it is not urgent
    alerts = len(_alerts(fake))
    fake.edit(HOUSING, post["message_id"], "Будка во дворе, из неё пахнет газом, Абая 10")
    await staff.desk.settle()
    ticket = await staff.ticket()
    assert ticket.text.startswith("Будка во дворе")
    assert (ticket.category, ticket.priority) == ("public_order", Priority.normal)
    assert ticket.address == "Абая, 10"  # nobody had given the address: the edit does
    assert len(_alerts(fake)) == alerts
