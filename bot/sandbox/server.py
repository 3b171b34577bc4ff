"""The sandbox's HTTP server: a simulated Telegram served as the Bot API on 127.0.0.1,
with a call log, waiting helpers and fault injection."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import re
import socket
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.sandbox.api import BotApi
from bot.sandbox.faults import _STANDARD_ERRORS, Faults, _FailRule
from bot.sandbox.params import Params, Upload
from bot.sandbox.people import World
from bot.sandbox.protocol import (
    TELEGRAM_METHODS,
    Call,
    TelegramError,
    bad_request,
    logger,
)

_API_PATH = re.compile(r"/bot(?P<token>[^/]*)/(?P<method>[^/]*)")


class FakeTelegram(World):
    """The fake Telegram server: a ``World`` served over HTTP, with a call log and fault
    injection.  See the module docstring."""

    def __init__(
        self,
        token: str = "123456:TEST-token",  # noqa: S107 the sandbox's own, not a secret
        bot_id: int = 123456,
        bot_username: str = "akimat_desk_bot",
    ) -> None:
        super().__init__(token, bot_id, bot_username)
        self.base_url = ""
        self.calls: list[Call] = []
        # Told of every answered request (the demo's page follows the chats this way).
        self.observers: list[Callable[[Call], None]] = []
        self._api = BotApi(self)
        self._faults = Faults()
        self._runner: web.AppRunner | None = None
        self._in_flight = 0  # requests being answered, long polls excluded
        self._last_activity = time.monotonic()
        self._closing = asyncio.Event()

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        """Serve on 127.0.0.1 at a free port; ``base_url`` is set once this returns."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self._handle)
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        await web.SockSite(self._runner, sock).start()
        self.base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"

    async def stop(self) -> None:
        """Answer waiting long polls with [] and shut the server down."""
        self._api.closing = True
        self._closing.set()
        self.updates.notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def polling(self) -> bool:
        """Whether a getUpdates long poll is currently waiting for updates."""
        return self._api.polling

    # -- inspection and waiting ------------------------------------------------------------------

    def sent(self, method: str | None = None, chat_id: int | None = None) -> list[Call]:
        """Successful calls, optionally of one method (any case) and/or to one chat_id."""
        wanted = self._method_name(method) if method else None
        return [
            call
            for call in self.calls
            if call.ok
            and (wanted is None or call.method == wanted)
            and (chat_id is None or call.params.get("chat_id") == chat_id)
        ]

    async def wait_until(
        self,
        predicate: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109 the tests' interface
    ) -> None:
        """Poll ``predicate`` every 10 ms; AssertionError describing the state on timeout."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() >= deadline:
                raise AssertionError(
                    self._report(f"{self._describe(predicate)} still false after {timeout} s")
                )
            await asyncio.sleep(0.01)

    async def wait_idle(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Until every update is confirmed, no request is being answered (long polls aside)
        and no request arrived for 100 ms."""
        deadline = time.monotonic() + timeout
        while True:
            quiet = time.monotonic() - self._last_activity >= 0.1
            if not self.pending_updates and not self._in_flight and quiet:
                return
            if time.monotonic() >= deadline:
                raise AssertionError(self._report(f"not idle after {timeout} s"))
            await asyncio.sleep(0.01)

    # -- fault injection -------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        *,
        error_code: int | None = None,
        description: str | None = None,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        times: int = 1,
        chat_id: int | None = None,
        page: bool = False,
        after_effect: bool = False,
    ) -> None:
        """The next ``times`` calls of ``method`` ("*": any but getUpdates), optionally only
        those to ``chat_id``, fail.  ``error_code`` defaults to 429, or to 400 when
        ``migrate_to_chat_id`` is given; descriptions default to Telegram's wording.
        ``page``: the answer is a proxy's HTML error page, not the Bot API's JSON;
        ``after_effect``: the call takes effect (the message is sent) before it fails."""
        method = self._method_name(method)
        parameters: dict[str, int] = {}
        if migrate_to_chat_id is not None:
            error_code = error_code or 400
            parameters["migrate_to_chat_id"] = migrate_to_chat_id
            description = description or "Bad Request: group chat was upgraded to a supergroup chat"
        error_code = error_code or 429
        if error_code == 429:
            retry_after = retry_after if retry_after is not None else 1
            description = description or f"Too Many Requests: retry after {retry_after}"
        if retry_after is not None:
            parameters["retry_after"] = retry_after
        description = description or _STANDARD_ERRORS.get(error_code)
        if description is None:
            raise ValueError(f"give a description for error_code {error_code}")
        error = TelegramError(error_code, description, parameters or None)
        error = error.served_as(page=page, after_effect=after_effect)
        self._faults.add_rule(_FailRule(method, error, times, chat_id))

    def fault_rate(
        self,
        methods: set[str],
        *,
        rate_429: float = 0.0,
        rate_5xx: float = 0.0,
        retry_after: int = 1,
        seed: int = 0,
        page_share: float = 0.0,
        delivered_share: float = 0.0,
    ) -> None:
        """Calls of ``methods`` fail at random (reproducibly: ``random.Random(seed)``) with
        429 (retry_after) or 500/502.  Replaces any earlier setting; rates 0 turn it off.
        Of the 5xx, ``page_share`` come as a proxy's HTML page and ``delivered_share``
        after the call took effect (see :meth:`fail`)."""
        names = frozenset(self._method_name(m) for m in methods)
        self._faults.set_rates(
            names,
            rate_429,
            rate_5xx,
            retry_after,
            seed,
            page_share=page_share,
            delivered_share=delivered_share,
        )

    def delay(self, method: str, seconds: float) -> None:
        """Answer ``method`` ("*": any but getUpdates) ``seconds`` late.  The call takes effect
        at once, only the answer is late, as with a slow network: a sendMessage that times out
        on the client may still have been delivered.  ``seconds <= 0`` removes the delay."""
        method = self._method_name(method)
        if seconds > 0:
            self._faults.delays[method] = seconds
        else:
            self._faults.delays.pop(method, None)

    # -- HTTP ------------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        arrived = self._last_activity = time.monotonic()
        match = _API_PATH.fullmatch(request.path)
        name = match["method"] if match else request.path
        method = self._api.canonical(name) or name
        long_poll = method == "getUpdates"
        if not long_poll:
            self._in_flight += 1
        try:
            try:
                params = await self._read_params(request)
            except TelegramError as error:
                params, failure = Params({}), error
            else:
                failure = None
            call = Call(method, params.recorded(), at=arrived)
            self.calls.append(call)
            try:
                if failure is not None:
                    raise failure
                result = await self._execute(match, method, params)
            except TelegramError as error:
                failure = error
            except asyncio.CancelledError:  # the client went away (e.g. polling stopped)
                call.finish(error=TelegramError(499, "client disconnected"))
                raise
            except Exception as exc:  # a bug in the fake: make it visible, not a decode error
                logger.exception("fake Telegram failed on %s", method)
                failure = TelegramError(500, f"Internal Server Error: fake Telegram bug: {exc!r}")
            if failure is None:
                call.finish(result)
                response = web.json_response({"ok": True, "result": result})
            else:
                call.finish(error=failure)
                response = self._error_response(failure)
            for observer in self.observers:
                observer(call)
            delay = self._faults.delay_for(method)
            if delay:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), delay)
            return response
        finally:
            if not long_poll:
                self._in_flight -= 1
            self._last_activity = time.monotonic()

    @staticmethod
    def _error_response(failure: TelegramError) -> web.Response:
        """Telegram's JSON error, or the proxy's HTML page the fault stands for."""
        if failure.page is not None:
            return web.Response(
                text=failure.page, status=failure.error_code, content_type="text/html"
            )
        return web.json_response(failure.body(), status=failure.error_code)

    async def _execute(self, match: re.Match[str] | None, method: str, params: Params) -> Any:
        if match is None:
            raise TelegramError(404, "Not Found")
        if match["token"] != self.token:
            raise TelegramError(401, "Unauthorized")
        if self._api.canonical(method) is None:
            if method.lower() in TELEGRAM_METHODS:
                raise TelegramError(
                    501, f"Not Implemented: the fake Telegram server has no {method} yet"
                )
            raise TelegramError(404, "Not Found")
        fault = self._faults.injected(method, params)
        if fault is not None and not fault.after_effect:
            raise fault
        result = await self._api.call(method, params)
        if fault is not None:
            raise fault
        return result

    @staticmethod
    async def _read_params(request: web.Request) -> Params:
        raw: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            text = await request.text()
            try:
                body = json.loads(text) if text.strip() else {}
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if not isinstance(body, dict):
                raise bad_request("JSON object expected")
            raw.update(body)
        elif request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    raw[key] = Upload(value.filename, value.content_type, value.file.read())
                else:
                    raw[key] = value
        return Params(raw)

    # -- helpers ---------------------------------------------------------------------------------

    def _method_name(self, method: str) -> str:
        if method == "*":
            return method
        canonical = self._api.canonical(method)
        if canonical is None:
            raise ValueError(f"{method!r} is not a Bot API method this fake implements")
        return canonical

    @staticmethod
    def _describe(predicate: Callable[[], Any]) -> str:
        try:
            return inspect.getsource(predicate).strip()
        except (OSError, TypeError):
            return repr(predicate)

    def _report(self, headline: str) -> str:
        lines = [
            headline,
            f"pending updates: {self.pending_updates}, requests in flight: {self._in_flight}, "
            f"long poll waiting: {self.polling}",
            "last calls:",
        ]
        for call in self.calls[-12:]:
            outcome = "ok" if call.ok else f"{call.error_code} {call.description}"
            details = {
                k: call.params[k] for k in ("chat_id", "text", "caption") if k in call.params
            }
            lines.append(f"  {call.method} {details} -> {outcome}")
        return "\n".join(lines)
