"""The roadmap published: the akimats' xlsx opened with openpyxl, the public page in
a real browser (headless Chromium from the system's packages, driven by Playwright),
its figures checked against the database, and the command line. A screenshot of the
page is kept under tests/artifacts/roadmap/ for a human to look at."""

from __future__ import annotations

import asyncio
import io
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.config import Settings
from bot.reports.roadmap_export import HEADER_ROW, publish
from bot.texts import Texts
from storage.db import Database
from tests import conftest
from tests.conftest import MOD1, STAFF_CHAT
from tests.roadmap_data import SEEDS, TODAY, Seed, seed_roadmap

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts" / "roadmap"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
CHATS = {"akimat": (-1001000000001, "A"), "law_order": (-1001000000002, "L")}
# What residents wrote and who they are: never on a published roadmap.
PERSONAL = ("Житель", "Жалоба", "5001", "5009", "+7 701", "123 45 67")
HOSTILE = Seed(
    31,
    'Свет <script>alert("x")</script> — Абая 9',
    "lighting",
    "Абая 9 <b>",
    [5020],
    status="planned",
    organisation="ТОО «Свет & Ко»",
    measure='=HYPERLINK("http://evil")',
    due_on=TODAY + timedelta(days=3),
    funding="budget",
)


def config_data(db_path: Path) -> dict:
    return {
        "storage": {"path": str(db_path)},
        "staff": {"chat_id": STAFF_CHAT, "moderators": [MOD1]},
        "chats": [
            {
                "key": "akimat",
                "title": "Акимат Сарыарка",
                "chat_id": CHATS["akimat"][0],
                "prefix": "A",
            },
            {
                "key": "law_order",
                "title": "Правопорядок",
                "chat_id": CHATS["law_order"][0],
                "prefix": "L",
            },
            {"key": "housing", "title": "ЖКХ", "chat_id": -1001000000003, "prefix": "H"},
        ],
    }


async def _make(path: Path, seeds: list[Seed]) -> None:
    db = await Database.open(path)
    await db.query(lambda conn: seed_roadmap(conn, seeds))
    await db.close()


def make_database(path: Path, seeds: list[Seed]) -> None:
    """A migrated, seeded desk database, made on a thread of its own: the browser
    tests run Playwright's loop on this one."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, _make(path, seeds)).result()


@pytest.fixture
def settings(tmp_path) -> Settings:
    path = tmp_path / "desk.sqlite3"
    make_database(path, [*SEEDS, HOSTILE])
    return Settings(**config_data(path))


def from_database(path: Path) -> tuple[dict[str, tuple[int, int]], Counter[str]]:
    """Each problem's appeals and residents, and problems by roadmap status, counted here
    independently of the code under test."""
    conn = sqlite3.connect(path)
    try:
        counts = {
            f"P-{number}": (appeals, residents)
            for number, appeals, residents in conn.execute(
                "SELECT p.number, COUNT(t.id), COUNT(DISTINCT t.author_id) FROM problems p"
                " JOIN tickets t ON t.problem_id = p.id"
                " WHERE p.merged_into IS NULL AND COALESCE(p.resolution, '') != 'duplicate'"
                " GROUP BY p.id"
            )
        }
        statuses: Counter[str] = Counter()
        for status, resolution, plan in conn.execute(
            "SELECT p.status, p.resolution, pl.status FROM problems p"
            " LEFT JOIN plans pl ON pl.problem_id = p.id"
            " WHERE COALESCE(p.resolution, '') != 'duplicate'"
        ):
            if plan:
                statuses[plan] += 1
            elif status != "closed":
                statuses["new"] += 1
            else:
                statuses["done" if resolution == "resolved" else "not_planned"] += 1
    finally:
        conn.close()
    return counts, statuses


def workbook_rows(data: bytes) -> tuple[list, list[list]]:
    sheet = load_workbook(io.BytesIO(data))["Дорожная карта"]
    rows = [list(r) for r in sheet.iter_rows(min_row=HEADER_ROW, values_only=True)]
    return rows[0], rows[1:]


def test_xlsx_in_the_akimats_shape(settings):
    out = io.BytesIO()
    assert publish(settings, Texts(), "roadmap", out, today=TODAY) == 8
    book = load_workbook(io.BytesIO(out.getvalue()))
    sheet = book["Дорожная карта"]
    assert sheet["A1"].value == "Дорожная карта заявок жителей — Акимат Сарыарка"
    assert sheet["A2"].value == "По состоянию на 27.11.2026"
    header, rows = workbook_rows(out.getvalue())
    assert header == [
        "№",
        "Проблема",
        "Адрес",
        "Обращений",
        "Мероприятие",
        "Срок",
        "Ответственный",
        "Статус",
        "Финансирование",
        "Примечание",
    ]
    assert [r[0] for r in rows] == list(range(1, 9))
    heating = rows[0]
    assert heating[1:5] == [
        "P-12 Отопление — Кенесары 40",
        "Кенесары 40",
        4,
        "Замена задвижки на вводе",
    ]
    assert heating[5].date() == TODAY - timedelta(days=3)
    assert heating[6:] == ["Городские тепловые сети", "в работе", "текущий бюджет", "срок прошёл"]
    assert sheet.cell(HEADER_ROW + 1, 1).fill.fgColor.rgb.endswith("FDE2E1")  # overdue shows
    assert sheet.cell(HEADER_ROW + 2, 1).fill.fgColor.rgb in (None, "00000000")
    by_code = {r[1].split()[0]: r for r in rows}
    appeals, _ = from_database(settings.storage.path)
    assert {code: r[3] for code, r in by_code.items()} == {c: a for c, (a, _) in appeals.items()}
    assert by_code["P-9"][7:] == [
        "не планируется",
        None,
        "Не планируется: Дорога на балансе города, передано в управление",
    ]
    assert by_code["P-3"][8] == "требуется финансирование"
    assert by_code["P-7"][8] == "бюджет народного участия"
    assert by_code["P-5"][6] == "Отдел благоустройства и озеленения акимата"
    # A configured organisation shows as written; a measure like a formula stays text.
    assert by_code["P-31"][6] == "ТОО «Свет & Ко»"
    assert by_code["P-31"][4] == '=HYPERLINK("http://evil")'
    assert (
        sheet.cell(HEADER_ROW + [r[1] for r in rows].index(by_code["P-31"][1]) + 1, 5).data_type
        == "s"
    )
    cells = " ".join(str(v) for r in rows for v in r)
    assert not [p for p in PERSONAL if p in cells]


def test_the_workbook_speaks_the_desks_language(settings):
    kk = settings.model_copy(
        update={"locale": settings.locale.model_copy(update={"default": "kk"})}
    )
    out = io.BytesIO()
    publish(kk, Texts(), "roadmap", out, today=TODAY)
    sheet = load_workbook(io.BytesIO(out.getvalue()))["Жол картасы"]
    assert sheet.cell(HEADER_ROW, 2).value == "Мәселе"
    assert sheet.cell(HEADER_ROW + 1, 8).value == "орындалуда"
    assert sheet.cell(HEADER_ROW + 1, 7).value == "Қалалық жылу желілері"


# ---- the public page in a real browser --------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    problems = []
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        problems.append("Playwright for Python is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        problems.append(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    if problems:
        if os.environ.get("CI"):
            pytest.fail("browser tests need: " + "; ".join(problems))
        pytest.skip("browser tests need: " + "; ".join(problems))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def test_the_public_page_renders_and_its_figures_match_the_database(settings, browser, tmp_path):
    page_file = tmp_path / "roadmap.html"
    with page_file.open("wb") as out:
        assert publish(settings, Texts(), "html", out, today=TODAY) == 8
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    fetched: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(page_file.as_uri())
    assert page.title() == "Дорожная карта заявок жителей — Акимат Сарыарка"
    # Self-contained: the page itself and nothing else is loaded.
    assert fetched == [page_file.as_uri()]

    appeals, statuses = from_database(settings.storage.path)
    rows = page.locator("#roadmap tbody tr")
    assert rows.count() == len(appeals) == 8
    shown = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        assert row.is_visible()
        shown[row.get_attribute("data-code")] = int(row.locator("td.residents").inner_text())
    assert shown == {code: residents for code, (_, residents) in appeals.items()}
    first = rows.nth(0)
    assert first.get_attribute("data-code") == "P-12" and "overdue" in first.get_attribute("class")
    assert "срок прошёл" in first.locator("td.due").inner_text()
    assert "Городские тепловые сети" in first.inner_text()
    reason = "Не планируется: Дорога на балансе города, передано в управление"
    assert rows.filter(has_text="P-9").locator("td.measure").inner_text() == reason
    # The chart: one bar per status, its figure the database's, its length in proportion.
    bars = page.locator("#chart g.bar")
    assert bars.count() == 5
    widths = {}
    for i in range(bars.count()):
        bar = bars.nth(i)
        status = bar.get_attribute("data-status")
        assert int(bar.locator("text.count").text_content()) == statuses[status], status
        widths[status] = bar.locator("rect").bounding_box()["width"]
    assert widths["planned"] > widths["in_progress"] > 0 and widths["new"] == widths["in_progress"]
    assert page.locator(".total").inner_text() == "Всего проблем: 8"
    # Hostile titles are text, not markup; nothing about residents is on the page.
    assert errors == []
    assert 'Свет <script>alert("x")</script> — Абая 9' in rows.filter(has_text="P-31").inner_text()
    text = page.locator("body").inner_text()
    assert not [p for p in PERSONAL if p in text]
    assert not [p for p in PERSONAL if p in page_file.read_text(encoding="utf-8")]
    page.screenshot(path=str(ARTIFACTS / "roadmap-desktop.png"), full_page=True)
    context.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    small = phone.new_page()
    small.goto(page_file.as_uri())
    # On a phone the table scrolls inside its box; the page itself does not get wider.
    assert small.evaluate("document.documentElement.scrollWidth") <= 390
    small.screenshot(path=str(ARTIFACTS / "roadmap-phone.png"), full_page=True)
    phone.close()


def test_an_empty_roadmap_is_a_page_saying_so(tmp_path):
    path = tmp_path / "desk.sqlite3"
    make_database(path, [])
    out = io.BytesIO()
    assert publish(Settings(**config_data(path)), Texts(), "html", out, today=TODAY) == 0
    assert "Пока в дорожной карте нет ни одной проблемы." in out.getvalue().decode()
    assert 'data-count="0"' in out.getvalue().decode()


# ---- the command line ----------------------------------------------------------------------


def cli(config: Path, *args: str) -> tuple[int, bytes, str]:
    """``python -m bot --config CONFIG export ARGS…`` without a token, as conftest.run_cli,
    but blocking: the browser tests hold this thread's event loop."""
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "BOT_CONFIG")}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--config", str(config), "export", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr.decode()


def test_cli_writes_the_workbook_and_the_page(settings, tmp_path):
    config = conftest.write_config(tmp_path, config_data(settings.storage.path))
    target = tmp_path / "roadmap.xlsx"
    code, out, err = cli(config, "--format", "roadmap", "--output", str(target))
    assert code == 0 and out == b"", err
    assert "8 problems" in err
    _, rows = workbook_rows(target.read_bytes())
    assert len(rows) == 8
    code, out, err = cli(config, "--format", "html")
    assert code == 0, err
    assert out.decode().startswith("<!DOCTYPE html>") and out.count(b" data-code=") == 8
    code, out, err = cli(config, "--format", "html", "--chat", "housing")
    assert code == 2 and out == b"" and "whole roadmap" in err and "Traceback" not in err
