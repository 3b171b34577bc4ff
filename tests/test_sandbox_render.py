"""The demo page shows Telegram's text and entities as HTML: escaped, nested, linked."""

from __future__ import annotations

from bot.sandbox import HtmlParser
from bot.sandbox.render import entities_to_html


def roundtrip(html: str) -> str:
    """What Telegram makes of a bot's HTML, shown back as HTML."""
    text, entities = HtmlParser(html).parse()
    return entities_to_html(text, entities)


def test_resident_text_is_escaped_whatever_it_contains():
    shown = entities_to_html('<script>alert("x")</script> & <b>', [])
    assert "<script" not in shown and "<b>" not in shown
    assert shown.startswith("&lt;script&gt;alert(&quot;x&quot;)")


def test_nested_entities_after_astral_emoji_keep_their_places():
    html = '🔴 <b>H-12</b> · <i>ЖКХ <b>Сарыарка</b></i> <a href="https://t.me/c/1/2">post</a>'
    assert roundtrip(html) == html


def test_urls_in_plain_text_become_links_but_not_inside_other_entities():
    text = "see https://t.me/c/1/2. code: https://a.b/x"
    code = {"type": "code", "offset": text.index("https://a.b"), "length": 13}
    shown = entities_to_html(text, [code])
    assert '<a href="https://t.me/c/1/2">https://t.me/c/1/2</a>.' in shown
    assert shown.endswith("code: <code>https://a.b/x</code>")  # no link inside the code


def test_links_to_other_schemes_are_not_followed():
    shown = entities_to_html(
        "click", [{"type": "text_link", "offset": 0, "length": 5, "url": "javascript:alert(1)"}]
    )
    assert "href" not in shown and "click" in shown
