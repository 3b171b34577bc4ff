"""The translation catalogue: Fluent files ``bot/locales/<locale>/*.ftl``
(one file per area of the bot, all loaded).

Every user-visible string comes from here. Arguments are HTML-escaped on the
way in, so a resident's name or text can never inject markup; a fragment that
is already safe HTML (built by the renderer from escaped parts) is wrapped in
:class:`Html` to pass through unchanged. A missing message or argument is a
bug and raises, rather than showing a resident a raw key.

A user's text is cut to fit before it is formatted: one value to
:data:`VALUE_LIMIT`, and the message to Telegram's limit. Fluent itself refuses
a placeable over 2,500 characters, which escaping reaches from far shorter
texts, so long values never pass through it: they are put in after it. A
message reporting a failure is rendered by :meth:`Texts.notice`, which cannot
fail itself.
"""

from __future__ import annotations

import html
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

from bot.textfit import MESSAGE_LIMIT, cut, utf16_len, visible_length

log = logging.getLogger(__name__)

LOCALES: tuple[str, ...] = ("ru", "kk", "en")
FALLBACK = "ru"
LOCALES_DIR = Path(__file__).parent / "locales"
# The most of one user's text a message quotes (UTF-16 units, before escaping).
VALUE_LIMIT = 3000
CUT_MARKER = "…"
# Values longer than this (after escaping) are put in after Fluent has formatted
# the message: Fluent raises on a placeable over 2,500 characters.
_FLUENT_SAFE = 1000


class Html(str):
    """A string that is already safe Telegram HTML."""

    __slots__ = ()


def escape(value: object) -> Html:
    """Escape text for Telegram's HTML parse mode (quotes too, for attributes)."""
    if isinstance(value, Html):
        return value
    return Html(html.escape(str(value), quote=True))


def pick_locale(*candidates: str | None, fallback: str) -> str:
    """The first candidate the catalogue speaks (a resident's choice, then their
    Telegram app's language), else ``fallback``."""
    return next((c for c in candidates if c in LOCALES), fallback)


def _is_text(value: object) -> bool:
    """A value that came from a user (cut to fit), not a number or safe HTML."""
    return not isinstance(value, int | float | Html)


@lru_cache(maxsize=8)
def _resources(folder: Path) -> tuple[FluentResource, ...]:
    """The parsed ``*.ftl`` files of one locale's folder. Parsing the catalogue takes
    Fluent a fifth of a second; the files ship with the package and do not change while it
    runs, so each desk, export and digest in a process shares one parse (a bundle only
    reads a resource)."""
    return tuple(
        FluentResource(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.ftl"))
    )


class Texts:
    def __init__(self, locales_dir: Path = LOCALES_DIR) -> None:
        self._bundles: dict[str, FluentBundle] = {}
        for locale in LOCALES:
            bundle = FluentBundle([locale], use_isolating=False)
            for resource in _resources(locales_dir / locale):
                bundle.add_resource(resource)
            self._bundles[locale] = bundle

    def get(self, locale: str, key: str, **args: Any) -> Html:
        """The message ``key`` in ``locale`` as HTML, its arguments escaped
        (Russian where the locale has no translation yet), a user's text cut so
        that the message fits in one Telegram message. Safe HTML (:class:`Html`)
        is never cut: its builder fits it."""
        texts = {k: cut(str(v), VALUE_LIMIT, CUT_MARKER) for k, v in args.items() if _is_text(v)}
        while True:
            safe = {k: escape(texts[k]) if k in texts else v for k, v in args.items()}
            message = self._format(locale, key, safe)
            if len(message) <= MESSAGE_LIMIT // 2:  # fits even if all of it were emoji
                return Html(message)
            over = visible_length(message) - MESSAGE_LIMIT
            longest = max(texts, key=lambda k: utf16_len(texts[k]), default=None)
            if over <= 0 or longest is None or utf16_len(texts[longest]) <= len(CUT_MARKER):
                return Html(message)
            size = max(utf16_len(texts[longest]) - over - len(CUT_MARKER), 0)
            texts[longest] = cut(texts[longest], size, CUT_MARKER)

    def plain(self, locale: str, key: str, **args: Any) -> str:
        """The message as plain text, for places Telegram shows without parsing
        (button-press pop-ups): escaping there would show "&amp;" to people."""
        return self._format(
            locale,
            key,
            {
                k: cut(str(v), VALUE_LIMIT, CUT_MARKER) if _is_text(v) else v
                for k, v in args.items()
            },
        )

    def notice(self, locale: str, key: str, **args: Any) -> Html:
        """:meth:`get` for a message that reports a failure: it must not fail
        itself, or what it reports is lost. If the message cannot be rendered,
        its arguments go out as plain lines instead."""
        try:
            return self.get(locale, key, **args)
        except Exception:
            log.exception("message %r could not be rendered; sent as plain lines", key)
        lines = [f"⚠️ {key}"] + [
            f"{name}: {cut(str(value), VALUE_LIMIT, CUT_MARKER)}" for name, value in args.items()
        ]
        return escape(cut("\n".join(lines), MESSAGE_LIMIT, CUT_MARKER))

    def _format(self, locale: str, key: str, args: dict[str, Any]) -> str:
        bundle = self._bundles.get(locale, self._bundles[FALLBACK])
        if not bundle.has_message(key):
            bundle = self._bundles[FALLBACK]
        if not bundle.has_message(key):
            raise KeyError(f"no message {key!r} in the catalogue")
        # Long values stand in as markers Fluent passes unchanged, then go in after.
        held: dict[str, str] = {}
        for name, value in args.items():
            if isinstance(value, str) and len(value) > _FLUENT_SAFE:
                held[f"\x00{len(held)}\x00"] = value
                args = {**args, name: next(reversed(held))}
        value, errors = bundle.format_pattern(bundle.get_message(key).value, args)
        if errors:
            raise ValueError(f"message {key!r} in {locale!r}: {errors}")
        for marker, long_value in held.items():
            value = value.replace(marker, long_value)
        return value

    def keys(self, locale: str) -> set[str]:
        return set(self._bundles[locale]._messages)
