"""The Bot API methods that make, change and remove messages, with Telegram's checks."""

from __future__ import annotations

import copy
import math
import time
from typing import Any

from bot.sandbox.params import Params, Upload, parse_chat_ref
from bot.sandbox.people import World
from bot.sandbox.protocol import (
    CALLBACK_ANSWER_LIMIT,
    CAPTIONED_MEDIA,
    CONTENT_FIELDS,
    DELETE_WINDOW,
    NOT_MODIFIED,
    QUERY_INVALID,
    UNDELETABLE_SERVICE,
    bad_request,
    forbidden,
    too_many_requests,
    utf16_len,
)
from bot.sandbox.state import ChatState
from bot.sandbox.validate import Validate


class ChatLookup:
    """Finding the chat and user a request names, with Telegram's errors."""

    world: World

    def _chat(self, params: Params) -> ChatState:
        return self._chat_ref(params.chat_ref())

    def _chat_ref(self, ref: int | str) -> ChatState:
        """The chat, if the bot can act in it; otherwise Telegram's 400/403."""
        chat = self.world.find_chat(ref)
        if chat is None:
            user = self.world.users.get(ref) if isinstance(ref, int) else None
            if user and user["is_bot"]:
                raise forbidden("bot can't send messages to bots")
            if user:
                raise forbidden("bot can't initiate conversation with a user")
            raise bad_request("chat not found")
        if chat.type == "private":
            if chat.blocked:
                raise forbidden("bot was blocked by the user")
            if not chat.started:
                raise forbidden("bot can't initiate conversation with a user")
        elif chat.bot_status == "absent":
            raise bad_request("chat not found")
        elif chat.bot_status == "kicked":
            raise forbidden(f"bot was kicked from the {chat.type} chat")
        elif chat.bot_status == "left":
            raise forbidden(f"bot is not a member of the {chat.type} chat")
        return chat

    def _writable_chat(self, params: Params) -> ChatState:
        chat = self._chat(params)
        if chat.type == "channel" and not chat.bot_has_right("can_post_messages"):
            raise bad_request("need administrator rights in the channel chat")
        return chat

    def _user_id(self, params: Params) -> int:
        user_id = params.integer("user_id")
        if user_id is None or user_id <= 0:
            raise bad_request("invalid user_id specified")
        if user_id != self.world.bot_id and user_id not in self.world.users:
            raise bad_request("user not found")
        return user_id


class MessageMethods(ChatLookup):
    """The Bot API methods that send, edit, delete and react to messages."""

    def send_message(self, params: Params) -> dict:
        chat = self._writable_chat(params)
        text, entities = Validate.formatted_text(params, "text", "entities", caption=False)
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        return self._deliver(params, chat, content)

    def send_photo(self, params: Params) -> dict:
        return self._send_media(params, "photo")

    def send_document(self, params: Params) -> dict:
        return self._send_media(params, "document")

    def send_video(self, params: Params) -> dict:
        return self._send_media(params, "video")

    def send_voice(self, params: Params) -> dict:
        return self._send_media(params, "voice")

    def _send_media(self, params: Params, kind: str) -> dict:
        chat = self._writable_chat(params)
        content = {kind: self._media(params, kind), **self._caption(params)}
        if params.boolean("has_spoiler"):
            content["has_media_spoiler"] = True
        return self._deliver(params, chat, content)

    def copy_message(self, params: Params) -> dict:
        chat = self._writable_chat(params)
        source = self._source_message(params, "copy")
        content = {k: copy.deepcopy(v) for k, v in source.items() if k in CONTENT_FIELDS}
        if not content:
            raise bad_request("message can't be copied")
        if "caption" in params and set(content) & set(CAPTIONED_MEDIA):
            content.pop("caption", None)
            content.pop("caption_entities", None)
            content.update(self._caption(params))
        message = self._deliver(params, chat, content)
        return {"message_id": message["message_id"]}

    def forward_message(self, params: Params) -> dict:
        chat = self._writable_chat(params)
        source = self._source_message(params, "forward")
        content = {k: copy.deepcopy(v) for k, v in source.items() if k in CONTENT_FIELDS}
        if not content:
            raise bad_request("message can't be forwarded")
        content["forward_origin"] = self.world.origin_of(source)
        return self._deliver(params, chat, content, replies=False)

    def _source_message(self, params: Params, verb: str) -> dict:
        source_chat = self._chat_ref(params.chat_ref("from_chat_id"))
        source = source_chat.messages.get(params.message_id())
        if source is None:
            raise bad_request(f"message to {verb} not found")
        if source.get("has_protected_content"):
            raise bad_request(f"message can't be {'copied' if verb == 'copy' else 'forwarded'}")
        return source

    def _caption(self, params: Params) -> dict[str, Any]:
        caption, entities = Validate.formatted_text(
            params, "caption", "caption_entities", caption=True
        )
        content: dict[str, Any] = {}
        if caption:
            content["caption"] = caption
        if entities:
            content["caption_entities"] = entities
        return content

    def _media(self, params: Params, kind: str) -> Any:
        value = params.file(kind)
        if value is None:
            raise bad_request(f"there is no {kind} in the request")
        if isinstance(value, Upload):
            if not value.data:
                raise bad_request("file must be non-empty")
            if kind == "photo":
                Validate.photo(value.data)
            media = self.world.issue_file(kind, value)
            self.world.uploads[(media[-1] if kind == "photo" else media)["file_id"]] = value.data
            return media
        known = self.world.files.get(value.strip())
        if known is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if known[0] != kind:
            raise bad_request("type of file mismatch")
        return copy.deepcopy(known[1])

    def _deliver(
        self, params: Params, chat: ChatState, content: dict, *, replies: bool = True
    ) -> dict:
        """Common tail of every send: reply target, thread, keyboard, flood limit, storing."""
        for flag in ("disable_notification", "allow_paid_broadcast"):
            params.boolean(flag)
        reply_to, external = self._reply_target(params, chat) if replies else (None, None)
        thread_id = self._thread(params, chat, reply_to)
        markup = Validate.reply_markup(params)
        if params.boolean("protect_content"):
            content["has_protected_content"] = True
        if external is not None:
            content["external_reply"] = external
        if markup is not None:
            content["reply_markup"] = markup
        self._check_flood(chat)
        message = self.world.new_bot_message(chat, content, reply_to=reply_to, thread_id=thread_id)
        if chat.is_group:
            chat.recent_sends.append(time.monotonic())
        return copy.deepcopy(message)

    def _reply_target(self, params: Params, chat: ChatState) -> tuple[dict | None, dict | None]:
        """(message replied to in this chat, external_reply info for another chat)."""
        reply = params.json("reply_parameters", "reply parameters")
        if reply is None:
            message_id = params.integer("reply_to_message_id")
            if not message_id:
                return None, None
            reply = {
                "message_id": message_id,
                "allow_sending_without_reply": params.boolean("allow_sending_without_reply"),
            }
        if not isinstance(reply, dict) or not isinstance(reply.get("message_id"), int):
            raise bad_request("can't parse reply parameters JSON object")
        target_chat = chat
        if reply.get("chat_id") not in (None, chat.id):
            target_chat = self._chat_ref(parse_chat_ref(reply["chat_id"]))
        target = target_chat.messages.get(reply["message_id"])
        if target is None:
            if reply.get("allow_sending_without_reply") is True:
                return None, None
            raise bad_request("message to be replied not found")
        quote = reply.get("quote")
        if quote is not None and quote not in target.get("text", target.get("caption", "")):
            raise bad_request("QUOTE_TEXT_INVALID")
        if target_chat is not chat:
            external = {
                "origin": self.world.origin_of(target),
                "chat": copy.deepcopy(target_chat.info),
                "message_id": target["message_id"],
            }
            return None, external
        return target, None

    def _thread(self, params: Params, chat: ChatState, reply_to: dict | None) -> int | None:
        thread_id = params.integer("message_thread_id")
        if not chat.is_forum:
            return None  # outside forums Telegram does not put the message in a topic
        if thread_id is None:
            return reply_to.get("message_thread_id") if reply_to else None
        if thread_id not in chat.threads:
            raise bad_request("message thread not found")
        return thread_id

    def _check_flood(self, chat: ChatState) -> None:
        limit = self.world.group_rate_limit
        if limit is None or not chat.is_group:
            return
        now = time.monotonic()
        window = self.world.group_rate_window
        while chat.recent_sends and chat.recent_sends[0] <= now - window:
            chat.recent_sends.popleft()
        if len(chat.recent_sends) >= limit:
            raise too_many_requests(max(1, math.ceil(chat.recent_sends[0] + window - now)))

    def edit_message_text(self, params: Params) -> dict:
        message = self._editable(params)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        text, entities = Validate.formatted_text(params, "text", "entities", caption=False)
        changes = {
            "text": text,
            "entities": entities or None,
            "reply_markup": Validate.reply_markup(params, inline_only=True),
        }
        return self._apply_edit(message, changes)

    def edit_message_caption(self, params: Params) -> dict:
        message = self._editable(params)
        if not set(message) & set(CAPTIONED_MEDIA):
            raise bad_request("there is no caption in the message to edit")
        caption = self._caption(params)
        changes = {
            "caption": caption.get("caption"),
            "caption_entities": caption.get("caption_entities"),
            "reply_markup": Validate.reply_markup(params, inline_only=True),
        }
        return self._apply_edit(message, changes)

    def edit_message_reply_markup(self, params: Params) -> dict:
        message = self._editable(params)
        changes = {"reply_markup": Validate.reply_markup(params, inline_only=True)}
        return self._apply_edit(message, changes)

    def _editable(self, params: Params) -> dict:
        chat = self._chat(params)
        message = chat.messages.get(params.message_id())
        if message is None:
            raise bad_request("message to edit not found")
        if message["message_id"] not in chat.bot_message_ids:
            raise bad_request("message can't be edited")
        return message

    @staticmethod
    def _apply_edit(message: dict, changes: dict[str, Any]) -> dict:
        """Apply ``changes`` (None removes a field); omitted reply_markup removes the keyboard."""
        if all(message.get(key) == value for key, value in changes.items()):
            raise bad_request(NOT_MODIFIED)
        for key, value in changes.items():
            if value is None:
                message.pop(key, None)
            else:
                message[key] = value
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def pin_chat_message(self, params: Params) -> bool:
        """Pin a message as Telegram does: any in a private chat; in a group only as an
        administrator with can_pin_messages (every administrator of a basic group). A
        group gets the "pinned" service message, from the bot, which bots are not sent."""
        chat = self._chat(params)
        message_id = params.message_id()
        params.boolean("disable_notification")
        if chat.type != "private" and not chat.bot_has_right(
            "can_edit_messages" if chat.type == "channel" else "can_pin_messages"
        ):
            raise bad_request("not enough rights to manage pinned messages in the chat")
        message = chat.messages.get(message_id)
        if message is None:
            raise bad_request("message to pin not found")
        if message_id in chat.pinned:
            chat.pinned.remove(message_id)
        chat.pinned.append(message_id)
        if chat.is_group:
            pinned = {k: copy.deepcopy(v) for k, v in message.items() if k != "reply_to_message"}
            service = self.world._new_message(chat, self.world.bot_user, {"pinned_message": pinned})
            chat.bot_message_ids.add(service["message_id"])
        return True

    def delete_message(self, params: Params) -> bool:
        chat = self._chat(params)
        message_id = params.message_id()
        message = chat.messages.get(message_id)
        if message is None:
            raise bad_request("message to delete not found")
        if not self._can_delete(chat, message):
            raise bad_request("message can't be deleted")
        del chat.messages[message_id]
        chat.reactions.pop(message_id, None)
        return True

    def _can_delete(self, chat: ChatState, message: dict) -> bool:
        """The rules listed in the Bot API documentation of deleteMessage."""
        if time.time() - message["date"] > DELETE_WINDOW:
            return False
        if set(message) & set(UNDELETABLE_SERVICE):
            return False
        own = message["message_id"] in chat.bot_message_ids
        if chat.type == "private":
            return True
        if chat.type == "group":
            return own or chat.bot_status == "administrator"
        if chat.type == "channel" and own:
            return chat.bot_has_right("can_post_messages")
        return own or chat.bot_has_right("can_delete_messages")

    def answer_callback_query(self, params: Params) -> bool:
        query_id = params.string("callback_query_id", required=True)
        answers = self.world.callback_answers
        if query_id not in answers or answers[query_id] is not None:  # unknown or answered
            raise bad_request(QUERY_INVALID)
        text = params.string("text") or ""
        if utf16_len(text) > CALLBACK_ANSWER_LIMIT:
            raise bad_request("MESSAGE_TOO_LONG")
        answers[query_id] = {
            "text": text or None,
            "show_alert": params.boolean("show_alert"),
            "url": params.string("url"),
            "cache_time": params.integer("cache_time", default=0),
        }
        return True

    def set_message_reaction(self, params: Params) -> bool:
        chat = self._chat(params)
        message_id = params.message_id()
        if message_id not in chat.messages:
            raise bad_request("message to react not found")
        reaction = Validate.reaction(params)
        params.boolean("is_big")
        if reaction:
            chat.reactions[message_id] = reaction
        else:
            chat.reactions.pop(message_id, None)
        return True
