"""A realistic day for the demo, played through the real desk: residents post in the three
chats (some of it days ago), moderators take, answer and close through the card's buttons and
replies, exactly as people would in Telegram."""

from __future__ import annotations

import asyncio
import re
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bot.sandbox.cast import AKIM, MODERATORS, RESIDENT_CHATS, STAFF_CHAT
from bot.sandbox.protocol import utf16_positions
from bot.sandbox.server import FakeTelegram


@dataclass(frozen=True)
class Appeal:
    chat: str  # the resident chat's key
    author: int
    hours_ago: float
    text: str
    outcome: str = "new"  # new | taken | answered | closed
    answer: str = ""


DAY_FILE = Path(__file__).with_name("seed_day.toml")


def load_day(path: Path = DAY_FILE) -> list[Appeal]:
    with path.open("rb") as f:
        return [Appeal(**item) for item in tomllib.load(f)["appeal"]]


# Who opens the bot first: two residents (their answers also come privately) and the akim
# (urgent and overdue alerts reach him, not the staff chat).
STARTED = (5001, 5004, AKIM.user_id)
_CODE = re.compile(r"\b[ALH]-\d+\b")
_MENTION = "tg://user?id="


T = TypeVar("T")


class SeedError(Exception):
    pass


async def seed(fake: FakeTelegram, within: float = 60.0) -> int:
    """Play the day through the desk that polls ``fake``; returns how many appeals."""
    chats = {chat.key: chat.chat_id for chat in RESIDENT_CHATS}
    for user_id in STARTED:
        fake.post(user_id, user_id, "/start")
    now = time.time()
    posts = []
    for appeal in load_day():
        date = int(now - appeal.hours_ago * 3600)  # intake dates a ticket by its post
        post = fake.post(chats[appeal.chat], appeal.author, appeal.text, extra={"date": date})
        posts.append((appeal, post))
    codes = await _wait(lambda: _codes(fake, posts), within, "acknowledgements")
    cards = await _wait(lambda: _cards(fake, codes), within, "cards")
    for step in ("taken", "answered", "closed"):
        for n, ((appeal, _), code) in enumerate(zip(posts, codes, strict=True)):
            card_id, ticket_id = cards[code]
            moderator = MODERATORS[n % len(MODERATORS)].user_id
            if step == "taken" and appeal.outcome == "taken":
                fake.press(STAFF_CHAT, card_id, moderator, f"t:take:{ticket_id}")
            elif step == "answered" and appeal.answer:
                fake.post(STAFF_CHAT, moderator, appeal.answer, reply_to=card_id)
            elif step == "closed" and appeal.outcome == "closed":
                fake.press(STAFF_CHAT, card_id, moderator, f"t:close:{ticket_id}:resolved")
        await fake.wait_idle(within)
    return len(posts)


def _codes(fake: FakeTelegram, posts: list[tuple[Appeal, dict]]) -> list[str] | None:
    """Each post's ticket code, read from the desk's acknowledgement: the reply under it,
    or its line in a message that acknowledged several posts together (what the desk
    sends when replies pile up faster than Telegram lets it write in a group). Such a
    message names each code with its author, in the order of the posts."""
    replies: dict[tuple[int, int], str] = {}
    together: dict[int, list[tuple[int, str]]] = {}
    for chat_id in {post["chat"]["id"] for _, post in posts}:
        for message in fake.bot_messages(chat_id):
            replied = message.get("reply_to_message", {}).get("message_id")
            found = _CODE.search(message.get("text", ""))
            if replied is not None and found is not None:
                replies.setdefault((chat_id, replied), found[0])  # the first: the ack
            together.setdefault(chat_id, []).extend(_together_lines(message))
    codes = []
    for appeal, post in posts:
        chat_id = post["chat"]["id"]
        code = replies.get((chat_id, post["message_id"]))
        if code is None:
            lines = together.get(chat_id, [])
            line = next((line for line in lines if line[0] == appeal.author), None)
            if line is None:
                return None
            lines.remove(line)
            code = line[1]
        codes.append(code)
    return codes


def _together_lines(message: dict) -> list[tuple[int, str]]:
    """(author, code) of each line of an acknowledgement together: a line is a code and
    a mention of its author (a link to ``tg://user?id=N``, or a mention of the user)."""
    mentions = []
    for entity in message.get("entities", []):
        url = entity.get("url", "")
        if entity["type"] == "text_mention":
            mentions.append((entity["user"]["id"], entity["offset"]))
        elif url.startswith(_MENTION):
            mentions.append((int(url.removeprefix(_MENTION)), entity["offset"]))
    if not mentions:
        return []
    text = message.get("text", "")
    position = utf16_positions(text)
    lines = []
    for author, offset in mentions:
        line_start = text.rfind("\n", 0, position.get(offset, len(text))) + 1
        found = _CODE.match(text, line_start)
        if found is not None:
            lines.append((author, found[0]))
    return lines


def _cards(fake: FakeTelegram, codes: list[str]) -> dict[str, tuple[int, int]] | None:
    """Each code's card in the staff chat: (message id, ticket id from its buttons)."""
    cards: dict[str, tuple[int, int]] = {}
    for message in fake.bot_messages(STAFF_CHAT):
        buttons = message.get("reply_markup", {}).get("inline_keyboard", [])
        data = [b.get("callback_data", "") for row in buttons for b in row]
        ticket = next((d.split(":")[2] for d in data if d.startswith("t:")), None)
        found = _CODE.search(message.get("text", message.get("caption", "")))
        if ticket is not None and found is not None:
            cards[found[0]] = (message["message_id"], int(ticket))
    return cards if all(code in cards for code in codes) else None


async def _wait(probe: Callable[[], T | None], within: float, what: str) -> T:
    deadline = time.monotonic() + within
    while (found := probe()) is None:
        if time.monotonic() > deadline:
            raise SeedError(f"the desk sent no {what} within {within:.0f} s")
        await asyncio.sleep(0.1)
    return found
