"""The sandbox's chats kept between demo runs (``--data DIR``): Telegram keeps its messages
while a bot restarts, so the demo's Telegram keeps them too, beside the desk's database."""

from __future__ import annotations

import base64
import itertools
import json
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bot.sandbox.server import FakeTelegram
from bot.sandbox.state import ChatState

log = logging.getLogger(__name__)

FORMAT = 1


def save_world(fake: FakeTelegram, path: Path) -> None:
    """Write the chats, people, files and pending updates to ``path`` (atomically)."""
    serial = next(fake._serial)  # file ids go on from here, never reused
    updates, next_update_id = fake.updates.snapshot()
    chats = []
    for chat in fake.chats.values():
        state = asdict(chat)
        state.pop("recent_sends")
        state["messages"] = list(chat.messages.values())
        for name in ("bot_message_ids", "threads", "banned"):
            state[name] = sorted(state[name])
        state["members"] = [[k, v] for k, v in chat.members.items()]
        state["reactions"] = [[k, v] for k, v in chat.reactions.items()]
        chats.append(state)
    data = {
        "format": FORMAT,
        "serial": serial,
        "users": list(fake.users.values()),
        "chats": chats,
        "files": [[k, kind, media] for k, (kind, media) in fake.files.items()],
        "uploads": [[k, base64.b64encode(v).decode()] for k, v in fake.uploads.items()],
        "commands": [[scope, lang, cmds] for (scope, lang), cmds in fake.commands.items()],
        "updates": updates,
        "next_update_id": next_update_id,
    }
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)


def load_world(fake: FakeTelegram, path: Path) -> bool:
    """Restore what :func:`save_world` wrote; False (and nothing changed) if there is none."""
    if not path.is_file():
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}")
        _restore(fake, data)
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning(
            "the demo's saved chats in %s cannot be read (%s): starting afresh", path, error
        )
        fake.users.clear()
        fake.chats.clear()
        return False
    return True


def _restore(fake: FakeTelegram, data: dict[str, Any]) -> None:
    fake._serial = itertools.count(data["serial"])
    fake.users = {user["id"]: user for user in data["users"]}
    for state in data["chats"]:
        state["messages"] = {m["message_id"]: m for m in state["messages"]}
        for name in ("bot_message_ids", "threads", "banned"):
            state[name] = set(state[name])
        state["members"] = {k: v for k, v in state["members"]}
        state["reactions"] = {k: v for k, v in state["reactions"]}
        chat = ChatState(**state)
        fake.chats[chat.id] = chat
    fake.files = {k: (kind, media) for k, kind, media in data["files"]}
    fake.uploads = {k: base64.b64decode(v) for k, v in data["uploads"]}
    fake.commands = {(scope, lang): cmds for scope, lang, cmds in data["commands"]}
    fake.updates.restore(data["updates"], data["next_update_id"])
