"""Another thing at a problem's place (bot/problems/trouble.py): "и ещё" / "тағы"
with a thing the problem never named, a kin post whose things are none of the
problem's, a courtyard's manhole against a pavement's, a weak supply at the next
house against an outage; and a thanks naming no place (bot/problems/chat.py)."""

from __future__ import annotations

from datetime import timedelta

from bot.problems.grouping import MatchKind
from bot.problems.trouble import other_thing, thanks, weaker
from tests.grouping_helpers import T0, Appeals, grouper

SNOW = ["Абая 5, двор завалило, никто не чистит", "Абая 5 аулада қар үйіліп жатыр"]
FLOOD = ["Абая 5, подвал затопило канализацией", "Абая 5 жертөлені кәріз басып кетті"]
DRINKING = ["Абая 5, в подъезде по ночам пьяная компания", "Абая 5 подъезде бомждар түнейді"]
COURTYARD = ["Абая 5, во дворе люк без крышки", "Абая 5 ауласында құдық ашық тұр"]
COLD = ["Абая 3 отопления нет, радиаторы ледяные", "Абая 3 жылу жоқ"]


def test_and_also_a_thing_the_problem_never_named_is_another_thing() -> None:
    same = ("snow_ice", "snow_ice")
    assert other_thing(same, "И ещё у Абая 5 горка на площадке сломана", SNOW)
    assert other_thing(same, "Абая 5, тағы әткеншек сынып қалды", SNOW)
    # "И ещё" with nothing new, or beside the problem's own thing, is one more voice.
    assert not other_thing(same, "И ещё у Абая 5 снег с прошлой недели лежит", SNOW)
    lift = ["Абая 5 лифт не работает"]
    assert not other_thing(("elevator",) * 2, "Абая 5 лифт стоит, и ещё лампочки нет", lift)


def test_a_kin_post_naming_none_of_the_problems_things_is_another_thing() -> None:
    kin = ("housing_repair", "sewerage")
    assert other_thing(kin, "Абая 5, в подъезде окно выбито, сквозняк", FLOOD)
    assert other_thing(kin, "Абая 5 кіреберісте терезе сынған", FLOOD)
    assert not other_thing(kin, "Абая 5, в подвале вода по колено, трубы текут", FLOOD)
    # A post of the problem's own category is weighed by its words, not by things.
    assert not other_thing(("sewerage",) * 2, "Абая 5, в подъезде выбито стекло", FLOOD)
    loud = ("noise", "public_order")
    assert other_thing(loud, "Абая 5, соседи сверху орут до двух ночи", DRINKING)
    assert other_thing(loud, "Абая 5 көршілер түнімен шулайды", DRINKING)


def test_a_manhole_on_the_pavement_is_not_the_courtyards() -> None:
    kin = ("roads", "yard")
    assert other_thing(kin, "Абая 5, на тротуаре у дороги люк открыт", COURTYARD)
    assert other_thing(kin, "Абая 5 көшеде жаяу жолда люк ашық", COURTYARD)
    assert not other_thing(kin, "Абая 5, во дворе люк так и открыт", COURTYARD)


def test_a_weak_supply_is_not_an_outage() -> None:
    assert weaker("Абая 7 тоже прохладно, но батареи тёплые, просто слабо греют", COLD)
    assert weaker("Абая 7 батареялар әлсіз жылытады", COLD)
    assert not weaker("Абая 7 тоже батареи холодные", COLD)
    assert not weaker("Абая 7 батареи тёплые, спасибо", COLD)  # heat is back
    weak = ["Абая 3 батареи еле тёплые", "Абая 3 слабо топят"]
    assert not weaker("Абая 7 тоже слабо греют", weak)  # the problem's own trouble


def test_a_thanks_says_nothing_of_a_trouble() -> None:
    assert thanks("Спасибо акимату за оперативность!")
    assert thanks("Әкімдікке үлкен рахмет!")
    assert not thanks("Наконец вывезли, спасибо")  # the problem's last voice
    assert not thanks("Қоқысты шығарды, рахмет")
    assert not thanks("Когда уберут снег?")


async def test_a_broken_window_is_offered_to_the_flooded_houses_problem(
    appeals: Appeals,
) -> None:
    key = "абая 5"
    ids = [await appeals.add(text, category="sewerage", key=key) for text in FLOOD]
    problem = await appeals.problem(ids)
    at = T0 + timedelta(minutes=20)  # while the basement is still news
    for text in ("Абая 5, в подъезде окно выбито, сквозняк", "Абая 5 кіреберісте терезе сынған"):
        window = appeals.draft(text, category="housing_repair", key=key, at=at)
        match = await grouper(appeals).match(window)
        assert match.kind is MatchKind.suggest and match.problem_id == problem
    # The basement's leak read as repairs is one more voice.
    leak = appeals.draft("Абая 5, в подвале трубы текут", category="housing_repair", key=key, at=at)
    match = await grouper(appeals).match(leak)
    assert match.kind is MatchKind.attach and match.problem_id == problem


async def test_and_also_a_broken_swing_is_offered_to_the_snowy_yard(appeals: Appeals) -> None:
    key = "абая 5"
    ids = [await appeals.add(text, category="snow_ice", key=key) for text in SNOW]
    problem = await appeals.problem(ids)
    at = T0 + timedelta(hours=5)
    for text in ("И ещё у Абая 5 качели оторваны", "Абая 5, тағы әткеншек сынып қалды"):
        swing = appeals.draft(text, category="yard", key=key, at=at)
        match = await grouper(appeals).match(swing)
        assert match.kind is MatchKind.suggest and match.problem_id == problem


async def test_a_pavements_manhole_is_offered_to_the_courtyards(appeals: Appeals) -> None:
    key = "абая 5"
    ids = [await appeals.add(text, category="yard", key=key) for text in COURTYARD]
    problem = await appeals.problem(ids)
    at = T0 + timedelta(hours=5)
    for text in ("Абая 5, на тротуаре тоже люк открыт", "Абая 5 көшеде жаяу жолда люк ашық"):
        street = appeals.draft(text, category="roads", key=key, at=at)
        match = await grouper(appeals).match(street)
        assert match.kind is MatchKind.suggest and match.problem_id == problem


async def test_weak_heating_at_the_next_house_is_offered_to_the_outage(appeals: Appeals) -> None:
    ids = [await appeals.add(text, key="абая 3") for text in COLD]
    problem = await appeals.problem(ids)
    at = T0 + timedelta(minutes=20)
    for text in (
        "Абая 7 тоже прохладно, но батареи тёплые, слабо греют",
        "Абая 7, бізде де жылу әлсіз",
    ):
        weak = appeals.draft(text, key="абая 7", at=at)
        match = await grouper(appeals).match(weak)
        assert match.kind is MatchKind.suggest and match.problem_id == problem
    cold = appeals.draft("Абая 7 тоже батареи холодные", key="абая 7", at=at)
    match = await grouper(appeals).match(cold)
    assert match.kind is MatchKind.attach and match.problem_id == problem


async def test_a_thanks_naming_no_place_joins_no_live_problem(appeals: Appeals) -> None:
    ids = [
        await appeals.add("Кенесары 40 нет отопления", at=T0 + timedelta(minutes=n))
        for n in range(3)
    ]
    problem = await appeals.problem(ids)
    at = T0 + timedelta(minutes=10)
    for text in ("Спасибо акимату за оперативность!", "Әкімдікке үлкен рахмет!"):
        thank = appeals.draft(text, key=None, category="other", at=at)
        assert (await grouper(appeals).match(thank)).kind is MatchKind.none
    # Saying the heat is back is the problem's last voice.
    back = appeals.draft("Дали отопление, спасибо", key=None, category="other", at=at)
    match = await grouper(appeals).match(back)
    assert match.kind is MatchKind.attach and match.problem_id == problem
