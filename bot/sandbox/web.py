"""The demo's web page: the visitor's Telegram client for the sandbox.

Plain HTML, CSS and a little JavaScript (``static/``) over a small JSON API; the page hears of
changes through server-sent events and fetches the chats that changed. It is for one visitor
on this machine: it listens on 127.0.0.1 only, answers only requests addressed to that host
(a web page elsewhere cannot reach it through DNS tricks) and takes actions only as JSON
(a cross-site form cannot post them)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.sandbox import cast
from bot.sandbox.protocol import Call
from bot.sandbox.render import page_chat
from bot.sandbox.server import FakeTelegram
from bot.texts import LOCALES, Texts

log = logging.getLogger(__name__)

STATIC = Path(__file__).with_name("static")
STATIC_FILES = {
    "demo.css": "text/css",
    "demo.js": "text/javascript",
    "messages.js": "text/javascript",
}
IMAGES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif"}
PRESS_ANSWER_WAIT = 5.0
HEARTBEAT = 15.0


class ChangeFeed:
    """Which chats changed, by a version number the page's event stream follows."""

    def __init__(self) -> None:
        self.version = 0
        self.chats: dict[int, int] = {}  # chat id -> version of its last change
        self._signal = asyncio.Event()

    def touch(self, chat_id: int) -> None:
        self.version += 1
        self.chats[chat_id] = self.version
        self._signal.set()
        self._signal = asyncio.Event()

    def since(self, version: int) -> list[int]:
        return [chat_id for chat_id, changed in self.chats.items() if changed > version]

    async def wait(self, timeout: float) -> None:  # noqa: ASYNC109 a heartbeat's pause
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._signal.wait(), timeout)

    def wake(self) -> None:
        self._signal.set()


class DemoPage:
    """The aiohttp application serving the page and its API on 127.0.0.1."""

    def __init__(self, fake: FakeTelegram, texts: Texts) -> None:
        self.fake = fake
        self.texts = texts
        self.feed = ChangeFeed()
        self.answers = ChangeFeed()  # callback queries answered
        self.closing = False
        self.port = 0
        self._runner: web.AppRunner | None = None
        fake.observers.append(self._observe)

    def _observe(self, call: Call) -> None:
        chat_ref = call.params.get("chat_id")
        chat = self.fake.find_chat(chat_ref) if isinstance(chat_ref, int | str) else None
        if call.ok and chat is not None:
            self.feed.touch(chat.id)
        if call.method == "answerCallbackQuery":
            self.answers.touch(0)

    async def start(self, port: int) -> None:
        app = web.Application(middlewares=[self._local_only], client_max_size=16 * 1024 * 1024)
        app.router.add_get("/", self._index)
        app.router.add_get("/static/{name}", self._static)
        app.router.add_get("/file/{file_id}", self._file)
        app.router.add_get("/api/setup", self._setup)
        app.router.add_get("/api/chat/{chat_id}", self._chat)
        app.router.add_get("/api/events", self._events)
        app.router.add_post("/api/post", self._post)
        app.router.add_post("/api/press", self._press)
        app.router.add_post("/api/language", self._language)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port, reuse_address=True)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        self.closing = True
        self.feed.wake()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @web.middleware
    async def _local_only(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.host not in (f"127.0.0.1:{self.port}", f"localhost:{self.port}"):
            raise web.HTTPForbidden(text="the demo answers on 127.0.0.1 only")
        if request.method == "POST" and request.content_type not in (
            "application/json",
            "multipart/form-data",
        ):
            raise web.HTTPUnsupportedMediaType(text="JSON only")
        # Only the page's own script sends a photo; it says so in a header a form cannot set.
        if request.content_type == "multipart/form-data" and request.headers.get("X-Demo") != "1":
            raise web.HTTPForbidden(text="uploads come from the demo page only")
        return await handler(request)

    # -- the page ------------------------------------------------------------------------------

    async def _index(self, request: web.Request) -> web.Response:
        page = (STATIC / "index.html").read_text(encoding="utf-8")
        return web.Response(text=page, content_type="text/html")

    async def _static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC_FILES:
            raise web.HTTPNotFound()
        body = (STATIC / name).read_text(encoding="utf-8")
        return web.Response(text=body, content_type=STATIC_FILES[name])

    async def _file(self, request: web.Request) -> web.Response:
        known = self.fake.files.get(request.match_info["file_id"])
        if known is None or known[0] != "photo":
            raise web.HTTPNotFound()
        data = self.fake.uploads.get(known[1][-1]["file_id"]) or b""
        image = next((type_ for magic, type_ in IMAGES.items() if data.startswith(magic)), None)
        if image is None:
            raise web.HTTPNotFound()  # the page shows photos only, and only real images
        return web.Response(
            body=data, content_type=image, headers={"X-Content-Type-Options": "nosniff"}
        )

    async def _setup(self, request: web.Request) -> web.Response:
        lang = request.query.get("lang", "ru")
        lang = lang if lang in LOCALES else "ru"
        strings = {
            key: self.texts.plain(lang, key, name="{name}")  # the page fills in the name
            for key in sorted(self.texts.keys(lang))
            if key.startswith("demo-")
        }
        chats = [{"id": c.chat_id, "key": c.key, "title": c.title} for c in cast.CHATS]
        people = [
            {"id": p.user_id, "name": p.name, "role": p.role, "language": p.language}
            for p in cast.PEOPLE
        ]
        return web.json_response(
            {
                "lang": lang,
                "locales": list(LOCALES),
                "strings": strings,
                "bot": {
                    "name": self.fake.bot_user["first_name"],
                    "username": self.fake.bot_username,
                },
                "chats": chats,
                "people": people,
            }
        )

    async def _chat(self, request: web.Request) -> web.Response:
        chat_id = _int(request.match_info["chat_id"])
        lang = request.query.get("lang", "")
        return web.json_response(
            {
                "chat_id": chat_id,
                "opened": chat_id in self.fake.chats,
                "messages": page_chat(self.fake, chat_id),
                "commands": self._commands(chat_id, lang),
            }
        )

    def _commands(self, chat_id: int, lang: str) -> list[dict[str, str]]:
        """The command menu Telegram would show in this chat."""
        if chat_id > 0:
            scopes = [{"type": "chat", "chat_id": chat_id}, {"type": "all_private_chats"}]
        elif chat_id == cast.STAFF_CHAT:
            scopes = [{"type": "chat", "chat_id": chat_id}]
        else:
            return []
        for scope in scopes:
            for language in (lang, ""):
                found = self.fake.my_commands(scope, language)
                if found:
                    return found
        return []

    async def _events(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        await response.prepare(request)
        seen = self.feed.version
        await response.write(b"retry: 1000\n\n")
        while not self.closing:
            await self.feed.wait(HEARTBEAT)
            await asyncio.sleep(0.05)  # a burst of changes becomes one event
            changed = self.feed.since(seen)
            seen = self.feed.version
            data = json.dumps({"chats": changed}) if changed else None
            try:
                await response.write(f"data: {data}\n\n".encode() if data else b": idle\n\n")
            except (ConnectionResetError, RuntimeError):
                break
        return response

    # -- what the visitor does -----------------------------------------------------------------

    async def _post(self, request: web.Request) -> web.Response:
        photo: bytes | None = None
        if request.content_type == "multipart/form-data":
            form = await request.post()
            upload = form.get("photo")
            if isinstance(upload, web.FileField):
                photo = upload.file.read()
            body: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
        else:
            body = await _json(request)
        chat_id, user_id = _int(body.get("chat_id")), _int(body.get("user_id"))
        text = str(body.get("text") or "").strip()
        reply_to = _int(body["reply_to"]) if body.get("reply_to") else None
        if not text and photo is None:
            raise web.HTTPBadRequest(text="nothing to send")
        try:
            if photo is not None:
                message = self.fake.post(
                    chat_id, user_id, photo=True, caption=text or None, reply_to=reply_to
                )
                self.fake.uploads[message["photo"][-1]["file_id"]] = photo
            else:
                message = self.fake.post(chat_id, user_id, text, reply_to=reply_to)
        except ValueError as error:
            raise web.HTTPBadRequest(text=str(error)) from None
        self.feed.touch(chat_id)
        return web.json_response({"message_id": message["message_id"]})

    async def _press(self, request: web.Request) -> web.Response:
        body = await _json(request)
        chat_id = _int(body.get("chat_id"))
        try:
            query_id = self.fake.press(
                chat_id, _int(body.get("message_id")), _int(body.get("user_id")), str(body["data"])
            )
        except (KeyError, ValueError) as error:
            raise web.HTTPBadRequest(text=str(error)) from None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + PRESS_ANSWER_WAIT
        while self.fake.callback_answers.get(query_id) is None and loop.time() < deadline:
            await self.answers.wait(deadline - loop.time())
        return web.json_response({"answer": self.fake.callback_answers.get(query_id)})

    async def _language(self, request: web.Request) -> web.Response:
        """The visitor's language becomes every cast member's Telegram app language."""
        lang = (await _json(request)).get("lang")
        if lang not in LOCALES:
            raise web.HTTPBadRequest(text="unknown language")
        for user in self.fake.users.values():
            if not user["is_bot"]:
                user["language_code"] = lang
        return web.json_response({"lang": lang})


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="JSON expected") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="a JSON object expected")
    return body


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise web.HTTPBadRequest(text=f"not a number: {value!r}") from None
