"""The emoji Telegram lets a bot react with (ReactionTypeEmoji); any other fails
every time with REACTION_INVALID, so the config is checked against this list."""

from __future__ import annotations

VS16 = "\ufe0f"  # Telegram's list has no variation selectors; keyboards often add one

ALLOWED_REACTIONS = frozenset(
    [
        "👍", "👎", "❤", "🔥", "🥰", "👏", "😁", "🤔", "🤯", "😱", "🤬", "😢", "🎉", "🤩",
        "🤮", "💩", "🙏", "👌", "🕊", "🤡", "🥱", "🥴", "😍", "🐳", "\u2764\u200d\U0001f525",
        "🌚", "🌭", "💯", "🤣", "⚡", "🍌", "🏆", "💔", "🤨", "😐", "🍓", "🍾", "💋", "🖕",
        "😈", "😴", "😭", "🤓", "👻", "\U0001f468\u200d\U0001f4bb", "👀", "🎃", "🙈", "😇",
        "😨", "🤝", "✍", "🤗", "🫡", "🎅", "🎄", "☃", "💅", "🤪", "🗿", "🆒", "💘", "🙉",
        "🦄", "😘", "💊", "🙊", "😎", "👾", "\U0001f937\u200d\u2642", "🤷",
        "\U0001f937\u200d\u2640", "😡",
    ]
)  # fmt: skip


def allowed_reaction(value: str) -> str:
    """``value`` as Telegram accepts it; ValueError naming a few allowed ones if it is not."""
    emoji = value.strip().replace(VS16, "")
    if emoji not in ALLOWED_REACTIONS:
        raise ValueError(
            f"{value!r} is not a reaction Telegram allows a bot; use one such as 👀 👍 ✍ 🙏 ⚡"
        )
    return emoji
