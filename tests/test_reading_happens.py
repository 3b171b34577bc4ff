"""What happens to a person or to a structure, and the contexts that undo an alarm,
in wordings of our own (not from any labelled file): someone inside a stopped lift,
a child of whom there is no trace or who is shut in a car, gas spreading, a flight
of stairs or a corner of a house sinking, an old person frozen outdoors; and anger
said as an explosion, a fire under control, an attacker who has run off."""

from datetime import date

import pytest

from bot.reading.dangers import detect
from bot.reading.reader import Reader

WINTER = date(2026, 1, 15)
SPRING = date(2026, 4, 20)


@pytest.mark.parametrize(
    "text",
    [
        # Inside a stopped lift, said in the first person or as who is in it.
        "Лифт тұрып қалды, біз ішіндеміз, үш адам",
        "лифт токтап калды, мен ишиндемин, комектесиндер",
        "лифт остановился, мы внутри уже двадцать минут",
        "лифт встал на 7 этаже, в нём бабушка, не может выйти",
        # A lift car that drops.
        "Лифт жүріп келе жатып бір метрдей құлап кетті, қорқып қалдық",
        "лифт падает вниз на пару этажей и потом останавливается",
        "лифт резко опустился на этаж вниз с людьми",
        # No trace of a child; a child alone by a road; a child shut in a car.
        "Ұлымның ізі жоқ, таңертеңнен бері, 7 жаста",
        "сына нигде нет, следов нет, уже три часа ищем",
        "малыш лет четырёх один ходит возле трассы, взрослых не видно",
        "көлікте қамалып қалған бала жылап отыр, ата-анасы жоқ",
        "в закрытой машине на парковке сидит ребенок, жара",
        # Gas spreading.
        "газ иісі бүкіл подъезге таралып жатыр",
        "запах газа распространяется по этажам, дышать тяжело",
        # Heating stopped in the frost.
        "жылу беруді тоқтатып тастады, далада -30, үйде балалар",
        # No power said as one word, with someone who depends on it.
        "токсыз отырмыз, апамның оттегі аппараты істемейді",
        "нетсвета вовсём подъезде, у соседа аппарат ивл",
        # A structure failing under people: stairs, a corner, a floor sinking.
        "баспалдақ отырып барады, адамдар жүріп жүр",
        "угол дома просел, по стене пошла трещина",
        "лестница в подъезде проседает, ходить страшно",
        "потолок в подъезде прогнулся, сверху сыплется",
        # What hangs by one fixing over an entrance; a canopy coming off.
        "балконнан темір қаңылтыр на одном креплении висит над подъездом",
        "навес над входом отваливается, люди ходят",
        # About to fall now where children play.
        "качели сломались, висят, сейчас упадут, дети рядом",
        # A hole cars fall into.
        "жолдың ортасында шұңқыр, көліктер түсіп кетіп жатыр",
        # Ice coming down where people pass.
        "шатырдан мұз түсіп жатыр, адамдар астынан жүр",
        # An old person frozen outdoors who cannot get up.
        "аялдамада шал отыр, тоңып қалған, тұра алмайды",
        "на остановке бабушка замерзла, встать не может",
        # A fall on ice and a leg that seems broken.
        "әже мұз үстінде құлап түсті, аяғы сынған сияқты",
        # A robber who ran off and left someone hurt is still an alert.
        "напал с ножом, ранил соседа и убежал",
        "хулиган с битой убежал, но вернулся и опять машет",
    ],
)
def test_a_danger_to_someone_is_urgent(text):
    assert detect(text, WINTER).urgent, text


@pytest.mark.parametrize(
    "text",
    [
        # Anger, a sell-out, burning at work: figures of speech.
        "начальник взорвался от злости, орал на весь офис",
        "көрші ашуланып жарылып кете жаздады, айқайлады",
        "билеты на матч разлетелись, просто взрыв, всё раскупили",
        "жұмыс бойынша күйіп жатырмын, ХҚКО қашан ашылады?",
        # A fire said to be small and watched.
        "аулада жапырақтарды өртеп жатыр, от кішкентай, бақылауда",
        "жгут листву у гаражей, огонь под контролем",
        # An attacker who has already run off, nobody hurt.
        "сумку вырвали с ножом в руке и убежали, я в порядке",
        "пышақ көрсетіп ақша алды да қашып кетті",
        # Syringes where drug users gather.
        "во дворе собираются наркоманы, шприцы валяются",
        # Rain that would flood a roof.
        "шатыр ағады, жаңбыр жауса жоғарғы қабатты су басады",
        # Something like a snake, seen once.
        "аулада жыланға ұқсас бір нәрсе көрдік",
        # A lift car that nearly fell and hurt nobody.
        "лифт кабинасы құлап кете жаздады, ешкім жарақаттанбады",
        # Someone who cannot get in a stopped lift is not in it.
        "лифт тоқтап қалды, ешкім ішінде жоқ",
    ],
)
def test_what_undoes_an_alarm(text):
    assert not detect(text, WINTER).urgent, text


def test_a_warm_day_outside_is_no_cold_home():
    assert not detect("батареи холодные, но на улице +18, сезон уже кончился?", SPRING).urgent
    assert detect("батареи холодные, на улице минус 20, дома дети", WINTER).urgent


@pytest.mark.parametrize(
    "text",
    [
        "lift toktap kaldy, biz ishindemiz, balamen",
        "balanyn izi jok, eki sagat boldy",
        "gaz tarap jatyr, podezde dem aluga bolmaidy",
    ],
)
def test_kazakh_typed_in_latin_letters_is_read_too(text):
    assert Reader().read(text, "housing", WINTER).urgency.urgent, text
