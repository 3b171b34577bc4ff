"""The matcher: place and category first, then time and words."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.problems.grouping import Grouper, MatchKind
from storage.db import Database
from tests.grouping_helpers import T0, Appeals, settings


@pytest.fixture
async def appeals() -> AsyncIterator[Appeals]:
    db = await Database.open(":memory:")
    yield Appeals(db)
    await db.close()


def grouper(appeals: Appeals, **problems: object) -> Grouper:
    return Grouper(appeals.db, settings(**problems))


async def test_same_place_and_category_attaches_to_the_open_problem(appeals: Appeals) -> None:
    first = await appeals.add("Кенесары 40 нет отопления")
    second = await appeals.add("Кенесары 40, батареи холодные", at=T0 + timedelta(minutes=3))
    problem = await appeals.problem([first, second])
    draft = appeals.draft("Кенесары 40 жылу жоқ", at=T0 + timedelta(minutes=5))
    match = await grouper(appeals).match(draft)
    assert match.kind is MatchKind.attach
    assert match.problem_id == problem


async def test_another_house_or_category_is_not_the_problem(appeals: Appeals) -> None:
    first = await appeals.add("Кенесары 40 нет отопления")
    await appeals.problem([first])
    elsewhere = appeals.draft("Кенесары 42 нет отопления", key="кенесары 42")
    lift = appeals.draft("Кенесары 40 лифт не работает", category="elevator")
    for draft in (elsewhere, lift):
        assert (await grouper(appeals).match(draft)).kind is MatchKind.none


async def test_open_appeals_without_a_problem_are_offered_as_a_pair(appeals: Appeals) -> None:
    first = await appeals.add("Кенесары 40 нет отопления")
    other = await appeals.add("Кенесары 42 нет отопления", key="кенесары 42")
    draft = appeals.draft("Кенесары 40, холодно", at=T0 + timedelta(minutes=10))
    match = await grouper(appeals).match(draft)
    assert match.kind is MatchKind.pair
    assert match.ticket_ids == (first,)
    assert other not in match.ticket_ids


async def test_closed_and_merged_problems_are_not_matched(appeals: Appeals) -> None:
    closed = await appeals.problem([await appeals.add("Кенесары 40 нет отопления")])
    await appeals.set_problem(closed, status="closed")
    merged = await appeals.problem([await appeals.add("Кенесары 40 холодно")])
    target = await appeals.problem([await appeals.add("Кенесары 40 батареи")])
    await appeals.set_problem(merged, merged_into=target)
    draft = appeals.draft("Кенесары 40 отопления нет", at=T0 + timedelta(minutes=5))
    match = await grouper(appeals).match(draft)
    assert match.kind is MatchKind.attach
    assert match.problem_id == target


async def test_grouping_off_or_no_place_matches_nothing(appeals: Appeals) -> None:
    await appeals.problem([await appeals.add("Кенесары 40 нет отопления")])
    draft = appeals.draft("Кенесары 40 жылу жоқ")
    assert (await grouper(appeals, grouping=False).match(draft)).kind is MatchKind.none
    nowhere = appeals.draft("Нет отопления", key=None)
    assert (await grouper(appeals).match(nowhere)).kind is MatchKind.none
