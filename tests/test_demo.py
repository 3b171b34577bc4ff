"""``python -m bot demo`` as a newcomer meets it: the real process, its page in a real browser
(headless Chromium from the system's packages, driven by Playwright), one appeal's whole life
played as resident, moderator and akim. Screenshots of each step, at a desktop and a phone size,
are kept under tests/artifacts/demo/ for a human to look at."""

from __future__ import annotations

import json
import os
import queue
import signal
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.sandbox.cast import AKIM, MODERATORS, RESIDENT_CHATS, RESIDENTS

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts" / "demo"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
HOUSING = next(c for c in RESIDENT_CHATS if c.key == "housing")
POST = "Во дворе дома 7 по улице Иманова вторую неделю не вывозят мусор, контейнеры переполнены"
ANSWER = "Подрядчик вывезет мусор сегодня до 18:00, график вывоза восстановлен."
PHOTO_CAPTION = "Во дворе дома 22 по Кенесары упало дерево на детскую площадку"
START_TIMEOUT = 90.0


class Demo:
    """The demo process, its address and what it printed."""

    def __init__(self, data: Path, *args: str) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "BOT_CONFIG")}
        self.data = data
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "demo", "--port", "0", "--data", str(data), *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            self.url = self.wait_for("akimat-desk demo: ").split()[2]
            self.wait_for("ready in ")
        except BaseException:
            self.stop()
            raise

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line.rstrip())
            self._queue.put(line.rstrip())
        self._queue.put(None)

    def wait_for(self, prefix: str) -> str:
        deadline = time.monotonic() + START_TIMEOUT
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            if line.startswith(prefix):
                return line
        log = self.data / "desk.log"
        desk_log = log.read_text() if log.exists() else ""
        raise AssertionError(f"no {prefix!r} from the demo:\n" + "\n".join(self.lines) + desk_log)

    def stop(self) -> tuple[int, str]:
        """SIGINT, as Ctrl-C sends it; (exit code, everything it printed)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        code = self.proc.wait(timeout=60)
        self._reader.join(timeout=10)
        return code, "\n".join(self.lines)

    def get(self, path: str, host: str | None = None) -> tuple[int, str]:
        request = urllib.request.Request(self.url + path)
        if host:
            request.add_header("Host", host)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def processes_mentioning(text: str) -> list[str]:
    """Command lines of running processes that mention ``text``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        line = raw.replace(b"\0", b" ").decode(errors="replace")
        if text in line:
            found.append(f"{entry.name}: {line}")
    return found


@pytest.fixture
def demo_data(tmp_path: Path) -> Iterator[Path]:
    data = tmp_path / "demo-data"
    yield data
    # Whatever happened in the test, nothing it started may be left running.
    assert processes_mentioning(str(data)) == []


def test_demo_serves_this_machine_only_and_stops_cleanly_on_ctrl_c(demo_data):
    demo = Demo(demo_data, "--empty")
    try:
        assert demo.url.startswith("http://127.0.0.1:")
        status, page = demo.get("/")
        assert status == 200 and '<script src="/static/demo.js">' in page
        assert demo.get("/", host="demo.example.com:80")[0] == 403  # DNS rebinding
        desk = processes_mentioning(str(demo_data / "config.toml"))
        assert len(desk) == 1, desk  # the real desk, with the config the demo wrote
        config = (demo_data / "config.toml").read_text()
        assert 'api_base = "http://127.0.0.1:' in config and "token" not in config
        status, chat = demo.get(f"/api/chat/{HOUSING.chat_id}")
        assert status == 200 and json.loads(chat)["messages"] == []  # --empty: no seeded day
    finally:
        code, rest = demo.stop()
    assert code == 0, rest
    assert "Traceback" not in rest and rest.strip().endswith("stopped")
    assert "Traceback" not in (demo_data / "desk.log").read_text()
    assert processes_mentioning(str(demo_data)) == []


def test_demo_seeds_a_day_and_keeps_it_in_its_data_folder(demo_data):
    demo = Demo(demo_data)
    try:
        # Said before "ready in", which the demo's start waited for.
        assert f"{len(load_day())} appeals seeded" in demo.lines, demo.lines
        staff = json.loads(demo.get("/api/chat/-1009000000000")[1])["messages"]
        cards = [m for m in staff if m["bot"] and m.get("buttons")]
        assert len(cards) >= len(load_day())
        assert any("🔴" in m["html"] for m in cards)  # the gas smell, urgent
        akim = json.loads(demo.get(f"/api/chat/{AKIM.user_id}")[1])["messages"]
        assert any("H-" in m["html"] and m["bot"] for m in akim)  # its alert reached him
    finally:
        code, rest = demo.stop()
    assert code == 0, rest
    again = Demo(demo_data)
    try:
        assert not any("seeded" in line for line in again.lines)  # kept, not seeded twice
        staff_again = json.loads(again.get("/api/chat/-1009000000000")[1])["messages"]
        assert [m["id"] for m in staff_again][: len(staff)] == [m["id"] for m in staff]
    finally:
        code, rest = again.stop()
    assert code == 0, rest


def load_day() -> list:
    from bot.sandbox.seed import load_day as load

    return load()


# -- in a real browser -------------------------------------------------------------------------


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


def shoot(page, name: str) -> None:
    page.wait_for_timeout(300)  # let the last event's redraw land
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def pane(page, key: str):
    return page.locator(f'.pane[data-pane="{key}"]')


def test_one_appeal_from_post_to_answer_to_the_akims_digest(browser, demo_data):
    demo = Demo(demo_data, "--empty")
    errors: list[str] = []
    try:
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(demo.url)
        assert "127.0.0.1" in page.locator("#local-only").inner_text()
        card = post_as_resident(page)
        take_and_answer(page, card)
        digest_as_akim(page)
        context.close()
        phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        on_a_phone(phone.new_page(), demo.url, errors)
        phone.close()
    finally:
        code, rest = demo.stop()
    assert errors == []
    assert code == 0, rest


def post_as_resident(page):
    """A resident posts in Housing: the ack under the post, its deep link, the card."""
    page.select_option("#persona", str(RESIDENTS[1].user_id))
    housing = pane(page, "housing")
    housing.locator("textarea").fill(POST)
    housing.locator("textarea").press("Enter")
    ack = housing.locator(".msg.bot", has_text="H-1")
    ack.wait_for()
    assert POST[:40] in ack.locator(".quote").inner_text()  # under the resident's post
    ack.locator("a", has_text="🔔").click()  # the deep link opens the private chat
    pane(page, "private").locator(".msg.bot", has_text="H-1").wait_for()
    staff = pane(page, "staff")
    card = staff.locator(".msg.bot", has_text=POST[:40]).filter(has=page.locator(".key"))
    card.wait_for()
    assert "H-1" in card.inner_text()
    shoot(page, "1-post-becomes-a-card-desktop")
    return card


def take_and_answer(page, card) -> None:
    """A moderator takes the card and replies to it: the answer goes under the post and,
    since the resident followed the appeal, to their private chat."""
    moderator = MODERATORS[0]
    page.select_option("#persona", str(moderator.user_id))
    card.locator(".key", has_text="✋").click()
    page.wait_for_function(
        "name => [...document.querySelectorAll('.pane[data-pane=staff] .msg.bot')]"
        ".some(m => m.textContent.includes('H-1') && m.textContent.includes(name))",
        arg=moderator.first_name,
    )
    card.locator(".reply").click()
    staff = pane(page, "staff")
    assert "Akimat Desk" in staff.locator(".reply-bar").inner_text()
    staff.locator("textarea").fill(ANSWER)
    staff.locator("textarea").press("Enter")
    answer = pane(page, "housing").locator(".msg.bot", has_text=ANSWER)
    answer.wait_for()
    assert POST[:40] in answer.locator(".quote").inner_text()  # under the post, as a reply
    page.select_option("#persona", str(RESIDENTS[1].user_id))
    pane(page, "private").locator(".msg.bot", has_text=ANSWER).wait_for()
    shoot(page, "2-take-and-answer-desktop")


def digest_as_akim(page) -> None:
    """The akim opens the bot and asks for the digest: its chart arrives as a photo."""
    page.select_option("#persona", str(AKIM.user_id))
    akim = pane(page, "akim")
    akim.locator(".start").click()
    akim.locator(".chip", has_text="/digest").click()
    chart = akim.locator("img.photo")
    chart.wait_for(timeout=30_000)
    page.wait_for_function(
        "() => { const i = document.querySelector('.pane[data-pane=akim] img.photo');"
        " return i && i.complete && i.naturalWidth > 300; }"
    )
    chart.evaluate("image => image.scrollIntoView({block: 'start'})")
    shoot(page, "3-akims-digest-desktop")


def on_a_phone(phone, url: str, errors: list[str]) -> None:
    """The same desk on a phone-sized screen: one chat at a time, chosen by tabs."""
    phone.on("pageerror", lambda error: errors.append(str(error)))
    phone.goto(url)
    assert phone.locator('.pane[data-pane="housing"]').is_hidden()
    phone.locator('.tab[data-pane="housing"]').tap()
    phone.locator('.pane[data-pane="housing"] .msg.bot', has_text=ANSWER).wait_for()
    shoot(phone, "4-answer-under-the-post-phone")
    phone.locator('.tab[data-pane="akim"]').tap()
    chart = phone.locator('.pane[data-pane="akim"] img.photo')
    chart.wait_for()
    chart.evaluate("image => image.scrollIntoView({block: 'start'})")
    shoot(phone, "5-akims-digest-phone")


def test_first_screen_shows_the_seeded_day(browser, demo_data):
    demo = Demo(demo_data)
    try:
        for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            page.goto(demo.url)
            staff = page.locator('.pane[data-pane="staff"] .msg.bot')
            staff.first.wait_for(state="attached")
            assert staff.count() >= len(load_day())
            shoot(page, f"0-first-screen-{name}")
            if name == "desktop":
                in_kazakh_the_akim_reads_the_day(page)
                a_photo_becomes_a_card_with_it(page)
            context.close()
    finally:
        code, rest = demo.stop()
    assert code == 0, rest


def in_kazakh_the_akim_reads_the_day(page) -> None:
    """The page speaks the visitor's language; the akim's digest charts the seeded days."""
    page.locator('.langs button[data-lang="kk"]').click()
    page.locator(".send", has_text="Жіберу").first.wait_for()
    assert "Сіз" in page.locator("#you-are-label").inner_text()
    page.select_option("#persona", str(AKIM.user_id))
    akim = pane(page, "akim")
    akim.locator(".chip", has_text="/digest").click()
    page.wait_for_function(
        "() => { const i = document.querySelector('.pane[data-pane=akim] img.photo');"
        " return i && i.complete && i.naturalWidth > 300; }",
        timeout=30_000,
    )
    akim.locator("img.photo").evaluate("image => image.scrollIntoView({block: 'start'})")
    shoot(page, "6-seeded-digest-kk-desktop")


def a_photo_becomes_a_card_with_it(page) -> None:
    """A resident attaches a photo with a caption: the card in the staff chat shows it."""
    page.select_option("#persona", str(RESIDENTS[0].user_id))
    housing = pane(page, "housing")
    housing.locator("textarea").fill(PHOTO_CAPTION)
    with page.expect_file_chooser() as chooser:
        housing.locator(".photo-btn").click()
    chooser.value.set_files(
        files=[{"name": "yard.png", "mimeType": "image/png", "buffer": tiny_png()}]
    )
    card = pane(page, "staff").locator(".msg.bot", has_text=PHOTO_CAPTION[:30])
    card.locator("img.photo").wait_for()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.pane[data-pane=staff] img.photo')]"
        ".some(i => i.complete && i.naturalWidth === 64)"
    )
    card.evaluate("card => card.scrollIntoView({block: 'start'})")
    shoot(page, "7-photo-card-desktop")


def tiny_png(size: int = 64) -> bytes:
    """A real PNG: a square in the desk's blue."""
    row = b"\0" + bytes((81, 125, 162)) * size
    raw = zlib.compress(row * size)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
