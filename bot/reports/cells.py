"""What a spreadsheet cell may safely hold: a resident's text never runs as a
formula, never carries characters XML cannot, and a sheet title fits Excel."""

from __future__ import annotations

import re
from typing import Any

# What Excel would run as a formula when a CSV cell starts with it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # shown as text by Excel, never run
    return value


# Characters XML 1.0 (and so xlsx) cannot carry; a resident's text may have them.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xlsx_value(value: Any) -> Any:
    return _XML_ILLEGAL.sub("", value) if isinstance(value, str) else value


def sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]
