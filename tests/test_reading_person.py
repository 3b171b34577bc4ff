"""A person in danger told by what happens to them, not by a named emergency: help
that cannot get in to someone sick, someone behind a door locked from inside, someone
without a home out in the frost, a small child alone; and the hazards reached by
water (a lift shaft, a wire lying in it) or left unmarked (a pit). Each in wordings of
its own, beside the same words where nobody is in danger."""

from datetime import date

import pytest

from bot.reading.reader import Reader

JANUARY = date(2026, 1, 15)
READER = Reader()

URGENT = [
    "Скорая не может проехать к дому, снег завалил, у соседа приступ",
    "Жедел жәрдем аулаға кіре алмай тұр, әкем ауырып жатыр",
    "врач не может попасть к нам, подъезд завален, мама лежачая",
    "Дедушка за дверью стонет, дверь заперта изнутри",
    "Есік ішінен құлыптаулы, әжей ыңқылдап жатыр",
    "Бомж лежит у остановки, на улице -30",
    "Бездомный мужчина замерзает у гаражей",
    "Ребенок один гуляет у трассы, родителей рядом нет",
    "Жолда үлкен шұңқыр, ешқандай белгі жоқ, түнде көрінбейді",
    "На тротуаре провал, метр глубиной, ничем не огорожен",
    "Вода льется в шахту лифта с верхних этажей",
    "В подвале по колено вода, провод лежит в воде",
    "Жертөледе су, электр сымы су ішінде жатыр",
    "Светофор не работает, дети из школы переходят как попало",
    "Кеше ит баланы қапты, иттер әлі сол жерде жүр",
    "Суық су жоқ, ыстық су жоқ, үйде төсек тартып жатқан әкем бар",
    "Шатырда үлкен мұз, басына түсуі мүмкін, балалар өтеді",
]
CALM = [
    "Скорая не может подъехать к подъезду из-за машин, примите меры",
    "Дверь подъезда заперта, домофон сломан, почините",
    "Бездомные ночуют в подвале, летом воняет",
    "Дети гуляют у дороги, поставьте забор",
    "Шахта лифта грязная, уберите мусор",
    "Провод висит в подъезде, закрепите, пожалуйста",
    "Жарық бағанасы жоқ, көшеде қараңғы",
    "Яма на дороге огорожена, когда заделаете?",
    "Той, отшашу атып жатыр түні бойы, ұйықтай алмаймыз",
    "Кеше ит баланы қапты, қазір иттерді ұстап әкетті",
    "Ыстық су жоқ, жазда әдеттегідей, үйде төсек тартып жатқан әкем бар",
    "Яма на дороге, вчера машина колесо пробила, сделайте ремонт",
    "Өрт шықты ма деп қорықтық, жай жаттығу екен, бәрі тыныш",
]


@pytest.mark.parametrize("text", URGENT)
def test_a_person_in_danger_is_urgent(text):
    assert READER.read(text, "akimat", JANUARY).urgency.urgent, text


@pytest.mark.parametrize("text", CALM)
def test_the_same_words_with_nobody_in_danger_are_not(text):
    assert not READER.read(text, "akimat", JANUARY).urgency.urgent, text
