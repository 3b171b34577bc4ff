"""The translation catalogue: Fluent files ``bot/locales/<locale>/*.ftl``
(one file per area of the bot, all loaded).

Every user-visible string comes from here. Arguments are HTML-escaped on the
way in, so a resident's name or text can never inject markup; a fragment that
is already safe HTML (built by the renderer from escaped parts) is wrapped in
:class:`Html` to pass through unchanged. A missing message or argument is a
bug and raises, rather than showing a resident a raw key.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

LOCALES: tuple[str, ...] = ("ru", "kk", "en")
FALLBACK = "ru"
LOCALES_DIR = Path(__file__).parent / "locales"


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


class Texts:
    def __init__(self, locales_dir: Path = LOCALES_DIR) -> None:
        self._bundles: dict[str, FluentBundle] = {}
        for locale in LOCALES:
            bundle = FluentBundle([locale], use_isolating=False)
            for path in sorted((locales_dir / locale).glob("*.ftl")):
                bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
            self._bundles[locale] = bundle

    def get(self, locale: str, key: str, **args: Any) -> Html:
        """The message ``key`` in ``locale`` as HTML, its arguments escaped
        (Russian where the locale has no translation yet)."""
        safe = {
            name: value if isinstance(value, int | float) else escape(value)
            for name, value in args.items()
        }
        return Html(self._format(locale, key, safe))

    def plain(self, locale: str, key: str, **args: Any) -> str:
        """The message as plain text, for places Telegram shows without parsing
        (button-press pop-ups): escaping there would show "&amp;" to people."""
        return self._format(
            locale, key, {k: v if isinstance(v, int | float) else str(v) for k, v in args.items()}
        )

    def _format(self, locale: str, key: str, args: dict[str, Any]) -> str:
        bundle = self._bundles.get(locale, self._bundles[FALLBACK])
        if not bundle.has_message(key):
            bundle = self._bundles[FALLBACK]
        if not bundle.has_message(key):
            raise KeyError(f"no message {key!r} in the catalogue")
        value, errors = bundle.format_pattern(bundle.get_message(key).value, args)
        if errors:
            raise ValueError(f"message {key!r} in {locale!r}: {errors}")
        return value

    def keys(self, locale: str) -> set[str]:
        return set(self._bundles[locale]._messages)
