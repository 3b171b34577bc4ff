"""The implemented Bot API methods: the method table, updates, bot settings, chats and
members (messages are in messages_api)."""

from __future__ import annotations

import copy
import inspect
import json
import re
import time
from collections.abc import Callable
from typing import Any

from bot.sandbox.messages_api import MessageMethods
from bot.sandbox.params import Params
from bot.sandbox.people import World
from bot.sandbox.protocol import (
    CHAT_ACTIONS,
    CONFLICT,
    MAX_POLL_TIMEOUT,
    RESTRICTED_MEMBER_FIELDS,
    TelegramError,
    bad_request,
)
from bot.sandbox.state import ChatState
from bot.sandbox.validate import Validate


class BotApi(MessageMethods):
    """The implemented Bot API methods, working on a ``World`` with Telegram's validation."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.closing = False
        self._poll_generation = 0
        self._waiting_poll: int | None = None
        handlers: dict[str, Callable[[Params], Any]] = {
            "getMe": self.get_me,
            "getUpdates": self.get_updates,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "setMyCommands": self.set_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "getMyCommands": self.get_my_commands,
            "getChat": self.get_chat,
            "getChatMember": self.get_chat_member,
            "getChatAdministrators": self.get_chat_administrators,
            "sendMessage": self.send_message,
            "sendPhoto": self.send_photo,
            "sendDocument": self.send_document,
            "sendVideo": self.send_video,
            "sendVoice": self.send_voice,
            "copyMessage": self.copy_message,
            "forwardMessage": self.forward_message,
            "editMessageText": self.edit_message_text,
            "editMessageCaption": self.edit_message_caption,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "pinChatMessage": self.pin_chat_message,
            "answerCallbackQuery": self.answer_callback_query,
            "setMessageReaction": self.set_message_reaction,
            "banChatMember": self.ban_chat_member,
            "unbanChatMember": self.unban_chat_member,
            "restrictChatMember": self.restrict_chat_member,
            "sendChatAction": self.send_chat_action,
        }
        self.handlers = {name.lower(): (name, handler) for name, handler in handlers.items()}

    @property
    def polling(self) -> bool:
        return self._waiting_poll is not None

    def canonical(self, name: str) -> str | None:
        """The camelCase name of an implemented method (Telegram matches case-insensitively)."""
        entry = self.handlers.get(name.lower())
        return entry[0] if entry else None

    async def call(self, method: str, params: Params) -> Any:
        result = self.handlers[method.lower()][1](params)
        if inspect.isawaitable(result):
            result = await result
        return result

    def get_me(self, params: Params) -> dict:
        return {
            **self.world.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.world.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def get_updates(self, params: Params) -> list[dict]:
        queue = self.world.updates
        offset = params.integer("offset", default=0)
        limit = min(max(params.integer("limit", default=100), 1), 100)
        timeout = min(max(params.integer("timeout", default=0), 0), MAX_POLL_TIMEOUT)
        allowed = params.json("allowed_updates", "allowed updates")
        if allowed is not None:
            if not isinstance(allowed, list) or not all(isinstance(k, str) for k in allowed):
                raise bad_request("can't parse allowed updates JSON object")
            queue.allowed = frozenset(allowed) or None  # remembered, like Telegram
        self._poll_generation += 1
        generation = self._poll_generation
        queue.notify()  # an earlier long poll wakes up and finds itself terminated
        queue.confirm(offset)
        deadline = time.monotonic() + timeout
        try:
            while True:
                if generation != self._poll_generation:
                    raise TelegramError(409, CONFLICT)
                batch = queue.take(limit)
                remaining = deadline - time.monotonic()
                if batch or remaining <= 0 or self.closing:
                    return batch
                self._waiting_poll = generation
                await queue.wait(remaining)
        finally:
            if self._waiting_poll == generation:
                self._waiting_poll = None

    def delete_webhook(self, params: Params) -> bool:
        if params.boolean("drop_pending_updates"):
            self.world.updates.clear()
        return True

    def get_webhook_info(self, params: Params) -> dict:
        return {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": self.world.pending_updates,
        }

    def _commands_key(self, params: Params) -> tuple[str, str]:
        scope = Validate.command_scope(params)
        if "chat_id" in scope:
            self._chat_ref(scope["chat_id"])
        language = params.string("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad_request("invalid language code specified")
        return json.dumps(scope, sort_keys=True), language

    def set_my_commands(self, params: Params) -> bool:
        commands = Validate.commands(params)
        key = self._commands_key(params)
        if commands:
            self.world.commands[key] = commands
        else:
            self.world.commands.pop(key, None)
        return True

    def delete_my_commands(self, params: Params) -> bool:
        self.world.commands.pop(self._commands_key(params), None)
        return True

    def get_my_commands(self, params: Params) -> list[dict]:
        return copy.deepcopy(self.world.commands.get(self._commands_key(params), []))

    def get_chat(self, params: Params) -> dict:
        chat = self._chat(params)
        pinned = chat.messages.get(chat.pinned[-1]) if chat.pinned else None
        return {
            **copy.deepcopy(chat.info),
            **({"pinned_message": copy.deepcopy(pinned)} if pinned else {}),
            "accent_color_id": chat.id % 7,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def get_chat_member(self, params: Params) -> dict:
        chat = self._chat(params)
        user_id = self._user_id(params)
        if user_id == self.world.bot_id:
            status = "member" if chat.type == "private" else chat.bot_status
        elif chat.type == "private":
            status = "member" if user_id == chat.id else "left"
        else:
            status = chat.members.get(user_id, "left")
        return self.world.member_object(chat, user_id, status)

    def get_chat_administrators(self, params: Params) -> list[dict]:
        chat = self._chat(params)
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        admins = [
            self.world.member_object(chat, user_id, status)
            for user_id, status in chat.members.items()
            if status in ("creator", "administrator")
        ]
        if chat.bot_status == "administrator":
            admins.append(self.world.member_object(chat, self.world.bot_id, "administrator"))
        return admins

    def ban_chat_member(self, params: Params) -> bool:
        chat, user_id = self._restrictable(params)
        params.boolean("revoke_messages")
        params.integer("until_date")
        chat.members[user_id] = "kicked"
        chat.banned.add(user_id)
        return True

    def unban_chat_member(self, params: Params) -> bool:
        chat, user_id = self._restrictable(params)
        if params.boolean("only_if_banned") and user_id not in chat.banned:
            return True
        chat.banned.discard(user_id)
        if chat.members.get(user_id) in ("kicked", "member", "restricted"):
            chat.members[user_id] = "left"  # unbanning a member removes them, like Telegram
        return True

    def restrict_chat_member(self, params: Params) -> bool:
        chat, user_id = self._restrictable(params)
        if chat.type != "supergroup":
            raise bad_request("method is available only for supergroups")
        permissions = params.json("permissions", "permissions")
        if not isinstance(permissions, dict):
            raise bad_request("can't parse permissions JSON object")
        unknown = set(permissions) - set(RESTRICTED_MEMBER_FIELDS)
        if unknown:
            raise bad_request(f"unknown permission {sorted(unknown)[0]}")
        params.integer("until_date")
        params.boolean("use_independent_chat_permissions")
        if all(permissions.values()):
            chat.restricted.pop(user_id, None)
            if chat.members.get(user_id) == "restricted":
                chat.members[user_id] = "member"
        else:
            chat.restricted[user_id] = dict(permissions)
            if chat.members.get(user_id) not in ("kicked", "left"):
                chat.members[user_id] = "restricted"
        return True

    def _restrictable(self, params: Params) -> tuple[ChatState, int]:
        chat = self._chat(params)
        if chat.type == "private":
            raise bad_request("chat member status can't be changed in private chats")
        user_id = self._user_id(params)
        if not chat.bot_has_right("can_restrict_members"):
            raise bad_request("not enough rights to restrict/unrestrict chat member")
        if user_id == self.world.bot_id:
            raise bad_request("can't restrict self")
        status = chat.members.get(user_id)
        if status == "creator":
            raise bad_request("can't remove chat owner")
        if status == "administrator":
            raise bad_request("user is an administrator of the chat")
        return chat, user_id

    def send_chat_action(self, params: Params) -> bool:
        chat = self._writable_chat(params)
        if params.string("action", required=True) not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self._thread(params, chat, None)
        return True
