"""What the people in the simulated Telegram do: post, edit, press buttons, join, add the
bot, and which of it the bot sees."""

from __future__ import annotations

import copy
import re
import time
from typing import Any

from bot.sandbox.protocol import (
    ANONYMOUS_ADMIN,
    CAPTIONED_MEDIA,
    CHANNEL_SENDER,
    PLACEHOLDER_SENDERS,
    SERVICE_FIELDS,
    utf16_len,
)
from bot.sandbox.state import ChatState
from bot.sandbox.world import WorldState

_BOT_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@([A-Za-z0-9_]{3,32}))?(?![A-Za-z0-9_@/])")


class World(WorldState):
    """The simulated Telegram with the people in it: what residents and staff do, and
    whether the bot gets to see it."""

    def start_private(self, user_id: int) -> None:
        """The user opens the bot (unblocking it if needed); does not send "/start" itself."""
        user = self._user(user_id)
        if user["is_bot"]:
            raise ValueError("bots cannot start other bots")
        chat = self._private_chat(user)
        was_blocked = chat.blocked
        chat.started, chat.blocked = True, False
        if was_blocked:
            self._enqueue_my_chat_member(chat, user, "kicked", "member")

    def block_bot(self, user_id: int) -> None:
        """The user blocks the bot: sends fail with 403 and a my_chat_member update arrives."""
        user = self._user(user_id)
        chat = self._private_chat(user)
        if chat.started and not chat.blocked:
            self._enqueue_my_chat_member(chat, user, "member", "kicked")
        chat.blocked = True

    def age_message(self, chat_id: int, message_id: int, seconds: float) -> None:
        """Pretend the message was sent ``seconds`` earlier (for the 48-hour rules)."""
        self._message(chat_id, message_id)["date"] -= int(seconds)

    def post(
        self,
        chat_id: int,
        user_id: int | None,
        text: str | None = None,
        *,
        reply_to: int | None = None,
        photo: bool = False,
        caption: str | None = None,
        document: bool = False,
        video: bool = False,
        voice: bool = False,
        location: tuple[float, float] | None = None,
        sticker: bool = False,
        sender_chat: dict | None = None,
        forward_from: dict | None = None,
        thread_id: int | None = None,
        extra: dict | None = None,
    ) -> dict:
        """A message from a user, or with ``user_id=None`` on behalf of a chat: the group itself
        (anonymous admin), the channel itself, or ``sender_chat`` (a user posting as a channel).

        Posting in a private chat opens it (as writing to a bot does).  The bot gets the update
        only if it would in Telegram: it is in the chat, the sender is not another bot (bots
        never see each other's messages) and, under privacy mode (``can_read_all=False``), the
        message is a command, a reply to the bot, mentions it or is a service message.
        """
        known = self.chats.get(chat_id)
        if chat_id == user_id and (known is None or not known.started or known.blocked):
            self.start_private(user_id)  # writing to a bot opens (or unblocks) the chat
        chat = self._chat(chat_id)
        if chat.type == "private" and user_id != chat_id:
            raise ValueError(f"only user {chat_id} writes in their private chat with the bot")
        content = self._content(text, photo, caption, document, video, voice, sticker)
        if location is not None:
            content["location"] = {"latitude": location[0], "longitude": location[1]}
        content.update(extra or {})
        if not content:
            raise ValueError("post() needs text, media, a location or extra content")
        if forward_from is not None:
            content["forward_origin"] = self._forward_origin(forward_from)
        sender, sender_chat = self._sender(chat, user_id, sender_chat)
        reply = self._message(chat_id, reply_to) if reply_to is not None else None
        if thread_id is not None and thread_id not in chat.threads:
            raise ValueError(f"chat {chat_id} has no forum topic {thread_id}")
        if thread_id is None and reply is not None and chat.is_forum:
            thread_id = reply.get("message_thread_id")
        message = self._new_message(
            chat, sender, content, reply_to=reply, thread_id=thread_id, sender_chat=sender_chat
        )
        if self._bot_sees(chat, message):
            self.enqueue_raw({self._message_update_kind(chat): copy.deepcopy(message)})
        return copy.deepcopy(message)

    def _content(
        self,
        text: str | None,
        photo: bool,
        caption: str | None,
        document: bool,
        video: bool,
        voice: bool,
        sticker: bool,
    ) -> dict[str, Any]:
        """A post's text or media (one kind only) and caption, as Telegram shapes them."""
        content: dict[str, Any] = {}
        media = {"photo": photo, "document": document, "video": video, "voice": voice}
        kinds = [kind for kind, wanted in media.items() if wanted]
        if sticker:
            kinds.append("sticker")
        if len(kinds) > 1 or (kinds and text is not None):
            raise ValueError("a message has one kind of content; use caption= with media")
        if caption is not None and not set(kinds) & set(CAPTIONED_MEDIA):
            raise ValueError("caption needs photo, document, video or voice")
        if text is not None:
            content["text"] = text
            content.update(self._command_entities(text, "entities"))
        for kind in kinds:
            content[kind] = self.issue_file(kind)
        if caption is not None:
            content["caption"] = caption
            content.update(self._command_entities(caption, "caption_entities"))
        return content

    def edit(
        self, chat_id: int, message_id: int, text: str | None = None, *, caption: str | None = None
    ) -> dict:
        """The author edits their message; the bot gets an edited_message update."""
        message = self._message(chat_id, message_id)
        if message_id in self.chats[chat_id].bot_message_ids:
            raise ValueError("edit() is for people's messages; the bot edits through the API")
        if text is not None:
            if "text" not in message:
                raise ValueError(f"message {message_id} has no text")
            message.pop("entities", None)
            message.update(text=text, **self._command_entities(text, "entities"))
        if caption is not None:
            if not set(message) & set(CAPTIONED_MEDIA):
                raise ValueError(f"message {message_id} has no media to caption")
            message.pop("caption_entities", None)
            message.update(caption=caption, **self._command_entities(caption, "caption_entities"))
        message["edit_date"] = int(time.time())
        chat = self.chats[chat_id]
        if self._bot_sees(chat, message):
            kind = "edited_" + self._message_update_kind(chat)
            self.enqueue_raw({kind: copy.deepcopy(message)})
        return copy.deepcopy(message)

    def press(self, chat_id: int, message_id: int, user_id: int, data: str) -> str:
        """The user presses an inline button of a bot message; returns the callback query id.

        ``data`` is not checked against the buttons: a modified client can send any data, and
        the bot must cope with that."""
        message = self._message(chat_id, message_id)
        if message_id not in self.chats[chat_id].bot_message_ids:
            raise ValueError(f"message {message_id} in chat {chat_id} is not the bot's")
        if "reply_markup" not in message:
            raise ValueError(f"message {message_id} in chat {chat_id} has no inline keyboard")
        user = self._user(user_id)
        query_id = str(4_000_000_000_000_000 + next(self._serial))
        self.callback_answers[query_id] = None
        query = {
            "id": query_id,
            "from": copy.deepcopy(user),
            "message": copy.deepcopy(message),
            "chat_instance": str(abs(chat_id) * 7919 + 104729),
            "data": data,
        }
        self.enqueue_raw({"callback_query": query})
        return query_id

    def join(self, chat_id: int, user_id: int) -> dict:
        """The user joins the group: a new_chat_members service message (and a chat_member
        update, which Telegram only delivers when asked for in allowed_updates)."""
        chat = self._chat(chat_id)
        user = self._user(user_id)
        old = chat.members.get(user_id, "left")
        chat.members[user_id] = "member"
        chat.banned.discard(user_id)
        message = self._new_message(chat, user, {"new_chat_members": [copy.deepcopy(user)]})
        if self._bot_sees(chat, message):
            self.enqueue_raw({"message": copy.deepcopy(message)})
            if chat.bot_status == "administrator":
                self.enqueue_raw(
                    {
                        "chat_member": {
                            "chat": copy.deepcopy(chat.info),
                            "from": copy.deepcopy(user),
                            "date": int(time.time()),
                            "old_chat_member": self.member_object(chat, user_id, old),
                            "new_chat_member": self.member_object(chat, user_id, "member"),
                        }
                    }
                )
        return copy.deepcopy(message)

    def add_bot_to_chat(self, chat_id: int, by_user_id: int, status: str = "administrator") -> dict:
        """``by_user_id`` changes the bot's status in the chat (creating the chat if unknown).

        Returns the my_chat_member update.  When the bot is added to a group, Telegram also
        sends the new_chat_members service message, and so does the fake.  Adding the bot with
        the status it already has counts as removing and re-adding it.
        """
        if status not in ("administrator", "member", "left", "kicked"):
            raise ValueError(f"unknown bot status {status!r}")
        user = self._user(by_user_id)
        if chat_id not in self.chats:
            self.add_chat(chat_id, bot_status="absent")
        chat = self.chats[chat_id]
        old = {"absent": "left"}.get(chat.bot_status, chat.bot_status)
        if old == status:
            old = "left"
        update = self._enqueue_my_chat_member(chat, user, old, status)
        chat.bot_status = status
        joined = status in ("administrator", "member") and old not in ("administrator", "member")
        if joined and chat.is_group:
            message = self._new_message(
                chat, user, {"new_chat_members": [copy.deepcopy(self.bot_user)]}
            )
            self.enqueue_raw({"message": copy.deepcopy(message)})
        return copy.deepcopy(update)

    def delete_user_message(self, chat_id: int, message_id: int) -> None:
        """The author deletes their message (bots get no update about it)."""
        self._message(chat_id, message_id)
        del self.chats[chat_id].messages[message_id]

    def _forward_origin(self, source: dict) -> dict:
        date = int(time.time()) - 60
        if source.get("type") == "channel":
            return {"type": "channel", "chat": copy.deepcopy(source), "message_id": 1, "date": date}
        if source.get("type") in ("group", "supergroup"):
            return {"type": "chat", "sender_chat": copy.deepcopy(source), "date": date}
        return {"type": "user", "sender_user": copy.deepcopy(source), "date": date}

    def origin_of(self, message: dict) -> dict:
        """The forward_origin of a forwarded copy of ``message``."""
        if "forward_origin" in message:
            return copy.deepcopy(message["forward_origin"])
        sender_chat = message.get("sender_chat")
        if sender_chat and sender_chat["type"] == "channel":
            return {
                "type": "channel",
                "chat": copy.deepcopy(sender_chat),
                "message_id": message["message_id"],
                "date": message["date"],
            }
        if sender_chat:
            return {
                "type": "chat",
                "sender_chat": copy.deepcopy(sender_chat),
                "date": message["date"],
            }
        return {
            "type": "user",
            "sender_user": copy.deepcopy(message["from"]),
            "date": message["date"],
        }

    def _sender(
        self, chat: ChatState, user_id: int | None, sender_chat: dict | None
    ) -> tuple[dict | None, dict | None]:
        if chat.type == "channel":
            if user_id is not None:
                raise ValueError("channel posts are signed by the channel: pass user_id=None")
            return None, sender_chat or copy.deepcopy(chat.info)
        if user_id is not None:
            return copy.deepcopy(self._user(user_id)), sender_chat
        if chat.type == "private":
            raise ValueError("a private chat message needs a user_id")
        sender_chat = sender_chat or copy.deepcopy(chat.info)
        own = sender_chat["id"] == chat.id
        return copy.deepcopy(ANONYMOUS_ADMIN if own else CHANNEL_SENDER), sender_chat

    def _command_entities(self, text: str, key: str) -> dict[str, list[dict]]:
        match = _BOT_COMMAND.match(text)
        if match is None:
            return {}
        return {key: [{"type": "bot_command", "offset": 0, "length": utf16_len(match[0])}]}

    @staticmethod
    def _message_update_kind(chat: ChatState) -> str:
        return "channel_post" if chat.type == "channel" else "message"

    def _bot_sees(self, chat: ChatState, message: dict) -> bool:
        """Whether Telegram would deliver this message to the bot (membership, privacy mode)."""
        if chat.type == "private":
            return True
        if chat.bot_status not in ("administrator", "member"):
            return False
        sender = message.get("from", {})
        if sender.get("is_bot") and sender["id"] not in PLACEHOLDER_SENDERS:
            return False
        if chat.type == "channel":
            return chat.bot_status == "administrator"
        if chat.can_read_all or set(message) & set(SERVICE_FIELDS):
            return True
        text = message.get("text", message.get("caption", ""))
        command = _BOT_COMMAND.match(text)
        if command and (command[1] is None or command[1].lower() == self.bot_username.lower()):
            return True
        replied = message.get("reply_to_message", {}).get("from", {}).get("id")
        return replied == self.bot_id or f"@{self.bot_username}".lower() in text.lower()

    def _enqueue_my_chat_member(self, chat: ChatState, user: dict, old: str, new: str) -> dict:
        update = {
            "my_chat_member": {
                "chat": copy.deepcopy(chat.info),
                "from": copy.deepcopy(user),
                "date": int(time.time()),
                "old_chat_member": self.member_object(chat, self.bot_id, old),
                "new_chat_member": self.member_object(chat, self.bot_id, new),
            }
        }
        update["update_id"] = self.enqueue_raw(update)
        return update
