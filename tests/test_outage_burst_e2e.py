"""An outage as residents post it, with Telegram's limits on (time scaled down):
40 posts about the heating at Кенесары 40 in their own words (Russian, Kazakh,
Kazakh typed with Russian letters) and 5 that only look alike, within 25
seconds. One problem gathers the 40 and none of the 5; the staff chat gets at
most 10 new messages for the 45; every post is acknowledged within a minute of
posting (on the fake's clock); one reply to the problem's card answers the 40
residents under their own posts, and none of the 5."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from pathlib import Path

import pytest

from bot.config import Settings
from bot.sandbox import FakeTelegram
from tests.conftest import HEAD, HOUSING, MOD1, STAFF_CHAT, Desk, settings_data

SCALE = 6.0  # Telegram's minute is 10 s here; lags are scaled back to Telegram's seconds
WINDOW = 60.0 / SCALE
OUTAGE = [
    "Кенесары 40 жылу жоқ!!!",
    "Нет отопления в доме Кенесары 40, батареи холодные",
    "Кенесары 40. Холодно. Сколько можно?",
    "Кенесары 40, батареи холодные с утра, отопления нет вообще",
    "Здравствуйте! В доме Кенесары 40 отключили отопление, дома дети, +15 в квартире",
    "Кенесары көшесі 40 үйде жылу жоқ, балалар тоңып отыр",
    "40-й дом на Кенесары — отопления нет уже 3 часа, когда дадут?",
    "Кенесары 40 жылу берiлмей тур, кашан косасыздар?",
    "Кенесары 40, кв 112 — холодно, батареи как лёд",
    "Отопление отключили без предупреждения!!! Кенесары 40",
    "Кенесары 40 уйде батарея суп-суык, отопление жок",
    "опять холодно в квартире, ул. Кенесары д.40",
    "Кенесары 40, отопления нет, пожилые родители мерзнут, примите меры",
    "Кенесары 40 жылу жоқ па әлде тек бізде ме?",
    "Кенесары 40 үйінде жылу жоқ, батареялар суық",
    "В доме по Кенесары, 40 батареи ледяные с утра",
    "Кенесары 40, отопление отключили, дети мёрзнут",
    "Кенесары 40 — в квартирах +14, отопления нет",
    "Кенесары 40 жылу жок, уйде суык, балалар ауырып калады",
    "Дом Кенесары 40 — батареи холодные, когда починят отопление?",
    "Кенесары 40 үйде жылу берілмеді, неге ескертпедіңіздер?",
    "Кенесары 40, третий подъезд, батареи холодные",
    "Почему в доме Кенесары 40 нет тепла с ночи?",
    "Кенесары 40 жылу жок кашан береди",
    "Кенесары 40, мерзнем, отопления нет, сделайте что-нибудь",
    "Кенесары 40 батареялар мұздай, жылу жоқ",
    "Кенесары 40 — в квартире холодно, батарея не греет",
    "Отопления нет: Кенесары 40, 5 этаж",
    "Кенесары 40 уйде жылу жок, суык",
    "Кенесары 40, дети спят в куртках, отопления нет",
    "Кенесары 40 үйінде жылу қашан беріледі? Суық",
    "Кенесары 40, батареи ледяные, отопление не работает",
    "Кенесары 40 жылу жоқ, қарттар үйде тоңып отыр, батарея суық",
    "Холодные батареи, дом Кенесары 40, примите меры",
    "Кенесары 40 отопление жок, батарея суык",
    "Кенесары 40, в квартире 12 градусов, нет отопления",
    "Кенесары 40 үйде жылу жоқ, көмектесіңіздер",
    "Кенесары 40, нет отопления со вчерашнего вечера",
    "Кенесары 40 жылу жоғалды, батарея суып қалды",
    "Кенесары 40 отопление отключено, в доме холодно",
]
ELSEWHERE = [
    # The same house, another problem; heating at another house.
    "Кенесары 40, второй день не работает лифт в первом подъезде",
    "Кенесары 40, во дворе не вывозят мусор уже неделю",
    "Кенесары 40 — нет холодной воды, краны сухие",
    "Нет отопления в доме Сыганак 18, батареи холодные",
    "Бейбітшілік 25 үйде жылу жоқ, батареялар суық",
]
ANSWER = "Авария на теплотрассе устранена, отопление дадут к 18:00"
PEOPLE = [8000 + n for n in range(len(OUTAGE) + len(ELSEWHERE))]


@pytest.fixture
def settings(fake: FakeTelegram, tmp_path: Path) -> Settings:
    fake.group_rate_limit, fake.group_rate_window = 20, WINDOW
    data = settings_data(fake, tmp_path / "desk.sqlite3", intake={"ack_together_from": 3})
    data["delivery"].update(
        chat_per_second=1.0 * SCALE, chat_burst=3, group_per_minute=20, group_window_seconds=WINDOW
    )
    return Settings(**data)


def code_in(text: str | None) -> list[str]:
    return re.findall(r"\bH-\d+\b", text or "")


def problem_cards(fake: FakeTelegram) -> list[dict]:
    return [
        m
        for m in fake.bot_messages(STAFF_CHAT)
        if re.search(r"\bP-\d+\b", m.get("text") or "") and "p:" in str(m.get("reply_markup"))
    ]


def pair_button(message: dict) -> str | None:
    for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data") or ""
            if data.startswith("t:make:") and data.endswith(":pair"):
                return data
    return None


async def until(predicate, seconds: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("not in time")
        await asyncio.sleep(0.02)


async def outage(fake: FakeTelegram, desk: Desk) -> dict[int, tuple[int, float]]:
    """The 45 posts, the look-alikes among them, within 25 s (Telegram's time):
    post index -> (message id, when posted on the fake's clock)."""
    texts = [*OUTAGE, *ELSEWHERE]
    order = [0, 1, *range(2, 20), 40, 41, *range(20, 30), 42, 43, *range(30, 40), 44]
    posted: dict[int, tuple[int, float]] = {}
    loop = asyncio.get_running_loop()

    def post(index: int) -> None:
        message = fake.post(HOUSING, PEOPLE[index], texts[index])
        posted[index] = (message["message_id"], loop.time())

    # The first two posts: the staff chat offers to make a problem of them, and the
    # moderator on duty does at once; the other 43 follow within 25 s in all.
    started = loop.time()
    post(order[0])
    post(order[1])
    await until(lambda: any(pair_button(m) for m in fake.bot_messages(STAFF_CHAT)), 30)
    await desk.settle(timeout=30)  # a person reads the card before pressing
    card = next(m for m in reversed(fake.bot_messages(STAFF_CHAT)) if pair_button(m))
    query = fake.press(STAFF_CHAT, card["message_id"], MOD1, pair_button(card))
    await until(lambda: fake.callback_answer(query) is not None, 30)
    assert not fake.callback_answer(query).get("show_alert"), fake.callback_answer(query)
    await until(lambda: bool(problem_cards(fake)), 30)
    rest = order[2:]
    for n, index in enumerate(rest):
        at = started + (n + 1) * (25 / SCALE) / len(rest)
        await asyncio.sleep(max(at - loop.time(), 0))
        post(index)
    await desk.settle(timeout=60)
    await until(lambda: len(acknowledged(fake)) >= len(texts), 60)
    await desk.settle(timeout=60)
    return posted


async def test_an_outage_of_forty_posts_at_telegram_s_limits(fake: FakeTelegram, desk: Desk):
    for n, user_id in enumerate(PEOPLE):
        fake.add_user(user_id, f"Житель {n + 1}")
    # The akim has started the bot: urgent alerts go to them, not to the staff chat.
    fake.start_private(HEAD)
    await desk.app.residents.started(HEAD, "ru")
    posted = await outage(fake, desk)
    texts = [*OUTAGE, *ELSEWHERE]
    tickets = await rows(desk, "SELECT code, author_id, problem_id, source_message_id FROM tickets")
    by_author = {author: (code, problem, source) for code, author, problem, source in tickets}
    assert len(tickets) == len(texts)
    # One problem gathers the 40 (each post read and matched as intake does it).
    [(problem_id, _)] = Counter(by_author[PEOPLE[i]][1] for i in range(len(OUTAGE))).most_common(1)
    astray = [texts[i] for i in range(len(OUTAGE)) if by_author[PEOPLE[i]][1] != problem_id]
    assert problem_id is not None and not astray, astray
    for i in range(len(OUTAGE), len(texts)):  # the look-alikes stay apart
        assert by_author[PEOPLE[i]][1] != problem_id, texts[i]
    # The staff chat: a few cards and the problem's, not one per post.
    assert len(fake.bot_messages(STAFF_CHAT)) <= 10, [
        (m.get("text") or "")[:60] for m in fake.bot_messages(STAFF_CHAT)
    ]
    [card] = problem_cards(fake)
    assert "Жителей: 40" in card["text"]
    edits = [
        c
        for c in fake.calls
        if c.method == "editMessageText"
        and c.ok
        and c.params.get("message_id") == card["message_id"]
    ]
    assert len(edits) < len(OUTAGE) // 2  # a burst of changes to the card: a few edits
    # Every post acknowledged within a minute of posting, on the fake's clock.
    acks = acknowledged(fake)
    for message_id, when in posted.values():
        code = next(c for c, _, _, source in tickets if source == message_id)
        assert (acks[code] - when) * SCALE <= 60, (code, (acks[code] - when) * SCALE)
    await akim_told_once(fake, desk, card)
    await one_answer_for_all(fake, desk, card, {posted[i][0] for i in range(len(OUTAGE))})


async def akim_told_once(fake: FakeTelegram, desk: Desk, card: dict) -> None:
    """Forty appeals within the hour: the akim hears of the outage, once."""

    def alerted() -> list[str]:
        return [m["text"] for m in fake.bot_messages(HEAD) if "⚡" in (m.get("text") or "")]

    await desk.app.outages.check()
    await until(lambda: bool(alerted()), 30)
    await desk.app.outages.check()
    await desk.settle(timeout=30)
    [alert] = alerted()
    assert re.search(r"\bP-\d+\b", alert)[0] in card["text"]


async def one_answer_for_all(fake: FakeTelegram, desk: Desk, card: dict, posts: set[int]) -> None:
    """One reply to the problem's card: each of the 40 answered under their own
    post, and none of the look-alikes."""
    fake.post(STAFF_CHAT, MOD1, ANSWER, reply_to=card["message_id"])

    def answered() -> list[dict]:
        return [m for m in fake.bot_messages(HOUSING) if ANSWER in (m.get("text") or "")]

    await until(lambda: len(answered()) >= len(OUTAGE), 120)
    await desk.settle(timeout=60)
    targets = [m["reply_to_message"]["message_id"] for m in answered()]
    assert sorted(targets) == sorted(posts)


def acknowledged(fake: FakeTelegram) -> dict[str, float]:
    """Each code named in the chat by the bot, and when the fake took that call."""
    first: dict[str, float] = {}
    for call in fake.calls:
        if call.method == "sendMessage" and call.ok and call.params.get("chat_id") == HOUSING:
            for code in code_in(call.result.get("text")):
                first.setdefault(code, call.at)
    return first


async def rows(desk: Desk, sql: str) -> list[tuple]:
    async with desk.app.db.read() as conn:
        async with conn.execute(sql) as cur:
            return [tuple(row) for row in await cur.fetchall()]
