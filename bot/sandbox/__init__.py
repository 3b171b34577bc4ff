"""A local Telegram: a strict fake of the Bot API served over real HTTP, for the end-to-end
tests and the demo.

``FakeTelegram`` runs an aiohttp server on 127.0.0.1 (random free port) that speaks the Bot API
wire protocol, so the production ``aiogram.Bot`` and ``Dispatcher`` (long polling) talk to it
exactly as they talk to api.telegram.org::

    fake = FakeTelegram()
    await fake.start()
    session = AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url))
    bot = Bot(token=fake.token, session=session)

It simulates a small Telegram world: users, private chats, groups, supergroups, forum topics and
channels, the messages in them and the bot's queue of pending updates.  A test acts as the other
people in that world (``post``, ``edit``, ``press``, ``join``, ``add_bot_to_chat`` ...) and then
inspects what the bot did (``calls``, ``sent``, ``messages``, ``bot_messages``).

The fake is deliberately strict, because a lenient fake hides the bugs that real Telegram rejects.
Every request is validated the way Telegram validates it and fails with Telegram's HTTP status and
``description``: HTML parse errors with byte offsets, text/caption limits in UTF-16 code units,
callback_data limits in UTF-8 bytes, button URLs, reply targets, forum threads, file identifiers,
privacy mode, bot rights, the 48-hour deletion window, "message is not modified", one getUpdates at
a time, ``allowed_updates`` and more.  Faults can be injected: scripted errors (``fail``), random
429/5xx (``fault_rate``), slow answers (``delay``) and a per-group flood limit
(``group_rate_limit``).

Where the fake is *stricter* than Telegram, the rule says so:

* in HTML, an "&" that does not start ``&lt;`` ``&gt;`` ``&amp;`` ``&quot;`` or a numeric
  reference (with its ";") is an error (Telegram keeps it literally), and ``<a>`` needs ``href``;
* an inline button must have exactly one action (Telegram uses the first one it finds);
* Markdown parse modes are refused: only HTML is implemented.

The package is organised as: ``html_parser`` (parse_mode=HTML), ``params`` and ``validate``
(request parameters and Telegram's checks on them), ``state`` / ``world`` / ``people`` (the
simulated chats and update queue, and the people acting in them), ``api`` and ``messages_api``
(the Bot API methods), ``faults`` (fault injection) and ``server`` (``FakeTelegram``: the HTTP
server, call log and waiting helpers).
"""

from bot.sandbox.html_parser import HtmlParser
from bot.sandbox.protocol import Call, TelegramError
from bot.sandbox.server import FakeTelegram

__all__ = ["Call", "FakeTelegram", "HtmlParser", "TelegramError"]
