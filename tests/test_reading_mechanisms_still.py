"""The reader's urgency by mechanism: a danger that stays after what should have ended it.

Built as tests/test_reading_mechanisms_harm.py builds its tables (small lists in Russian,
Kazakh and Kazakh typed with Russian letters, never corpus sentences), each urgent cell with
its calm counterpart:

- gas shut off with its smell still there is urgent; shut off and the smell gone is not;
- dogs that mauled someone yesterday and are about today are urgent; caught since, not;
- a lift that fell with people in it is urgent; one that does not run is not;
- a pit dug and left unfenced is urgent; one fenced off waiting to be filled is not.
"""

from datetime import date

import pytest

from bot.reading.dangers import detect
from tests.test_reading_mechanisms_harm import _cells, _cross

SUMMER = date(2026, 7, 15)

RU_SHUT = ("перекрыли газ", "газ перекрыл", "газовый кран закрыли")
KK_SHUT = ("газды жаптық", "газ кранын жаптық")
RU_LINGERS = ("запах остался", "запах не уходит", "всё равно пахнет")
KK_LINGERS = ("бірақ иісі әлі бар", "иісі кетпей тұр", "иісі қалды")
RU_GONE = ("запаха больше нет", "теперь не пахнет")
KK_GONE = ("иісі жоқ", "енді иісі жоқ")

RU_DOGS = ("собаки", "стая собак", "бродячие псы")
KK_DOGS = ("иттер", "қаңғыбас иттер")
RU_BACK = (
    "{s} вчера покусали человека, сегодня опять там",
    "{s} вчера напали на ребёнка, и сегодня там",
)
KK_BACK = ("{s} кеше бір кісіні талады, бүгін де сол жерде", "{s} кеше балаға шапты, бүгін де жүр")
RU_CAUGHT = ("{s} вчера покусали человека, их уже отловили",)
KK_CAUGHT = ("{s} кеше бір кісіні талады, бүгін аулап алды",)

RU_LIFT = (
    "лифт упал на два этажа с людьми",
    "лифт с людьми сорвался вниз",
    "лифт падал с людьми, опять ездит",
)
KK_LIFT = ("лифт адамдармен құлап түсті", "лифт адамдармен екі қабатқа құлап кетті")
RU_LIFT_OFF = ("лифт не работает второй день", "лифт сломался, стоит на первом этаже")
KK_LIFT_OFF = ("лифт істемейді", "лифт екі күннен бері істемейді")

RU_PIT = ("во дворе выкопали яму и не оградили", "траншею выкопали и не оградили")
KK_PIT = ("аулада шұңқыр қазып, қоршамай кетті", "шұңқыр қазды, қоршамаған")
RU_PIT_FENCED = ("яму во дворе оградили, когда закопают?",)
KK_PIT_FENCED = ("шұңқырды қоршап қойды, қашан көмеді?",)

STAYS = {
    "ru": (
        *_cross(("{s}, {p}",), RU_SHUT, RU_LINGERS),
        *_cross(RU_BACK, RU_DOGS),
        *RU_LIFT,
        *RU_PIT,
    ),
    "kk": (
        *_cross(("{s}, {p}",), KK_SHUT, KK_LINGERS),
        *_cross(KK_BACK, KK_DOGS),
        *KK_LIFT,
        *KK_PIT,
    ),
}
ENDED = {
    "ru": (
        *_cross(("{s}, {p}",), RU_SHUT, RU_GONE),
        *_cross(RU_CAUGHT, RU_DOGS),
        *RU_LIFT_OFF,
        *RU_PIT_FENCED,
    ),
    "kk": (
        *_cross(("{s}, {p}",), KK_SHUT, KK_GONE),
        *_cross(KK_CAUGHT, KK_DOGS),
        *KK_LIFT_OFF,
        *KK_PIT_FENCED,
    ),
}


@pytest.mark.parametrize("text", list(_cells(STAYS)))
def test_a_danger_that_stays_after_what_should_have_ended_it_is_urgent(text):
    assert detect(text, SUMMER).urgent


@pytest.mark.parametrize("text", list(_cells(ENDED)))
def test_the_same_danger_ended_is_not(text):
    assert not detect(text, SUMMER).urgent
