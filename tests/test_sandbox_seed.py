"""The demo's day, played through a real desk with the demo's own config: each step lands on
the ticket of the post it is about, also when the desk acknowledged several posts together
(it does when replies pile up, as they did on a loaded machine and stopped the seeding)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_settings
from bot.sandbox import FakeTelegram, cast
from bot.sandbox.seed import _together_lines, load_day, seed
from storage.models import Status
from tests.conftest import running_desk

HOUSING = next(chat for chat in cast.RESIDENT_CHATS if chat.key == "housing")
STATUS = {
    "new": Status.new,
    "taken": Status.assigned,
    "answered": Status.answered,
    "closed": Status.closed,
}


@pytest.fixture
async def demo_fake() -> FakeTelegram:
    fake = FakeTelegram(token="123456:seed-test-token")
    cast.populate(fake)
    await fake.start()
    yield fake
    await fake.stop()


async def test_every_step_lands_on_its_post_s_ticket_when_acknowledgements_go_together(
    demo_fake: FakeTelegram, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    fake = demo_fake
    config = cast.write_config(tmp_path / "config.toml", fake.base_url, tmp_path / "db.sqlite3")
    monkeypatch.setenv("BOT_TOKEN", fake.token)
    settings = load_settings(config)
    # The housing chat's first reply meets flood control: the chat's other replies pile up
    # behind it and go as one message.
    fake.fail("sendMessage", chat_id=HOUSING.chat_id, retry_after=2)
    async with running_desk(fake, settings) as desk:
        assert await seed(fake, within=60) == len(load_day())
        await desk.settle(timeout=20)
        together = [m for m in fake.bot_messages(HOUSING.chat_id) if len(_together_lines(m)) > 1]
        assert together, "no acknowledgement together: the test proves nothing"
        async with desk.app.db.read() as conn:
            async with conn.execute(
                "SELECT source_chat_id, source_message_id, status FROM tickets"
            ) as cursor:
                status = {(chat, message): s for chat, message, s in await cursor.fetchall()}
    posts = [m for chat in cast.RESIDENT_CHATS for m in fake.messages(chat.chat_id)]
    posted = {m["text"]: (m["chat"]["id"], m["message_id"]) for m in posts if "text" in m}
    for appeal in load_day():
        assert status[posted[appeal.text]] == STATUS[appeal.outcome], appeal.text


def test_a_line_together_is_its_code_and_its_author():
    smiles = "🙂" * 12  # a name of emoji: Telegram counts each as two units of UTF-16
    text = f"Обращения приняты.\nH-10 — {smiles}\nH-11 — Болат · вопрос P-2\nH-12 — Сауле"
    at = [text.index(smiles), text.index("Болат") + len(smiles), text.index("Сауле") + 12]
    entities = [
        {"type": "bold", "offset": text.index("H-10"), "length": 4},
        {"type": "text_link", "offset": at[0], "length": 24, "url": "tg://user?id=6001"},
        {"type": "text_mention", "offset": at[1], "length": 5, "user": {"id": 6002}},
        {"type": "text_link", "offset": at[2], "length": 5, "url": "tg://user?id=6003"},
        {"type": "text_link", "offset": 0, "length": 3, "url": "https://example.kz"},
    ]
    lines = _together_lines({"text": text, "entities": entities})
    assert lines == [(6001, "H-10"), (6002, "H-11"), (6003, "H-12")]
