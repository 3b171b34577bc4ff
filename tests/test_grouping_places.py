"""Where a post's place and a problem's place meet though their keys differ: a
house of a microdistrict whose own trouble the problem is."""

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


def grouper(appeals: Appeals) -> Grouper:
    return Grouper(appeals.db, settings())


async def test_a_microdistricts_stray_dogs_take_a_house_in_it(appeals: Appeals) -> None:
    pack = [
        await appeals.add(text, category="animals", key="самал", at=at)
        for text, at in (
            ("В Самале бродячие собаки стаей, дети боятся", T0),
            ("Самалда иттер көп, отлов керек", T0 + timedelta(hours=20)),
        )
    ]
    problem = await appeals.problem(pack)
    later = T0 + timedelta(days=2)
    text = "Самал 12 дом, во дворе опять лают на прохожих"  # no word of the pack's own
    house = appeals.draft(text, category="animals", key="самал 12", at=later)
    match = await grouper(appeals).match(house)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    # Another category at that house is not the dogs.
    bins = appeals.draft("Самал 12, мусор не вывозят", category="garbage", key="самал 12", at=later)
    assert (await grouper(appeals).match(bins)).kind is MatchKind.none


async def test_a_house_on_a_streets_trouble_still_needs_its_words(appeals: Appeals) -> None:
    pack = [
        await appeals.add(text, category="animals", key="сейфуллина", at=at)
        for text, at in (
            ("На Сейфуллина бродячие собаки стаей, дети боятся", T0),
            ("Сейфуллина көшесінде иттер көп", T0 + timedelta(hours=20)),
        )
    ]
    problem = await appeals.problem(pack)
    text = "Сейфуллина 12 дом, во дворе опять лают на прохожих"
    house = appeals.draft(text, category="animals", key="сейфуллина 12", at=T0 + timedelta(2))
    match = await grouper(appeals).match(house)
    assert match.kind is MatchKind.suggest and match.problem_id == problem


async def test_a_house_of_a_microdistrict_is_not_another_houses_problem(
    appeals: Appeals,
) -> None:
    yard = [
        await appeals.add(text, category="yard", key="самал 3", at=at)
        for text, at in (
            ("Самал 3, во дворе яма, не засыпают", T0),
            ("Самал 3 аулада шұңқыр", T0 + timedelta(hours=5)),
        )
    ]
    await appeals.problem(yard)
    text = "Самал 11, во дворе яма"
    other = appeals.draft(text, category="yard", key="самал 11", at=T0 + timedelta(days=1))
    assert (await grouper(appeals).match(other)).kind is MatchKind.none
