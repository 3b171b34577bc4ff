"""A question during an outage: about the outage itself ("свет когда дадут?"), one
more voice of it; about a supply the outage may take too ("котельная тоже
встанет?"), not."""

from __future__ import annotations

from datetime import timedelta

from bot.problems.grouping import MatchKind
from bot.problems.kin import asks_about
from tests.grouping_helpers import T0, Appeals, grouper


def test_a_word_for_light_and_power_at_once_asks_of_the_outage_itself() -> None:
    for text in ("свет когда дадут? холодильник потёк", "Свет қашан береді? тоңазытқыш ағып жатыр"):
        assert not asks_about(text, "lighting", own="electricity"), text
    # A word of the post's own service alone still tells the two apart.
    assert asks_about(
        "Электричество есть, а фонари во дворе когда включат?", "lighting", own="electricity"
    )


async def test_a_question_about_the_outage_in_its_thread_joins_it(appeals: Appeals) -> None:
    outage = [
        await appeals.add(
            text, category="electricity", key="ташенова 19", at=T0 + timedelta(minutes=n)
        )
        for n, text in enumerate(
            ("Ташенова 19 отключили свет", "Тәшенов 19, жарық жоқ", "Ташенова 19 света нет")
        )
    ]
    power = await appeals.problem(outage)
    at = T0 + timedelta(minutes=8)
    for text in ("свет когда дадут? холодильник потёк", "Свет қашан береді? тоңазытқыш ағып жатыр"):
        draft = appeals.draft(text, category="electricity", key=None, at=at)
        match = await grouper(appeals).match(draft)
        assert match.kind is MatchKind.attach and match.problem_id == power, text
    # A question of the heat the power cut may take too, at the house: a moderator decides.
    heat = appeals.draft(
        "Ташенова 19, котельная тоже встанет? Отопление будет?",
        category="electricity",
        key="ташенова 19",
        at=at,
    )
    assert (await grouper(appeals).match(heat)).kind is MatchKind.suggest
