"""Another trouble at a problem's place (bot/problems/trouble.py): a danger of
another kind, a light indoors against lamps outdoors, a cut to come; and a
post saying the outage goes on (bot/problems/tone.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.problems.grouping import MatchKind
from bot.problems.tone import goes_on
from bot.problems.trouble import (
    cut_ahead,
    dangers_like,
    other_danger,
    other_ice,
    other_inside,
    other_light,
)
from storage.models import Draft, Priority
from tests.grouping_helpers import T0, Appeals, grouper


def urgent(draft: Draft, reason: str) -> Draft:
    return replace(draft, priority=Priority.urgent, urgency_reason=reason)


def test_a_danger_is_the_troubles_own_or_another_kind() -> None:
    assert other_danger("fire", "garbage", raised=False)
    assert not other_danger("fire", "garbage", raised=True)  # a voice of that fire
    assert other_danger("ice", "snow_ice", raised=False)  # falling ice over a slippery path
    assert not other_danger("animal", "animals", raised=False)  # the dogs now bite
    assert not other_danger("elevator", "elevator", raised=False)
    assert not other_danger("power", "electricity", raised=False)
    # The problem's voices read as a kin category whose trouble it is.
    assert not other_danger("power", "yard", raised=False, read_as=["lighting"])
    # No danger, or one that names no kind: nothing to tell apart.
    assert not other_danger(None, "garbage", raised=False)
    assert not other_danger("keyword", "garbage", raised=False)


def test_a_light_indoors_is_not_the_lamps_outdoors() -> None:
    street = ["Сейфуллина көшесінде фонарьлар сөнген", "По Сейфуллина темно, столбы без света"]
    assert other_light("Сейфуллина 20, на лестнице третьего этажа лампочка перегорела", street)
    assert other_light("Кіреберісте шам жоқ, Сейфуллина 20", street)
    assert not other_light("Сейфуллина 20, фонарь возле подъезда не светит", street)
    stairs = ["Абая 3, в подъезде темно, лампочки выкрутили"]
    assert other_light("Абая 3 во дворе фонарь разбит", stairs)
    assert not other_light("Абая 3, на 5 этаже тоже лампочки нет", stairs)
    # Words that place neither say nothing either way.
    assert not other_light("Абая 3 свет не горит", stairs)


def test_ice_underfoot_is_not_the_icicles_overhead() -> None:
    icicles = ["Абая 3, с крыши свисают сосульки", "Абая 3 шатырда мұз сүңгілері ілініп тұр"]
    assert other_ice("Абая 3 у входа каток, ничем не посыпали", icicles)
    assert other_ice("Абая 3 подъезд алдында тайғақ, адамдар құлап жатыр", icicles)
    assert not other_ice("Абая 3, сосульки над входом всё ещё висят", icicles)
    slippery = ["Абая 3 гололёд у подъезда", "Абая 3 скользко, песком не посыпают"]
    assert other_ice("Абая 3 над балконом огромные сосульки", slippery)
    # Words that place neither say nothing either way.
    assert not other_ice("Абая 3 лед, когда уберут?", icicles)
    assert not other_ice("Абая 3 снег лежит, когда уберут?", slippery)


def test_snow_not_cleared_on_the_ground_is_not_the_roofs_icicles() -> None:
    icicles = ["Абая 3, с крыши свисают сосульки", "Абая 3 шатырда сүңгілер"]
    assert other_ice("Абая 3, двор в снегу, машину не откопать", icicles)
    assert other_ice("Абая 3 сугробы, до подъезда не пройти", icicles)
    assert other_ice("Абая 3 аулада қар тазаланбаған", icicles)
    # Snow falling from the roof into the yard is the roof's trouble still.
    assert not other_ice("Абая 3, снег с крыши падает прямо во двор", icicles)
    yard = ["Абая 3, тротуар не расчищен", "Абая 3 сугробы во дворе"]
    assert not other_ice("Абая 3, во дворе снег по колено", yard)


def test_a_piece_fallen_from_the_icicles_is_their_own_danger() -> None:
    assert "ice" in dangers_like("collapse") and "collapse" in dangers_like("ice")
    assert dangers_like("fire") == ("fire",)


def test_a_cut_to_come_is_not_a_report_of_the_cut_now() -> None:
    assert cut_ahead("А послезавтра воду тоже будут отключать?")
    assert cut_ahead("По графику когда плановое отключение света в Самале?")
    assert cut_ahead("Ертең жарық өшіріледі ме?")
    assert not cut_ahead("Воды нет, говорят только завтра дадут")  # says what is missing now
    assert not cut_ahead("Самал 4 воды нет с утра")
    assert not cut_ahead("Самал, сказали завтра дадут")  # when it ends, not a cut to come


def test_a_post_may_say_the_trouble_goes_on() -> None:
    for still in ("У нас до сих пор нет воды", "Бізде су әлі жоқ", "Всё ещё не дали свет"):
        assert goes_on(still), still
    for other in ("Свет дали, спасибо", "Воды до сих пор нет?", "Лифт стоит, и ещё мусор"):
        assert not goes_on(other), other


async def test_a_danger_of_another_kind_at_a_lasting_problem_is_suggested(
    appeals: Appeals,
) -> None:
    at = T0 + timedelta(days=2)
    bins = [
        await appeals.add(text, category="garbage", key="сейфуллина 3")
        for text in ("Сейфуллина 3 контейнеры полные, неделю не вывозят", "Сейфуллина 3 мусор")
    ]
    problem = await appeals.problem(bins)
    text = "Сейфуллина 3 у контейнеров пожар, дым до пятого этажа"
    fire = urgent(appeals.draft(text, category="garbage", key="сейфуллина 3", at=at), "fire")
    match = await grouper(appeals).match(fire)
    assert match.kind is MatchKind.suggest and match.problem_id == problem
    # Not urgent, the same words join at once: it is the danger that tells them apart.
    calm = replace(fire, priority=Priority.normal, urgency_reason=None)
    assert (await grouper(appeals).match(calm)).kind is MatchKind.attach
    # Once a moderator put the fire in the problem, its next voice joins at once.
    created = await appeals.tickets.create(fire)
    await appeals.db.write(
        lambda conn: conn.execute(
            "UPDATE tickets SET problem_id = ? WHERE id = ?", (problem, created.ticket.id)
        )
    )
    again = urgent(
        appeals.draft("Сейфуллина 3 снова горят баки", category="garbage", key="сейфуллина 3"),
        "fire",
    )
    again = replace(again, created_at=at + timedelta(minutes=5))
    match = await grouper(appeals).match(again)
    assert match.kind is MatchKind.attach and match.problem_id == problem


async def test_the_troubles_own_danger_joins_at_once(appeals: Appeals) -> None:
    key = "кошкарбаева 11"
    lift = [
        await appeals.add(text, category="elevator", key=key)
        for text in ("Кошкарбаева 11 лифт не едет", "Кошкарбаева 11 лифт опять сломан")
    ]
    problem = await appeals.problem(lift)
    text = "Кошкарбаева 11 в лифте застряла женщина с ребёнком"
    stuck = appeals.draft(text, category="elevator", key=key, at=T0 + timedelta(days=1))
    match = await grouper(appeals).match(urgent(stuck, "elevator"))
    assert match.kind is MatchKind.attach and match.problem_id == problem


async def test_ice_falling_from_a_roof_is_not_the_slippery_yard(appeals: Appeals) -> None:
    key = "кенесары 70"
    slippery = [
        await appeals.add(text, category="snow_ice", key=key)
        for text in ("Кенесары 70 у подъезда каток, не посыпают", "Кенесары 70 скользко")
    ]
    problem = await appeals.problem(slippery)
    text = "Кенесары 70, глыбы льда свисают с крыши над тротуаром"
    roof = appeals.draft(text, category="snow_ice", key=key, at=T0 + timedelta(hours=3))
    match = await grouper(appeals).match(urgent(roof, "ice"))
    assert match.kind is MatchKind.suggest and match.problem_id == problem


async def test_a_bulb_in_the_entrance_is_not_the_streets_lamps(appeals: Appeals) -> None:
    lamps = [
        await appeals.add(text, category="lighting", key=key, chat="akimat")
        for text, key in (
            ("На Сейфуллина вечером ни один фонарь не горит", "сейфуллина"),
            ("Сейфуллина 20 напротив дома фонари не светят", "сейфуллина 20"),
        )
    ]
    problem = await appeals.problem(lamps)
    at = T0 + timedelta(days=1)
    text = "Сейфуллина 20, на лестнице лампочки нет, темно"
    stairs = appeals.draft(text, category="lighting", key="сейфуллина 20", at=at)
    match = await grouper(appeals).match(stairs)
    assert match.kind is MatchKind.suggest and match.problem_id == problem
    text = "Сейфуллина 20, фонарь у дома так и не горит"
    lamp = appeals.draft(text, category="lighting", key="сейфуллина 20", at=at)
    match = await grouper(appeals).match(lamp)
    assert match.kind is MatchKind.attach and match.problem_id == problem


async def test_a_question_about_tomorrows_cut_is_not_the_outage(appeals: Appeals) -> None:
    dry = [
        await appeals.add(text, category="water", key="самал")
        for text in ("В Самале нет воды", "Самал, су жоқ, краны сухие")
    ]
    problem = await appeals.problem(dry)
    at = T0 + timedelta(minutes=15)
    text = "Самал, а завтра тоже будут отключать воду?"
    ahead = appeals.draft(text, category="water", key="самал", at=at)
    match = await grouper(appeals).match(ahead)
    assert match.kind is MatchKind.suggest and match.problem_id == problem
    report = appeals.draft(
        "Самал, воды нет, обещают к завтра", category="water", key="самал", at=at
    )
    assert (await grouper(appeals).match(report)).kind is MatchKind.attach


async def test_still_none_after_the_outage_went_quiet_is_one_more_voice(appeals: Appeals) -> None:
    dry = [
        await appeals.add(text, category="water", key="самал")
        for text in ("В Самале нет воды", "Самал, су жоқ, краны сухие")
    ]
    problem = await appeals.problem(dry)
    at = T0 + timedelta(minutes=90)  # past the outage's hour, within its tail
    text = "Самал 6, у нас до сих пор не дали"  # no word of the outage's own
    still = appeals.draft(text, category="water", key="самал", at=at)
    match = await grouper(appeals).match(still)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    late = appeals.draft(text, category="water", key="самал", at=T0 + timedelta(hours=6))
    assert (await grouper(appeals).match(late)).kind is not MatchKind.attach


async def test_a_reply_in_the_chat_is_placed_beside_another_trouble_kept_apart(
    appeals: Appeals,
) -> None:
    key = "кенесары 70"
    slippery = [
        await appeals.add(text, category="snow_ice", key=key, chat=chat)
        for text, chat in (
            ("Кенесары 70 у подъезда каток", "akimat"),
            ("Кенесары 70 гололёд, не посыпали", "housing"),
        )
    ]
    problem = await appeals.problem(slippery)
    at = T0 + timedelta(minutes=5)
    # Icicles at the same house, kept out of the problem, in the same chat.
    await appeals.add("Кенесары 70 сосульки над входом", category="snow_ice", key=key, at=at)
    reply = appeals.draft(
        "и у нас скользко, чуть не упала",
        category="snow_ice",
        key=None,
        at=at + timedelta(minutes=3),
    )
    match = await grouper(appeals).match(reply)
    assert match.kind is MatchKind.attach and match.problem_id == problem


async def test_icicles_take_the_piece_that_fell_and_not_the_ice_below(appeals: Appeals) -> None:
    key = "абая 3"
    icicles = []
    for text in ("Абая 3, над входом висят огромные сосульки", "Абая 3 сосульки с крыши"):
        draft = urgent(appeals.draft(text, category="snow_ice", key=key), "ice")
        icicles.append((await appeals.tickets.create(draft)).ticket.id)
    problem = await appeals.problem(icicles)
    at = T0 + timedelta(hours=5)
    text = "Абая 3, с козырька сорвалась глыба, чудом никого не задело"
    fell = urgent(appeals.draft(text, category="snow_ice", key=key, at=at), "collapse")
    match = await grouper(appeals).match(fell)
    assert match.kind is MatchKind.attach and match.problem_id == problem
    text = "Абая 3 перед подъездом каток, дворник не посыпает"
    below = appeals.draft(text, category="snow_ice", key=key, at=at)
    match = await grouper(appeals).match(below)
    assert match.kind is MatchKind.suggest and match.problem_id == problem


def test_dirt_indoors_is_not_the_rubbish_outdoors() -> None:
    yard = ["Кенесары 12, баки во дворе полные, мешки лежат на земле", "Кенесары 12 мусор"]
    assert other_light("Кенесары 12, на лестнице месяц не моют, везде грязь", yard)
    assert other_light("Кенесары 12 кіреберісте қоқыс, ешкім жинамайды", yard)
    assert not other_light("Кенесары 12, у контейнеров опять свалка", yard)
    chute = ["Кенесары 12, в подъезде мусоропровод забит, воняет на этаже"]
    assert other_light("Кенесары 12, мусорная площадка завалена", chute)
    # Only where the trouble is either side of the walls: cold radiators are one trouble.
    dirt = "Кенесары 12, в подъезде грязь"
    assert other_inside(("garbage", "housing_repair"), dirt, yard)
    assert not other_inside(("heating", "heating"), dirt, yard)


async def test_an_entrance_nobody_cleans_is_offered_to_the_yards_rubbish(
    appeals: Appeals,
) -> None:
    key = "кенесары 12"
    bins = [
        await appeals.add(text, category="garbage", key=key)
        for text in ("Кенесары 12, баки во дворе полные", "Кенесары 12 мусор не вывозят")
    ]
    problem = await appeals.problem(bins)
    at = T0 + timedelta(days=1)
    text = "Кенесары 12, на лестнице неделю не моют, грязно"
    stairs = appeals.draft(text, category="garbage", key=key, at=at)
    match = await grouper(appeals).match(stairs)
    assert match.kind is MatchKind.suggest and match.problem_id == problem
    # The bins again, in the yard, are one more voice of the problem.
    again = appeals.draft("Кенесары 12, у контейнеров мусор горой", category="garbage", key=key)
    match = await grouper(appeals).match(replace(again, created_at=at))
    assert match.kind is MatchKind.attach and match.problem_id == problem


async def test_a_pit_caving_in_is_the_roads_own_danger(appeals: Appeals) -> None:
    key = "кенесары 30"
    pit = [
        await appeals.add(text, category="roads", key=key)
        for text in ("Кенесары 30 яма на дороге", "Кенесары 30 шұңқыр, машиналар айналып жүр")
    ]
    problem = await appeals.problem(pit)
    assert not other_danger("collapse", "roads", raised=False)
    text = "Кенесары 30, яма растёт, асфальт проваливается, кто-то может упасть"
    worse = urgent(appeals.draft(text, category="roads", key=key), "collapse")
    match = await grouper(appeals).match(replace(worse, created_at=T0 + timedelta(hours=6)))
    assert match.kind is MatchKind.attach and match.problem_id == problem
    # A fire there is another trouble still.
    fire = urgent(
        appeals.draft("Кенесары 30, у ямы горит машина", category="roads", key=key), "fire"
    )
    match = await grouper(appeals).match(replace(fire, created_at=T0 + timedelta(hours=6)))
    assert match.kind is MatchKind.suggest and match.problem_id == problem
