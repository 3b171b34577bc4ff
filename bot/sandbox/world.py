"""The simulated Telegram's state: users, chats, messages, files, and what the Bot API
needs to look up in it."""

from __future__ import annotations

import copy
import itertools
import json
import mimetypes
import time
from typing import Any

from aiogram.types import Update
from pydantic import ValidationError

from bot.sandbox.params import Upload
from bot.sandbox.protocol import (
    DEFAULT_ADMIN_RIGHTS,
    FILE_ID_PREFIX,
    RESTRICTED_MEMBER_FIELDS,
)
from bot.sandbox.state import ChatState, UpdateQueue


class WorldState:
    """The simulated Telegram: users, chats and messages (``World`` adds the people).

    World-setup methods and resident actions raise ``ValueError`` when a test misuses them
    (unknown chat or user, a button press on a message without buttons ...): they describe a
    situation, not a bot request.
    """

    def __init__(self, token: str, bot_id: int, bot_username: str) -> None:
        if not token.startswith(f"{bot_id}:"):
            raise ValueError(f"token {token!r} does not belong to bot_id {bot_id}")
        self.token = token
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_user = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_username.removesuffix("_bot").replace("_", " ").title(),
            "username": bot_username,
        }
        self.users: dict[int, dict] = {}
        self.chats: dict[int, ChatState] = {}
        self.updates = UpdateQueue()
        self.callback_answers: dict[str, dict | None] = {}  # query id -> answer, once given
        self.files: dict[str, tuple[str, Any]] = {}  # file_id -> (kind, media object)
        self.uploads: dict[str, bytes] = {}  # file_id -> the bytes the bot uploaded
        self.commands: dict[tuple[str, str], list[dict]] = {}  # (scope, language) -> commands
        self.group_rate_limit: int | None = None
        self.group_rate_window = 60.0
        self._serial = itertools.count(1)

    def add_chat(
        self,
        chat_id: int,
        *,
        type: str = "supergroup",  # Telegram's field name
        title: str | None = None,
        bot_status: str = "administrator",
        can_read_all: bool = True,
        is_forum: bool = False,
        username: str | None = None,
        bot_rights: dict[str, bool] | None = None,
    ) -> dict:
        """Create (or replace) a group, supergroup or channel; private chats come from
        ``start_private``.

        ``can_read_all=False`` puts the bot under privacy mode in this chat: it gets only
        commands, replies to it, mentions and service messages (and getMe reports
        can_read_all_group_messages=False).  ``bot_rights`` overrides the bot's administrator
        rights, all granted by default except can_promote_members, e.g.
        ``{"can_delete_messages": False}``.
        """
        if type not in ("group", "supergroup", "channel"):
            raise ValueError(f"add_chat creates groups and channels, not {type!r}")
        if bot_status not in ("administrator", "member", "left", "kicked", "absent"):
            raise ValueError(f"unknown bot_status {bot_status!r}")
        if is_forum and type != "supergroup":
            raise ValueError("only supergroups can be forums")
        unknown = set(bot_rights or {}) - set(DEFAULT_ADMIN_RIGHTS)
        if unknown:
            raise ValueError(f"unknown administrator rights: {sorted(unknown)}")
        info: dict[str, Any] = {"id": chat_id, "type": type, "title": title or f"Chat {chat_id}"}
        if username:
            info["username"] = username
        if is_forum:
            info["is_forum"] = True
        self.chats[chat_id] = ChatState(
            info=info,
            bot_status=bot_status,
            can_read_all=can_read_all,
            bot_rights={**DEFAULT_ADMIN_RIGHTS, **(bot_rights or {})},
        )
        return copy.deepcopy(info)

    def add_topic(self, chat_id: int, thread_id: int | None = None, *, name: str = "Topic") -> int:
        """Create a forum topic; its thread id is the id of its creation service message."""
        chat = self._chat(chat_id)
        if not chat.is_forum:
            raise ValueError(f"chat {chat_id} is not a forum")
        if thread_id is not None:
            if thread_id <= chat.last_message_id:
                raise ValueError(f"message id {thread_id} is already taken in chat {chat_id}")
            chat.last_message_id = thread_id - 1
        message = self._new_message(
            chat, None, {"forum_topic_created": {"name": name, "icon_color": 7322096}}
        )
        chat.threads.add(message["message_id"])
        return message["message_id"]

    def add_user(
        self,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "ru",
        is_bot: bool = False,
    ) -> dict:
        user: dict[str, Any] = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self.users[user_id] = user
        return copy.deepcopy(user)

    def set_member(self, chat_id: int, user_id: int, status: str = "member") -> None:
        if status not in ("creator", "administrator", "member", "restricted", "left", "kicked"):
            raise ValueError(f"unknown member status {status!r}")
        self._user(user_id)
        chat = self._chat(chat_id)
        chat.members[user_id] = status
        if status == "kicked":
            chat.banned.add(user_id)
        else:
            chat.banned.discard(user_id)

    def enqueue_raw(self, update: dict, *, unreadable: bool = False) -> int:
        """Queue any update dict for getUpdates; assigns update_id if missing.  The update must
        be one aiogram can parse (checked here, so a malformed test update fails at once),
        unless ``unreadable``: what a newer Bot API may send an older aiogram."""
        kinds = [key for key in update if key != "update_id"]
        if len(kinds) != 1:
            raise ValueError(f"an update has exactly one field besides update_id, got {kinds}")
        if unreadable:
            return self.updates.push(copy.deepcopy(update))
        try:  # an update aiogram rejects would stall the whole getUpdates batch
            Update.model_validate({"update_id": 1, **update})
        except ValidationError as error:
            raise ValueError(
                f"Telegram never sends an update aiogram cannot parse:\n{error}"
            ) from None
        return self.updates.push(copy.deepcopy(update))

    def messages(self, chat_id: int) -> list[dict]:
        """The chat's current messages in order (deleted ones gone, edited ones updated)."""
        return copy.deepcopy(list(self._chat(chat_id).messages.values()))

    def message(self, chat_id: int, message_id: int) -> dict | None:
        message = self._chat(chat_id).messages.get(message_id)
        return copy.deepcopy(message)

    def bot_messages(self, chat_id: int) -> list[dict]:
        """The chat's current messages sent by the bot."""
        own = self._chat(chat_id).bot_message_ids
        return [m for m in self.messages(chat_id) if m["message_id"] in own]

    def pinned(self, chat_id: int) -> list[int]:
        """The chat's pinned messages' ids, the latest pinned last."""
        return list(self._chat(chat_id).pinned)

    def reactions(self, chat_id: int, message_id: int) -> list[str]:
        """The emoji the bot currently has on a message."""
        return [r["emoji"] for r in self._chat(chat_id).reactions.get(message_id, [])]

    def callback_answer(self, query_id: str) -> dict | None:
        """How the bot answered a callback query (text, show_alert, url, cache_time), if it did."""
        if query_id not in self.callback_answers:
            raise ValueError(f"no callback query {query_id!r}")
        return copy.deepcopy(self.callback_answers[query_id])

    def banned(self, chat_id: int) -> set[int]:
        return set(self._chat(chat_id).banned)

    def my_commands(self, scope: dict | None = None, language_code: str = "") -> list[dict]:
        """The commands the bot registered for a scope and language."""
        key = json.dumps(scope or {"type": "default"}, sort_keys=True)
        return copy.deepcopy(self.commands.get((key, language_code), []))

    @property
    def pending_updates(self) -> int:
        """Updates not yet confirmed through getUpdates' offset."""
        return len(self.updates)

    @property
    def privacy_mode(self) -> bool:
        """Privacy mode is bot-wide in Telegram (getMe's can_read_all_group_messages): on as
        soon as one chat is set up with ``can_read_all=False``."""
        return any(not chat.can_read_all for chat in self.chats.values() if chat.is_group)

    def issue_file(self, kind: str, upload: Upload | None = None) -> Any:
        """Create the media object for a new file (sizes/metadata invented, ids registered)."""
        serial = next(self._serial)
        size = len(upload.data) if upload else 1000 * serial + 4096
        name = upload.filename if upload else f"{kind}_{serial}"

        def ids(suffix: str = "") -> dict[str, str]:
            return {
                "file_id": f"{FILE_ID_PREFIX[kind]}{serial:06d}{suffix}",
                "file_unique_id": f"AQAD{serial:06d}{suffix}",
            }

        media: Any
        if kind == "photo":
            media = [
                {**ids("s"), "width": 90, "height": 67, "file_size": max(size // 16, 1)},
                {**ids("m"), "width": 320, "height": 240, "file_size": max(size // 4, 1)},
                {**ids("x"), "width": 1280, "height": 960, "file_size": size},
            ]
            for photo_size in media:
                self.files[photo_size["file_id"]] = (kind, media)
            return copy.deepcopy(media)
        media = {**ids(), "file_size": size}
        if kind == "document":
            mime = upload.content_type if upload else "application/pdf"
            if mime == "application/octet-stream":
                mime = mimetypes.guess_type(name)[0] or mime
            media.update(file_name=name if upload else f"{name}.pdf", mime_type=mime)
        elif kind == "video":
            media.update(width=1280, height=720, duration=12, mime_type="video/mp4")
        elif kind == "voice":
            media.update(duration=5, mime_type="audio/ogg")
        else:  # sticker
            media.update(
                type="regular", width=512, height=512, is_animated=False, is_video=False, emoji="👍"
            )
        self.files[media["file_id"]] = (kind, media)
        return copy.deepcopy(media)

    def member_object(self, chat: ChatState, user_id: int, status: str) -> dict:
        """A ChatMember object for a user (or the bot) with the given status."""
        user = self.bot_user if user_id == self.bot_id else self._user(user_id)
        member: dict[str, Any] = {"status": status, "user": copy.deepcopy(user)}
        if status == "administrator":
            rights = chat.bot_rights if user_id == self.bot_id else DEFAULT_ADMIN_RIGHTS
            member.update(rights)
            if chat.type != "channel":
                member.pop("can_post_messages")
                member.pop("can_edit_messages")
            if chat.type != "supergroup":
                member.pop("can_manage_topics")
        elif status == "creator":
            member["is_anonymous"] = False
        elif status == "restricted":
            member.update(dict.fromkeys(RESTRICTED_MEMBER_FIELDS, False))
            member.update(is_member=True, until_date=0)
        elif status == "kicked":
            member["until_date"] = 0
        return member

    def new_bot_message(
        self,
        chat: ChatState,
        content: dict,
        *,
        reply_to: dict | None = None,
        thread_id: int | None = None,
    ) -> dict:
        sender = None if chat.type == "channel" else self.bot_user
        sender_chat = copy.deepcopy(chat.info) if chat.type == "channel" else None
        message = self._new_message(
            chat, sender, content, reply_to=reply_to, thread_id=thread_id, sender_chat=sender_chat
        )
        chat.bot_message_ids.add(message["message_id"])
        return message

    def find_chat(self, ref: int | str) -> ChatState | None:
        if isinstance(ref, int):
            return self.chats.get(ref)
        name = ref.removeprefix("@").lower()
        return next(
            (c for c in self.chats.values() if c.info.get("username", "").lower() == name), None
        )

    def _chat(self, chat_id: int) -> ChatState:
        if chat_id not in self.chats:
            raise ValueError(f"unknown chat {chat_id}: add_chat() or start_private() it first")
        return self.chats[chat_id]

    def _user(self, user_id: int) -> dict:
        if user_id not in self.users:
            raise ValueError(f"unknown user {user_id}: add_user() first")
        return self.users[user_id]

    def _message(self, chat_id: int, message_id: int) -> dict:
        message = self._chat(chat_id).messages.get(message_id)
        if message is None:
            raise ValueError(f"no message {message_id} in chat {chat_id}")
        return message

    def _private_chat(self, user: dict) -> ChatState:
        if user["id"] not in self.chats:
            info = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
            info.update({k: user[k] for k in ("last_name", "username") if k in user})
            self.chats[user["id"]] = ChatState(info=info)
        return self.chats[user["id"]]

    def _new_message(
        self,
        chat: ChatState,
        sender: dict | None,
        content: dict,
        *,
        reply_to: dict | None = None,
        thread_id: int | None = None,
        sender_chat: dict | None = None,
    ) -> dict:
        chat.last_message_id += 1
        message: dict[str, Any] = {"message_id": chat.last_message_id}
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            if chat.is_forum:
                message["is_topic_message"] = True
        if sender is not None:
            message["from"] = copy.deepcopy(sender)
        if sender_chat is not None:
            message["sender_chat"] = sender_chat
        message["date"] = int(time.time())
        message["chat"] = copy.deepcopy(chat.info)
        if reply_to is not None:
            message["reply_to_message"] = {
                k: copy.deepcopy(v) for k, v in reply_to.items() if k != "reply_to_message"
            }
        message.update(copy.deepcopy(content))
        chat.messages[message["message_id"]] = message
        return message
