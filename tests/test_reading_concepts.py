"""Each danger class read as a concept (a subject and its state), in Russian,
Kazakh and Kazakh typed with Russian letters, and the traps of its kind.
None of these sentences is in the corpus: the reader must know how a danger
is said, not a list of posts."""

from datetime import date

import pytest

from bot.reading.concepts import find
from bot.reading.dangers import detect
from bot.reading.normalize import words

WINTER = date(2026, 1, 20)
SUMMER = date(2026, 7, 20)

DANGERS = {
    "gas": [
        "на площадке между этажами тянет газом",
        "ас үйде газ иісі сезіледі, терезені аштық",
        "подъездте газдын иси катты",
        "слышно, как шипит газовая труба в подвале",
    ],
    "fire": [
        "в соседнем подъезде дымит подвал, чёрный дым",
        "көршінің балконы жанып жатыр",
        "гараж жанып жатыр, от улкен",
        "загорелась проводка на чердаке",
    ],
    "flood": [
        "у соседей сверху прорвало стояк, льёт с потолка",
        "жертөледе құбыр жарылып кетті",
        "кубыр жарылды, су шапшып тур",
        "из радиатора бьёт кипяток",
    ],
    "heating": [
        "отопления нет уже сутки, в комнатах +12",
        "батареялар мұздай, үйде балалар тоңып отыр",
        "жылу жок, уйде тонып отырмыз",
        "радиаторы ледяные по всему стояку",
    ],
    "water": [
        "воды нет второй день во всём подъезде",
        "су жоқ бүкіл үйде кешеден бері",
        "у нас лежачая мама, а воды нет с утра",
    ],
    "power": [
        "света нет третьи сутки во всём доме",
        "жарық жоқ бүкіл үйде, әкемнің аппараты істемейді",
        "электричества нет, у ребёнка ингалятор, а он от сети",
    ],
    "elevator": [
        "лифт встал между этажами, внутри двое детей",
        "лифтте әжем қамалып қалды",
        "лифтта калып калдык, есик ашылмайды",
        "не можем выйти из лифта уже полчаса",
    ],
    "violence": [
        "во дворе двое избивают мужчину",
        "көшеде біреуді ұрып жатыр",
        "у подъезда размахивает ножом пьяный",
        "сосед кидается с топором на людей",
    ],
    "missing": [
        "дочка 10 лет не пришла из школы, телефон выключен",
        "ұлым сабақтан келмеді, іздеп жүрміз",
        "бала жогалып кетти, 4 жаста",
        "малыш сидит на подоконнике открытого окна",
    ],
    "unconscious": [
        "у магазина лежит мужчина без сознания",
        "аялдамада бір кісі құлап, тұра алмай жатыр",
        "бабушка упала в подъезде и не встаёт",
    ],
    "animal": [
        "собака покусала мальчика у школы",
        "ит баланы тістеп алды",
        "стая собак бросилась на женщину с коляской",
    ],
    "manhole": [
        "открытый люк посреди тротуара",
        "аулада люк ашық тұр",
        "траншея без ограждения прямо у подъезда, дети рядом",
    ],
    "ice": [
        "над входом в школу висят огромные сосульки",
        "шатырдан мұз құлап жатыр",
        "снег с крыши сходит пластами прямо на тротуар",
    ],
    "sparks": [
        "оборванный провод лежит на земле и искрит",
        "сымдар үзіліп жерде жатыр",
        "в щитке искрит и трещит",
    ],
    "collapse": [
        "с балкона падают куски бетона на тротуар",
        "потолок в подъезде обрушился",
        "балкон плитасы құлап, жаяу жүргіншіге тие жаздады",
    ],
}

TRAPS = [
    "не горит фонарь у подъезда",
    "фонари горят днём, зря тратят свет",
    "шамдар күндіз жанып жатыр",
    "газон вытоптан машинами",
    "пожарный проезд заставлен машинами",
    "аварийное дерево у дома, спилите",
    "ночью взрывают петарды во дворе",
    "темекі түтіні подъезде, шегеді",
    "ножка скамейки сломана",
    "пропала кошка, рыжая",
    "ищем няню для ребёнка",
    "лифт не работает, когда починят?",
    "кран на кухне капает",
    "крыша течёт в дождь",
    "нет горячей воды",
    "в подъезде нет света",
    "плановое отключение воды в четверг",
    "вчера была драка, просим камеры",
    "сосульки сбили, спасибо",
    "газовщики проверили, утечки нет",
    "собаки лают всю ночь",
]


@pytest.mark.parametrize(
    ("reason", "text"), [(r, t) for r, texts in DANGERS.items() for t in texts]
)
def test_each_danger_in_words_of_its_own(reason, text):
    found = detect(text, WINTER)
    assert found.urgent and found.reason == reason, found


@pytest.mark.parametrize("text", TRAPS)
def test_the_traps_of_each_kind_alarm_nobody(text):
    assert not detect(text, WINTER).urgent, detect(text, WINTER)


def test_a_concept_is_a_subject_and_its_state_near_each_other():
    [hit] = find(words("в подъезде тянет газом"))
    assert hit.label == "gas" and "&" in hit.pattern
    # Either order, a Kazakh case ending, Kazakh typed with Russian letters.
    assert [h.label for h in find(words("газдың иісі шығып тұр"))] == ["gas"]
    assert [h.label for h in find(words("газдын иси шыгып тур"))] == ["gas"]
    # A state with no subject is nothing: "тянет" alone, "шипит" of a kettle.
    assert find(words("тянет спину, шипит чайник")) == []
    # Too far apart: two sentences about different things.
    far = "газ провели в прошлом году, всё хорошо, а вот в подвале у нас ужасно пахнет"
    assert [h.label for h in find(words(far))] == []


def test_a_negated_state_is_no_danger():
    assert find(words("газом не пахнет")) == []
    assert find(words("газ иісі жоқ")) == []
    assert not detect("проверили, газом в подъезде не пахнет", WINTER).urgent


def test_a_falling_piece_is_a_repair_until_someone_is_under_it():
    assert not detect("в подъезде отваливается штукатурка", WINTER).urgent
    hit = detect("штукатурка отваливается кусками, чуть не попало по ребёнку", WINTER)
    assert hit.urgent and hit.reason == "collapse"


def test_cold_needs_the_cold_season_and_a_cold_home():
    assert detect("в квартирах холодина, котельная встала", WINTER).urgent
    assert not detect("в квартирах холодина, котельная встала", SUMMER).urgent
    assert not detect("батареи еле тёплые, в квартире +18", WINTER).urgent
    assert detect("батареи еле тёплые, в квартире +13", WINTER).urgent


def test_a_danger_that_is_over_or_in_the_past_alarms_nobody():
    assert not detect("свет дали, всё нормально", WINTER).urgent
    assert not detect("вчера застряли в лифте, вытащили через час", WINTER).urgent
    assert not detect("лифттің кнопкалары өртеніп кеткен, бұзақылар жасаған", WINTER).urgent
