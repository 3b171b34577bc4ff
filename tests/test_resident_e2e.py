"""The residents' side through the real Dispatcher and the fake Telegram:
the private chat, following a ticket, notices, "was it solved?", languages."""

from __future__ import annotations

from storage.models import Status
from tests.conftest import HEAD, HOUSING, MOD1, RESIDENT, RESIDENT2, STAFF_CHAT

POST = "Во дворе дома 12 по улице Абая третий день не горят фонари"


def private(fake, user=RESIDENT) -> list[dict]:
    """What the bot wrote to ``user`` privately (nothing if they never opened the chat)."""
    return fake.bot_messages(user) if user in fake.chats else []


def buttons(message: dict) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


async def say(desk, fake, text, user=RESIDENT) -> dict:
    fake.post(user, user, text)
    await desk.settle()
    return private(fake, user)[-1]


async def post_and_answer(desk, fake, user=RESIDENT, answer="Заявку передали в ГКП"):
    fake.post(HOUSING, user, POST)
    await desk.settle()
    card = fake.bot_messages(STAFF_CHAT)[-1]
    fake.post(STAFF_CHAT, MOD1, answer, reply_to=card["message_id"])
    await desk.settle()
    return card


async def test_start_greets_and_offers_languages(desk, fake):
    greeting = await say(desk, fake, "/start")
    assert "Акимат" in greeting["text"] and "Правопорядок" in greeting["text"]
    assert buttons(greeting) == ["l:kk", "l:ru", "l:en"]
    query = fake.press(RESIDENT, greeting["message_id"], RESIDENT, "l:kk")
    await desk.settle()
    assert fake.callback_answer(query)["text"] == "Тіл сақталды: қазақша."
    redrawn = fake.message(RESIDENT, greeting["message_id"])
    assert "Сәлеметсіз бе" in redrawn["text"] and "reply_markup" not in redrawn
    assert await desk.app.residents.language(RESIDENT) == "kk"
    # The choice holds for everything afterwards, the public ack included.
    assert "Сіздің өтініштеріңіз" not in (await say(desk, fake, "/my"))["text"]
    assert "Сізде әзірге өтініш жоқ" in private(fake)[-1]["text"]
    fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    assert "тіркелді" in fake.bot_messages(HOUSING)[-1]["text"]


async def test_telegram_language_is_the_default(desk, fake):
    fake.add_user(RESIDENT2, "Дәурен", language_code="kk")
    greeting = await say(desk, fake, "/start", user=RESIDENT2)
    assert "Сәлеметсіз бе" in greeting["text"]
    fake.post(HOUSING, RESIDENT2, POST)
    await desk.settle()
    ack = fake.bot_messages(HOUSING)[-1]["text"]
    assert "Өтінішіңіз H-1 нөмірімен тіркелді" in ack
    fake.add_user(RESIDENT, "John", language_code="de")  # not a language we speak
    fake.post(HOUSING, RESIDENT, POST + " тоже")
    await desk.settle()
    assert "Обращение принято" in fake.bot_messages(HOUSING)[-1]["text"]


async def test_the_ack_links_to_following_the_ticket(desk, fake):
    fake.post(HOUSING, RESIDENT, POST)
    await desk.settle()
    ack = fake.bot_messages(HOUSING)[-1]
    links = [e["url"] for e in ack.get("entities", []) if e.get("type") == "text_link"]
    assert links == ["https://t.me/akimat_desk_bot?start=t_H-1"]
    reply = await say(desk, fake, "/start t_H-1")
    assert "Вы будете получать здесь ответы" in reply["text"] and "H-1" in reply["text"]
    assert await desk.app.residents.reachable(RESIDENT)
    # Someone else's code, or no such code: the same refusal, nothing revealed.
    refused = await say(desk, fake, "/start t_H-1", user=RESIDENT2)
    assert "Среди ваших обращений такого нет" in refused["text"] and POST not in refused["text"]
    assert (await say(desk, fake, "/start t_Z-99", user=RESIDENT2))["text"] == refused["text"]


async def test_my_and_ticket_show_only_your_own(desk, fake):
    await post_and_answer(desk, fake)
    card = fake.bot_messages(STAFF_CHAT)[0]
    fake.post(STAFF_CHAT, MOD1, "! позвонить в ГКП", reply_to=card["message_id"])
    fake.post(HOUSING, RESIDENT2, POST + " и у нас")
    await desk.settle()
    mine = (await say(desk, fake, "/my"))["text"]
    assert "Ваши обращения (1)" in mine and "H-1" in mine and "H-2" not in mine
    assert "Заявку передали в ГКП" in mine
    view = (await say(desk, fake, "/ticket h-1"))["text"]
    assert "Статус: дан ответ" in view and "Заявку передали в ГКП" in view
    assert "позвонить" not in view  # internal notes never reach residents
    other = (await say(desk, fake, "/ticket H-2"))["text"]
    assert "Среди ваших обращений такого нет" in other and "и у нас" not in other
    assert "/ticket H-42" in (await say(desk, fake, "/ticket"))["text"]


async def test_help_names_the_emergency_numbers(desk, fake):
    text = (await say(desk, fake, "/help"))["text"]
    for number in ("102", "101", "103", "112"):
        assert number in text


async def test_heads_and_moderators_get_their_own_help(desk, fake):
    for user, command in ((HEAD, "/help"), (HEAD, "/start"), (MOD1, "/help")):
        text = (await say(desk, fake, command, user=user))["text"]
        assert "/digest" in text and "/stats" in text, text
        assert "🔴 срочное обращение" in text and "каждый день в 09:00" in text
        assert "102" not in text  # not the residents' guide


async def test_notices_only_to_the_author_who_started_the_bot(desk, fake):
    await say(desk, fake, "/start", user=RESIDENT2)
    await post_and_answer(desk, fake)  # RESIDENT never started the bot
    assert private(fake) == []
    assert len(private(fake, RESIDENT2)) == 1  # only the greeting: not their ticket
    await say(desk, fake, "/start")
    card = fake.bot_messages(STAFF_CHAT)[0]
    fake.post(STAFF_CHAT, MOD1, "Фонари заменили", reply_to=card["message_id"])
    await desk.settle()
    assert "Фонари заменили" in private(fake)[-1]["text"]
    assert len(private(fake, RESIDENT2)) == 1


async def test_rating_yes_is_recorded_once(desk, fake):
    await say(desk, fake, "/start")
    card = await post_and_answer(desk, fake)
    ticket = await desk.ticket("H-1")
    fake.press(STAFF_CHAT, card["message_id"], MOD1, f"t:close:{ticket.id}:resolved")
    await desk.settle()
    question = private(fake)[-1]
    assert "закрыто: решено" in question["text"] and "Ваш вопрос решён?" in question["text"]
    assert buttons(question) == [f"r:{ticket.id}:1:yes", f"r:{ticket.id}:1:no"]
    # Both buttons pressed before the first press is handled: one answer counts.
    yes = fake.press(RESIDENT, question["message_id"], RESIDENT, f"r:{ticket.id}:1:yes")
    no = fake.press(RESIDENT, question["message_id"], RESIDENT, f"r:{ticket.id}:1:no")
    await desk.settle()
    assert fake.callback_answer(yes)["text"] == "Спасибо за оценку!"
    late = fake.callback_answer(no)
    assert late["show_alert"] and late["text"] == "Вы уже ответили на этот вопрос."
    assert (await desk.app.tickets.facts(ticket.id)).solved is True
    assert (await desk.ticket("H-1")).status is Status.closed  # the late "no" changed nothing
    assert "reply_markup" not in fake.message(RESIDENT, question["message_id"])
    assert "Житель: вопрос решён" in fake.message(STAFF_CHAT, card["message_id"])["text"]


async def test_rating_no_reopens_and_tells_the_staff(desk, fake):
    await say(desk, fake, "/start")
    card = await post_and_answer(desk, fake)
    ticket = await desk.ticket("H-1")
    fake.press(STAFF_CHAT, card["message_id"], MOD1, f"t:close:{ticket.id}:resolved")
    await desk.settle()
    question = private(fake)[-1]
    fake.press(RESIDENT, question["message_id"], RESIDENT2, f"r:{ticket.id}:1:no")  # not theirs
    await desk.settle()
    assert (await desk.ticket("H-1")).status is Status.closed
    query = fake.press(RESIDENT, question["message_id"], RESIDENT, f"r:{ticket.id}:1:no")
    await desk.settle()
    assert "снова открыто" in fake.callback_answer(query)["text"]
    ticket = await desk.ticket("H-1")
    assert (ticket.status, ticket.assignee_id) == (Status.assigned, MOD1)
    assert (await desk.app.tickets.facts(ticket.id)).solved is False
    alert = fake.bot_messages(STAFF_CHAT)[-1]["text"]
    assert "говорит, что вопрос не решён" in alert and "H-1" in alert
    assert "Житель: вопрос не решён" in fake.message(STAFF_CHAT, card["message_id"])["text"]
    events = [e.kind for e in await desk.app.tickets.events(ticket.id)]
    assert events[-2:] == ["reopen", "disputed"]
    # The next closing asks again, once.
    fake.press(STAFF_CHAT, card["message_id"], MOD1, f"t:close:{ticket.id}:resolved")
    await desk.settle()
    assert buttons(private(fake)[-1]) == [f"r:{ticket.id}:2:yes", f"r:{ticket.id}:2:no"]


async def test_a_blocked_resident_is_written_to_again_after_writing_to_us(desk, fake):
    await say(desk, fake, "/start")
    fake.block_bot(RESIDENT)
    await desk.settle()
    await post_and_answer(desk, fake)
    assert not [c for c in fake.calls if c.params.get("chat_id") == RESIDENT and not c.ok]
    hint = await say(desk, fake, "Здравствуйте, где мой ответ?")  # writing unblocks
    assert "открытых чатах района" in hint["text"]
    assert await desk.app.residents.reachable(RESIDENT)
    card = fake.bot_messages(STAFF_CHAT)[0]
    fake.post(
        STAFF_CHAT, MOD1, "Второй ответ: фонари заменят в пятницу", reply_to=card["message_id"]
    )
    await desk.settle()
    assert "фонари заменят в пятницу" in private(fake)[-1]["text"]
