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


async def test_a_house_another_post_said_shares_the_outage_joins_it(appeals: Appeals) -> None:
    dark = [
        await appeals.add(text, category="electricity", key="тауелсиздик 8", at=at)
        for text, at in (
            ("Тауелсиздик 8, света нет с утра", T0),
            ("Тауелсиздик 8 и 10 — оба дома без электричества", T0 + timedelta(minutes=2)),
        )
    ]
    problem = await appeals.problem(dark)
    soon = T0 + timedelta(minutes=10)
    text = "Тәуелсіздік 10 үйде жарық жоқ"
    named = appeals.draft(text, category="electricity", key="тауелсиздик 10", at=soon)
    match = await grouper(appeals).match(named)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    # A house nobody named, and the named house's other trouble, are not the outage.
    text = "Тәуелсіздік 12 үйде жарық жоқ"
    other = appeals.draft(text, category="electricity", key="тауелсиздик 12", at=soon)
    assert (await grouper(appeals).match(other)).kind is MatchKind.none
    cold = appeals.draft(
        "Тауелсиздик 10, батареи холодные", category="heating", key="тауелсиздик 10", at=soon
    )
    assert (await grouper(appeals).match(cold)).kind is MatchKind.none


async def test_a_loose_post_naming_a_house_pairs_only_its_own_category(appeals: Appeals) -> None:
    text = "Тауелсиздик 8 и 10 дома — в подъездах темно"
    await appeals.add(text, category="lighting", key="тауелсиздик 8")
    soon = T0 + timedelta(minutes=10)
    text = "Тауелсиздик 10, света нет"
    power = appeals.draft(text, category="electricity", key="тауелсиздик 10", at=soon)
    assert (await grouper(appeals).match(power)).kind is MatchKind.none
    dark = appeals.draft(
        "Тауелсиздик 10 в подъезде темно", category="lighting", key="тауелсиздик 10", at=soon
    )
    assert (await grouper(appeals).match(dark)).kind is MatchKind.pair
