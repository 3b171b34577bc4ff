"""Category: a fixed taxonomy with names in three languages, from residents' words."""

import re

import pytest

from bot.reading.category import Category, categorise
from bot.reading.normalize import words
from bot.reading.reader import Reader
from bot.texts import LOCALES, Texts

# The codes the design fixes (also the Open311 service_code).
DESIGN_CODES = [
    "heating",
    "water",
    "electricity",
    "gas",
    "sewerage",
    "elevator",
    "housing_repair",
    "yard",
    "roads",
    "lighting",
    "snow_ice",
    "garbage",
    "greenery",
    "transport_parking",
    "noise",
    "animals",
    "public_order",
    "social",
    "other",
]


def test_taxonomy_is_the_designed_one_with_names_in_every_language():
    assert [c.value for c in Category] == DESIGN_CODES
    texts = Texts()
    for locale in LOCALES:
        names = {texts.plain(locale, c.message) for c in Category}
        assert len(names) == len(Category), locale  # no two categories share a name
        assert all(name and not re.search(r"category-", name) for name in names)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("не горит фонарь возле второго подъезда", "lighting"),
        ("шамдар күндіз жанып жатыр", "lighting"),
        ("газон перекопали и бросили", "greenery"),
        ("пожарный проезд заставлен машинами", "transport_parking"),
        ("лежачий полицейский нужен возле школы", "roads"),
        ("лифт не работает второй месяц", "elevator"),
        ("лифт иштемейди 3 апта", "elevator"),
        ("канализация забилась, в подвале вонь", "sewerage"),
        ("кәріз бітеліп қалды", "sewerage"),
        ("мусор не вывозят неделю", "garbage"),
        ("қоқыс жәшіктері толып кетті", "garbage"),
        ("соседи шумят до трёх ночи", "noise"),
        ("бродячие собаки во дворе", "animals"),
        ("қаңғыбас иттер көбейіп кетті", "animals"),
        ("снег не чистят во дворе", "snow_ice"),
        ("кар тазаланбады", "snow_ice"),
        ("крыша течёт после дождя", "housing_repair"),
        ("ямы на дороге, машины бьют колёса", "roads"),
        ("жол бойында үлкен шұңқыр", "roads"),
        ("подскажите, как оформить пособие многодетной семье", "social"),
        ("батареи еле тёплые", "heating"),
        ("вода из крана ржавая", "water"),
        ("свет мигает, лампочки перегорают", "electricity"),
        ("счётчики газа когда поменяют", "gas"),
        ("в подъезде распивают и курят", "public_order"),
        ("качели во дворе сломаны", "yard"),
        ("Спасибо коммунальщикам за работу во дворе!", "other"),
    ],
)
def test_rules_name_the_subject(text, category):
    assert categorise(words(text)).category == category


def test_a_danger_is_filed_by_the_desk_s_conventions():
    reader = Reader()
    # A fire in a building is "other"; a burning bin is rubbish; a burning switchboard electricity.
    assert reader.read("Загорелось на балконе у соседей, дым").category == "other"
    assert reader.read("Контейнер горит во дворе, дым в окна").category == "garbage"
    assert reader.read("Щиток в подъезде загорелся, дым идёт").category == "electricity"
    # A child in danger is public order; a silent old neighbour is social.
    assert reader.read("Ұлым мектептен келмеді, 12 жаста").category == "public_order"
    assert reader.read("Жалғыз тұратын әжей 3 күн есік ашпай жатыр").category == "social"


def test_an_unclear_post_has_a_category_all_the_same():
    reader = Reader()
    reading = reader.read("ужас что творится, куда смотрит аким")
    assert reading.category in Category
    assert reader.read("непонятно что", chat="law_order").category == "public_order"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Молодежный мкр, 11 дом, электричества нет с утра", "electricity"),
        ("Молодёжный 4 — третий день нет воды", "water"),
        ("мкр Молодежный, 7 үй, жылу жоқ", "heating"),
    ],
)
def test_the_name_of_the_place_is_not_what_the_post_is_about(text, category):
    """ "Молодёжный" is a microdistrict, not youth (public order): the words that
    name the post's place do not count as what it is about."""
    assert Reader().read(text).category == category


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A home's light gone out, dark at home, power given back: electricity.
        ("Самал шағынауданы, 7 үй, жарық сөніп қалды", "electricity"),
        ("пәтерде қараңғы, бүкіл подъезд", "electricity"),
        ("жарық қашан беріледі? кешеден бері", "electricity"),
        # The street's lamps: lighting.
        ("көше жарығы сөнді, кешке қараңғы", "lighting"),
    ],
)
def test_a_homes_light_is_electricity_and_the_streets_is_lighting(text, code):
    assert categorise(words(text)).category.value == code, text
