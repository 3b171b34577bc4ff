"""The moderators' day through the real Dispatcher and the fake Telegram:
card buttons in every state, answers by reply, spam, refusals, commands."""

from __future__ import annotations

import asyncio

import pytest

from bot.card.keyboards import card_keyboard
from bot.card.render import CardData
from storage.models import Priority, Resolution, Status
from tests.conftest import (
    AKIMAT,
    HEAD,
    HOUSING,
    MOD1,
    MOD2,
    RESIDENT,
    RESIDENT2,
    STAFF_CHAT,
)

POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"


def buttons(message: dict) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


def actions(message: dict) -> list[str]:
    return [data.split(":")[1] for data in buttons(message)]


class Staff:
    """What a moderator does and sees in the staff chat."""

    def __init__(self, desk, fake):
        self.desk = desk
        self.fake = fake

    async def post(self, chat_id=HOUSING, text=POST, user=RESIDENT, **kw) -> dict:
        post = self.fake.post(chat_id, user, text, **kw)
        await self.desk.settle()
        return post

    def card(self, code: str = "H-1") -> dict:
        found = [
            m
            for m in self.fake.bot_messages(STAFF_CHAT)
            if code in (m.get("text") or m.get("caption") or "") and m.get("reply_markup")
        ]
        assert found, f"no card for {code}"
        return found[-1]

    def card_text(self, code: str = "H-1") -> str:
        card = self.card(code)
        return card.get("text") or card.get("caption") or ""

    async def press(self, user: int, data: str, *, card: dict | None = None) -> dict:
        card = card or self.card()
        query = self.fake.press(STAFF_CHAT, card["message_id"], user, data)
        await self.desk.settle()
        answer = self.fake.callback_answer(query)
        assert answer is not None, "the press was not answered"
        return answer

    async def reply(self, user: int, to: dict, text: str | None = None, **kw) -> dict:
        message = self.fake.post(STAFF_CHAT, user, text, reply_to=to["message_id"], **kw)
        await self.desk.settle()
        return message

    async def ticket(self, code: str = "H-1"):
        return await self.desk.ticket(code)


@pytest.fixture
def staff(desk, fake) -> Staff:
    return Staff(desk, fake)


async def test_whole_path_take_answer_close_reopen_close(staff, fake):
    post = await staff.post()
    ticket = await staff.ticket()
    tid = ticket.id
    assert actions(staff.card()) == [
        "take",
        "assign",
        "answer",
        "close",
        "spam",
        "urgent",
        "extend",
        "recategorize",
        "readdress",
        "make",
    ]

    answer = await staff.press(MOD1, f"t:take:{tid}")
    assert "Вы взяли H-1" in answer["text"] and not answer.get("show_alert")
    ticket = await staff.ticket()
    assert (ticket.status, ticket.assignee_id) == (Status.assigned, MOD1)
    assert actions(staff.card()) == [
        "assign",
        "answer",
        "close",
        "spam",
        "urgent",
        "extend",
        "recategorize",
        "readdress",
        "make",
    ]
    assert "в работе" in staff.card_text() and "Асель Модератор" in staff.card_text()

    reply = await staff.reply(MOD1, staff.card(), "Заявка передана в ГКП, фонари починят завтра")
    ticket = await staff.ticket()
    assert ticket.status is Status.answered and ticket.first_response_at is not None
    [public] = [m for m in fake.bot_messages(HOUSING) if "Ответ по обращению" in m["text"]]
    assert public["reply_to_message"]["message_id"] == post["message_id"]
    assert "фонари починят завтра" in public["text"]
    assert fake.reactions(STAFF_CHAT, reply["message_id"]) == ["👍"]
    assert "Ответов: 1" in staff.card_text() and "дан ответ" in staff.card_text()
    [stored] = await staff.desk.app.tickets.answers(tid)
    assert stored.author_id == MOD1 and not stored.internal

    answer = await staff.press(MOD1, f"t:close:{tid}")
    assert actions(staff.card()) == ["close", "close", "close", "back"]
    answer = await staff.press(MOD1, f"t:close:{tid}:resolved")
    assert "закрыто" in answer["text"]
    ticket = await staff.ticket()
    assert (ticket.status, ticket.resolution) == (Status.closed, Resolution.resolved)
    assert actions(staff.card()) == ["reopen", "recategorize", "readdress"]
    notice = fake.bot_messages(HOUSING)[-1]
    assert "закрыто: решено" in notice["text"]
    assert notice["reply_to_message"]["message_id"] == post["message_id"]

    await staff.press(MOD2, f"t:reopen:{tid}")
    ticket = await staff.ticket()
    assert (ticket.status, ticket.assignee_id, ticket.resolution) == (Status.assigned, MOD1, None)
    assert ticket.first_response_at is not None

    await staff.press(MOD2, f"t:close:{tid}:rejected")
    ticket = await staff.ticket()
    assert (ticket.status, ticket.resolution) == (Status.closed, Resolution.rejected)
    events = [e.kind for e in await staff.desk.app.tickets.events(tid)]
    assert events == ["created", "take", "answer", "close", "reopen", "close"]
    # The card was edited in place all along: one card message for the ticket.
    assert len([m for m in fake.bot_messages(STAFF_CHAT) if m.get("reply_markup")]) == 1


async def test_assign_list_choose_and_back(staff, fake):
    await staff.post()
    tid = (await staff.ticket()).id
    answer = await staff.press(MOD1, f"t:assign:{tid}")
    assert "Кому назначить" in answer["text"]
    assert buttons(staff.card()) == [
        f"t:assign:{tid}:{MOD1}",
        f"t:assign:{tid}:{MOD2}",
        f"t:back:{tid}",
    ]
    names = [b["text"] for row in staff.card()["reply_markup"]["inline_keyboard"] for b in row]
    assert names[0] == "👤 Асель Модератор"  # from getChatMember on the staff chat
    await staff.press(MOD1, f"t:back:{tid}")
    assert actions(staff.card()) == [
        "take",
        "assign",
        "answer",
        "close",
        "spam",
        "urgent",
        "extend",
        "recategorize",
        "readdress",
        "make",
    ]

    answer = await staff.press(MOD1, f"t:assign:{tid}:{MOD2}")
    assert "назначено: Бауыржан" in answer["text"]
    ticket = await staff.ticket()
    assert (ticket.status, ticket.assignee_id) == (Status.assigned, MOD2)
    # MOD2 never started the bot: no private message was attempted.
    assert not [c for c in fake.calls if c.params.get("chat_id") == MOD2]

    answer = await staff.press(MOD1, f"t:assign:{tid}:{RESIDENT}")
    assert answer["show_alert"] and "нет в списке модераторов" in answer["text"]
    assert (await staff.ticket()).assignee_id == MOD2


async def test_assignee_who_started_the_bot_is_told_privately(staff, fake):
    fake.post(MOD2, MOD2, "/start")
    await staff.post()
    tid = (await staff.ticket()).id
    await staff.press(MOD1, f"t:assign:{tid}:{MOD2}")
    notice = fake.bot_messages(MOD2)[-1]
    assert "Вам назначено обращение" in notice["text"] and "H-1" in notice["text"]
    assert f"https://t.me/c/9000000000/{staff.card()['message_id']}" in notice["text"]


async def test_answer_through_the_prompt_and_private_copy(staff, fake):
    fake.post(RESIDENT, RESIDENT, "/start")  # this resident can be written to
    await staff.post()
    tid = (await staff.ticket()).id
    answer = await staff.press(MOD2, f"t:answer:{tid}")
    assert "Нажмите «Ответить» на сообщении бота" in answer["text"]
    prompt = fake.bot_messages(STAFF_CHAT)[-1]
    assert "ответ на H-1" in prompt["text"]
    [call] = [
        c for c in fake.sent("sendMessage", chat_id=STAFF_CHAT) if "force_reply" in str(c.params)
    ]
    assert call.params["reply_markup"]["force_reply"] is True
    await staff.reply(MOD2, prompt, "Подали заявку <в ЖЭК> & ждём")
    ticket = await staff.ticket()
    assert (ticket.status, ticket.assignee_id) == (Status.answered, MOD2)
    private = fake.bot_messages(RESIDENT)[-1]
    assert "Ответ на ваше обращение H-1" in private["text"]
    assert "Подали заявку <в ЖЭК> & ждём" in private["text"]

    await staff.press(MOD2, f"t:close:{tid}:duplicate")
    assert "закрыто: дубликат" in fake.bot_messages(RESIDENT)[-1]["text"]


async def test_resident_who_did_not_start_the_bot_gets_nothing_privately(staff, fake):
    await staff.post(user=RESIDENT2)
    tid = (await staff.ticket()).id
    await staff.reply(MOD1, staff.card(), "Ответ по существу вопроса")
    await staff.press(MOD1, f"t:close:{tid}:resolved")
    assert not [c for c in fake.calls if c.params.get("chat_id") == RESIDENT2]
    assert len(fake.bot_messages(HOUSING)) == 3  # ack, answer, close notice


async def test_media_answer_and_answer_to_a_deleted_post(staff, fake):
    post = await staff.post()
    fake.delete_user_message(HOUSING, post["message_id"])
    await staff.reply(MOD1, staff.card(), None, photo=True, caption="Вот акт выполненных работ")
    [sent] = fake.sent("sendPhoto", chat_id=HOUSING)
    assert "reply_parameters" not in sent.params  # resent without the reply
    answer = fake.bot_messages(HOUSING)[-1]
    assert "H-1" in answer["caption"] and "акт выполненных работ" in answer["caption"]
    assert "reply_to_message" not in answer
    assert (await staff.ticket()).status is Status.answered


async def test_internal_note_stays_internal(staff, fake):
    await staff.post()
    reply = await staff.reply(MOD1, staff.card(), "! позвонить председателю ОСИ")
    ticket = await staff.ticket()
    assert ticket.status is Status.new  # a note is not an answer
    assert len(fake.bot_messages(HOUSING)) == 1  # only the ack
    assert "Заметок: 1" in staff.card_text() and "позвонить председателю ОСИ" in staff.card_text()
    assert fake.reactions(STAFF_CHAT, reply["message_id"]) == ["✍"]
    [note] = await staff.desk.app.tickets.answers(ticket.id)
    assert note.internal and note.text == "позвонить председателю ОСИ"


async def test_answer_to_closed_ticket_is_refused(staff, fake):
    await staff.post()
    tid = (await staff.ticket()).id
    await staff.press(MOD1, f"t:close:{tid}:rejected")
    await staff.reply(MOD1, staff.card(), "Поздний ответ после закрытия")
    assert "откройте его снова" in fake.bot_messages(STAFF_CHAT)[-1]["text"]
    assert not await staff.desk.app.tickets.answers(tid)


async def test_spam_deletes_and_bans_after_confirmation(staff, fake):
    post = await staff.post(text="Купите дешёвые кредиты по ссылке в профиле")
    tid = (await staff.ticket()).id
    [ack] = fake.bot_messages(HOUSING)
    assert "H-1" in ack["text"]
    answer = await staff.press(MOD1, f"t:spam:{tid}")
    assert "спам" in answer["text"]
    assert fake.message(HOUSING, post["message_id"]) is None
    ticket = await staff.ticket()
    assert (ticket.status, ticket.resolution) == (Status.closed, Resolution.spam)
    assert "Сообщение удалено" in staff.card_text()
    assert actions(staff.card()) == ["ban", "reopen"]
    # The bot's acknowledgement went with the post, and no "closed" notice to a spammer.
    assert fake.bot_messages(HOUSING) == []

    answer = await staff.press(MOD1, f"t:ban:{tid}")
    assert buttons(staff.card()) == [f"t:ban:{tid}:yes", f"t:back:{tid}"]
    assert RESIDENT not in fake.banned(HOUSING)
    answer = await staff.press(MOD1, f"t:ban:{tid}:yes")
    assert "заблокирован" in answer["text"]
    assert RESIDENT in fake.banned(HOUSING)
    assert "Автор заблокирован" in staff.card_text()
    assert actions(staff.card()) == ["reopen"]


async def test_spam_without_ban_and_failures_shown_on_the_card(staff, fake):
    post = await staff.post()
    fake.age_message(HOUSING, post["message_id"], 49 * 3600)  # too old to delete
    fake.fail(
        "banChatMember",
        error_code=400,
        description="Bad Request: not enough rights to restrict/unrestrict chat member",
    )
    tid = (await staff.ticket()).id
    await staff.press(MOD1, f"t:spam:{tid}")
    assert fake.message(HOUSING, post["message_id"]) is not None
    assert "Не удалось удалить сообщение" in staff.card_text()
    answer = await staff.press(MOD1, f"t:ban:{tid}:yes")
    assert answer["show_alert"] and "Не удалось" in answer["text"]
    assert "Не удалось заблокировать автора" in staff.card_text()
    assert RESIDENT not in fake.banned(HOUSING)


@pytest.mark.parametrize(
    ("who", "data", "expected"),
    [
        (RESIDENT, "t:take:{tid}", "только сотрудники"),
        (HEAD, "t:take:{tid}", "только сотрудники"),
        (MOD1, "t:take:999", "Такого обращения нет"),
        (MOD1, "t:reopen:{tid}", "Нельзя"),
        (MOD1, "t:take:{tid}:x:y", "недоступна"),
        (MOD1, "t:fly:{tid}", "недоступна"),
        (MOD1, "t:take:-1'; DROP TABLE tickets;--", "недоступна"),
        (MOD1, "garbage", "недоступна"),
        (MOD1, "t:close:{tid}:spam", "недоступна"),
        (MOD1, "t:ban:{tid}:yes", "недоступна"),
        (MOD1, "t:assign:{tid}:abc", "нет в списке"),
    ],
)
async def test_refusals_change_nothing(staff, fake, who, data, expected):
    await staff.post()
    tid = (await staff.ticket()).id
    before = await staff.ticket()
    answer = await staff.press(who, data.format(tid=tid))
    assert answer["show_alert"] is True
    assert expected in answer["text"]
    assert await staff.ticket() == before
    assert [e.kind for e in await staff.desk.app.tickets.events(tid)] == ["created"]


async def test_stale_card_and_presses_outside_the_staff_chat(staff, fake):
    await staff.post()
    await staff.post(text=POST + " и в доме 14")
    first, second = await staff.ticket("H-1"), await staff.ticket("H-2")
    # Data of H-2 pressed on H-1's card: not that ticket's card.
    answer = await staff.press(MOD1, f"t:take:{second.id}", card=staff.card("H-1"))
    assert answer["show_alert"] and "устарела" in answer["text"]
    # A keyboard somewhere else (forwarded or forged) does nothing either.
    markup = card_keyboard(first, staff.desk.app.texts, "ru")
    elsewhere = await staff.desk.app.bot.send_message(AKIMAT, "карточка?", reply_markup=markup)
    query = fake.press(AKIMAT, elsewhere.message_id, MOD1, f"t:take:{first.id}")
    await staff.desk.settle()
    assert "только в чате сотрудников" in fake.callback_answer(query)["text"]
    assert (await staff.ticket("H-1")).status is Status.new


async def test_two_moderators_take_at_once_exactly_one_wins(staff, fake):
    await staff.post()
    tid = (await staff.ticket()).id
    card = staff.card()
    q1 = fake.press(STAFF_CHAT, card["message_id"], MOD1, f"t:take:{tid}")
    q2 = fake.press(STAFF_CHAT, card["message_id"], MOD2, f"t:take:{tid}")
    await staff.desk.settle()
    a1, a2 = fake.callback_answer(q1), fake.callback_answer(q2)
    assert "Вы взяли" in a1["text"]
    assert a2["show_alert"] and "уже в работе, исполнитель: Асель Модератор" in a2["text"]
    assert (await staff.ticket()).assignee_id == MOD1


async def test_concurrent_changes_in_storage_one_wins(staff):
    await staff.post()
    tid = (await staff.ticket()).id
    workflow = staff.desk.app.workflow
    results = await asyncio.gather(*(workflow.take(tid, m) for m in [MOD1, MOD2] * 5))
    assert sum(r.done for r in results) == 1
    events = [e.kind for e in await staff.desk.app.tickets.events(tid)]
    assert events.count("take") == 1


async def test_non_moderator_reply_to_a_card_is_not_an_answer(staff, fake):
    await staff.post()
    fake.add_user(7007, "Стажёр")
    await staff.reply(7007, staff.card(), "Я тоже хочу ответить жителю")
    assert "только модераторы" in fake.bot_messages(STAFF_CHAT)[-1]["text"]
    assert (await staff.ticket()).status is Status.new
    assert len(fake.bot_messages(HOUSING)) == 1


async def test_staff_commands(staff, fake):
    for n in range(12):
        await staff.post(text=f"{POST}, подъезд {n + 1}")
    await staff.post(chat_id=AKIMAT, text="Отопление в школе № 45 не работает")
    tid = (await staff.ticket("H-2")).id
    await staff.press(MOD1, f"t:take:{tid}", card=staff.card("H-2"))

    fake.post(STAFF_CHAT, MOD1, "/open")
    await staff.desk.settle()
    page = fake.bot_messages(STAFF_CHAT)[-1]
    assert "Открытые обращения: 13" in page["text"] and "1–10" in page["text"]
    assert page["text"].index("H-1 ") < page["text"].index("H-2 ")  # oldest first
    query = fake.press(STAFF_CHAT, page["message_id"], MOD1, buttons(page)[0])
    await staff.desk.settle()
    page = fake.message(STAFF_CHAT, page["message_id"])
    assert "11–13" in page["text"] and "A-1" in page["text"]
    assert fake.callback_answer(query) is not None

    fake.post(STAFF_CHAT, MOD1, "/mine")
    await staff.desk.settle()
    mine = fake.bot_messages(STAFF_CHAT)[-1]["text"]
    assert "Ваши открытые обращения: 1" in mine and "H-2" in mine

    fake.post(STAFF_CHAT, MOD2, "/find ОТОПЛЕНИЕ школе")
    await staff.desk.settle()
    found = fake.bot_messages(STAFF_CHAT)[-1]["text"]
    assert "Найдено: 1" in found and "A-1" in found

    fake.post(STAFF_CHAT, MOD2, "/history h-2")
    await staff.desk.settle()
    history = fake.bot_messages(STAFF_CHAT)[-1]["text"]
    assert "История H-2" in history and "поступило" in history
    assert "Асель Модератор · взято в работу" in history

    old_card = staff.card("H-2")
    fake.post(STAFF_CHAT, MOD2, "/ticket H-2")
    await staff.desk.settle()
    new_card = staff.card("H-2")
    assert new_card["message_id"] > old_card["message_id"]
    assert (await staff.ticket("H-2")).card_message_id == new_card["message_id"]
    assert "reply_markup" not in fake.message(STAFF_CHAT, old_card["message_id"])
    await staff.press(MOD2, f"t:close:{tid}:resolved", card=new_card)
    assert (await staff.ticket("H-2")).status is Status.closed

    fake.post(STAFF_CHAT, MOD1, "/ticket Z-9")
    await staff.desk.settle()
    assert "Обращения Z-9 нет" in fake.bot_messages(STAFF_CHAT)[-1]["text"]
    before = len(fake.bot_messages(STAFF_CHAT))
    fake.post(STAFF_CHAT, HEAD, "/open")  # not a moderator: ignored
    await staff.desk.settle()
    assert len(fake.bot_messages(STAFF_CHAT)) == before


async def test_popups_are_plain_text_and_history_fits(staff, fake):
    fake.add_user(MOD1, "Асель & <Co>")
    fake.add_user(RESIDENT, "Я" * 64, last_name="Ж" * 64)  # Telegram's longest name
    await staff.post()
    tid = (await staff.ticket()).id
    await staff.press(MOD1, f"t:take:{tid}")
    answer = await staff.press(MOD2, f"t:take:{tid}")
    assert "уже в работе, исполнитель: Асель & <Co>" in answer["text"]  # not "&amp;" in a pop-up
    for n in range(60):
        await staff.desk.app.tickets.edit_text(tid, f"{POST} {n}" + "я" * 100, actor_id=RESIDENT)
    fake.post(STAFF_CHAT, MOD1, "/history H-1")
    await staff.desk.settle()
    history = fake.bot_messages(STAFF_CHAT)[-1]["text"]
    assert history.startswith("История H-1") and "автор изменил текст" in history
    assert "поступило" not in history  # the oldest lines gave way
    assert len(history) <= 4096


async def test_followup_on_a_closed_ticket_brings_its_card_down(staff, fake):
    await staff.post()
    tid = (await staff.ticket()).id
    await staff.reply(MOD1, staff.card(), "Фонари починили, проверьте")
    await staff.press(MOD1, f"t:close:{tid}:resolved")
    old_card = staff.card()
    answer = next(m for m in fake.bot_messages(HOUSING) if "Ответ по обращению" in m["text"])
    await staff.post(text="Нет, фонари всё ещё не горят!", reply_to=answer["message_id"])
    new_card = staff.card()
    assert new_card["message_id"] > old_card["message_id"]
    assert "всё ещё не горят" in new_card["text"] and "закрыто" in new_card["text"]
    assert actions(new_card) == ["reopen", "recategorize", "readdress"]
    assert (await staff.ticket()).card_message_id == new_card["message_id"]


async def test_command_menus_are_registered(staff, fake):
    staff_menu = fake.my_commands({"type": "chat", "chat_id": STAFF_CHAT})
    assert [c["command"] for c in staff_menu] == [
        "open",
        "mine",
        "ticket",
        "find",
        "history",
        "export",
        "digest",
        "stats",
        "roadmap",
        "spam",
    ]
    # The akim's menu is refused until they start the bot, then set at their /start.
    head = {"type": "chat", "chat_id": HEAD}
    assert fake.my_commands(head) == []
    fake.post(HEAD, HEAD, "/start")
    await fake.wait_until(lambda: fake.my_commands(head) != [])
    menu = [c["command"] for c in fake.my_commands(head)]
    assert menu[:4] == ["digest", "stats", "roadmap", "start"]
    private = {"type": "all_private_chats"}
    assert [c["command"] for c in fake.my_commands(private)] == [
        "start",
        "my",
        "ticket",
        "problem",
        "help",
        "language",
    ]
    kazakh = fake.my_commands(private, language_code="kk")
    assert kazakh[1] == {"command": "my", "description": "менің өтініштерім"}
    assert fake.my_commands() == []  # residents' chats get no menu


async def test_answer_to_a_card_that_was_never_recorded(staff, fake):
    await staff.post()
    ticket = await staff.ticket()
    app = staff.desk.app
    # The copy a crash left behind: sent, but the process died before recording it.
    text = app.delivery.cards.renderer.card(CardData(ticket), ticket.created_at)
    markup = card_keyboard(ticket, app.texts, "ru")
    orphan = await app.bot.send_message(STAFF_CHAT, text, reply_markup=markup)
    await staff.reply(MOD1, {"message_id": orphan.message_id}, "Ответ через потерянную копию")
    assert (await staff.ticket()).status is Status.answered
    # A reply to a list that mentions codes is conversation, not an answer.
    fake.post(STAFF_CHAT, MOD1, "/open")
    await staff.desk.settle()
    listing = fake.bot_messages(STAFF_CHAT)[-1]
    await staff.reply(MOD2, listing, "Возьму H-1 после обеда")
    assert len(await app.tickets.answers(ticket.id)) == 1


async def test_urgent_words_alert_the_akim_at_once(staff, fake):
    # The akim has not started the bot: the alert goes to the staff chat, saying so.
    await staff.post(text="Сильный запах газа в подъезде дома 7, соседи не открывают")
    ticket = await staff.ticket()
    assert ticket.priority is Priority.urgent
    assert staff.card_text().startswith("🔴 H-1")
    [alert] = [m for m in fake.bot_messages(STAFF_CHAT) if "Срочное обращение" in m["text"]]
    assert "запах газа" in alert["text"] and "ещё не запустил бота" in alert["text"]
    # Once the akim has started it, alerts reach them privately; Kazakh words count too.
    fake.post(HEAD, HEAD, "/start")
    await staff.desk.settle()
    await staff.post(text="Подъездте газ иісі шығып тұр, көмектесіңіздер")
    alert = fake.bot_messages(HEAD)[-1]["text"]
    assert "Срочное обращение H-2" in alert and "газ иісі" in alert
    # An ordinary post is not urgent, and "газета" is not "газ".
    await staff.post(text="Почтальон не приносит газету третью неделю подряд")
    assert (await staff.ticket("H-3")).priority is Priority.normal


async def test_staff_toggle_urgency_on_the_card(staff, fake):
    fake.post(HEAD, HEAD, "/start")
    await staff.post()
    tid = (await staff.ticket()).id
    answer = await staff.press(MOD1, f"t:urgent:{tid}")
    assert "срочное" in answer["text"]
    assert (await staff.ticket()).priority is Priority.urgent
    assert "Срочное обращение H-1" in fake.bot_messages(HEAD)[-1]["text"]
    assert "⚪ Не срочно" in str(staff.card()["reply_markup"])
    await staff.press(MOD1, f"t:urgent:{tid}")
    assert (await staff.ticket()).priority is Priority.normal
    assert len([m for m in fake.bot_messages(HEAD) if "Срочное" in m["text"]]) == 1
    events = [e.kind for e in await staff.desk.app.tickets.events(tid)]
    assert events.count("priority") == 2


async def test_extend_deadline_with_a_reason_told_to_the_resident(staff, fake):
    post = await staff.post()
    ticket = await staff.ticket()
    tid, due = ticket.id, ticket.resolve_due_at
    await staff.press(MOD1, f"t:take:{tid}")

    answer = await staff.press(MOD1, f"t:extend:{tid}")
    assert "новый срок" in answer["text"]
    choices = buttons(staff.card())
    assert choices[-1] == f"t:back:{tid}" and len(choices) >= 2
    assert "предел: 2 месяца" in staff.card()["reply_markup"]["inline_keyboard"][-2][0]["text"]
    # Forged: a day beyond the two-month ceiling is refused and changes nothing.
    answer = await staff.press(MOD1, f"t:extend:{tid}:20991231")
    assert answer.get("show_alert") and (await staff.ticket()).resolve_due_at == due

    chosen = choices[0]
    day = chosen.rsplit(":", 1)[1]
    await staff.press(MOD1, chosen)
    assert actions(staff.card())[0] == "assign"  # the card's own buttons are back
    [prompt] = [m for m in fake.bot_messages(STAFF_CHAT) if "почему срок" in m.get("text", "")]
    # A photo is no reason; text is.
    await staff.reply(MOD1, prompt, photo=True)
    assert "Причину напишите текстом" in fake.bot_messages(STAFF_CHAT)[-1]["text"]
    reason = await staff.reply(MOD1, prompt, "Нужен выезд комиссии <ГКП> на место")

    ticket = await staff.ticket()
    local_due = ticket.resolve_due_at.astimezone(staff.desk.app.settings.locale.zone)
    assert local_due.strftime("%Y%m%d") == day and ticket.resolve_due_at > due
    assert (local_due.hour, local_due.minute) == (23, 59)
    [event] = [e for e in await staff.desk.app.tickets.events(tid) if e.kind == "extend"]
    assert (
        event.actor_id == MOD1 and event.payload["reason"] == "Нужен выезд комиссии <ГКП> на место"
    )
    assert fake.reactions(STAFF_CHAT, reason["message_id"]) == ["👍"]
    assert "Срок продлён до" in staff.card_text() and "<ГКП>" in staff.card_text()
    # The resident has not started the bot: told under the post, the reason escaped.
    notice = fake.bot_messages(HOUSING)[-1]
    assert notice["reply_to_message"]["message_id"] == post["message_id"]
    assert "продлён до" in notice["text"] and "<ГКП>" in notice["text"]
    # A second reply to the same prompt extends nothing (the deadline is there already).
    await staff.reply(MOD1, prompt, "ещё раз")
    assert "не продлён" in fake.bot_messages(STAFF_CHAT)[-1]["text"]
    assert [e.kind for e in await staff.desk.app.tickets.events(tid)].count("extend") == 1


async def test_extension_is_told_privately_to_a_resident_who_started_the_bot(staff, fake):
    fake.post(RESIDENT, RESIDENT, "/start")
    await staff.post()
    tid = (await staff.ticket()).id
    await staff.press(MOD2, f"t:extend:{tid}")
    await staff.press(MOD2, buttons(staff.card())[0])
    [prompt] = [m for m in fake.bot_messages(STAFF_CHAT) if "почему срок" in m.get("text", "")]
    before = len(fake.bot_messages(HOUSING))
    await staff.reply(MOD2, prompt, "Запрошены документы в БТИ")
    private = fake.bot_messages(RESIDENT)[-1]["text"]
    assert "вашего обращения H-1" in private and "Запрошены документы в БТИ" in private
    assert len(fake.bot_messages(HOUSING)) == before
