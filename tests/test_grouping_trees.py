"""A tree in a yard is read as the yard by one resident and as greenery by the
next (bot/problems/kin.py): one problem at one place when the words say tree."""

from __future__ import annotations

from datetime import timedelta

from bot.problems.grouping import MatchKind
from tests.grouping_helpers import T0, Appeals, grouper


async def test_a_tree_read_as_the_yard_joins_the_trees_problem_at_its_place(
    appeals: Appeals,
) -> None:
    tree = await appeals.problem(
        [
            await appeals.add(text, category="greenery", key="саулет")
            for text in (
                "ЖК Сәулет ауласында ағаш құлайын деп тұр",
                "ЖК Саулет, дерево вот-вот упадёт",
            )
        ]
    )
    at = T0 + timedelta(hours=2)
    for text in (
        "ЖК Саулет, во дворе дерево наклонилось над детской площадкой",
        "Сәулет ауласындағы ағаш балалар алаңына қисайып тұр",
    ):
        draft = appeals.draft(text, category="yard", key="саулет", at=at)
        match = await grouper(appeals).match(draft)
        assert match.kind is MatchKind.attach and match.problem_id == tree, text
    # The yard's snow at the same place is another trouble; a tree elsewhere, another place.
    snow = appeals.draft("ЖК Саулет двор не чистят, сугробы", category="yard", key="саулет", at=at)
    assert (await grouper(appeals).match(snow)).kind is not MatchKind.attach
    far = appeals.draft("Во дворе дерево наклонилось", category="yard", key="керемет", at=at)
    assert (await grouper(appeals).match(far)).kind is MatchKind.none


async def test_a_tree_does_not_join_the_yards_other_trouble(appeals: Appeals) -> None:
    """The yard's problem is a broken swing: a dry poplar in the same yard is another
    trouble, though both posts say "во дворе"."""
    swing = await appeals.problem(
        [
            await appeals.add(text, category="yard", key="саулет")
            for text in ("ЖК Саулет, во дворе сломали качели", "Сәулет ауласында әткеншек сынған")
        ]
    )
    at = T0 + timedelta(hours=2)
    for text in (
        "ЖК Саулет, тополь во дворе сухой, надо спилить",
        "Сәулет ауласындағы ағаш қурап қалды, кесу керек",
    ):
        draft = appeals.draft(text, category="greenery", key="саулет", at=at)
        match = await grouper(appeals).match(draft)
        assert not (match.kind is MatchKind.attach and match.problem_id == swing), text
