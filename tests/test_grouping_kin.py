"""One trouble read under two categories (bot/problems/kin.py), and a post
naming no place placed by its chat's words (bot/problems/chat.py)."""

from __future__ import annotations

from datetime import timedelta

from bot.problems.grouping import MatchKind
from bot.problems.kin import asks_about, evidence, kin, related
from bot.problems.tone import says_dry
from bot.reading.category import Category
from tests.grouping_helpers import T0, Appeals, grouper


def test_kin_is_symmetric_and_of_known_categories() -> None:
    known = {c.value for c in Category}
    for code in known:
        assert related(code)[0] == code and code not in kin(code)
        for other in kin(code):
            assert other in known and code in kin(other)
    assert "lighting" in kin("electricity") and "snow_ice" in kin("yard")
    assert kin("noise") == {"public_order"} and kin("gas") == frozenset()
    assert related("other") == ("other",)


def test_evidence_is_every_category_the_words_speak_of() -> None:
    assert evidence("Омарова 14 нет света") >= {"electricity", "lighting"}
    assert evidence("Кенесары 40 — нет холодной воды, краны сухие") == {"water"}
    assert asks_about("Кенесары 40, горячей воды тоже нет или только отопление?", "water")
    assert not asks_about("Переход под водой уже час, где коммунальщики?", "water")
    # Both named apart: it asks which of the two; one word for both: its own trouble.
    text = "Кенесары 40, горячей воды тоже нет или только отопление?"
    assert asks_about(text, "water", own="heating")
    assert not asks_about("Жастарда жарык жок па? 15 уй", "lighting", own="electricity")
    assert asks_about("Жастарда жарык жок па? 15 уй", "lighting")


def test_water_that_is_not_there_is_told_from_water_where_it_should_not_be() -> None:
    for dry in ("Абая 5, горячей воды нет с утра", "Абая 5 үйде су жоқ", "Краны сухие"):
        assert says_dry(dry), dry
    for wet in ("В подвале вода, не уходит", "Жертөлені кәріз суы басып қалды"):
        assert not says_dry(wet), wet
    assert not says_dry("Воды нет?")  # a question states nothing


async def test_no_water_at_a_flooded_house_is_another_trouble(appeals: Appeals) -> None:
    first = await appeals.add(
        "Абая 5, подвал затопило канализацией", category="sewerage", key="абая 5"
    )
    second = await appeals.add("Абая 5, кәріз суы басып қалды", category="sewerage", key="абая 5")
    problem = await appeals.problem([first, second])
    at = T0 + timedelta(minutes=9)
    flood = appeals.draft("Абая 5, в подвале вода по колено", category="water", key="абая 5", at=at)
    match = await grouper(appeals).match(flood)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    dry = appeals.draft("Абая 5, горячей воды нет с утра", category="water", key="абая 5", at=at)
    assert (await grouper(appeals).match(dry)).kind is not MatchKind.attach


async def test_a_kin_category_at_the_same_place_joins_when_the_words_say_so(
    appeals: Appeals,
) -> None:
    lamps = [
        await appeals.add(
            "На Желтоксан не горят фонари", category="lighting", key="желтоксан", chat="akimat"
        )
        for _ in range(2)
    ]
    problem = await appeals.problem(lamps)
    # Read as "no electricity" a day later; its words also speak of the lamps.
    dark = appeals.draft(
        "Желтоқсан бойында жарық жоқ, қараңғы",
        category="electricity",
        key="желтоксан",
        at=T0 + timedelta(days=1),
    )
    match = await grouper(appeals).match(dark)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    # Another street's dark is another problem.
    elsewhere = appeals.draft(dark.text, category="electricity", key="абая", at=dark.created_at)
    assert (await grouper(appeals).match(elsewhere)).kind is MatchKind.none


async def test_the_problems_own_words_may_speak_of_the_posts_category(appeals: Appeals) -> None:
    snow = await appeals.add(
        "Ауэзова 8 аулада қар тазаланбаған", category="snow_ice", key="ауэзова 8"
    )
    problem = await appeals.problem([snow])
    yard = appeals.draft(
        "Ауэзова 8, двор не убирают", category="yard", key="ауэзова 8", at=T0 + timedelta(hours=5)
    )
    match = await grouper(appeals).match(yard)
    assert match.kind is MatchKind.attach and match.problem_id == problem


async def test_kin_words_that_speak_of_another_trouble_are_only_suggested(
    appeals: Appeals,
) -> None:
    heat = await appeals.problem(
        [await appeals.add("Кенесары 40 нет отопления, холодно") for _ in range(2)]
    )
    at = T0 + timedelta(minutes=10)
    for text in (
        "Кенесары 40 — нет холодной воды, краны сухие",  # cold water: not the heating
        "Кенесары 40, горячей воды тоже нет или только отопление?",  # asks about its own
    ):
        match = await grouper(appeals).match(appeals.draft(text, category="water", at=at))
        assert match.kind is MatchKind.suggest and match.problem_id == heat, text
    # The same house's lift is no kin of its heating at all.
    lift = appeals.draft("Кенесары 40 лифт стоит", category="elevator", at=at)
    assert (await grouper(appeals).match(lift)).kind is MatchKind.none


async def test_after_a_power_cut_the_lamps_that_stay_dark_are_another_problem(
    appeals: Appeals,
) -> None:
    power = await appeals.problem(
        [await appeals.add("Омарова 14 нет света", category="electricity", key="омарова 14")]
    )
    lamps = appeals.draft(
        "Омарова 14, в подъезде лампы не горят, хотя свет в квартирах дали",
        category="lighting",
        key="омарова 14",
        at=T0 + timedelta(minutes=20),
    )
    match = await grouper(appeals).match(lamps)
    assert match.kind is MatchKind.suggest and match.problem_id == power


async def test_a_problem_half_read_as_a_lasting_kin_keeps_taking_appeals_for_days(
    appeals: Appeals,
) -> None:
    key, at = "брусиловского 17", T0 + timedelta(hours=10)
    first = await appeals.add(
        "Брусиловского 17, во дворе нет освещения", category="lighting", key=key
    )
    second = await appeals.add("Брусиловского 17, свет во дворе", category="electricity", key=key)
    yard = await appeals.problem([second, first])
    post = appeals.draft("Брусиловский 17 аулада жарық жоқ", category="electricity", key=key, at=at)
    match = await grouper(appeals).match(post)
    assert match.kind is MatchKind.attach and match.problem_id == yard
    # A power cut all of whose voices are "no electricity" is an outage: after
    # its hours a post is only suggested.
    cut = await appeals.problem(
        [await appeals.add("Абая 3 нет света", category="electricity", key="абая 3")]
    )
    late = appeals.draft("Абая 3 жарық жоқ", category="electricity", key="абая 3", at=at)
    match = await grouper(appeals).match(late)
    assert match.kind is MatchKind.suggest and match.problem_id == cut


async def test_a_post_naming_no_place_joins_by_strong_words_within_hours(appeals: Appeals) -> None:
    lift = [
        await appeals.add(
            "Пушкина 25 лифт не работает",
            category="elevator",
            key="пушкина 25",
            at=T0 + timedelta(minutes=n),
        )
        for n in range(2)
    ]
    problem = await appeals.problem(lift)
    at = T0 + timedelta(hours=2)
    reply = appeals.draft("Лифт не работает, вот дом", category="elevator", key=None, at=at)
    match = await grouper(appeals).match(reply)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    # Not in another chat, nor once the hours are over.
    other_chat = appeals.draft(reply.text, category="elevator", key=None, chat="akimat", at=at)
    assert (await grouper(appeals).match(other_chat)).kind is MatchKind.none
    days = appeals.draft(reply.text, category="elevator", key=None, at=T0 + timedelta(days=1))
    assert (await grouper(appeals).match(days)).kind is MatchKind.none


async def test_strong_words_shared_with_two_candidates_place_nothing(appeals: Appeals) -> None:
    for key in ("пушкина 25", "абая 12"):
        await appeals.problem(
            [await appeals.add("лифт не работает", category="elevator", key=key) for _ in range(2)]
        )
    reply = appeals.draft(
        "Лифт не работает", category="elevator", key=None, at=T0 + timedelta(hours=2)
    )
    assert (await grouper(appeals).match(reply)).kind is MatchKind.none


async def test_its_back_at_the_problems_place_is_its_last_voice_however_late(
    appeals: Appeals,
) -> None:
    heat = await appeals.problem([await appeals.add("Кенесары 40 нет отопления") for _ in range(2)])
    days = T0 + timedelta(days=3)
    thanks = appeals.draft("Кенесары 40 отопление дали, спасибо", at=days)
    match = await grouper(appeals).match(thanks)
    assert match.kind is MatchKind.attach and match.problem_id == heat
    for text in ("Кенесары 40 отопление опять слабое", "Отопление дали, но батареи не греют"):
        match = await grouper(appeals).match(appeals.draft(text, at=days))
        assert match.kind is MatchKind.suggest, text
    # Elsewhere on the street it is no voice of this house's outage.
    street = appeals.draft(thanks.text, key="кенесары", at=days)
    assert (await grouper(appeals).match(street)).kind is not MatchKind.attach


async def test_a_question_about_a_neighbouring_service_is_no_voice_of_the_outage(
    appeals: Appeals,
) -> None:
    heat = await appeals.problem([await appeals.add("Кенесары 40 нет отопления") for _ in range(2)])
    at = T0 + timedelta(minutes=10)
    # Read as heating, but it asks whether hot water is off too.
    asking = appeals.draft("Кенесары 40, горячей воды тоже нет или только отопление?", at=at)
    match = await grouper(appeals).match(asking)
    assert match.kind is MatchKind.suggest and match.problem_id == heat
    # Asking, then saying it is so here too, is one more voice.
    stating = appeals.draft("Кенесары 40 жылу жоқ па? бізде жоқ", at=at)
    match = await grouper(appeals).match(stating)
    assert match.kind is MatchKind.attach and match.problem_id == heat


async def test_an_appeal_a_moderator_put_in_a_problem_vouches_for_its_reading(
    appeals: Appeals,
) -> None:
    heat = await appeals.add("Кенесары 40 нет отопления")
    misread = await appeals.add("Кенесары 40. Сколько можно?", category="social")
    problem = await appeals.problem([heat, misread])
    # Neither its words nor the appeal's speak of heating; that appeal was read as it is.
    post = appeals.draft(
        "Кенесары 40, пенсионерам нужна помощь", category="social", at=T0 + timedelta(minutes=5)
    )
    match = await grouper(appeals).match(post)
    assert match.kind is MatchKind.attach and match.problem_id == problem


async def test_its_back_read_under_a_kin_or_no_category_is_the_problems_last_voice(
    appeals: Appeals,
) -> None:
    key = "шевченко 25"
    power = await appeals.problem(
        [await appeals.add("Шевченко 25 жарык жок", category="electricity", key=key)]
    )
    at = T0 + timedelta(minutes=30)
    back = appeals.draft("Жарық берілді, Шевченко 25", category="lighting", key=key, at=at)
    match = await grouper(appeals).match(back)
    assert match.kind is MatchKind.attach and match.problem_id == power
    # Back, and a complaint of the kin service beside it: another problem.
    lamps = appeals.draft(
        "Шевченко 25, жарық берілді, бірақ подъезде шам жанбайды",
        category="lighting",
        key=key,
        at=at,
    )
    assert (await grouper(appeals).match(lamps)).kind is not MatchKind.attach
    # Unfiled, two hours on: "it came back" at its house is still its voice.
    late = T0 + timedelta(hours=2)
    unfiled = appeals.draft("Электричество пришло, Шевченко 25", category="other", key=key, at=late)
    match = await grouper(appeals).match(unfiled)
    assert match.kind is MatchKind.attach and match.problem_id == power
    asked = appeals.draft("Шевченко 25, сколько можно?", category="other", key=key, at=late)
    assert (await grouper(appeals).match(asked)).kind is not MatchKind.attach


async def test_a_location_of_a_lasting_trouble_joins_only_when_the_chat_has_no_other(
    appeals: Appeals,
) -> None:
    lamps = [
        await appeals.add("Желтоксан, фонари не горят", category="lighting", key="желтоксан")
        for _ in range(2)
    ]
    problem = await appeals.problem(lamps)
    at, here = T0 + timedelta(minutes=20), {"lat": 51.18, "lon": 71.42}
    text = "Темно у остановки, вот место"
    spot = appeals.draft(text, category="lighting", key=None, at=at, **here)
    match = await grouper(appeals).match(spot)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    # Lamps out at another place in the chat too: the location may be at either.
    await appeals.add("Абая 3, во дворе темно", category="lighting", key="абая 3")
    assert (await grouper(appeals).match(spot)).kind is not MatchKind.attach
    # An outage is one burst at a time: two of three voices are enough.
    cut = [await appeals.add("Абая 9, нет света", category="electricity", key="абая 9")]
    cut.append(await appeals.add("Абая 9 жарық жоқ", category="electricity", key="абая 9"))
    power = await appeals.problem(cut)
    await appeals.add("Кенесары 2, нет света", category="electricity", key="кенесары 2")
    dark = appeals.draft("Света нет, вот дом", category="electricity", key=None, at=at, **here)
    match = await grouper(appeals).match(dark)
    assert match.kind is MatchKind.attach and match.problem_id == power


async def test_a_noisy_bar_read_as_a_matter_for_the_police_joins_its_noise_problem(
    appeals: Appeals,
) -> None:
    key = "пушкина 8"
    noise = [
        await appeals.add(text, category="noise", key=key, chat="law_order")
        for text in ("Пушкина 8 караоке на первом этаже орёт до утра", "Пушкина 8, музыка всю ночь")
    ]
    problem = await appeals.problem(noise)
    at = T0 + timedelta(days=1)
    text = "Пушкина 8, из караоке опять шум, вызывали полицию"
    police = appeals.draft(text, category="public_order", key=key, at=at)
    match = await grouper(appeals).match(police)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    # A fight at the same house says nothing of the noise: another trouble.
    fight = appeals.draft("Пушкина 8 у подъезда драка", category="public_order", key=key, at=at)
    assert (await grouper(appeals).match(fight)).kind is not MatchKind.attach


async def test_a_bare_location_during_a_burst_in_its_chat_joins_it(appeals: Appeals) -> None:
    ids = [
        await appeals.add("Абая 5 батареи холодные", key="абая 5", at=T0 + timedelta(minutes=n))
        for n in range(3)
    ]
    problem = await appeals.problem(ids)
    await appeals.add("Абая 40 лифт стоит", category="elevator", key="абая 40")
    # A location sent alone: the reader files nothing, nothing open is near it.
    bare = appeals.draft(
        "", category="other", key=None, lat=51.2, lon=71.5, at=T0 + timedelta(minutes=6)
    )
    match = await grouper(appeals).match(bare)
    assert match.kind is MatchKind.attach and match.problem_id == problem


async def test_the_chats_words_pick_among_the_posts_own_category_first(appeals: Appeals) -> None:
    order = await appeals.problem(
        [
            await appeals.add(text, category="public_order", key="пушкина 166", chat="law_order")
            for text in ("Пушкина 166 пьяные в подъезде каждую ночь", "Пушкина 166, опять пьяные")
        ]
    )
    await appeals.problem(
        [
            await appeals.add(text, category="noise", key="московская 31", chat="law_order")
            for text in ("Московская 31 пьяные из кафе орут каждую ночь", "Московская 31 шум")
        ]
    )
    # Two hours on: the chat's share says nothing, the words decide.
    text = "Тут пьяные каждую ночь"
    at = T0 + timedelta(hours=2)
    reply = appeals.draft(text, category="public_order", key=None, chat="law_order", at=at)
    match = await grouper(appeals).match(reply)
    assert match.kind is MatchKind.attach and match.problem_id == order


async def test_a_kin_trouble_days_old_is_not_the_outage_of_this_hour(appeals: Appeals) -> None:
    dark = [
        await appeals.add(text, category="electricity", key="ташенова 15", at=T0)
        for text in ("Ташенова 15 света нет с утра", "Тәшенов 15 үйде жарық жоқ")
    ]
    problem = await appeals.problem(dark)
    soon = T0 + timedelta(minutes=20)
    # The lift stopped with the power: one more voice of the outage.
    now = appeals.draft(
        "Ташенова 15, лифт встал, света нет", category="elevator", key="ташенова 15", at=soon
    )
    match = await grouper(appeals).match(now)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    # A lift out for a week is older than the cut: offered at most, never attached.
    for text in (
        "Ташенова 15 — лифт не работает уже неделю, заявка без ответа",
        "Тәшенов 15 лифт үш күн істемей тұр, жарық жоқ",
    ):
        old = appeals.draft(text, category="elevator", key="ташенова 15", at=soon)
        assert (await grouper(appeals).match(old)).kind is not MatchKind.attach, text
