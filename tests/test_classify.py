"""What is an appeal: the intake rules on single messages, without Telegram.

(The fake Telegram, like the real one, never shows a bot other bots'
messages, so the bot rule is checked here.)"""

from datetime import UTC, datetime

import pytest
from aiogram.types import Message

from bot.config import Settings
from bot.intake.classify import Skip, classify, content_of

HOUSING = -1001000000003


@pytest.fixture
def settings() -> Settings:
    return Settings(
        staff={"chat_id": -1009, "moderators": [111], "head": [333]},
        chats=[
            {"key": "akimat", "title": "A", "chat_id": -1001000000001, "prefix": "A"},
            {"key": "law_order", "title": "L", "chat_id": -1001000000002, "prefix": "L"},
            {"key": "housing", "title": "H", "chat_id": HOUSING, "prefix": "H"},
        ],
    )


def message(user_id: int | None = 5001, *, is_bot: bool = False, **fields) -> Message:
    data = {
        "message_id": 1,
        "date": datetime(2026, 11, 27, tzinfo=UTC),
        "chat": {"id": HOUSING, "type": "supergroup", "title": "H"},
        **fields,
    }
    if user_id is not None:
        data["from"] = {"id": user_id, "is_bot": is_bot, "first_name": "X"}
    return Message.model_validate(data)


@pytest.mark.parametrize(
    ("msg", "verdict"),
    [
        (message(text="Во дворе не горят фонари"), None),
        (message(is_bot=True, text="Во дворе не горят фонари"), Skip.bot),
        (message(111, text="Объявление от модератора"), Skip.staff),
        (message(333, text="Слово акима для жителей"), Skip.staff),
        (message(None, text="Во дворе не горят фонари"), Skip.no_author),
        (
            message(
                777000,
                text="Пост канала района для жителей",
                sender_chat={"id": -1007, "type": "channel", "title": "C"},
            ),
            Skip.on_behalf_of_chat,
        ),
        (
            message(
                text="/start@akimat_desk_bot",
                entities=[{"type": "bot_command", "offset": 0, "length": 22}],
            ),
            Skip.command,
        ),
        (
            message(
                text="/help помогите с водой",
                entities=[{"type": "bot_command", "offset": 0, "length": 5}],
            ),
            Skip.command,
        ),
        (message(text="/помогите, в доме 5 нет воды"), None),  # no command entity: text
        (message(text="\u200b" * 12 + " \u2800" * 5), Skip.too_short),
        (message(text="о\u0301" * 9), Skip.too_short),  # combining accents do not count
        (message(text="спасибо!!"), Skip.too_short),
        (message(text="  " + "😀" * 3 + "  "), Skip.too_short),
        (message(text="a" * 10), None),
        (
            message(
                sticker={
                    "file_id": "s",
                    "file_unique_id": "u",
                    "type": "regular",
                    "width": 1,
                    "height": 1,
                    "is_animated": False,
                    "is_video": False,
                }
            ),
            Skip.not_an_appeal,
        ),
        (message(dice={"emoji": "🎲", "value": 3}), Skip.not_an_appeal),
        (
            message(new_chat_members=[{"id": 5, "is_bot": False, "first_name": "N"}]),
            Skip.not_an_appeal,
        ),
    ],
)
def test_classify(settings, msg, verdict):
    result = classify(msg, settings)
    if verdict is None:
        assert not isinstance(result, Skip)
        assert result.text == msg.text
    else:
        assert result == verdict


def test_media_content_and_short_captions_count(settings):
    photo = message(
        photo=[
            {"file_id": "small", "file_unique_id": "1", "width": 90, "height": 90},
            {"file_id": "big", "file_unique_id": "2", "width": 1280, "height": 960},
        ],
        caption="!",
    )
    result = classify(photo, settings)
    assert (result.media_type, result.media_file_id, result.text) == ("photo", "big", "!")
    voice = content_of(message(voice={"file_id": "v1", "file_unique_id": "v", "duration": 3}))
    assert (voice.media_type, voice.media_file_id, voice.text) == ("voice", "v1", "")
