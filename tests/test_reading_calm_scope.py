"""What a calm rule or a word of harm reaches, and no further: a danger made safe quiets
that danger, not the next one said after it nor one of another kind; a fire somebody
tends explains its smoke, not smoke "а у нас" from the wiring; an exhaust explains a
bang unless the post turns to another thing ("оказалось стреляют"); a hot home quiets
heating, not hot water nor a summer now past; and the words of a failing structure, a
threatening animal or a dependant read only as those (not "на глазах у детей", "мешают
окружающим", "әжетхана"). Read by the rules alone, so that no model hides a rule."""

from datetime import date

import pytest

from bot.reading.reader import Reader

READER = Reader()
WINTER = date(2026, 1, 15)

URGENT = [
    # made safe, then another danger, or one of another kind
    "Перекрыли кран, течь прекратилась. Из щитка искры летят и дым",
    "Выключили автомат, свет перестал мигать, из розетки идёт дым",
    "Перекрыли воду, лифт перестал работать, вода течёт по стенам прямо в электрощит, искрит",
    "Выключил автомат, вроде всё. Проводка в стене дымится и трещит",
    "Автоматты өшірдік, лифт тоқтады, розеткадан түтін шығып тұр",
    # a tended fire beside smoke that is not its own
    "Korshiler monshany jagyp jatyr, al bizdin podezdegi shitten tutin shygyp tur",
    "Соседи баню топят, а у нас в подъезде из щитка идёт дым и пахнет горелой проводкой",
    "Соседи топят печь, а у нас в квартире запах гари и дым из розетки",
    # an engine first thought of, then another thing
    "Думали выхлоп, оказалось стреляют во дворе, мужчина с ружьём",
    "Сначала думали выхлоп машины, а это взорвался газовый баллон в соседнем подъезде",
    # a sale is when, not what, burns
    "В магазине во время акции загорелась проводка, люди выбегают",
    # what was cleared away is not who was hurt
    "Дворники убрали листья, а с крыши упал кусок шифера, человек ранен",
    "Машины убрали со двора, а мальчика сбила машина, он в крови",
    # hot water, open windows, a summer past: no hot home
    "Үйде ыстық су жоқ, батареялар суық, балалар тоңып отыр",
    "В подъезде окна открыты и разбиты, отопления нет, дети болеют",
    "Жарко дома было летом, а сейчас батареи ледяные, дети мёрзнут, отопления нет",
]

CALM = [
    "Подростки курят на лестнице прямо на глазах у детей",
    "Пролетели дроны над домом, на глазах у всех",
    "Лестница в подъезде грязная, ступеньки трещат от старости",
    "Потолок в квартире вздулся пузырём после покраски",
    "Собаки лают по ночам, мешают окружающим",
    "Әжетханада су жоқ",
    "Үйдің барлығында су жоқ па? Жоспарлы жөндеу ме?",
    "Университетте дәрісі болмай қалды, жарық жоқ екен, жоспарлы өшіру шығар",
    "Свет в подъезде горит всю ночь, переходите на светодиодные лампы",
    "На газовой плите огонь на конфорке горит плохо",
    # ... and the same mechanisms where they do hold
    "пахнет гарью по всей улице, а это соседи баню топят, не пугайтесь",
    "хлопки как выстрелы, это выхлоп машины",
    "розетка задымилась, выключил автомат, вроде всё",
]


@pytest.mark.parametrize("text", URGENT)
def test_a_calm_rule_does_not_reach_another_danger(text):
    assert READER.read(text, "housing", WINTER).urgency.urgent


@pytest.mark.parametrize("text", CALM)
def test_words_of_harm_do_not_reach_other_things(text):
    assert not READER.read(text, "housing", WINTER).urgency.urgent
