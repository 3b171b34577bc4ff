"""The roadmap in the akim's digest: the counts by status and the overdue plans every
day, and after a Sunday the chart of problems by category and status."""

from __future__ import annotations

import base64
import io
from datetime import date

import pytest
from PIL import Image

from bot.config import Settings
from bot.reports.roadmap_chart import RoadmapChartText, render_roadmap_chart
from bot.reports.roadmap_digest import RoadmapDigest, read_summary
from bot.texts import Texts
from storage.db import Database
from tests.conftest import MOD1, STAFF_CHAT
from tests.roadmap_data import seed_roadmap

SUNDAY, THURSDAY = date(2026, 11, 29), date(2026, 11, 26)


@pytest.fixture
async def settings(tmp_path) -> Settings:
    db = await Database.open(tmp_path / "desk.sqlite3")
    await db.query(seed_roadmap)
    await db.close()
    return Settings(
        storage={"path": str(tmp_path / "desk.sqlite3")},
        staff={"chat_id": STAFF_CHAT, "moderators": [MOD1]},
        chats=[
            {"key": "akimat", "title": "Акимат", "chat_id": -1001, "prefix": "A"},
            {"key": "law_order", "title": "Правопорядок", "chat_id": -1002, "prefix": "L"},
            {"key": "housing", "title": "ЖКХ", "chat_id": -1003, "prefix": "H"},
        ],
    )


async def test_daily_lines_and_the_weekly_chart(settings):
    digest = RoadmapDigest(settings, Texts())
    weekday = await digest.messages(333, THURSDAY, "ru")
    [text] = [item.params["text"] for item in weekday]
    assert text.startswith("🗺 <b>Дорожная карта</b>: новая: 1 · запланировано: 2 · в работе: 1")
    assert "выполнено: 2 · не планируется: 1" in text
    # Seen on Friday 27.11: P-12 was due on 24.11.
    assert "⚠️ срок прошёл: 1" in text
    assert "⚠️ <b>P-12</b> Отопление — Кенесары 40 · срок был 24.11.2026" in text
    sunday = await digest.messages(333, SUNDAY, "kk")
    assert [item.method for item in sunday] == ["sendMessage", "sendPhoto"]
    assert "Жол картасы" in sunday[0].params["text"]
    photo = sunday[1].params["photo"]
    image = Image.open(io.BytesIO(base64.b64decode(photo["upload"])))
    assert image.format == "PNG" and image.size[1] > 200
    assert sunday[1].params["caption"].startswith("🗺 Жол картасындағы мәселелер")


async def test_the_charts_figures_are_the_roadmaps(settings):
    summary = read_summary(settings, date(2026, 11, 27))
    assert summary is not None
    # category -> new, planned, in progress, done, not planned
    assert summary.by_category == {
        "heating": [0, 0, 1, 0, 0],
        "lighting": [0, 1, 0, 0, 0],
        "yard": [0, 1, 0, 0, 0],
        "water": [1, 0, 0, 0, 0],
        "garbage": [0, 0, 0, 1, 0],
        "roads": [0, 0, 0, 0, 1],
        "elevator": [0, 0, 0, 1, 0],
    }
    text = RoadmapChartText("t", ["a", "b", "c", "d", "e"], {"heating": "Отопление"})
    png = render_roadmap_chart(summary.by_category, text)
    assert Image.open(io.BytesIO(png)).format == "PNG"


async def test_nothing_while_there_are_no_problems(tmp_path, settings):
    empty = tmp_path / "empty.sqlite3"
    await (await Database.open(empty)).close()
    bare = settings.model_copy(
        update={"storage": settings.storage.model_copy(update={"path": empty})}
    )
    assert await RoadmapDigest(bare, Texts()).messages(333, SUNDAY, "ru") == []
