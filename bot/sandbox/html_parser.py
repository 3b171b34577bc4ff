"""parse_mode=HTML exactly as Telegram parses it (tdlib's rules), with byte offsets
in its errors and UTF-16 offsets in the entities it makes."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Any

from bot.sandbox.protocol import (
    TelegramError,
    bad_request,
    is_valid_url,
)


@dataclass
class _OpenTag:
    tag: str
    argument: str
    offset: int  # UTF-16 offset in the parsed text where the tag's content starts


_SPACES = frozenset(b" \t\r\n\v\0")  # tdlib's is_space; 0 also marks the end of input
_NAME_TOKEN = frozenset(string.ascii_letters.encode() + string.digits.encode() + b".-")
_NAMED_REFERENCES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_REFERENCE = re.compile(rb"&(?:#([0-9]{1,7})|#x([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_HTML_TAGS = frozenset({*_SIMPLE_TAGS, "a", "code", "pre", "blockquote", "tg-emoji"})


class HtmlParser:
    """Telegram's ``parse_mode=HTML``, following tdlib's parser: same tags, same error texts.

    Works on the UTF-8 bytes because Telegram reports errors at byte offsets; produces the plain
    text and its entities with offsets and lengths in UTF-16 code units.  Use
    ``HtmlParser(text).parse()``; errors are raised as 400 "can't parse entities: ...".
    """

    def __init__(self, text: str) -> None:
        self._src = text.encode("utf-8")
        self._pos = 0
        self._out = bytearray()
        self._utf16 = 0
        self._open: list[_OpenTag] = []
        self._entities: list[dict[str, Any]] = []

    def parse(self) -> tuple[str, list[dict[str, Any]]]:
        while self._pos < len(self._src):
            byte = self._src[self._pos]
            if byte == ord("&"):
                code_point, self._pos = self._reference(self._pos)
                self._out += chr(code_point).encode("utf-8", "surrogatepass")
                self._utf16 += 2 if code_point > 0xFFFF else 1
            elif byte == ord("<"):
                if self._byte(self._pos + 1) == ord("/"):
                    self._end_tag()
                else:
                    self._start_tag()
            else:
                self._out.append(byte)
                if byte & 0xC0 != 0x80:  # first byte of a character; 4-byte ones are 2 units
                    self._utf16 += 2 if byte >= 0xF0 else 1
                self._pos += 1
        if self._open:
            tag = self._open[-1].tag
            raise self._error(f'Can\'t find end tag corresponding to start tag "{tag}"')
        try:
            text = self._out.decode("utf-8")
        except UnicodeDecodeError:
            raise bad_request(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            ) from None
        for entity in self._entities:
            if entity["type"] == "code":
                entity.pop("language", None)  # a language only survives on <pre>
        return text, sorted(self._entities, key=lambda e: (e["offset"], -e["length"]))

    @staticmethod
    def _error(reason: str) -> TelegramError:
        return bad_request(f"can't parse entities: {reason}")

    def _byte(self, pos: int) -> int:
        return self._src[pos] if pos < len(self._src) else 0

    def _skip_spaces(self, pos: int) -> int:
        while pos < len(self._src) and self._src[pos] in _SPACES:
            pos += 1
        return pos

    def _text(self, begin: int, end: int) -> str:
        return self._src[begin:end].decode("utf-8", "replace").lower()

    def _reference(self, pos: int) -> tuple[int, int]:
        """Decode the character reference at ``pos``; stricter than Telegram (see module doc)."""
        match = _REFERENCE.match(self._src, pos)
        code_point = 0
        if match and match[1]:
            code_point = int(match[1])
        elif match and match[2]:
            code_point = int(match[2], 16)
        elif match and match[3].decode() in _NAMED_REFERENCES:
            code_point = ord(_NAMED_REFERENCES[match[3].decode()])
        if match is None or not 0 < code_point < 0x10FFFF:
            raise self._error(
                f'Unsupported character reference at byte offset {pos}: escape "&" as "&amp;"'
            )
        return code_point, match.end()

    def _start_tag(self) -> None:
        begin = pos = self._pos
        pos += 1
        while self._byte(pos) not in _SPACES and self._byte(pos) != ord(">"):
            pos += 1
        if pos >= len(self._src):
            raise self._error(f"Unclosed start tag at byte offset {begin}")
        tag = self._text(begin + 1, pos)
        if tag not in _HTML_TAGS:
            raise self._error(f'Unsupported start tag "{tag}" at byte offset {begin}')
        attributes, pos = self._attributes(tag, begin, pos)
        self._pos = pos + 1
        self._open.append(_OpenTag(tag, self._argument(tag, attributes, begin), self._utf16))

    def _attributes(self, tag: str, begin: int, pos: int) -> tuple[dict[str, str], int]:
        """The attributes of a start tag from ``pos``: (them, the position of its ">")."""
        attributes: dict[str, str] = {}
        while True:
            pos = self._skip_spaces(pos)
            if self._byte(pos) == ord(">"):
                break
            if pos >= len(self._src):
                raise self._error(f'Unclosed start tag "{tag}" at byte offset {begin}')
            name_begin = pos
            while self._byte(pos) not in _SPACES and self._byte(pos) not in b"=>":
                pos += 1
            name = self._text(name_begin, pos)
            if not name:
                raise self._error(f'Empty attribute name in the tag "{tag}" at byte offset {begin}')
            pos = self._skip_spaces(pos)
            if self._byte(pos) != ord("="):
                if pos >= len(self._src):
                    raise self._error(f'Unclosed start tag "{tag}" at byte offset {begin}')
                if tag == "blockquote" and name == "expandable":
                    attributes[name] = ""
                    continue
                raise self._error(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {begin}'
                )
            pos = self._skip_spaces(pos + 1)
            if pos >= len(self._src):
                raise self._error(f'Unclosed start tag "{tag}" at byte offset {begin}')
            attributes[name], pos = self._attribute_value(pos)
            if pos >= len(self._src):
                raise self._error(f"Unclosed start tag at byte offset {begin}")
        return attributes, pos

    def _attribute_value(self, pos: int) -> tuple[str, int]:
        quote = self._byte(pos)
        if quote not in b"'\"":  # a name token: letters, digits, periods, hyphens
            begin = pos
            while self._byte(pos) in _NAME_TOKEN:
                pos += 1
            if self._byte(pos) not in _SPACES and self._byte(pos) != ord(">"):
                raise self._error(f"Unexpected end of name token at byte offset {begin}")
            return self._text(begin, pos), pos
        pos += 1
        value = bytearray()
        while pos < len(self._src) and self._src[pos] != quote:
            if self._src[pos] == ord("&"):
                code_point, pos = self._reference(pos)
                value += chr(code_point).encode("utf-8", "surrogatepass")
            else:
                value.append(self._src[pos])
                pos += 1
        if pos < len(self._src):
            pos += 1
        return value.decode("utf-8", "replace"), pos

    def _argument(self, tag: str, attributes: dict[str, str], begin: int) -> str:
        if tag == "a":
            if not attributes.get("href"):
                raise self._error(f'Tag "a" must have attribute "href" at byte offset {begin}')
            return attributes["href"]
        if tag == "span" and attributes.get("class") != "tg-spoiler":
            raise self._error(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
        if tag == "tg-emoji":
            emoji_id = attributes.get("emoji-id", "")
            if not re.fullmatch(r"[0-9]{1,19}", emoji_id) or not 0 < int(emoji_id) < 2**63:
                raise self._error("Invalid custom emoji identifier specified")
            return emoji_id
        if tag == "code":
            css_class = attributes.get("class", "")
            return css_class.removeprefix("language-") if css_class.startswith("language-") else ""
        if tag == "blockquote":
            return "expandable" if "expandable" in attributes else ""
        return ""

    def _end_tag(self) -> None:
        begin = pos = self._pos
        if not self._open:
            raise self._error(f"Unexpected end tag at byte offset {begin}")
        pos += 2
        while self._byte(pos) not in _SPACES and self._byte(pos) != ord(">"):
            pos += 1
        name = self._text(begin + 2, pos)
        pos = self._skip_spaces(pos)
        if self._byte(pos) != ord(">"):
            raise self._error(f"Unclosed end tag at byte offset {begin}")
        opened = self._open[-1]
        if name and name != opened.tag:
            raise self._error(
                f'Unmatched end tag at byte offset {begin}, expected "</{opened.tag}>", '
                f'found "</{name}>"'
            )
        self._open.pop()
        self._pos = pos + 1
        self._add_entity(opened)

    def _add_entity(self, opened: _OpenTag) -> None:
        length = self._utf16 - opened.offset
        if length <= 0:
            return
        entity: dict[str, Any] = {"offset": opened.offset, "length": length}
        if opened.tag in _SIMPLE_TAGS:
            entity["type"] = _SIMPLE_TAGS[opened.tag]
        elif opened.tag == "blockquote":
            entity["type"] = "expandable_blockquote" if opened.argument else "blockquote"
        elif opened.tag == "a":
            if not is_valid_url(opened.argument):
                return  # Telegram silently drops links it cannot use
            entity.update(type="text_link", url=opened.argument)
        elif opened.tag == "tg-emoji":
            entity.update(type="custom_emoji", custom_emoji_id=opened.argument)
        elif opened.tag == "code":
            entity["type"] = "code"
            if opened.argument:
                entity["language"] = opened.argument  # kept only if a <pre> wraps it exactly
        else:  # pre, possibly wrapping <code class="language-...">
            entity["type"] = "pre"
            last = self._entities[-1] if self._entities else None
            wrapped = (last["type"], last["offset"], last["length"]) if last else None
            if last and wrapped == ("code", opened.offset, length):
                self._entities.pop()
                if "language" in last:
                    entity["language"] = last["language"]
        self._entities.append(entity)
