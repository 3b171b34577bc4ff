"""Spam at intake: a post by a member not yet trusted is judged before it can
become an appeal; sure spam is removed, kept, and shown to the staff in one
line; the classifier is trained in the background from the seed set and the
moderators' decisions, and stored with the database.

Nothing of a resident's is lost here: a removed post's text stays in the
database and "Not spam" makes it the appeal it would have been.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from aiogram.types import Message

from bot.config import ChatSettings, Settings
from bot.intake.classify import Content
from bot.intake.drafts import post_facts
from bot.intake.spam.checks import Post
from bot.intake.spam.line import line_keyboard, line_text
from bot.intake.spam.model import Example, SpamModel, seed_examples, train
from bot.intake.spam.verdict import Outcome, Verdict, judge_from_settings
from bot.tasks import cancel_and_wait
from bot.texts import Texts
from storage.models import Outgoing
from storage.spam import SpamDraft, SpamPost, SpamRepository

log = logging.getLogger(__name__)

# Retrain after this many new moderator decisions at most, and wait this long
# for more to arrive (a moderator cleaning up presses several times in a row).
RETRAIN_DELAY_SECONDS = 30.0
_NO_RIGHTS = {
    name: False
    for name in (
        "can_send_messages",
        "can_send_audios",
        "can_send_documents",
        "can_send_photos",
        "can_send_videos",
        "can_send_video_notes",
        "can_send_voice_notes",
        "can_send_polls",
        "can_send_other_messages",
        "can_add_web_page_previews",
    )
}
_ALL_RIGHTS = dict.fromkeys(_NO_RIGHTS, True)


def post_of(message: Message, text: str) -> Post:
    """What the checks see of a message: its text, the URLs Telegram marked up
    (a text link hides its URL behind a word), a forward from a channel, a contact."""
    entities = [*(message.entities or ()), *(message.caption_entities or ())]
    urls = [e.url for e in entities if e.type == "text_link" and e.url]
    origin = message.forward_origin
    forwarded = (origin is not None and origin.type == "channel") or (
        message.forward_from_chat is not None and message.forward_from_chat.type == "channel"
    )
    return Post(text, urls, forwarded, message.contact is not None)


class SpamGuard:
    def __init__(
        self,
        settings: Settings,
        repo: SpamRepository,
        texts: Texts,
        wake_delivery: Callable[[], None],
    ) -> None:
        self.settings = settings
        self.repo = repo
        self.texts = texts
        self.judge = judge_from_settings(settings.spam)
        self.wake_delivery = wake_delivery
        self._training: asyncio.Task[None] | None = None
        # How many labelled examples the current model learnt from.
        self._trained_on = -1

    @property
    def enabled(self) -> bool:
        return self.settings.spam.enabled

    # ---- the model -----------------------------------------------------------------

    async def start(self) -> None:
        """Load the stored model, or train one, in the background: polling starts
        at once, and posts meanwhile are judged by the checks alone (which
        never remove)."""
        if self.enabled:
            self._training = asyncio.create_task(self._load_or_train())

    async def _load_or_train(self) -> None:
        try:
            stored = await self.repo.load_model()
            if stored is not None and stored[1] == await self._example_count():
                # Reading it back imports scikit-learn: seconds, in a worker thread.
                model = await asyncio.to_thread(SpamModel.load, stored[0])
                if model is not None:
                    self.judge.model = model
                    self._trained_on = stored[1]
                    log.info("spam classifier loaded (%d examples)", stored[1])
                    return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("stored spam classifier unreadable; training a new one")
        await self._retrain(0)

    async def stop(self) -> None:
        await cancel_and_wait(self._training)

    def retrain_soon(self, delay: float = RETRAIN_DELAY_SECONDS) -> None:
        if self._training is not None and not self._training.done():
            return
        self._training = asyncio.create_task(self._retrain(delay))

    async def training_done(self) -> None:
        """Wait for a training under way (tests, shutdown)."""
        if self._training is not None:
            await asyncio.shield(self._training)

    async def _example_count(self) -> int:
        return len(seed_examples()) + await self.repo.count_examples()

    async def _retrain(self, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            taught = [
                Example(p.text, p.spam, p.forwarded, p.contact) for p in await self.repo.examples()
            ]
            examples = [*seed_examples(), *taught]
            model = await asyncio.to_thread(train, examples, self.judge.checks)
            data = await asyncio.to_thread(model.to_bytes)
            await self.repo.save_model(data, len(examples))
            self.judge.model = model
            self._trained_on = len(examples)
            log.info(
                "spam classifier trained on %d examples (%d from moderators)",
                len(examples),
                len(taught),
            )
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("spam classifier training failed; the checks alone judge meanwhile")

    # ---- posts ---------------------------------------------------------------------

    async def screen(self, message: Message, text: str) -> Verdict | None:
        """The verdict on a resident's post, or None when it is not checked
        (spam checks off). A trusted member meets only the repeat check."""
        if not self.enabled or message.from_user is None:
            return None
        trusted = await self.repo.is_trusted(message.from_user.id)
        if self._trained_on >= 0 and await self._example_count() != self._trained_on:
            self.retrain_soon()  # moderators decided since: learn from them
        post = post_of(message, text)
        if self.judge.model is None:
            return self.judge.judge(post, trusted=trusted)
        # The classifier takes a few milliseconds: not on the event loop.
        return await asyncio.to_thread(self.judge.judge, post, trusted=trusted)

    async def remove(
        self,
        message: Message,
        chat: ChatSettings,
        content: Content,
        verdict: Verdict,
        update_id: int | None = None,
    ) -> int | None:
        """Keep the post, and queue its removal, the author's restriction and the
        staff's line, in one transaction. None if it was handled already."""
        user = message.from_user
        assert user is not None
        text = content.text
        post = post_of(message, text)
        draft = SpamDraft(
            chat_key=chat.key,
            **post_facts(message, content, message.date).kept(),
            forwarded=post.forwarded_from_channel,
            contact=post.has_contact,
            reasons=tuple(str(r) for r in verdict.reasons),
            probability=verdict.probability,
        )

        def deliver(spam_id: int) -> list[Outgoing]:
            shown = SpamPost(
                **{f: getattr(draft, f) for f in SpamDraft.__dataclass_fields__}, id=spam_id
            )
            out = [Outgoing.send("deleteMessage", draft.chat_id, {"message_id": draft.message_id})]
            out += self.restrict(user.id, lift=False)
            out.append(self.line(shown))
            return out

        spam_id = await self.repo.record(draft, deliver)
        self.judge.learn_spam(text)
        if spam_id is not None:
            self.wake_delivery()
        log.info(
            "update %s: %s message %s by user %s removed as spam #%s (%s)",
            update_id,
            chat.key,
            message.message_id,
            user.id,
            spam_id if spam_id is not None else "already",
            ", ".join(draft.reasons),
        )
        return spam_id

    def restrict(self, user_id: int, *, lift: bool) -> list[Outgoing]:
        """Restrict the author in every resident chat (a spammer tries them all),
        or lift it; the configured ``action`` decides how."""
        action = self.settings.spam.action
        if action == "none":
            return []
        out = []
        for chat in self.settings.chats:
            if action == "ban":
                method, params = (
                    ("unbanChatMember", {"user_id": user_id, "only_if_banned": True})
                    if lift
                    else ("banChatMember", {"user_id": user_id})
                )
            else:
                method = "restrictChatMember"
                params = {"user_id": user_id, "permissions": _ALL_RIGHTS if lift else _NO_RIGHTS}
            out.append(Outgoing.send(method, chat.chat_id, params))
        return out

    def unban(self, user_id: int) -> list[Outgoing]:
        """Lift a ban a moderator gave with 🔨, in every resident chat."""
        return [
            Outgoing.send(
                "unbanChatMember", chat.chat_id, {"user_id": user_id, "only_if_banned": True}
            )
            for chat in self.settings.chats
        ]

    def line(
        self, post: SpamPost, *, edit_message_id: int | None = None, code: str = "—"
    ) -> Outgoing:
        """The staff's line about ``post`` (new, or an edit of the one sent)."""
        params: dict = {"text": line_text(self.settings, self.texts, post, code)}
        keyboard = line_keyboard(self.settings, self.texts, post)
        if keyboard is not None:
            params["reply_markup"] = keyboard.model_dump(exclude_none=True)
        if edit_message_id is None:
            return Outgoing.send("sendMessage", self.settings.staff.chat_id, params)
        params["message_id"] = edit_message_id
        return Outgoing.send("editMessageText", self.settings.staff.chat_id, params)

    # ---- what the desk learns --------------------------------------------------------

    async def genuine(self, user_id: int, verdict: Verdict | None) -> None:
        """A checked post became an appeal: one step towards trust."""
        if verdict is None or verdict.outcome is not Outcome.GENUINE:
            return
        if await self.repo.checked_genuine(user_id, self.settings.spam.checked_posts):
            log.info("user %s trusted after genuine appeals", user_id)


def spam_signs(verdict: Verdict | None) -> dict[str, object]:
    """What an unsure verdict puts on the appeal (its card says why it looks like spam)."""
    if verdict is None or verdict.outcome is not Outcome.UNSURE:
        return {}
    return {
        "spam_signs": tuple(str(r) for r in verdict.reasons),
        "spam_probability": verdict.probability,
    }
