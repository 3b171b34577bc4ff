"""Urgency and category by class of wording, in posts written for this test
(none from the corpus): each class is a rule of reading, not a sentence, so
each is said here in words no labelled post uses."""

from datetime import date

import pytest

from bot.reading.reader import Reader

JANUARY = date(2026, 1, 20)
JULY = date(2026, 7, 14)
READER = Reader()

# (class, post) that are not urgent.
CALM = [
    # Figures of speech: a deadline or a time that "burns", an "explosion" of feelings.
    ("figure", "Сроки по субсидии горят, а в ЦОНе очередь до вечера"),
    ("figure", "Горит срок подачи документов, запишите к акиму"),
    ("figure", "Құжат тапсыру мерзімі жанып тұр, ешкім жауап бермейді"),
    ("figure", "На собрании жильцов был взрыв возмущения из-за тарифов"),
    ("figure", "Подростки у магазина стреляют деньги на проезд, надоели"),
    # A lift stuck with nobody in it.
    ("empty lift", "Лифт застрял на третьем, внутри никого, почините пожалуйста"),
    ("empty lift", "Пустой лифт застрял между этажами второй день"),
    ("empty lift", "Лифт тоқтап қалды, ішінде ешкім жоқ, жөндеңіздер"),
    # A danger asked about and denied.
    ("denied", "Лифт застрял? Нет, к счастью, просто медленно едет и скрипит"),
    # An outage in one flat.
    ("one flat", "Света нет только у нас в квартире вторые сутки, у соседей есть"),
    ("one flat", "Тек біздің пәтерде жарық жоқ екі күн, көршілерде бар"),
    # Dripping from a roof or a ceiling is a leak, not a flood.
    ("drip", "Төбеден су тамшылап тұр, шатыр ағып тұр, жөндеңіздер"),
    ("drip", "С потолка в подъезде капает вода, третий день"),
    # Sewage in the basement is a repair.
    ("basement sewage", "В подвале прорвало канализацию, запах в подъезде"),
    # Ice underfoot asks for sand.
    ("slippery", "Аялдамада мұз, адамдар құлап жатыр, құм себіңіздер"),
    # A lid missing from a bin is not a manhole.
    ("bin lid", "Мусорный контейнер без крышки, мусор разлетается по двору"),
    ("bin lid", "Қоқыс жәшігінің қақпағы жоқ, иттер шашып тастайды"),
    # A tree that fell and hurt nobody is to be cleared.
    ("unhurt", "Ночью ветром повалило дерево на газон, никто не пострадал, уберите"),
    ("unhurt", "Аулада ағаш құлап қалды, ешкім зардап шекпеді, алып кетіңіздер"),
    # Throwing things about with a noise is not an attack.
    ("noise", "Таңғы бесте жүк көлігі жәшіктерді лақтырып, шу шығарады"),
    ("figure", "Заявление на пособие горит, а приём только по четвергам"),
    ("empty lift", "Лифт застрял между седьмым и восьмым, в нём никого, просто сообщаю"),
    # Leaves or rubbish burnt on purpose.
    ("burning on purpose", "Сосед жгёт листья в бочке у забора, дым тянет к нам"),
    ("burning on purpose", "Аулада біреу жапырақтарды жағып жатыр, түтіні терезеге кіреді"),
    # A dip in the asphalt where nobody walks.
    ("pothole", "Асфальт на парковке провалился, колесо застряло"),
    # Said to be over: resolved, in order, a false alarm.
    ("over", "Вчерашняя проблема с отоплением решена, батареи горячие"),
    ("over", "Подъездегі жылу жоқ мәселесі шешілді, рақмет"),
    ("over", "Думали, что у соседа пистолет, а это была зажигалка, извините за панику"),
    ("over", "Дым над гаражами видели? Проверили, всё в порядке, это коптильня"),
    # A smell denied, then something else asked about.
    ("denied", "Запаха газа в подъезде нет, но плита плохо зажигается, кого вызвать?"),
    # Figures: sparks from the eyes, a brain that explodes, burning at work.
    ("figure", "Увидела квитанцию за воду, искры из глаз посыпались"),
    ("figure", "У меня мозг взрывается от этих тарифов на мусор"),
    ("figure", "Горю синим пламенем с отчётами, когда приём у акима?"),
    # An animal that has hurt nobody yet.
    ("not yet", "Во дворе бродячие собаки бросаются на самокаты, пока никого не укусили"),
    ("not yet", "Бір түлкі аулаға кіріп жүр, ешкімге тиіспейді, кімге хабарласу керек?"),
    # A tree down with nobody under it.
    ("unhurt", "Жел ағашты құлатып кетті, ағаш құлап жатыр, адам жоқ, жол жабық"),
    # A sauna's smoke, a match on the screen.
    ("sauna", "Көршінің моншасынан түтін шығып жатыр, қорықпаңыздар"),
    ("screen", "Сосед орёт «горит! пожар!» каждый раз, когда его команда пропускает в хоккее"),
    # Water off in one flat, in Kazakh.
    ("one flat", "Су жоқ тек біздің пәтерде, басқа пәтерлерде бар"),
    # Glaze ice that people fall on asks for sand; nobody is said to be down and hurt.
    ("glaze ice", "У подъезда гололёд, дедушка упал, посыпьте песком, пожалуйста"),
    ("glaze ice", "На крыльце поликлиники гололёд, пенсионеры падают один за другим"),
    ("glaze ice", "Аялдамада көктайғақ, қарттар құлап жатыр"),
    ("glaze ice", "Вчера у аптеки на льду упала бабушка, сегодня уже посыпали"),
    ("glaze ice", "На парковке скользко, водители падают, когда выходят из машин"),
    ("glaze ice", "Во дворе залили горку, скользко, дети катаются и падают, весело"),
    # Gas shouted in a question about the supply; a phone, not a son, gone.
    ("cry", "ГАЗ!!! Когда уже проведут в частный сектор?"),
    ("not missing", "Ұлымның телефоны жоқ болып кетті, автобуста қалдырған сияқты"),
    # A dead traffic light with no cars nearly meeting and no children crossing.
    ("traffic light", "Бағдаршам бір аптадан бері жұмыс істемейді, жөндеңіздер"),
    # Praise and prices said as "fire"; a bar sticking out, not a bar in a hand.
    ("figure", "Цены на рынке просто огонь, кто это контролирует?"),
    ("bar", "На детской площадке из земли торчит арматура, уберите"),
    # A warm enough flat with weak radiators.
    ("warm enough", "В квартире +18, батареи чуть тёплые, проверьте"),
]
# (class, post) that are urgent.
DANGER = [
    # A cold flat is a danger in winter, whatever else the post says.
    ("cold flat", "В квартире 13 градусов, у мамы после инфаркта слабость, помогите"),
    ("cold flat", "Батареи как лёд уже неделю, ребёнок болеет"),
    # Water from the ceiling, from the flat above.
    ("from above", "Төбеден ыстық су ағып жатыр, үстіңгі көршілер үйде жоқ"),
    ("from above", "Вода льётся с потолка на кухне, соседи сверху не открывают"),
    # No cold water for a whole building.
    ("whole building", "Во всём подъезде нет холодной воды вторые сутки, у нас младенец"),
    # Hanging by a bolt over people.
    ("hanging", "Вывеска магазина висит на одном болте прямо над тротуаром"),
    ("hanging", "Балкон плитасы бір болтқа ілініп тұр, астынан адамдар өтеді"),
    # The ground giving way where people walk.
    ("sinkhole", "Посреди тротуара провалилась земля, рядом школа, дети ходят"),
    ("sinkhole", "Асфальт провалился посреди дороги, дыра глубокая, знаков нет"),
    # Someone fallen who does not answer.
    ("not answering", "Парень упал с велосипеда и лежит, не отзывается"),
    # A lost old person who cannot say where they live.
    ("lost elder", "Дедушка ходит по двору в тапках, не помнит адрес, на улице мороз"),
    ("lost elder", "Қарт кісі көшеде адасып жүр, үйін таба алмай жатыр"),
    # A dog that bites, in Kazakh.
    ("dog", "Аулада бір ит балаларға тиісіп, қабады, қазір де жүр"),
    # Someone sitting in a lift that stopped.
    ("lift", "Лифт встал, сосед сидит там уже полчаса"),
    ("lift", "Кабинада екі адам қалып қойды, диспетчер жауап бермейді"),
    # A cry for help, a teenager on the edge, children cut by glass.
    ("cry", "Помогите, там парня бьют за гаражами"),
    ("edge", "Подростки сидят на краю крыши двенадцатиэтажки"),
    ("cut", "Спортивная площадка вся в битом стекле, дети порезались"),
    ("cut", "Құмсалғышта шыны сынықтары, балалар қолын кесіп алды"),
    ("lift", "Лифт завис, внутри дедушка с палочкой"),
    ("lost elder", "Пожилая женщина не понимает где находится, ходит по остановке"),
    ("faint", "Девушка в обмороке на остановке, никто не подходит"),
    ("transformer", "Трансформатор аулада, есігі ашық тұр, балалар жанында ойнайды"),
    # An old neighbour behind a door, in Kazakh terms of address.
    ("silent", "Көрші апай үш күннен бері есік ашпайды"),
    # A Kazakh doubt about one thing does not doubt what follows it.
    ("doubt", "Газ құбыры жарылды ма деп қорқамын, қатты ысылдап тұр"),
    ("doubt", "Лифт құлап кетті ме, ішінде адам айқайлап жатыр"),
    # A break-in seen, a child pulled towards a car.
    ("break-in", "Двое взламывают дверь соседки, её нет дома, быстрее"),
    ("abduction", "Бір ер адам қызды көлікке отырғызып алып кетпек болды, мектеп жанында"),
    # Someone who does not come to, coughs blood, will not wake.
    ("unconscious", "Атам құлап қалды, есі жоқ, не істеу керек"),
    ("unconscious", "Мужчина на остановке кашляет кровью, еле стоит"),
    ("unconscious", "На скамейке мужчина в мороз, трясём, не просыпается"),
    # The ground or a wall giving way more and more.
    ("sinkhole", "Провал у перекрёстка за утро увеличился вдвое"),
    ("crack", "Трещина в стене подъезда стала шире за неделю, стена трещит"),
    # A dog that went for a child.
    ("dog", "Қаңғыбас ит немереме тап берді, әлі аулада жүр"),
    # An unfenced trench, a few words away from its state.
    ("trench", "Котлован у школы так и оставили после ремонта без ограждения"),
    # A negation typed onto the word it negates.
    ("glued", "светжок бүкіл подъездте, әкем ИВЛ аппаратында"),
    ("glued", "отоплениенет үш күн, сыртта аяз"),
    ("glued", "Бүкіл үйде сужок екі күн, әжем төсекте жатыр"),
    # Gas shouted, with nothing else said of it.
    ("cry", "Газ!!! Үшінші подъезд, бесінші қабат"),
    # Someone hurt in a fall on glaze ice and still down (falling alone asks for sand).
    ("glaze ice", "На крыльце поликлиники гололёд, пенсионерка упала и не может встать"),
    ("glaze ice", "Мектеп алдында тайғақ, бір оқушы жығылып, тұра алмай жатыр"),
    # A tree torn at the roots over people; a crack with the wall crumbling.
    ("roots", "Тополь у детского сада вывернуло с корнем, держится на соседнем, дети гуляют"),
    ("crack", "В стене лестничной клетки трещина, бетон осыпается кусками"),
    ("crack", "Қабырғадағы сызат күн сайын үлкейіп барады"),
    # Ice hanging over where people go.
    ("hanging ice", "Над аркой навис лёд, люди ходят под ним"),
    ("hanging ice", "Дүкен шатырында мұз салбырап тұр, астынан балалар өтеді"),
    # A dead traffic light with children crossing, or cars that collided.
    ("traffic light", "Светофор у гимназии погас, дети в школу бегут через дорогу"),
    ("traffic light", "Бағдаршам жанбай тұр, екі көлік соқтығысып қалды"),
    ("traffic light", "Светофор сломан, дети переходят дорогу между машинами"),
    # A cold riser in winter.
    ("cold riser", "Стояк ледяной во всей квартире, на улице минус двадцать"),
    # No water and nowhere to fetch it; power out with a machine at home.
    ("no water", "Колонка на нашей улице замёрзла, частный сектор, воду взять неоткуда"),
    ("power", "Жарық өшті бүкіл подъезде, әкем кислород аппаратында"),
    ("power", "Жарық кетіп қалды барлық үйде, анам аппаратқа тәуелді"),
    ("no water", "Колонка сынды, ешқайдан су әкеле алмаймыз, жеке үйлер, қарттар бар"),
    # Dogs that rush at people; a small child left alone; a child gone.
    ("dogs", "Иттер үйірі аялдамада адамдарға шабады, қорқып тұрмыз"),
    ("child alone", "Кішкентай бала аулада жалғыз қалды, ата-анасы жоқ, жылап тұр"),
    ("child alone", "Малыш лет трёх один остался у магазина, мамы рядом нет"),
    ("missing", "Ұлым жоқ болып кетті, 7 жаста, саябақта ойнап жүрген"),
    # Rubbish set alight by a house, its smoke coming into the flats.
    ("rubbish smoke", "Біреу қоқыс жағып жатыр үйдің жанында, түтін пәтерлерге кіріп жатыр"),
]


@pytest.mark.parametrize(("kind", "text"), CALM)
def test_not_urgent_by_class(kind, text):
    assert not READER.read(text, "housing", JANUARY).urgency.urgent, kind


@pytest.mark.parametrize(("kind", "text"), DANGER)
def test_urgent_by_class(kind, text):
    found = READER.read(text, "housing", JANUARY).urgency
    assert found.urgent and found.reason, kind


def test_a_kazakh_condition_is_not_the_danger_itself():
    found = READER.read("Кіреберіс үстінде сүңгілер ілініп тұр, түссе біреуді өлтіреді")
    assert found.urgency.reason == "ice"
    assert found.category == "snow_ice"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # An open manhole by a house is the courtyard's, on a road the road's.
        ("Во дворе у подъезда открытый люк", "yard"),
        ("Ойын алаңының жанында құдықтың қақпағы жоқ", "yard"),
        ("На проезжей части у перехода открытый люк", "roads"),
        # A fire in the grass, a fallen lamp post, a shock from a tap.
        ("Горит сухой камыш и трава за домами, ветер гонит огонь", "greenery"),
        ("Фонарный столб упал на тротуар", "lighting"),
        ("Кран на кухне бьёт током", "electricity"),
        # The drain's words settle it over the water's.
        ("Засор в стояке, вода в раковине стоит", "sewerage"),
        ("Кәріз бітеліп қалды, су кетпейді", "sewerage"),
        # A roof leak is a repair.
        ("Шатыр ағып, бөлмеге су тамады", "housing_repair"),
        # A lost old person is social.
        ("Бабушка потерялась, не помнит где живёт", "social"),
        # A heating riser is heating, not water.
        ("Стояк отопления в ванной подтекает", "heating"),
        # A bar's bass all night is noise.
        ("Бар внизу, басы до утра", "noise"),
        # The drains in Kazakh typed with Russian letters.
        ("Кэриз люгі толып кетті", "sewerage"),
        # A lamp post down with bare wires is lighting, though the wires spark.
        ("Фонарный столб рухнул у остановки, провода оголены", "lighting"),
        ("Люстра в коридоре искрит, пахнет горелым", "electricity"),
        # A child left alone or gone is public order, whatever else the post says.
        ("Кішкентай бала аулада жалғыз қалды, ата-анасы жоқ", "public_order"),
        ("Ұлым жоқ болып кетті, 7 жаста, саябақта ойнап жүрген", "public_order"),
    ],
)
def test_category_by_class(text, category):
    assert READER.read(text, "akimat", JULY).category == category


def test_a_label_written_in_two_blocks_keeps_each_pattern_whole():
    from bot.reading.terms import vocabulary

    found = vocabulary("a: один, два\nb: три\na: четыре,\n    пять\n")
    assert found == {"a": ("один", "два", "четыре", "пять"), "b": ("три",)}
