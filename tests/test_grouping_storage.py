"""The grouping's candidate queries: what they find, and that each is bound to
its partial index of open rows (a scan would grow with the desk's history)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from storage import grouping as q
from tests.grouping_helpers import T0, Appeals


class _Plans:
    """A connection stand-in that records the plan of every statement it runs."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.plans: list[str] = []

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        rows = self.conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        self.plans.append(" / ".join(row[3] for row in rows))
        return self.conn.execute(sql, params)


QUERIES: dict[str, tuple[Callable[[Any], object], str]] = {
    "problems_at": (
        lambda c: q.problems_at(c, q.house_range("кенесары 40"), "heating"),
        "problems_open_place",
    ),
    "appeals_at": (
        lambda c: q.appeals_at(c, q.street_range("кенесары"), "heating", T0),
        "tickets_open_place",
    ),
    "appeals_at_house": (
        lambda c: q.appeals_at(c, q.house_range("кенесары 40"), "heating", T0),
        "tickets_open_place",
    ),
    "problems_at_street": (
        lambda c: q.problems_at(c, q.street_range("кенесары"), None),
        "problems_open_place",
    ),
    "problems_in_band": (
        lambda c: q.problems_in_band(c, (51.1, 51.2), "heating"),
        "problems_open_lat",
    ),
    "appeals_in_band": (
        lambda c: q.appeals_in_band(c, (51.1, 51.2), "heating", T0),
        "tickets_open_lat",
    ),
    "appeals_in_chat": (lambda c: q.appeals_in_chat(c, "housing", T0), "tickets_open"),
    "appeals_in_chat_of": (
        lambda c: q.appeals_in_chat_of(c, "housing", ("heating", "water"), T0),
        "tickets_category",
    ),
    "problems_of_category": (
        lambda c: q.problems_of_category(c, "garbage", T0),
        "tickets_category",
    ),
    "newest_voices": (lambda c: q.newest_voices(c, 1, 8), "tickets_problem"),
    "raised": (lambda c: q.raised(c, 1, "fire"), "tickets_problem"),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
async def test_each_query_searches_its_index_and_scans_nothing(appeals: Appeals, name: str) -> None:
    # Some rows of every kind, so that the planner has a choice to make.
    for n in range(30):
        await appeals.add(f"обращение {n}", key=f"улица {n}", lat=51.0 + n / 100, lon=71.4)
    run, index = QUERIES[name]

    def plan(conn: sqlite3.Connection) -> list[str]:
        spy = _Plans(conn)
        run(spy)
        return spy.plans

    [plan_text] = await appeals.db.query(plan)
    assert f"USING INDEX {index}" in plan_text, plan_text
    assert "SCAN" not in plan_text, plan_text
    if name == "appeals_at_house":  # the newest first straight from the index
        assert "TEMP B-TREE" not in plan_text, plan_text


async def test_open_problems_lookup_is_by_primary_key(appeals: Appeals) -> None:
    def plan(conn: sqlite3.Connection) -> list[str]:
        spy = _Plans(conn)
        q.open_problems(spy, [1, 2])
        return spy.plans

    for text in await appeals.db.query(plan):
        assert "INTEGER PRIMARY KEY" in text and "SCAN" not in text, text


async def test_street_range_takes_the_street_and_its_houses_not_a_longer_name(
    appeals: Appeals,
) -> None:
    ids = {
        key: await appeals.add("нет отопления", key=key)
        for key in ("кенесары", "кенесары 40", "кенесары 12 1", "кенесарина 3", "кенесар 1")
    }
    found = await appeals.db.query(
        lambda c: q.appeals_at(c, q.street_range("кенесары"), "heating", T0)
    )
    assert {a.id for a in found} == {ids["кенесары"], ids["кенесары 40"], ids["кенесары 12 1"]}
    house = await appeals.db.query(
        lambda c: q.appeals_at(c, q.house_range("кенесары 40"), "heating", T0)
    )
    assert [a.id for a in house] == [ids["кенесары 40"]]


async def test_closed_appeals_old_appeals_and_other_categories_are_not_candidates(
    appeals: Appeals,
) -> None:
    fresh = await appeals.add("нет отопления", at=T0 + timedelta(hours=2))
    await appeals.add("нет отопления", at=T0)  # before "since"
    await appeals.add("лифт", category="elevator", at=T0 + timedelta(hours=2))
    closed = await appeals.add("нет отопления", at=T0 + timedelta(hours=2))
    await appeals.db.write(
        lambda c: c.execute("UPDATE tickets SET status = 'closed' WHERE id = ?", (closed,))
    )
    found = await appeals.db.query(
        lambda c: q.appeals_at(c, q.house_range("кенесары 40"), "heating", T0 + timedelta(hours=1))
    )
    assert [a.id for a in found] == [fresh]


async def test_closed_and_merged_problems_are_not_candidates(appeals: Appeals) -> None:
    live = await appeals.problem([await appeals.add("нет отопления", lat=51.17, lon=71.43)])
    closed = await appeals.problem([await appeals.add("нет отопления", lat=51.17, lon=71.43)])
    merged = await appeals.problem([await appeals.add("нет отопления", lat=51.17, lon=71.43)])
    await appeals.set_problem(closed, status="closed")
    await appeals.set_problem(merged, merged_into=live)

    def find(c: sqlite3.Connection) -> list[list[int]]:
        return [
            [p.id for p in q.problems_at(c, q.house_range("кенесары 40"), "heating")],
            [p.id for p in q.problems_in_band(c, (51.16, 51.18), "heating")],
            [p.id for p in q.open_problems(c, [live, closed, merged])],
        ]

    assert await appeals.db.query(find) == [[live], [live], [live]]


async def test_newest_voices_are_the_problems_own_newest_first(appeals: Appeals) -> None:
    first = await appeals.add("нет отопления", at=T0)
    second = await appeals.add("холодно", at=T0 + timedelta(minutes=5))
    other = await appeals.add("лифт", category="elevator")
    problem = await appeals.problem([first, second])
    await appeals.problem([other])
    voices = await appeals.db.query(lambda c: q.newest_voices(c, problem, 8))
    assert [v.text for v in voices] == ["холодно", "нет отопления"]
    assert [v.category for v in voices] == ["heating", "heating"]
    assert [v.text for v in await appeals.db.query(lambda c: q.newest_voices(c, problem, 1))] == [
        "холодно"
    ]


async def test_the_chats_appeals_of_a_category_are_its_open_recent_ones(appeals: Appeals) -> None:
    fresh = await appeals.add("нет отопления", at=T0 + timedelta(hours=2))
    await appeals.add("нет отопления", at=T0)  # before "since"
    await appeals.add("нет отопления", chat="akimat", at=T0 + timedelta(hours=2))
    await appeals.add("лифт", category="elevator", at=T0 + timedelta(hours=2))
    closed = await appeals.add("нет отопления", at=T0 + timedelta(hours=3))
    await appeals.db.write(
        lambda c: c.execute("UPDATE tickets SET status = 'closed' WHERE id = ?", (closed,))
    )
    found = await appeals.db.query(
        lambda c: q.appeals_in_chat_of(c, "housing", ("heating",), T0 + timedelta(hours=1))
    )
    assert [a.id for a in found] == [fresh]
