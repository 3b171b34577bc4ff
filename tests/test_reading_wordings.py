"""Urgency for classes of wording the fifth written-apart batch showed, each in posts
written for this test (none from the corpus), with the traps of the same class."""

from datetime import date

import pytest

from bot.reading.reader import Reader

JANUARY = date(2026, 1, 20)
JULY = date(2026, 7, 14)
READER = Reader()

DANGER = [
    # Gas told by its smell or its hiss, without the word.
    ("gas smell", "В ванной пахнет тухлыми яйцами, голова кружится"),
    ("gas smell", "Подъездте шіріген жұмыртқаның иісі шығып тұр"),
    ("gas hiss", "Из-под плиты что-то шипит, и запах странный"),
    # A shouted word with a letter held.
    ("held letter", "ДЫМММ из подвала валит, Тельмана 4"),
    # A hole that grows, a wall that cracks with a bang.
    ("growing hole", "Во дворе яма растёт после дождя, уже по колено"),
    ("growing hole", "Шұңқыр күн сайын ұлғайып барады, балалар жанында ойнайды"),
    ("crack", "Ночью в стене подъезда появилась трещина, был грохот"),
    ("crack", "Қабырғада сызат пайда болды, түнде гүрс еткен дыбыс шықты"),
    # A drunk driver or a stranger among children.
    ("drunk driver", "Пьяный за рулём гоняет по двору, где гуляют дети"),
    ("drunk driver", "Мас жүргізуші аулада айналып жүр, балалар ойнап жүр"),
    ("luring", "Незнакомец у школы угощает детей конфетами и зовёт с собой"),
    ("luring", "Бейтаныс кісі балаларға кәмпит ұсынып, өзімен бірге шақырады"),
    # A dog running after children.
    ("dog", "Бір ит балалардың артынан жүгіріп, қуып жүр"),
    ("dog", "Собака без хозяина бегает за детьми по площадке"),
    # Someone barely breathing, an ambulance cried for, someone lying in the snow.
    ("breath", "Мужчина у подъезда еле дышит, нужна скорая помощь"),
    ("breath", "Жедел жәрдем керек, әжем әрең дем алып отыр"),
    ("snow", "У магазина человек лежит в сугробе, мороз"),
    ("snow", "Аялдама жанында бір кісі қарда жатыр, аяз"),
    # Someone pinned under what fell.
    ("pinned", "Ворота гаража упали, придавило человека"),
    ("pinned", "Қоршау құлап, астында бала қалды"),
    # A branch or a tree hung on wires.
    ("on wires", "Ветка повисла на проводах над тротуаром"),
    ("on wires", "Сынған бұтақ сымдарға ілініп тұр, астында балалар"),
    # Heating demanded in the cold season.
    ("heating", "Жылу беріңіздер! Аяз қатты, Коктал 3"),
    ("heating", "Дайте тепло, третий подъезд, февраль на дворе"),
]

CALM = [
    # A ceiling or plaster that fell yesterday and hurt nobody, cleared up.
    ("fell, unhurt", "Вчера обвалился кусок потолка в подъезде, никто не пострадал, уже убрали"),
    ("fell, unhurt", "Кеше балконнан сылақ құлады, ешкім зардап шекпеді"),
    # A dog that lunged and hurt nobody.
    ("dog, safe", "Собака кинулась на сына, обошлось, но страшно, примите меры"),
    ("dog, safe", "Көршінің иті балаға тап берді, бала аман қалды"),
    # Smoke from someone smoking.
    ("smoking", "Сосед курит на площадке, весь коридор в дыму, надоело"),
    # Burning as a figure: anger, "бомбит".
    ("figure", "Всё горит от ваших ответов, опять отписка"),
    ("figure", "Бомбит от тарифов, кто их утвердил?"),
    # A drill announced with its smoke.
    ("drill", "Завтра в школе учебная тревога, будет дым, не пугайтесь"),
    ("drill", "Ертең өрт жаттығуы, түтін шығады, қорықпаңыздар"),
    # Fireworks taken for an explosion, with a Kazakh doubt.
    ("fireworks", "Түнде отшашу атылды, жарылыс па деп ойладым"),
    # A broken lift with nobody stuck.
    ("nobody stuck", "Лифт бұзылған, ешкім қамалмаған, тек жөндеңіздер"),
    ("nobody stuck", "Лифт встал, но никто не застрял, просто почините"),
    # The same words where they name no danger: a light gone out with a bang, prices
    # growing, eggs sold bad, shoes on the wires, a son calling his friends along.
    ("no danger", "Жарық тарс етіп сөніп қалды, электрик шақырыңыз"),
    ("no danger", "Цены на коммуналку растут на глазах, кто это остановит?"),
    ("no danger", "В магазине у дома продают тухлые яйца, проверьте"),
    ("no danger", "Кроссовки висят на проводах над дорогой уже месяц"),
    ("no danger", "Балконда сымға кір іліп қойдым, көрші ұрлап кетті"),
    ("no danger", "Сын зовёт с собой друзей на каток во дворе, когда зальют?"),
]


@pytest.mark.parametrize(("kind", "text"), DANGER)
def test_urgent_by_class(kind, text):
    found = READER.read(text, "housing", JANUARY).urgency
    assert found.urgent and found.reason, kind


@pytest.mark.parametrize(("kind", "text"), CALM)
def test_not_urgent_by_class(kind, text):
    assert not READER.read(text, "housing", JANUARY).urgency.urgent, kind


def test_heating_demanded_in_summer_is_no_alert():
    assert not READER.read("Дайте тепло, батареи холодные", "housing", JULY).urgency.urgent


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # A child alone in a lift is the lift's, not a missing child's.
        ("В лифте остался один малыш, родителей нет, плачет", "elevator"),
        ("Лифтте кішкентай бала жалғыз қалды, ата-анасы жоқ", "elevator"),
        # What fell settles it: a power pole with its wires, a traffic light.
        ("Столб с проводами рухнул во двор, дети рядом", "electricity"),
        ("Электр бағанасы құлап кетті, сымдарымен аулаға түсті, балалар ойнайды", "electricity"),
        ("Светофор рухнул на тротуар у школы", "roads"),
        # "Жарық" by a wall is a crack, not a light; a street named for bricks is no brick.
        ("Қабырғада үлкен жарық пайда болды, түнде гүрс етті", "housing_repair"),
        ("Кирпичная 5, во дворе ветер гнёт деревья, ветки летят", "greenery"),
        # A burst pipe of the heating is heating.
        ("Труба отопления лопнула в подвале, пар валит", "heating"),
        # A missing adult whom age or memory makes frail is social.
        ("Пропал дедушка, деменция, ушёл утром", "social"),
        ("Бабушка пропала, 82 года, альцгеймер", "social"),
        # A kitten up a tree is the animals' service; a dog barking all night is noise.
        ("Котёнок третьи сутки сидит на тополе, не может слезть", "animals"),
        ("Иттер түні бойы үреді, ұйықтай алмаймыз", "noise"),
        ("Собака соседа лает сутками, спать невозможно", "noise"),
        # A sink that smells, a cesspit full: the drains.
        ("Из раковины на кухне воняет, что делать", "sewerage"),
        ("Шұңқыр толып кетті, ассенизатор керек", "sewerage"),
    ],
)
def test_category_by_what_the_danger_or_the_trouble_is(text, category):
    assert READER.read(text, "akimat", JANUARY).category == category, text
