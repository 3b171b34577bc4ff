"""[problems] in the config: defaults, and one clear line per mistake."""

from __future__ import annotations

from pathlib import Path

from bot.config import load_settings
from tests.test_config import MINIMAL, problems, token, write  # noqa: F401 - token: autouse


def test_grouping_has_defaults_and_takes_settings(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, MINIMAL)).problems.radius_m == 150
    text = MINIMAL + "[problems]\nradius_m = 80\noutage_categories = ['heating']\n"
    settings = load_settings(write(tmp_path, text)).problems
    assert settings.radius_m == 80 and settings.outage_categories == ["heating"]


def test_grouping_mistakes_are_one_line_each(tmp_path: Path) -> None:
    text = MINIMAL + (
        "[problems]\nradius_m = -5\noutage_categories = ['heat']\n"
        "attach_score = 0.4\nsuggest_score = 0.6\nwindow = 3\n"
    )
    lines = problems(tmp_path, text)
    assert any("problems.radius_m" in line for line in lines), lines
    assert any("'heat' is not a category" in line for line in lines), lines
    assert any("problems.window" in line and "unknown" in line for line in lines), lines
    order = MINIMAL + "[problems]\nattach_score = 0.4\nsuggest_score = 0.6\n"
    assert any("suggest_score <= attach_score" in line for line in problems(tmp_path, order))
