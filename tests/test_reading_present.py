"""A danger still present and the contexts that undo an alarm, in wordings of our own
(not from any labelled file): an intrusion going on now, a dog that bit and a cable left
bare where people are, a hole whose tape or fence is torn, children digging into a snow
heap, a cold home whose temperature is said before the room; and a celebration that
"бахнуло", a head or a heart that "burns", a lift everyone has left, money that did not
come, a car's exhaust called "газ", water standing in a pothole, no pavement."""

from datetime import date

import pytest

from bot.reading.dangers import detect
from bot.reading.reader import Reader

WINTER = date(2026, 1, 15)
OCTOBER = date(2025, 10, 20)
SUMMER = date(2026, 6, 10)


@pytest.mark.parametrize(
    ("text", "when", "reason"),
    [
        # Somebody in a home now, its door broken or its owners away.
        ("көршінің пәтеріне біреу кіріп алды, есігі сындырылған, шу бар", WINTER, "violence"),
        ("у соседей дверь взломана, хозяев нет, внутри кто-то ходит", WINTER, "violence"),
        ("коршинин уйинде кимдир бар, есик бузылган, иеси жок", WINTER, "violence"),
        ("соседи в отпуске, а в квартире кто-то внутри, светят фонариком", WINTER, "violence"),
        ("хозяева уехали, дверь приоткрыта, в квартире кто-то есть", WINTER, "violence"),
        ("есік құлпы сындырылған, пәтерде біреу жүр", WINTER, "violence"),
        # Somebody climbing into a home now.
        ("в квартиру соседа лезут через балкон прямо сейчас", WINTER, "violence"),
        ("біреу терезеден кіріп жатыр, көрші жоқ", WINTER, "violence"),
        # A dog that bit, said "қабап алды".
        ("ит баланы қабап алды, әлі сол жерде жүр", SUMMER, "animal"),
        ("собака кабап алды кызымды, подъезд алдында жур", SUMMER, "animal"),
        ("ит баланы талап тастады, ит әлі сол жерде", SUMMER, "animal"),
        # A bare cable or wire where children or people are.
        ("провода голые торчат из стены в подъезде, дети трогают", SUMMER, "sparks"),
        ("жерден жалаңаш сым шығып тұр, балалар ойнайды", SUMMER, "sparks"),
        ("оголённый кабель лежит у площадки, люди ходят", SUMMER, "sparks"),
        # A hole whose fence or tape is gone or torn.
        ("траншея у школы, ограждение убрали, дети ходят мимо", OCTOBER, "manhole"),
        ("котлован во дворе огородили лентой, но ленту оборвали, дети лазят", OCTOBER, "manhole"),
        ("яма у подъезда, ограждение упало, темно", OCTOBER, "manhole"),
        ("котлованның қоршауы құлап қалды, балалар ішіне түсіп ойнайды", SUMMER, "manhole"),
        # Children digging into a heap of snow that may fall in.
        ("дети роют туннели в сугробе у дороги, может обвалиться", WINTER, "collapse"),
        ("балалар қар үйіндісінде үңгір қазып ойнап жүр", WINTER, "collapse"),
        # A child up on a transformer's box.
        ("балалар трансформатор будкасына шығып алды", SUMMER, "missing"),
        # A light out at a crossing where cars do not brake for people crossing.
        ("светофор погас, бабушки переходят, машины не тормозят", OCTOBER, "accident"),
        ("бағдаршам сөніп тұр, мектеп балалары жолдан өтіп жатыр", OCTOBER, "accident"),
    ],
)
def test_a_danger_still_present_is_urgent(text, when, reason):
    found = detect(text, when)
    assert found.urgent and found.reason == reason, (text, found)


@pytest.mark.parametrize(
    ("text", "when"),
    [
        # A temperature said before the room it is in.
        ("отопления нет, +13 в квартире", OCTOBER),
        ("батареялар суық, 14 градус үйде, балалар ауырады", date(2026, 3, 3)),
        ("жылу берілді ме? бізде әлі суық, +12 в детской", OCTOBER),
        # Dressed for outdoors, or under blankets, at 16-17 degrees.
        ("үйде 16 градус, балалар күртешең отыр", WINTER),
        ("дома +17, спим под одеялами вдвоём", OCTOBER),
        # No heating said beside "бар"/"есть" that is about something else.
        ("жылу жоқ, үйде бәрі күртемен отыр", OCTOBER),
        ("Отопления нет, есть маленькие дети", OCTOBER),
    ],
)
def test_a_cold_home_said_after_its_temperature_is_urgent(text, when):
    assert detect(text, when).urgent, text


@pytest.mark.parametrize(
    ("text", "when"),
    [
        # An intrusion that is over, or noise that is only noise.
        ("вчера кто-то залез в квартиру соседа, дверь взломали, полиция приезжала", WINTER),
        ("у соседей шумно, внутри кто-то ходит громко", WINTER),
        # Bare wires with nobody said to be near them.
        ("в подъезде торчат провода, заизолируйте", SUMMER),
        ("в квартире над нами шумят, кто-то ходит всю ночь", WINTER),
        # A light out, and nothing said of cars and people.
        ("светофор не работает с утра, машины едут как хотят", OCTOBER),
        # A hole fenced and the fence still there.
        ("траншея во дворе огорожена лентой, когда закопают?", OCTOBER),
        # Smoke that "лезет" into flats is no burglar; a slide in a yard is play.
        ("в подъезде курят кальян, дым лезет в квартиры, но это не пожар", WINTER),
        ("горка во дворе, дети катаются, всё хорошо", WINTER),
        # A celebration.
        ("салют на тое бахнул в полночь, стёкла задрожали, спать не дают", SUMMER),
        ("Жаңа жыл түні бахнуло так, что сигнализации завыли, праздник же", WINTER),
        # A body that burns or bursts: bills, worry, a fever.
        ("сердце разрывается глядя на этот двор, когда сделают ремонт", SUMMER),
        ("басым жанып кетті осы төлемдерден", SUMMER),
        ("голова горит у ребенка, температура, к какому врачу", WINTER),
        # A lift car that dropped with everyone already out; a lift out and a pram.
        ("лифт упал на метр, все вышли, проверьте лифт", WINTER),
        ("лифт құлап кетті бір метр, бәрі шықты, тексеріңіздер", WINTER),
        ("лифт кабинасы құлап түсті, бәріміз шығып кеттік, енді тексеріңіздер", WINTER),
        ("лифта нет неделю, с коляской не спуститься, коляску на руках носим", WINTER),
        # Money or a benefit that did not come.
        ("зарплата не пришла, ребенок в школу без обеда", SUMMER),
        ("баламның жәрдемақысы келмеді, қайда барамыз", SUMMER),
        ("посылка пропала, ребенок ждал подарок", SUMMER),
        # A car's exhaust or petrol called "газ".
        ("выхлопной газ от машин воняет в окно, двигатели прогревают", WINTER),
        ("көліктер түні бойы қосулы тұрады, газ иісі терезеден кіреді", WINTER),
        # Water standing in a pothole; sewage over a yard.
        ("жолда шұңқыр су толып тұр, көліктер батып қалады", SUMMER),
        ("канализация толып, аулаға сасық су ағып жатыр", SUMMER),
        # No pavement: children walk by the road.
        ("тротуара нет, дети идут по обочине в школу", SUMMER),
        # Warm at home, or the number is outside.
        ("у нас в квартире +18, в комнате прохладно", WINTER),
        ("+14 на улице, в квартире жарко", OCTOBER),
    ],
)
def test_what_undoes_an_alarm(text, when):
    assert not detect(text, when).urgent, text


def test_a_child_not_found_said_in_kazakh_is_urgent():
    reader = Reader()
    assert reader.read("ұлымды таппай жатырмыз, екі сағат", "law_order", WINTER).urgency.urgent
    assert not reader.read("кілтімді таппай жатырмын", "housing", WINTER).urgency.urgent
