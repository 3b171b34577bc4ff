"""The reader's urgency by mechanism: harm that is happening to people now.

Each table is built here from small lists, in Russian, Kazakh and Kazakh typed with
Russian letters, never from corpus sentences, and each urgent cell has its calm
counterpart (so no table can pass by reading everything one way):

- a structure failing now (cracking or creaking aloud, sagging, crumbling before one's
  eyes) where people are is urgent; the same structure old, shabby, asked to be repaired
  or "трещит" from the neighbours' music or drill is not;
- an animal threatening people now (chasing, rushing at, surrounding, going for) is
  urgent; one barking at night, lying by the bins or asked to be caught is not;
- a supply off where someone depends on it (a baby, a bedridden or disabled person,
  someone on a device, medicine that must stay cold, cattle) is urgent; a short
  announced cut or a question about the schedule is not;
- a home cold enough that people sit in it in coats, hats or under blankets is urgent in
  the heating season; the same out of season, or said of a street, is not.

The conventions are those of tests/data/reading/README.md.
"""

from datetime import date

import pytest

from bot.reading.dangers import detect

WINTER = date(2026, 1, 15)
SUMMER = date(2026, 7, 15)
_TRANSLIT = str.maketrans("әіңғқөұүһӘІҢҒҚӨҰҮҺ", "аингкоуухАИНГКОУУХ")


def _urgent(text: str, when: date = WINTER) -> bool:
    return detect(text, when).urgent


def _cells(lists):
    """Each Kazakh cell also typed with Russian letters only."""
    for lang, items in lists.items():
        for text in items:
            yield pytest.param(text, id=f"{lang}: {text}")
            if lang == "kk":
                yield pytest.param(text.translate(_TRANSLIT), id=f"kk_translit: {text}")


def _cross(frames, fills, people=("",)):
    return [f.format(s=s, p=p).rstrip(", ") for f in frames for s in fills for p in people]


# --- a structure failing now ---------------------------------------------------------
RU_STRUCTURES = (
    "потолок",
    "лестничный пролёт",
    "балкон",
    "стена в подъезде",
    "козырёк",
    "перекрытие",
    "лоджия",
)
KK_STRUCTURES = ("төбе", "баспалдақ", "балкон", "қабырға")
RU_FAILING = (
    "{s} трещит, {p}",
    "{s} провис, {p}",
    "{s} крошится на глазах, {p}",
    "{s} хрустит и сыплется, {p}",
    "{s} оседает на глазах, {p}",
    "{s} прогибается, {p}",
    "{s} отходит от стены, {p}",
    "{s} обваливается кусками, {p}",
)
KK_FAILING = (
    "{s} сықырлап тұр, {p}",
    "{s} тырсылдап тұр, {p}",
    "{s} иіліп барады, {p}",
    "{s} көз алдында үгітіліп жатыр, {p}",
    "{s} құлағалы тұр, {p}",
    "{s} жарылып барады, {p}",
    "{s} шытырлап тұр, {p}",
)
RU_PEOPLE = ("люди ходят", "под ним играют дети")
KK_PEOPLE = ("адамдар жүреді", "астында балалар ойнайды")
RU_OLD = (
    "{s} старый, просим отремонтировать, {p}",
    "{s} облупился, нужна покраска, {p}",
    "когда отремонтируют {s}? {p}",
    "{s} в старых трещинах уже много лет, {p}",
    "{s} трещит от музыки у соседей, {p}",
    "у соседей сверлят перфоратором, {s} трещит, {p}",
    "{s} целый, только обои отходят от стены, {p}",
)
KK_OLD = (
    "{s} ескі, жөндеп беріңіздер, {p}",
    "{s} бояуы түсіп қалған, {p}",
    "{s} қашан жөнделеді? {p}",
)
FAILING = {
    "ru": _cross(RU_FAILING, RU_STRUCTURES, RU_PEOPLE),
    "kk": _cross(KK_FAILING, KK_STRUCTURES, KK_PEOPLE),
}
OLD = {
    "ru": _cross(RU_OLD, RU_STRUCTURES, RU_PEOPLE),
    "kk": _cross(KK_OLD, KK_STRUCTURES, KK_PEOPLE),
}


@pytest.mark.parametrize("text", list(_cells(FAILING)))
def test_a_structure_failing_now_where_people_are_is_urgent(text):
    assert _urgent(text)


@pytest.mark.parametrize("text", list(_cells(OLD)))
def test_the_same_structure_old_or_asked_to_be_repaired_is_not(text):
    assert not _urgent(text)


# --- an animal threatening people now ------------------------------------------------
# (the animal, it as an object)
RU_ANIMALS = (
    ("собаки", "собак"),
    ("стая собак", "стаю собак"),
    ("алабай", "алабая"),
    ("бродячие псы", "бродячих псов"),
)
KK_ANIMALS = (
    ("иттер", "иттерді"),
    ("қаңғыбас иттер", "қаңғыбас иттерді"),
    ("алабай", "алабайды"),
    ("төбет", "төбетті"),
)
RU_THREAT = (
    "{s} гоняются за детьми во дворе",
    "{s} бросаются на людей у подъезда",
    "{s} окружили ребёнка на площадке",
    "{s} кинулся на мужчину, сейчас",
    "{s} преследуют школьников",
    "{s} бегут за детьми на велосипедах",
    "{s} рычат и не дают детям пройти",
    "{s} набросились на школьника",
    "{s} напали на женщину у подъезда",
)
KK_THREAT = (
    "{s} балаларды қуады, аулада",
    "{s} бір адамға ұмтылды",
    "{s} баланы қоршап алды",
    "{s} адамдарға тап береді",
    "{s} балаларға шабады",
    "{s} адамдарға ырылдап жүгіреді",
    "{s} балаларды қуалап жүр",
    "{s} адамдарға шабуыл жасап жатыр",
)
RU_CALM_ANIMAL = ("{s} лают по ночам", "{s} лежат у мусорки", "просим отловить {o}")
KK_CALM_ANIMAL = ("{s} түнде үреді", "{s} қоқыс жанында жатады", "{o} аулап алыңыздаршы")


def _animals(frames, animals):
    return [f.format(s=s, o=o) for f in frames for s, o in animals]


THREAT = {"ru": _animals(RU_THREAT, RU_ANIMALS), "kk": _animals(KK_THREAT, KK_ANIMALS)}
CALM_ANIMAL = {
    "ru": _animals(RU_CALM_ANIMAL, RU_ANIMALS),
    "kk": _animals(KK_CALM_ANIMAL, KK_ANIMALS),
}


@pytest.mark.parametrize("text", list(_cells(THREAT)))
def test_an_animal_threatening_people_now_is_urgent(text):
    assert _urgent(text)


@pytest.mark.parametrize("text", list(_cells(CALM_ANIMAL)))
def test_an_animal_barking_lying_about_or_to_be_caught_is_not(text):
    assert not _urgent(text)


# --- a supply off where someone depends on it ----------------------------------------
RU_SUPPLY = ("нет воды", "отключили свет", "пропало электричество")
KK_SUPPLY = ("су жоқ", "жарық сөнді", "электр жоқ", "суық су да, ыстық су да жоқ")
RU_DEPENDANT = (
    "{s}, дома грудной ребёнок",
    "{s}, у нас лежачая бабушка",
    "{s}, мама на кислородном аппарате",
    "{s}, в холодильнике лекарства, всё тает",
    "{s}, а у нас скот",
    "{s}, у нас ребёнок-инвалид",
    "{s}, отец на диализе",
    "{s}, дома беременная жена",
    "{s}, дома новорождённый",
)
KK_DEPENDANT = (
    "{s}, үйде нәресте бар",
    "{s}, төсекте жатқан әжем бар",
    "{s}, әкем мүгедек",
    "{s}, тоңазытқыштағы дәрі ериді",
    "{s}, мал да бар",
    "{s}, үйде жүкті әйел бар",
    "{s}, әжем жүре алмайды",
    "{s}, қарт ата-анам бар",
)
RU_SCHEDULE = ("{s} с 10 до 12, плановые работы", "{s}, когда включат?")
KK_SCHEDULE = ("{s} сағат 10-нан 12-ге дейін, жоспарлы жұмыс", "{s}, қашан қосылады?")
DEPENDANT = {"ru": _cross(RU_DEPENDANT, RU_SUPPLY), "kk": _cross(KK_DEPENDANT, KK_SUPPLY)}
SCHEDULE = {"ru": _cross(RU_SCHEDULE, RU_SUPPLY), "kk": _cross(KK_SCHEDULE, KK_SUPPLY)}


@pytest.mark.parametrize("text", list(_cells(DEPENDANT)))
def test_a_supply_off_where_someone_depends_on_it_is_urgent(text):
    assert _urgent(text, SUMMER)


@pytest.mark.parametrize("text", list(_cells(SCHEDULE)))
def test_a_short_announced_cut_or_a_schedule_question_is_not(text):
    assert not _urgent(text, SUMMER)


# --- cold said by how people dress at home -------------------------------------------
RU_DRESSED = (
    "дома сидим в куртках и шапках",
    "в квартире ходим в пуховиках",
    "дети спят в шапках, в квартире +17",
    "в комнате сидим под одеялами",
    "дома ходим в валенках и тулупах",
    "дети делают уроки в куртках, в квартире",
)
KK_DRESSED = (
    "үйде күртемен отырмыз",
    "балалар үйде бас киіммен ұйықтайды",
    "пәтерде тон киіп отырмыз",
    "үйде көрпеге оранып отырмыз",
    "пәтерде пальтомен отырмыз",
)
RU_STREET = (
    "на остановке стоим в куртках и шапках",
    "на улице все в пуховиках",
    "на рынке торгуем в валенках и тулупах",
)
KK_STREET = ("аялдамада күртемен тұрмыз", "көшеде бас киіммен жүреміз")
DRESSED = {"ru": RU_DRESSED, "kk": KK_DRESSED}
STREET = {"ru": RU_STREET, "kk": KK_STREET}


@pytest.mark.parametrize("text", list(_cells(DRESSED)))
def test_a_home_so_cold_people_dress_for_outdoors_is_urgent_in_season(text):
    assert _urgent(text, WINTER)


@pytest.mark.parametrize("text", list(_cells(DRESSED)))
def test_the_same_out_of_season_is_not(text):
    assert not _urgent(text, SUMMER)


@pytest.mark.parametrize("text", list(_cells(STREET)))
def test_dressed_for_the_cold_in_the_street_is_not(text):
    assert not _urgent(text, WINTER)


# --- someone who cannot leave, with what is coming in --------------------------------
RU_HELD = (
    "дома лежачая бабушка, выйти не может",
    "папа на коляске, не может выйти из комнаты",
    "у нас лежачий больной, выйти не может",
)
KK_HELD = (
    "төсекте жатқан әжем бар, шыға алмайды",
    "әкем арбада отырады, бөлмеден шыға алмайды",
    "үйде жатып қалған адам бар, шыға алмайды",
)
RU_COMING = (
    "канализация заливает квартиру",
    "в ванной поднялась канализация",
    "вода заходит в квартиру",
    "дым идёт в квартиру",
)
KK_COMING = (
    "кәріз суы үйге кіріп жатыр",
    "ваннаға канализация шығып жатыр",
    "су пәтерге кіріп жатыр",
    "түтін пәтерге кіріп жатыр",
)
# Sewage up in a bath with nobody held in is a repair (the conventions); someone who cannot
# leave with nothing coming in asks for a ramp.
RU_SEWAGE = ("в ванной поднялась канализация", "канализация в ванной, воняет")
KK_SEWAGE = ("ваннаға канализация шығып жатыр", "кәріз суы ваннада тұр, иісі бар")
RU_RAMP = ("дома лежачая бабушка, выйти не может, нужен пандус",)
KK_RAMP = ("әкем арбада отырады, үйден шыға алмайды, пандус керек",)
HELD_IN = {
    "ru": _cross(("{s}, {p}", "{p}, {s}"), RU_COMING, RU_HELD),
    "kk": _cross(("{s}, {p}", "{p}, {s}"), KK_COMING, KK_HELD),
}
NOBODY_HELD = {"ru": (*RU_SEWAGE, *RU_RAMP), "kk": (*KK_SEWAGE, *KK_RAMP)}


@pytest.mark.parametrize("text", list(_cells(HELD_IN)))
def test_someone_who_cannot_leave_with_sewage_water_or_smoke_coming_in_is_urgent(text):
    assert _urgent(text, SUMMER)


@pytest.mark.parametrize("text", list(_cells(NOBODY_HELD)))
def test_sewage_up_with_nobody_held_in_or_nobody_held_with_nothing_coming_is_not(text):
    assert not _urgent(text, SUMMER)


# --- a crack that grows --------------------------------------------------------------
RU_CRACKS = ("трещина в стене", "трещина на балконной плите", "трещина в потолке")
KK_CRACKS = ("қабырғадағы жарықшақ", "балкон плитасындағы жарықшақ", "төбедегі сызат")
RU_GROWING = (
    "{s}: вчера был 1 см, сегодня 3 см",
    "{s} вчера вечером расширилась, сегодня ещё больше",
    "{s} было 2 мм, стало 1 см",
    "{s} каждый день шире",
)
KK_GROWING = (
    "{s} кеше 1 см еді, бүгін 3 см",
    "{s} кеше кешке кеңейді, бүгін тағы үлкейді",
    "{s} 2 мм еді, қазір 1 см болды",
    "{s} күн сайын кеңейіп барады",
)
RU_STILL_CRACK = (
    "{s} давно, не меняется, просим посмотреть",
    "{s} 1 см, уже год такая же",
    "{s} с прошлого года, не растёт",
)
KK_STILL_CRACK = (
    "{s} бұрыннан бар, өзгерген жоқ",
    "{s} бір жыл бұрын пайда болған, үлкейген жоқ",
)
GROWING = {"ru": _cross(RU_GROWING, RU_CRACKS), "kk": _cross(KK_GROWING, KK_CRACKS)}
STILL_CRACK = {"ru": _cross(RU_STILL_CRACK, RU_CRACKS), "kk": _cross(KK_STILL_CRACK, KK_CRACKS)}


@pytest.mark.parametrize("text", list(_cells(GROWING)))
def test_a_crack_that_grows_by_its_verb_or_its_figures_is_urgent(text):
    assert _urgent(text, SUMMER)


@pytest.mark.parametrize("text", list(_cells(STILL_CRACK)))
def test_an_old_crack_unchanged_is_not(text):
    assert not _urgent(text, SUMMER)


# --- a tree on a car or wires, or cracked over people --------------------------------
RU_TREES = ("дерево", "старое дерево", "аварийное дерево")
KK_TREES = ("ағаш", "ескі терек", "апатты ағаш")
RU_TREE_DOWN = (
    "{s} упало на машину и оборвало провода",
    "{s} упало на провода",
    "{s} наклонилось над детской площадкой, ствол треснул",
    "{s} треснуло, вот-вот упадёт на людей",
)
KK_TREE_DOWN = (
    "{s} құлап кетті көлік үстіне, сымдарды да үзді",
    "{s} сымдардың үстіне құлады",
    "{s} балалар алаңының үстіне қисайып тұр, діңі жарылған",
    "{s} жарылып кетті, адамдардың үстіне құлайын деп тұр",
)
RU_TREE_REQUEST = ("{s} во дворе сухое, просим спилить", "{s} у подъезда, когда спилят?")
KK_TREE_REQUEST = ("{s} аулада қурап қалған, кесіп беріңіздер", "{s} қашан кесіледі?")
TREE_DOWN = {"ru": _cross(RU_TREE_DOWN, RU_TREES), "kk": _cross(KK_TREE_DOWN, KK_TREES)}
TREE_REQUEST = {"ru": _cross(RU_TREE_REQUEST, RU_TREES), "kk": _cross(KK_TREE_REQUEST, KK_TREES)}


@pytest.mark.parametrize("text", list(_cells(TREE_DOWN)))
def test_a_tree_on_a_car_or_wires_or_cracked_over_people_is_urgent(text):
    assert _urgent(text, SUMMER)


@pytest.mark.parametrize("text", list(_cells(TREE_REQUEST)))
def test_a_dry_or_unsafe_tree_asked_to_be_cut_is_not(text):
    assert not _urgent(text, SUMMER)


# --- a danger said inside a question -------------------------------------------------
SPRING = date(2026, 3, 4)
RU_ASKED = ("У вас отопление есть", "У кого-нибудь есть тепло", "Отопление дали")
KK_ASKED = ("Жылу бар ма сендерде", "Сіздерде жылу бар ма", "Жылу берілді ме")
RU_OURS = ("у нас батареи ледяные", "у нас батареи как лёд", "у нас дома +12")
KK_OURS = ("бізде батарея суп-суық", "бізде батарея мұздай", "бізде үйде 12 градус")
RU_SCHEDULE_Q = (
    "Когда отключат отопление? у нас объявления нет",
    "По какому графику промывка отопления? у нас не вывесили",
)
KK_SCHEDULE_Q = (
    "Жылу қашан өшіріледі? бізде хабарландыру жоқ",
    "Жылуды өшіру кестесі қандай? бізде ілінбеген",
)
ASKED = {
    "ru": _cross(("{s}? {p}",), RU_ASKED, RU_OURS),
    "kk": _cross(("{s}? {p}",), KK_ASKED, KK_OURS),
}


@pytest.mark.parametrize("text", list(_cells(ASKED)))
def test_a_danger_said_after_a_question_is_read_as_said(text):
    assert _urgent(text, SPRING)


@pytest.mark.parametrize("text", list(_cells({"ru": RU_SCHEDULE_Q, "kk": KK_SCHEDULE_Q})))
def test_a_question_about_a_schedule_is_not(text):
    assert not _urgent(text, SPRING)
