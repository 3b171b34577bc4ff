"""The akim's daily digest: numbers against a seeded database with known
answers, the text, the chart, exactly-once sending with catch-up, the
commands and the CLI."""

from __future__ import annotations

import asyncio
import io
import os
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from bot.app import build_app, make_bot
from bot.config import Settings
from bot.reports.chart import ChartFailed, ChartText, render_chart
from bot.textfit import MESSAGE_LIMIT, pack_lines, plain_text, visible_length
from storage.digest import day_window, read_digest
from storage.models import Draft, Priority, Resolution
from storage.records import AnswerDraft
from storage.rules import Change
from tests.conftest import (
    AKIMAT,
    HEAD,
    MOD1,
    MOD2,
    RESIDENT,
    RESIDENT2,
    STAFF_CHAT,
    run_cli,
    running_desk,
    settings_data,
    write_config,
)
from tests.problem_rows import insert_problem, join

ZONE = ZoneInfo("Asia/Almaty")  # UTC+5
DAY = date(2026, 11, 26)  # a Thursday
KEYS = ["akimat", "law_order", "housing"]
ROOT = Path(__file__).resolve().parent.parent


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE).astimezone(UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def app(fake, tmp_path):
    clock = Clock(local(DAY, 8))
    settings = Settings(**settings_data(fake, tmp_path / "d.sqlite3"))
    app = await build_app(settings, bot=make_bot(settings), clock=clock)
    app.clock = clock
    yield app
    await app.delivery.stop(2)
    await app.bot.session.close()
    await app.close()


_NUMBERS = iter(range(1, 10_000))


async def post(app, chat_key: str, at: datetime, *, response_hours: int = 24, **extra):
    chat = app.settings.chat(chat_key)
    draft = Draft(
        chat_key=chat_key,
        prefix=chat.prefix,
        source_chat_id=chat.chat_id,
        source_message_id=next(_NUMBERS),
        source_thread_id=None,
        author_id=RESIDENT,
        author_name="Айгерім",
        author_username=None,
        author_language="ru",
        text="Во дворе не горят фонари",
        media_type=None,
        media_file_id=None,
        created_at=at,
        response_due_at=at + timedelta(hours=response_hours),
        resolve_due_at=extra.pop("resolve_due_at", at + timedelta(days=21)),
        **extra,
    )
    return (await app.tickets.create(draft)).ticket


async def act(app, at: datetime, ticket, change: Change, actor: int, **kwargs):
    app.clock.now = at
    outcome = await app.tickets.apply(ticket.id, change, actor_id=actor, **kwargs)
    assert outcome is not None and outcome.done
    return outcome.ticket


async def seed(app) -> dict[str, object]:
    """A known day: see the expected figures in test_digest_numbers."""
    before = DAY - timedelta(days=1)
    a1 = await post(app, "akimat", local(DAY, 10))
    await act(app, local(DAY, 11, 30), a1, Change.answer, MOD1, answer=AnswerDraft(MOD1, "Да"))
    await act(app, local(DAY, 15), a1, Change.close, MOD1, resolution=Resolution.resolved)
    app.clock.now = local(DAY, 16)
    await app.ratings.record(a1.id, 1, RESIDENT, True)
    a2 = await post(app, "akimat", local(DAY, 12))
    h1 = await post(app, "housing", local(before, 9))  # first answer due DAY 09:00
    await act(app, local(DAY, 10), h1, Change.answer, MOD2, answer=AnswerDraft(MOD2, "Ок"))
    h2 = await post(
        app,
        "housing",
        local(DAY - timedelta(days=20), 9),
        resolve_due_at=local(before, 18),
        priority=Priority.urgent,
    )
    await act(app, local(DAY - timedelta(days=19), 9), h2, Change.take, MOD2)
    h3 = await post(app, "housing", local(before, 10))  # first answer due DAY 10:00
    await act(app, local(before, 11), h3, Change.close, MOD1, resolution=Resolution.duplicate)
    l1 = await post(app, "law_order", local(DAY, 20))
    await act(app, local(DAY, 21), l1, Change.close, MOD1, resolution=Resolution.spam)
    # A note is not an answer; a post after midnight belongs to the next day.
    await act(app, local(DAY, 22), a2, Change.note, MOD2, answer=AnswerDraft(MOD2, "!звонил"))
    l2 = await post(app, "law_order", local(DAY + timedelta(days=1), 1))
    return {"a1": a1, "a2": a2, "h1": h1, "h2": h2, "h3": h3, "l1": l1, "l2": l2}


async def test_digest_numbers(app):
    await seed(app)
    data = read_digest(app.settings.storage.path, DAY, ZONE, local(DAY + timedelta(1), 9), KEYS)
    chats = {key: (c.new, c.answered, c.closed, c.open, c.overdue) for key, c in data.chats.items()}
    assert chats == {
        "akimat": (2, 1, 1, 1, 0),
        "law_order": (1, 0, 1, 1, 0),
        "housing": (0, 1, 0, 2, 1),
    }
    total = data.total
    assert (total.new, total.answered, total.closed, total.open, total.overdue) == (3, 2, 2, 4, 1)
    assert data.first_response_minutes == [90, 25 * 60]
    assert data.response_percentile(0.5) == 90 and data.response_percentile(0.9) == 1500
    # Due that day: H-1 (answered an hour late) and H-3 (closed before its deadline).
    assert (data.response_due, data.response_in_time) == (2, 1)
    assert [t.code for t in data.urgent.items] == ["H-2"]
    assert [t.code for t in data.overdue.items] == ["H-2"] and data.overdue.items[0].overdue
    assert [t.code for t in data.oldest.items] == ["H-2", "H-1", "A-2", "L-2"]
    assert data.oldest.total == 4
    assert {m: (d.answered, d.closed) for m, d in data.moderators.items()} == {
        MOD1: (1, 2),
        MOD2: (1, 0),
    }
    assert (data.rated_solved, data.rated_unsolved) == (1, 0)
    history = dict(data.history)
    assert len(data.history) == 14 and data.history[-1][0] == DAY
    assert history[DAY] == {"akimat": (2, 1), "law_order": (1, 1), "housing": (0, 0)}
    assert history[DAY - timedelta(days=1)]["housing"] == (2, 1)
    assert history[DAY - timedelta(days=13)]["housing"] == (0, 0)


async def test_a_running_day_stops_at_its_end(app):
    await seed(app)
    cut_at = local(DAY, 12, 30)
    data = read_digest(app.settings.storage.path, DAY, ZONE, cut_at, KEYS, end=cut_at)
    assert data.chats["akimat"].new == 2 and data.chats["akimat"].closed == 0
    assert data.first_response_minutes == [90, 1500]


def test_day_window_is_local_midnight_to_midnight():
    start, end = day_window(DAY, ZONE)
    assert start.astimezone(UTC) == datetime(2026, 11, 25, 19, 0, tzinfo=UTC)
    assert end - start == timedelta(days=1)


async def test_digest_text_in_three_languages(app):
    await seed(app)
    app.clock.now = local(DAY + timedelta(days=1), 9)
    data = await app.digest.build(DAY)
    ru = plain_text("\n".join(app.digest.text(data, "ru")))
    assert "Сводка обращений за 26.11.2026" in ru
    assert "Акимат: новых 2 · с ответом 1 · закрыто 1 · открыто 1 · просрочено 0" in ru
    assert "Всего: новых 3 · с ответом 2 · закрыто 2 · открыто 4 · просрочено 1" in ru
    assert "медиана 1 ч 30 мин, 90% — не дольше 25 ч 0 мин (ответов: 2)" in ru
    assert "Ответили в срок: 1 из 2 (50%)" in ru
    assert "🔴⚠️H-2 · ЖКХ · Бауыржан" in ru or "🔴⚠️H-2 · ЖКХ · id 222" in ru
    assert "решено 1, не решено 0" in ru
    kk = plain_text("\n".join(app.digest.text(data, "kk")))
    assert "26.11.2026 күнгі өтініштер жиынтығы" in kk and "Барлығы: жаңа 3" in kk
    en = plain_text("\n".join(app.digest.text(data, "en")))
    assert "Total: new 3 · answered 2 · closed 2 · open 4 · overdue 1" in en


def test_long_digests_are_split_on_lines_within_the_limit():
    lines = [f"<b>H-{n}</b> · " + "ж" * 300 for n in range(40)]
    parts = pack_lines(lines)
    assert len(parts) > 1 and all(visible_length(p) <= MESSAGE_LIMIT for p in parts)
    assert "\n".join(parts) == "\n".join(lines)


def test_chart_is_a_png_with_every_day():
    history = [
        (DAY - timedelta(days=13 - n), {"akimat": (n, n // 2), "housing": (1, 0)})
        for n in range(14)
    ]
    text = ChartText(
        "Обращения за 14 дней", "новые", "закрытые", {"akimat": "Акимат", "housing": "ЖКХ"}
    )
    png = render_chart(history, text)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    image.verify()
    assert image.format == "PNG" and image.size[0] > image.size[1] > 200


async def test_sent_once_a_day_with_catch_up_after_downtime(app, fake):
    await seed(app)
    fake.start_private(HEAD)
    await app.residents.started(HEAD, "kk")
    await app.delivery.start()
    # The desk is new today: it owes no digest for the days before it existed.
    app.clock.now = local(DAY, 23)
    assert not await app.digest.send_due()
    # Down all morning; started at 11:00 the next day: the digest for DAY goes out now.
    app.clock.now = local(DAY + timedelta(days=1), 11)
    assert await app.digest.send_due()
    await fake.wait_until(lambda: len(fake.sent("sendMessage", chat_id=HEAD)) >= 1)
    [photo] = fake.sent("sendPhoto", chat_id=HEAD)
    assert photo.params["caption"].startswith("📊 26.11.2026 жиынтығы: жаңа 3")
    [message] = fake.messages(HEAD)[-1:]
    png = fake.uploads[fake.messages(HEAD)[0]["photo"][-1]["file_id"]]
    assert Image.open(io.BytesIO(png)).format == "PNG"
    assert "Барлығы: жаңа 3" in message["text"]
    sent = len(fake.sent(chat_id=HEAD))
    # The scheduled run, a second start and a later hour send nothing more.
    assert not await app.digest.send_due()
    again = await build_app(app.settings, bot=app.bot, clock=app.clock)
    assert not await again.digest.send_due()
    await again.db.close()
    app.clock.now = local(DAY + timedelta(days=2), 8)  # before 09:00: still DAY's digest
    assert not await app.digest.send_due()
    await asyncio.sleep(0.2)
    assert len(fake.sent(chat_id=HEAD)) == sent
    # 09:00 the day after: the next day's digest.
    app.clock.now = local(DAY + timedelta(days=2), 9)
    assert await app.digest.send_due()
    await fake.wait_until(lambda: len(fake.sent("sendPhoto", chat_id=HEAD)) == 2)


async def test_a_head_who_never_started_the_bot_gets_it_via_the_staff_chat(app, fake):
    await seed(app)
    await app.facts.set_digest_since(date(2026, 1, 1))
    app.clock.now = local(DAY + timedelta(days=1), 9, 5)
    await app.delivery.start()
    assert await app.digest.send_due()

    def note() -> bool:
        texts = [m.get("text", "") for m in fake.bot_messages(STAFF_CHAT)]
        return any("ещё не запустил бота" in t for t in texts)

    await fake.wait_until(note)
    assert fake.sent("sendPhoto", chat_id=STAFF_CHAT)
    assert not fake.sent(chat_id=HEAD)


async def test_digest_and_stats_commands(fake, settings):
    async with running_desk(fake, settings) as desk:
        fake.post(AKIMAT, RESIDENT, "Не работает освещение на улице Абая уже неделю")
        await desk.settle()
        # The akim in a private chat: yesterday's digest with its chart.
        fake.post(HEAD, HEAD, "/digest")
        await fake.wait_until(lambda: fake.sent("sendPhoto", chat_id=HEAD), 15)
        # The desk started today: yesterday's zeros are explained, with the way to today's.
        started = any("Бот начал работу" in m.get("text", "") for m in fake.messages(HEAD))
        assert started, [m.get("text") for m in fake.messages(HEAD)]
        await fake.wait_until(
            lambda: any("Сводка обращений" in m.get("text", "") for m in fake.messages(HEAD)), 5
        )
        # Staff in the staff chat: today's running figures include the new post.
        fake.post(STAFF_CHAT, MOD1, "/stats")
        await fake.wait_until(
            lambda: any(
                "Акимат</b>: новых 1" in m.get("text", "") or "Акимат: новых 1" in m.get("text", "")
                for m in fake.bot_messages(STAFF_CHAT)
            ),
            10,
        )
        # A bad date is explained; a resident's /digest is not a staff command.
        fake.post(HEAD, HEAD, "/digest вчера")
        await fake.wait_until(
            lambda: any("ГГГГ-ММ-ДД" in m.get("text", "") for m in fake.messages(HEAD)), 5
        )
        before = len(fake.sent("sendPhoto"))
        fake.post(RESIDENT, RESIDENT, "/digest")
        # Someone in the staff chat who is not configured staff gets nothing either.
        fake.set_member(STAFF_CHAT, RESIDENT2)
        fake.post(STAFF_CHAT, RESIDENT2, "/digest")
        await desk.settle()
        await asyncio.sleep(0.3)
        assert len(fake.sent("sendPhoto")) == before
        assert not any("Сводка" in m.get("text", "") for m in fake.messages(RESIDENT))
        assert not any("Собираю" in m.get("text", "") for m in fake.bot_messages(STAFF_CHAT))


async def test_cli_prints_the_digest_and_writes_the_chart(app, fake, tmp_path):
    await seed(app)
    # The running desk learnt the moderators' names; printing needs no token to use them.
    await app.directory.load(app.bot, app.settings.staff.chat_id, app.facts)
    config = write_config(tmp_path, settings_data(fake, app.settings.storage.path))
    chart = tmp_path / "chart.png"
    code, out, err = await run_cli(
        config, "digest", "--date", DAY.isoformat(), "--print", "--chart", str(chart)
    )
    assert code == 0, err
    text = out.decode()
    assert "Сводка обращений за 26.11.2026" in text and "<b>" not in text
    assert "Всего: новых 3" in text
    assert "Бауыржан" in text and "id 222" not in text  # H-2's assignee
    assert Image.open(chart).format == "PNG"
    # The chart is a PNG: a .jpg name is refused rather than given PNG bytes.
    jpg = tmp_path / "chart.jpg"
    code, out, err = await run_cli(config, "digest", "--print", "--chart", str(jpg))
    assert code == 2 and "name the file .png" in err and not jpg.exists()
    # A day not yet over is refused with one line.
    code, out, err = await run_cli(config, "digest", "--date", "2999-01-01", "--print")
    assert code == 2 and "only a past day" in err and "/stats" in err and "Traceback" not in err


async def test_a_chart_that_cannot_be_drawn_leaves_the_text(app, fake, monkeypatch):
    await seed(app)
    fake.start_private(HEAD)
    await app.residents.started(HEAD, "ru")
    await app.facts.set_digest_since(date(2026, 1, 1))

    async def broken(*_):
        raise ChartFailed("no fonts")

    monkeypatch.setattr("bot.reports.digest.draw_apart", broken)
    app.clock.now = local(DAY + timedelta(days=1), 9)
    await app.delivery.start()
    assert await app.digest.send_due()
    await fake.wait_until(lambda: len(fake.sent("sendMessage", chat_id=HEAD)) >= 1)
    assert not fake.sent("sendPhoto", chat_id=HEAD)
    assert "Всего: новых 3" in fake.bot_messages(HEAD)[0]["text"]


async def test_a_failed_digest_is_sent_by_a_later_run(app, fake, monkeypatch):
    await seed(app)
    await app.facts.set_digest_since(date(2026, 1, 1))
    app.clock.now = local(DAY + timedelta(days=1), 9)
    real = app.digest.build

    async def broken(day, **kw):
        raise OSError("disk I/O error")

    monkeypatch.setattr(app.digest, "build", broken)
    assert not await app.digest.send_due()
    assert not await app.facts.digest_sent(DAY)  # nothing recorded
    monkeypatch.setattr(app.digest, "build", real)
    app.clock.now = local(DAY + timedelta(days=1), 9, 30)  # the retry half an hour later
    assert await app.digest.send_due()
    assert await app.facts.digest_sent(DAY)


async def test_the_digest_is_scheduled_at_the_configured_local_time(fake, tmp_path):
    data = settings_data(fake, tmp_path / "d.sqlite3", digest={"time": "08:30"})
    data["locale"] = {"timezone": "Asia/Oral"}  # UTC+5, another zone than the default
    settings = Settings(**data)
    async with running_desk(fake, settings) as desk:
        job = desk.app.scheduler.get_job("daily-digest")
        fields = {f.name: str(f) for f in job.trigger.fields}
        assert (fields["hour"], fields["minute"]) == ("8", "30")
        assert str(job.trigger.timezone) == "Asia/Oral"
        first = job.next_run_time.astimezone(ZoneInfo("Asia/Oral"))
        assert (first.hour, first.minute) == (8, 30)
        assert desk.app.scheduler.get_job("deadline-watch") is not None
        assert desk.app.scheduler.get_job("daily-digest-retry") is not None
    assert desk.app.scheduler is None  # shut down with the dispatcher


async def test_without_a_head_configured_the_staff_chat_gets_the_digest(fake, tmp_path):
    settings = Settings(
        **settings_data(
            fake,
            tmp_path / "d.sqlite3",
            staff={"chat_id": STAFF_CHAT, "moderators": [MOD1, MOD2], "head": []},
        )
    )
    clock = Clock(local(DAY + timedelta(days=1), 9))
    app = await build_app(settings, bot=make_bot(settings), clock=clock)
    try:
        await app.facts.set_digest_since(date(2026, 1, 1))
        items = await app.digest.for_heads(await app.digest.build(DAY))
        assert {item.chat_id for item in items} == {STAFF_CHAT}
        assert items[0].method == "sendPhoto"
        assert "не указан аким" in items[-1].params["text"]
    finally:
        await app.bot.session.close()
        await app.close()


def test_chart_with_no_appeals_counts_from_zero_and_keeps_the_legend_off_the_bars():
    from bot.reports.chart import _LOCK, draw_figure

    text = ChartText(title="t", new="new", closed="closed", chats={"akimat": "A", "housing": "H"})
    history = [(date(2026, 11, d), {}) for d in range(1, 15)]
    with _LOCK:
        figure = draw_figure(history, text)
    for ax in figure.axes:
        low, high = ax.get_ylim()
        assert low == 0 and high >= 1
        assert all(float(tick).is_integer() for tick in ax.get_yticks())
        assert ax.get_legend() is None
    assert len(figure.legends) == 1


async def test_digest_counts_the_day_s_appeals_by_category(app):
    await post(app, "housing", local(DAY, 9), category="heating")
    await post(app, "housing", local(DAY, 10), category="heating")
    await post(app, "akimat", local(DAY, 11), category="roads")
    await post(app, "akimat", local(DAY, 12))  # read before categories existed: "other"
    await post(app, "housing", local(DAY - timedelta(days=1), 12), category="gas")  # not that day
    data = read_digest(app.settings.storage.path, DAY, ZONE, local(DAY + timedelta(1), 9), KEYS)
    assert data.categories == {"heating": 2, "other": 1, "roads": 1}
    ru = plain_text("\n".join(app.digest.text(data, "ru")))
    assert "🏷 О чём: Отопление 2 · Другое 1 · Дороги и тротуары 1" in ru


async def test_digest_lists_the_day_s_largest_problems(app):
    heating = await insert_problem(app.db, "Отопление — Кенесары 40", local(DAY, 8))
    water = await insert_problem(
        app.db, "Водоснабжение — Абая 12", local(DAY, 8), status="assigned"
    )
    lone = await insert_problem(app.db, "Освещение — Сейфуллина 5", local(DAY, 8))
    days = [(heating, 4, DAY), (heating, 2, DAY - timedelta(days=1)), (water, 2, DAY)]
    days += [(lone, 1, DAY)]  # one appeal that day: not among the largest
    for problem_id, count, day in days:
        tickets = [await post(app, "housing", local(day, 9 + n)) for n in range(count)]
        await join(app.db, problem_id, *(t.id for t in tickets))
    data = read_digest(app.settings.storage.path, DAY, ZONE, local(DAY + timedelta(1), 9), KEYS)
    assert [(p.code, p.today, p.total, p.status) for p in data.problems] == [
        ("P-1", 4, 6, "new"),
        ("P-2", 2, 2, "assigned"),
    ]
    ru = plain_text("\n".join(app.digest.text(data, "ru")))
    assert "P-1 «Отопление — Кенесары 40» — 4 обращения за день, всего 6 · не взята в работу" in ru
    assert "P-2 «Водоснабжение — Абая 12» — 2 обращения за день, всего 2 · в работе" in ru
    assert "P-3" not in ru
    en = plain_text("\n".join(app.digest.text(data, "en")))
    assert 'P-1 "Отопление — Кенесары 40" — 4 appeals that day, 6 in all · not taken yet' in en
    kk = plain_text("\n".join(app.digest.text(data, "kk")))
    assert "күн ішінде 4 өтініш, барлығы 6" in kk


async def test_a_digest_stopped_mid_drawing_leaves_no_drawing_process(tmp_path, monkeypatch):
    """The desk stops while the chart is drawn: the child process is ended with it."""
    from bot.reports.chart import run_apart

    pid_file = tmp_path / "pid"
    slow = tmp_path / "slow-python"
    slow.write_text(f'#!/bin/sh\necho $$ > "{pid_file}"\nexec sleep 60\n')
    slow.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(slow))
    drawing = asyncio.create_task(run_apart("bot.reports.chart", b"{}"))
    for _ in range(200):
        if pid_file.exists() and pid_file.read_text().strip():
            break
        await asyncio.sleep(0.05)
    pid = int(pid_file.read_text())
    drawing.cancel()
    await asyncio.wait({drawing})
    assert drawing.cancelled()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # ended and reaped, not left sleeping
