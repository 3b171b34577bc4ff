"""Where a post's place and a problem's place meet though their keys differ: a
house of a microdistrict whose own trouble the problem is."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.problems.grouping import MatchKind
from bot.problems.places import street_of
from tests.grouping_helpers import T0, Appeals, grouper


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


def test_a_longer_name_that_begins_with_the_street_is_not_on_it() -> None:
    assert street_of("сарыарка 5", "сарыарка") and street_of("сарыарка", "сарыарка")
    assert not street_of("сарыарка сити", "сарыарка")  # a complex, not a house on the avenue
    assert not street_of("сарыарка сити 2", "сарыарка")
    assert street_of("сарыарка сити 2", "сарыарка сити")


async def test_the_avenue_is_not_the_complex_named_after_it(appeals: Appeals) -> None:
    dark = [
        await appeals.add(text, category="electricity", key="сарыарка сити", at=at)
        for text, at in (
            ("ЖК Сарыарка Сити без света", T0),
            ("Сарыарка Сити жарық жоқ", T0 + timedelta(minutes=3)),
        )
    ]
    await appeals.problem(dark)
    text = "На проспекте Сарыарка фонари не горят"
    avenue = appeals.draft(text, category="electricity", key="сарыарка", at=T0 + timedelta(10))
    assert (await grouper(appeals).match(avenue)).kind is MatchKind.none


async def test_a_live_outage_at_a_house_takes_a_post_naming_its_street_alone(
    appeals: Appeals,
) -> None:
    """Three residents of one house within the hour: the street is writing about
    it (with two, the street alone is only offered: tests/test_grouping.py)."""
    cold = [
        await appeals.add(text, category="heating", key="кошкарбаева 21", at=at)
        for text, at in (
            ("Кошкарбаева 21 отопления нет", T0),
            ("Кошкарбаева 21 үйде жылу жоқ", T0 + timedelta(minutes=4)),
            ("Кошкарбаева 21, в квартире +14", T0 + timedelta(minutes=7)),
        )
    ]
    problem = await appeals.problem(cold)
    soon = T0 + timedelta(minutes=12)
    text = "На Кошкарбаева батареи ледяные, дети мёрзнут"  # the house went unread
    street = appeals.draft(text, category="heating", key="кошкарбаева", at=soon)
    match = await grouper(appeals).match(street)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    # Once the outage went quiet, the street alone is only offered.
    late = appeals.draft(text, category="heating", key="кошкарбаева", at=T0 + timedelta(hours=9))
    assert (await grouper(appeals).match(late)).kind is not MatchKind.attach
    # The street's voice in the problem does not make it the street's: another
    # house with its own weak radiators stays apart.
    created = await appeals.tickets.create(street)
    await appeals.db.write(
        lambda conn: conn.execute(
            "UPDATE tickets SET problem_id = ? WHERE id = ?", (problem, created.ticket.id)
        )
    )
    text = "Кошкарбаева 25, батареи чуть тёплые"
    other = appeals.draft(text, category="heating", key="кошкарбаева 25", at=soon)
    assert (await grouper(appeals).match(other)).kind is MatchKind.none


async def test_the_street_alone_between_two_live_outages_is_for_a_moderator(
    appeals: Appeals,
) -> None:
    for house in ("21", "40"):
        cold = [
            await appeals.add(text.format(house), category="heating", key=f"кошкарбаева {house}")
            for text in ("Кошкарбаева {} отопления нет", "Кошкарбаева {} жылу жоқ", "{} дом холод")
        ]
        await appeals.problem(cold)
    text = "На Кошкарбаева батареи ледяные"
    street = appeals.draft(text, category="heating", key="кошкарбаева", at=T0 + timedelta(0, 600))
    assert (await grouper(appeals).match(street)).kind is MatchKind.suggest


async def test_a_house_saying_it_too_is_out_joins_the_streets_live_outage(
    appeals: Appeals,
) -> None:
    dark = [
        await appeals.add(text, category="electricity", key="кенесары 40", at=at)
        for text, at in (
            ("Кенесары 40, электричества нет", T0),
            ("Кенесары 40 үйде жарық жоқ", T0 + timedelta(minutes=3)),
        )
    ]
    problem = await appeals.problem(dark)
    soon = T0 + timedelta(minutes=6)
    text = "А у нас в 42-м тоже света нет"
    too = appeals.draft(text, category="electricity", key="кенесары 42", at=soon)
    match = await grouper(appeals).match(too)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    text = "Кенесары 44 бізде де жарық жоқ"
    kazakh = appeals.draft(text, category="electricity", key="кенесары 44", at=soon)
    assert (await grouper(appeals).match(kazakh)).problem_id == problem
    # Without "too" another house is its own trouble, and so is one days old; a day
    # later a moderator decides at most.
    alone = appeals.draft(
        "Кенесары 42, нет света", category="electricity", key="кенесары 42", at=soon
    )
    assert (await grouper(appeals).match(alone)).kind is MatchKind.none
    text = "Кенесары 42 тоже проверьте, свет моргает уже неделю"
    old = appeals.draft(text, category="electricity", key="кенесары 42", at=soon)
    assert (await grouper(appeals).match(old)).kind is MatchKind.none
    later = appeals.draft(
        text="У нас тоже нет света, Кенесары 42",
        category="electricity",
        key="кенесары 42",
        at=T0 + timedelta(days=1),
    )
    assert (await grouper(appeals).match(later)).kind is not MatchKind.attach


async def test_a_house_saying_the_streets_trouble_goes_on_joins_it(appeals: Appeals) -> None:
    lamps = [
        await appeals.add(text, category="lighting", key="кенесары", at=at)
        for text, at in (
            ("По Кенесары фонари не горят от школы до рынка", T0),
            ("Кенесары көшесінде шамдар жанбайды", T0 + timedelta(hours=20)),
        )
    ]
    problem = await appeals.problem(lamps)
    at = T0 + timedelta(days=2)
    text = "Кенесары 21 — освещение до сих пор не включили"
    still = appeals.draft(text, category="lighting", key="кенесары 21", at=at)
    match = await grouper(appeals).match(still)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    # Saying neither the street's words nor that it goes on: a moderator decides.
    dark = appeals.draft("Кенесары 21, вечером темно", category="lighting", key="кенесары 21")
    match = await grouper(appeals).match(replace(dark, created_at=at))
    assert match.kind is MatchKind.suggest and match.problem_id == problem


async def test_a_house_saying_the_streets_trouble_in_words_of_its_own_joins_it(
    appeals: Appeals,
) -> None:
    lamps = [
        await appeals.add(text, category="lighting", key="кенесары", at=at)
        for text, at in (
            ("По Кенесары фонари не горят от школы до рынка", T0),
            ("Кенесары — вся улица в темноте, освещение не включают", T0 + timedelta(hours=20)),
        )
    ]
    problem = await appeals.problem(lamps)
    at = T0 + timedelta(days=2)
    for text in ("Кенесары 21 үйінің жанында шам жанбайды", "Кенесары 21, у дома столб не светит"):
        said = appeals.draft(text, category="lighting", key="кенесары 21", at=at)
        match = await grouper(appeals).match(said)
        assert match.kind is MatchKind.attach and match.problem_id == problem
    # The thing alone, with nothing wrong said of it: a moderator decides.
    thing = appeals.draft("Кенесары 21, столб у дома", category="lighting", key="кенесары 21")
    match = await grouper(appeals).match(replace(thing, created_at=at))
    assert match.kind is MatchKind.suggest and match.problem_id == problem
