"""Urgency: dangers to people now, in Russian, Kazakh and Kazakh typed with
Russian letters; negation, context and season; the chats' own words."""

from datetime import date

import pytest

from bot.config import ChatSettings
from bot.reading.dangers import REASONS, detect
from bot.reading.urgency import is_urgent, urgency

WINTER = date(2026, 1, 15)
SUMMER = date(2026, 7, 15)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Третий день нет воды, дома лежачая мама", "water"),
        ("су жоқ 2 күн болды, үйде кішкентай балалар", "water"),
        ("нет света во всём доме, у отца аппарат ИВЛ", "power"),
        ("отопления нет, в квартире холодно", "heating"),
        ("батареи ледяные, дети болеют", "heating"),
        ("застряли в лифте между этажами", "elevator"),
        ("лифтте тұрып қалдық, көмектесіңіздер", "elevator"),
        ("на балконе соседей загорелось", "fire"),
        ("в подъезде пахнет дымом", "fire"),
        ("подвалды су басып жатыр", "flood"),
        ("құбыр жарылып кетті, су ағып жатыр", "flood"),
        ("во дворе дерутся, у одного нож", "violence"),
        ("соседа избивают, слышны крики", "violence"),
        ("во дворе стреляют", "violence"),
        ("көрші әйелін ұрып жатыр", "violence"),
        ("пропала девочка 8 лет", "missing"),
        ("балам жоғалып кетті, 6 жаста", "missing"),
        ("мужчина лежит без сознания у остановки", "unconscious"),
        ("собака укусила ребёнка", "animal"),
        ("открытый люк у школы", "manhole"),
        ("сосульки над входом в подъезд", "ice"),
        ("искрят провода на столбе", "sparks"),
        ("обрушился потолок в подъезде", "collapse"),
    ],
)
def test_dangers_the_keyword_list_missed(text, reason):
    found = detect(text, WINTER)
    assert found.urgent and found.reason == reason, found
    assert reason in REASONS


@pytest.mark.parametrize(
    "text",
    [
        "Көршінің пәтерінде өрт шықты, өрттен кейін подъезд түтін",  # Kazakh case endings
        "Газдан улану қаупі бар, подъезде газ иісі",
        "жылу жок, уйде 12 градус",  # Kazakh typed with Russian letters
        "бала жогалды, издеп жатырмыз",
        "орт шыкты! гараждар жанып жатыр",
        "газ иси шыгып жатыр подвалдан",
        "Запах газа в подъезде",
        "пахнет газом на лестнице",
        "пoжар в подъезде",  # a Latin o inside
    ],
)
def test_morphology_and_transliteration(text):
    assert detect(text, WINTER).urgent


@pytest.mark.parametrize(
    "text",
    [
        "не горит фонарь возле дома",  # lighting, not fire
        "фонари во дворе горят круглые сутки",
        "газон вытоптали машинами",  # not gas
        "газоны перекопали и бросили",
        "пожарный проезд заставлен машинами",  # parking
        "өрт сөндіру жолын көліктер жауып тастады",
        "аварийное дерево во дворе, просим спилить",
        "во дворе взрывают петарды каждый вечер",
        "кіреберісте темекі түтіні, көршілер шегеді",
        "шамдар күндіз жанып жатыр",  # lamps on in daytime
        "у скамейки сломана ножка",
        "почтальон не приносит газету",
        "счёт за газ пришёл огромный",
        "в подъезде не пахнет газом, проверили",  # negated
        "газ иісі жоқ, бәрі жақсы",  # Kazakh negation after the word
        "иттер мектептің жанында жүр, әлі ешкімді тістеген жоқ",
        "лежачий полицейский нужен у школы",
        "дорогу перекопали, скорая не проедет",
    ],
)
def test_traps_are_not_urgent(text):
    assert not detect(text, WINTER).urgent, detect(text, WINTER)


def test_what_is_over_is_not_urgent():
    assert not detect("вчера был пожар, сейчас всё нормально", WINTER).urgent
    assert not detect("трубу прорвало, но уже починили", WINTER).urgent
    assert not detect("Монша жанып кетті кеше, қазір сөндірді", WINTER).urgent
    # Still there: still urgent.
    assert detect("сосульки висят, одну сбили, остальные висят над входом", WINTER).urgent


def test_season_decides_heating():
    assert detect("нет отопления, батареи холодные", WINTER).urgent
    assert not detect("отопление отключили на лето, батареи холодные", SUMMER).urgent
    assert not detect("Когда дадут отопление? В квартире холодно", date(2026, 10, 2)).urgent
    # A flat at +12 in December is an outage whatever words are used.
    assert detect("в квартире +12, дети спят в куртках", date(2025, 12, 3)).reason == "heating"
    # "дома 12" is a house number, not 12 degrees; the street outside is not the home.
    assert not detect("Во дворе дома 12 по улице Абая не горят фонари", WINTER).urgent
    assert not detect("На улице +5, окна дует", date(2025, 11, 3)).urgent
    # Without a date, the desk errs on the side of the resident.
    assert detect("жылу жоқ, үй суық").urgent


def test_water_and_power_count_where_someone_depends_on_them():
    assert not detect("свет мигнул и пропал минут на пять", SUMMER).urgent
    assert detect("нет света, у мамы кислородный концентратор", SUMMER).urgent
    assert not detect("ыстық су жоқ бір апта", SUMMER).urgent  # only hot water, in summer
    assert not detect("плановое отключение воды, дети дома", SUMMER).urgent


def _chat(keywords: list[str] | None) -> ChatSettings:
    return ChatSettings(
        key="housing", title="Housing", chat_id=-100, prefix="H", urgent_keywords=keywords
    )


def test_chat_keywords_from_the_config_still_make_a_post_urgent():
    text = "В подвале завелась плесень, дышать нечем"
    assert not is_urgent(text, _chat(None), WINTER)
    found = urgency(text, _chat(["плесень"]), WINTER)
    assert found.urgent and found.reason == "keyword" and found.words == "плесень"
    # A keyword folds like the text: Kazakh letters, endings.
    assert is_urgent("Аулада үлкен шұңқыр пайда болды", _chat(["шұңқыр"]))
    # The detector still runs beside the chat's words.
    assert is_urgent("запах газа в подъезде", _chat(["плесень"]), WINTER)
