"""The matcher: place and category first, then time and words."""

from __future__ import annotations

from datetime import timedelta

from bot.problems.candidates import guessed
from bot.problems.grouping import Grouper, MatchKind
from tests.grouping_helpers import T0, Appeals, grouper, settings


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


async def test_the_same_words_at_another_place_are_never_grouped(appeals: Appeals) -> None:
    text = "Нет горячей воды второй день"
    first = await appeals.add(text, category="water", key="сейфуллина 11")
    await appeals.problem([first, await appeals.add(text, category="water", key="сейфуллина 11")])
    at = T0 + timedelta(minutes=5)
    for key in ("кумисбекова 3", "сейфуллина 7"):
        draft = appeals.draft(text, category="water", key=key, at=at)
        match = await grouper(appeals).match(draft)
        assert match.kind is MatchKind.none, (key, match)
    # The street alone may be that house: a moderator decides.
    street = appeals.draft(text, category="water", key="сейфуллина", at=at)
    assert (await grouper(appeals).match(street)).kind is MatchKind.suggest


async def test_an_outage_takes_posts_for_an_hour_then_only_suggests(appeals: Appeals) -> None:
    first = await appeals.add("Кенесары 40 нет отопления")
    problem = await appeals.problem([first, await appeals.add("Кенесары 40 холодно")])
    soon = appeals.draft("Кенесары 40 батареи ледяные", at=T0 + timedelta(minutes=55))
    assert (await grouper(appeals).match(soon)).kind is MatchKind.attach
    days = appeals.draft("Кенесары 40 батареи ледяные", at=T0 + timedelta(days=2))
    late = await grouper(appeals).match(days)
    assert late.kind is MatchKind.suggest and late.problem_id == problem


async def test_after_the_hour_only_alike_words_keep_joining_an_outage(appeals: Appeals) -> None:
    power = {"category": "electricity", "key": "омарова 12"}
    await appeals.problem([await appeals.add("Омарова 12 нет света", **power)])
    later = T0 + timedelta(hours=2)
    alike = appeals.draft("Омарова 12, света нет уже два часа", at=later, **power)
    other = appeals.draft("Омарова 12, в подъезде искрит щиток", at=later, **power)
    assert (await grouper(appeals).match(alike)).kind is MatchKind.attach
    assert (await grouper(appeals).match(other)).kind is MatchKind.suggest
    beyond = appeals.draft("Омарова 12, света нет", at=T0 + timedelta(hours=5), **power)
    assert (await grouper(appeals).match(beyond)).kind is MatchKind.suggest


async def test_a_slow_problem_collects_appeals_over_days(appeals: Appeals) -> None:
    lamp = await appeals.add("Иманова 5 фонарь не горит", category="lighting", key="иманова 5")
    problem = await appeals.problem([lamp])
    draft = appeals.draft(
        "Возле Иманова 5 фонарь так и не починили",
        category="lighting",
        key="иманова 5",
        at=T0 + timedelta(days=3),
    )
    match = await grouper(appeals).match(draft)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    weeks = appeals.draft(
        draft.text, category="lighting", key="иманова 5", at=T0 + timedelta(days=9)
    )
    assert (await grouper(appeals).match(weeks)).kind is MatchKind.suggest


async def test_windows_come_from_the_config(appeals: Appeals) -> None:
    await appeals.problem([await appeals.add("Кенесары 40 нет отопления")])
    draft = appeals.draft("Кенесары 40 батареи", at=T0 + timedelta(minutes=90))
    assert (await grouper(appeals, outage_tail_hours=0).match(draft)).kind is MatchKind.suggest
    wide = grouper(appeals, outage_minutes=120, outage_tail_hours=0)
    assert (await wide.match(draft)).kind is MatchKind.attach
    slow = grouper(appeals, outage_categories=["water"], open_days=1)
    assert (await slow.match(draft)).kind is MatchKind.attach


async def test_a_street_wide_outage_takes_the_houses_on_its_street(appeals: Appeals) -> None:
    first = await appeals.add("В мкр Самал нет воды", category="water", key="самал")
    problem = await appeals.problem([first])
    house = appeals.draft(
        "Самал 7 тоже без воды", category="water", key="самал 7", at=T0 + timedelta(minutes=9)
    )
    match = await grouper(appeals).match(house)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    lamp = await appeals.add("Желтоксан, не горят фонари", category="lighting", key="желтоксан")
    await appeals.problem([lamp])
    yard = appeals.draft("Желтоксан 10, во дворе фонарь", category="lighting", key="желтоксан 10")
    assert (await grouper(appeals).match(yard)).kind is MatchKind.suggest


async def test_an_outage_in_a_microdistrict_takes_its_other_houses(appeals: Appeals) -> None:
    first = await appeals.add("Самал 3, нет воды с утра", category="water", key="самал 3")
    problem = await appeals.problem([first])
    soon = T0 + timedelta(minutes=12)
    house = appeals.draft("Самал 11 су жоқ", category="water", key="самал 11", at=soon)
    match = await grouper(appeals).match(house)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    whole = appeals.draft("Самалда су жоқ па?", category="water", key="самал", at=soon)
    assert (await grouper(appeals).match(whole)).kind is MatchKind.attach
    # Not a day later, not another trouble there, not another house of a street.
    late = appeals.draft("Самал 11 су жоқ", category="water", key="самал 11", at=T0 + timedelta(1))
    assert (await grouper(appeals).match(late)).kind is not MatchKind.attach
    lift = await appeals.add("Самал 3, лифт стоит", category="elevator", key="самал 3")
    await appeals.problem([lift])
    other = appeals.draft("Самал 11, лифт стоит", category="elevator", key="самал 11", at=soon)
    assert (await grouper(appeals).match(other)).kind is MatchKind.none
    street = await appeals.add("Кенесары 3, нет воды", category="water", key="кенесары 3")
    await appeals.problem([street])
    next_door = appeals.draft("Кенесары 11 нет воды", category="water", key="кенесары 11", at=soon)
    assert (await grouper(appeals).match(next_door)).kind is MatchKind.none


async def test_a_lasting_street_wide_trouble_takes_a_house_saying_what_it_says(
    appeals: Appeals,
) -> None:
    lamp = await appeals.add("Желтоксан, не горят фонари", category="lighting", key="желтоксан")
    problem = await appeals.problem([lamp])
    at = T0 + timedelta(days=2)
    same = appeals.draft(
        "Желтоксан 12, фонари всё ещё не горят", category="lighting", key="желтоксан 12", at=at
    )
    match = await grouper(appeals).match(same)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    other = appeals.draft(
        "Желтоксан 12, фонарь в подъезде мигает", category="lighting", key="желтоксан 12", at=at
    )
    assert (await grouper(appeals).match(other)).kind is MatchKind.suggest


async def test_a_house_the_post_names_shares_its_outage(appeals: Appeals) -> None:
    first = await appeals.add("Омарова 12 нет света!", category="electricity", key="омарова 12")
    problem = await appeals.problem([first])
    at = T0 + timedelta(minutes=2)
    shared = appeals.draft(
        "Омарова 14, свет отключили, и в 12-м доме тоже",
        category="electricity",
        key="омарова 14",
        at=at,
    )
    match = await grouper(appeals).match(shared)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    alone = appeals.draft("Омарова 14 нет света", category="electricity", key="омарова 14", at=at)
    assert (await grouper(appeals).match(alone)).kind is MatchKind.none


async def test_coordinates_within_the_radius_are_one_place(appeals: Appeals) -> None:
    first = await appeals.add(
        "Переход затопило", category="roads", key=None, lat=51.16603, lon=71.40603
    )
    problem = await appeals.problem([first])
    at = T0 + timedelta(minutes=5)
    near = appeals.draft(
        "Вот этот переход", category="roads", key=None, lat=51.1661, lon=71.4046, at=at
    )
    far = appeals.draft(
        "Вот этот переход", category="roads", key=None, lat=51.1695, lon=71.4060, at=at
    )
    match = await grouper(appeals).match(near)  # about 100 m
    assert match.kind is MatchKind.attach and match.problem_id == problem
    assert (await grouper(appeals).match(far)).kind is MatchKind.none  # about 380 m
    small = grouper(appeals, radius_m=50)
    assert (await small.match(near)).kind is MatchKind.none


async def test_a_post_naming_no_place_joins_its_chats_live_problem(appeals: Appeals) -> None:
    ids = [
        await appeals.add("Кенесары 40 нет отопления", at=T0 + timedelta(minutes=n))
        for n in range(3)
    ]
    problem = await appeals.problem(ids)
    await appeals.add("Абая 12 лифт стоит", category="elevator", key="абая 12")
    reply = appeals.draft("у нас тоже батареи ледяные", key=None, at=T0 + timedelta(minutes=10))
    match = await grouper(appeals).match(reply)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    elsewhere = appeals.draft("у нас тоже холодно", key=None, chat="akimat", at=reply.created_at)
    assert (await grouper(appeals).match(elsewhere)).kind is MatchKind.none
    later = appeals.draft("у нас тоже", key=None, at=T0 + timedelta(hours=3))
    assert (await grouper(appeals).match(later)).kind is MatchKind.none


async def test_a_reply_filed_by_no_word_of_its_own_is_one_the_reader_could_not_tell(
    appeals: Appeals,
) -> None:
    # "и у нас, 4 подъезд" says nothing of a service: a category learnt from other
    # posts ("подъезд": repairs) is a guess, and the reply is the chat's live outage's.
    ids = [
        await appeals.add("Кенесары 40 нет отопления", at=T0 + timedelta(minutes=n))
        for n in range(3)
    ]
    problem = await appeals.problem(ids)
    at = T0 + timedelta(minutes=12)
    reply = appeals.draft("и у нас, 4 подъезд", key=None, category="housing_repair", at=at)
    match = await grouper(appeals).match(reply)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    assert guessed(reply).category == "other"
    # A post whose words do speak of its category keeps it: a leak is not the outage.
    leak = appeals.draft("а у нас крыша течёт", key=None, category="housing_repair", at=at)
    assert guessed(leak) == leak
    assert (await grouper(appeals).match(leak)).kind is MatchKind.none
    # Nor does a post naming its place lose its category to the outage at another house.
    placed = appeals.draft("4 подъезд", key="абая 3", category="housing_repair", at=at)
    assert guessed(placed) == placed


async def test_no_place_and_two_live_problems_in_the_chat_is_no_match(appeals: Appeals) -> None:
    for key in ("кенесары 40", "абая 12"):
        await appeals.problem([await appeals.add("нет отопления", key=key) for _ in range(2)])
    reply = appeals.draft("у нас тоже холодно", key=None, at=T0 + timedelta(minutes=5))
    assert (await grouper(appeals).match(reply)).kind is MatchKind.none


async def test_a_reply_naming_its_house_alone_joins_the_problem_there(appeals: Appeals) -> None:
    problems = [
        await appeals.problem([await appeals.add("нет отопления", key=key) for _ in range(2)])
        for key in ("кенесары 40", "абая 12")
    ]
    at = T0 + timedelta(minutes=5)
    reply = appeals.draft("у нас тоже холодно, 40 дом", key=None, at=at)
    match = await grouper(appeals).match(reply)
    assert match.kind is MatchKind.attach and match.problem_id == problems[0]
    elsewhere = appeals.draft("у нас тоже холодно, 7 дом", key=None, at=at)
    assert (await grouper(appeals).match(elsewhere)).kind is MatchKind.none


async def test_a_residents_own_follow_up_naming_no_place_joins_their_problem(
    appeals: Appeals,
) -> None:
    first = await appeals.add("Жубанова 7 жылу жоқ", key="жубанова 7", author=77)
    heat = await appeals.problem([first, await appeals.add("Жубанова 7 отопления нет")])
    await appeals.problem([await appeals.add("нет отопления", key="абая 12") for _ in range(2)])
    at = T0 + timedelta(minutes=50)
    thanks = appeals.draft("Жылу берілді, рахмет", key=None, at=at, author=77)
    match = await grouper(appeals).match(thanks)
    assert match.kind is MatchKind.attach and match.problem_id == heat
    # Another resident's same words: which of the two problems is not known.
    other = appeals.draft("Жылу берілді, рахмет", key=None, at=at, author=78)
    assert (await grouper(appeals).match(other)).kind is not MatchKind.attach


async def test_a_neighbour_saying_all_is_well_is_not_attached(appeals: Appeals) -> None:
    problem = await appeals.problem(
        [await appeals.add("В мкр Самал нет воды", category="water", key="самал")]
    )
    at = T0 + timedelta(minutes=3)
    fine = appeals.draft(
        "В Самале вода есть? У нас всё нормально", category="water", key="самал", at=at
    )
    match = await grouper(appeals).match(fine)
    assert match.kind is MatchKind.suggest and match.problem_id == problem
    asking = appeals.draft("Самалда су жоқ па? кеше жоқ еді", category="water", key="самал", at=at)
    assert (await grouper(appeals).match(asking)).kind is MatchKind.attach


async def test_the_trouble_over_at_its_house_is_its_last_voice(appeals: Appeals) -> None:
    problem = await appeals.problem([await appeals.add("Кенесары 40 нет отопления")])
    at = T0 + timedelta(minutes=30)
    back = appeals.draft("Дали тепло на Кенесары 40, батареи теплеют. Спасибо", at=at)
    match = await grouper(appeals).match(back)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    fine = appeals.draft("Кенесары 40, у нас тепло", at=at)
    assert (await grouper(appeals).match(fine)).kind is MatchKind.suggest


async def test_an_unfiled_post_joins_only_the_one_live_problem_at_its_house(
    appeals: Appeals,
) -> None:
    heat = await appeals.problem([await appeals.add("Кенесары 40 нет отопления")])
    unsure = appeals.draft(
        "Кенесары 40. Сколько можно?", category="other", at=T0 + timedelta(minutes=5)
    )
    match = await grouper(appeals).match(unsure)
    assert match.kind is MatchKind.attach and match.problem_id == heat
    await appeals.problem([await appeals.add("Кенесары 40 лифт стоит", category="elevator")])
    assert (await grouper(appeals).match(unsure)).kind is MatchKind.suggest
    hours = appeals.draft(unsure.text, category="other", at=T0 + timedelta(hours=6))
    assert (await grouper(appeals).match(hours)).kind is MatchKind.suggest


async def test_an_appeal_whose_problem_is_closed_leads_nowhere(appeals: Appeals) -> None:
    first = await appeals.add("Кенесары 40 нет отопления")
    problem = await appeals.problem([first])
    await appeals.set_problem(problem, status="closed")
    draft = appeals.draft("Кенесары 40 холодно", at=T0 + timedelta(minutes=5))
    assert (await grouper(appeals).match(draft)).kind is MatchKind.none


async def test_a_broken_database_leaves_the_appeal_alone(appeals: Appeals) -> None:
    draft = appeals.draft("Кенесары 40 холодно")
    await appeals.db.write(lambda c: c.execute("DROP INDEX tickets_open_place"))
    assert (await grouper(appeals).match(draft)).kind is MatchKind.none


async def test_the_desks_own_street_list_says_which_street_is_a_microdistrict(
    appeals: Appeals, tmp_path
) -> None:
    """A desk in another district (its street list in [reading] streets) gathers an
    outage across its own microdistricts, which the shipped list does not know."""
    streets = tmp_path / "streets.tsv"
    streets.write_text("name\taliases\tkind\nАксай\tмкр Аксай\tmicrodistrict\n", encoding="utf-8")
    own = settings()
    own = own.model_copy(update={"reading": own.reading.model_copy(update={"streets": streets})})
    first = await appeals.add("Аксай 3, нет воды с утра", category="water", key="аксай 3")
    problem = await appeals.problem([first])
    house = appeals.draft(
        "Аксай 11 су жоқ", category="water", key="аксай 11", at=T0 + timedelta(minutes=12)
    )
    match = await Grouper(appeals.db, own).match(house)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    # With the shipped list Аксай is no microdistrict: another house is another place.
    assert (await grouper(appeals).match(house)).kind is not MatchKind.attach
