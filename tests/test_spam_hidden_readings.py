"""Spam words read however they are written: split by symbols ("Зараб*тай на
кр.и.п.т.е"), broken by a hyphen, typed in Latin letters ("kerek bolsa
jazyndar"); documents sold (e-signatures, licences, a firm registered in your
name); a service sold to everyone with a price and a speed promised. Their
resident look-alikes (a censored swear word, abbreviations and initials,
"пишу с телефона", a question about an e-signature, a neighbour's cheap
potatoes) stay undeletable. Wordings are this file's own, not lines of the
corpus."""

import pytest

from bot.intake.spam.checks import Post, SpamChecks
from bot.intake.spam.civic import civic_signs
from bot.intake.spam.readings import in_cyrillic, unbroken, unhidden
from bot.intake.spam.verdict import Outcome, SpamJudge, Thresholds, evidence

CHECKS = SpamChecks()
JUDGE = SpamJudge(CHECKS, Thresholds(sure=0.5, sure_alone=0.5, unsure=0.5))


def codes(text: str, **kwargs) -> set[str]:
    return {str(r) for r in CHECKS.reasons(Post(text, **kwargs))}


def verdict(text: str, score: float = 0.99) -> Outcome:
    """The outcome for ``text`` if the classifier gave it ``score``."""
    return JUDGE.outcome(score, CHECKS.reasons(Post(text)), civic_signs(text))


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Лёгкий д*ход каждый вечер, пишите в лс", "topic:earnings"),
        ("Торгую на б.и.р.ж.е третий год, научу и тебя", "topic:crypto"),
        ("К#зино с выводом за минуту, пиши мне", "topic:betting"),
    ],
)
def test_a_spam_word_split_by_symbols_is_a_disguise(text, topic):
    found = codes(text)
    assert {"symbol_letters", topic} <= found, found
    assert verdict(text) is Outcome.SURE


@pytest.mark.parametrize(
    "text",
    [
        "Третий день без отопления, это п*здец какой-то, КСК молчит",
        "Т.е. воды не будет до вечера? ул.Абая 12, спросите у А.Б.Сейтказиновой",
        "Кое-что по-другому: из-за ремонта лифт стоит",
    ],
)
def test_a_residents_symbols_and_abbreviations_are_no_disguise(text):
    assert "symbol_letters" not in codes(text)
    assert verdict(text) is not Outcome.SURE


def test_a_hyphen_is_read_through_but_is_no_disguise():
    assert unbroken("Доход без вложе-ний") == "доход без вложений"
    assert unhidden("Доход без вложе-ний") == []
    found = codes("Подра-ботка вечером, кому надо")
    assert "topic:earnings" in found and "symbol_letters" not in found


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Aqsha kerek bolsa jazynyzdar, nesie beremiz 1 saǵatta", "topic:loans"),
        ("Diplom men attestat kerek bolsa jazyndar, tez jasaimyz", "topic:documents"),
        ("Zarabotok s telefona po 2 chasa, pishite v lichku", "topic:earnings"),
    ],
)
def test_spam_typed_in_latin_letters_is_read_in_cyrillic(text, topic):
    found = codes(text)
    assert topic in found and "offer_contact" in found, found
    assert verdict(text) is Outcome.SURE


def test_a_resident_typing_in_latin_letters_and_english_stay_as_they_are():
    assert in_cyrillic("kerek bolsa jazyndar") == "керек болса жазындар"
    assert in_cyrillic("hi is the water back today") is None
    assert in_cyrillic("воды нет") is None
    # "Пишу с телефона" is a resident's excuse for typos, in either script.
    for text in ("Pishu s telefona, sveta net v dome 12 uzhe den", "Пишу с телефона, света нет"):
        assert "topic:earnings" not in codes(text)
        assert verdict(text) is not Outcome.SURE


@pytest.mark.parametrize(
    "text",
    [
        "Продадим ЭЦП на юрлицо, откроем ТОО на ваше имя, пишите в лс",
        "Лицензия СРО и допуски для вашей фирмы, пишите в лс, сделаем быстро",
        "Анықтама, куәлік керек болса базаға енгіземіз, жеке хабарламаға жазыңыз",
    ],
)
def test_documents_sold_to_whoever_writes_are_harmful(text):
    assert "topic:documents" in codes(text), codes(text)
    assert verdict(text) is Outcome.SURE


@pytest.mark.parametrize(
    "text",
    [
        "Подскажите, где продлить ЭЦП? У мамы срок истёк, а пособие не оформить",
        "Соседи, у кого есть сертификаты на уголь от акимата, где их получать?",
    ],
)
def test_asking_about_documents_is_not_deleted(text):
    assert evidence(CHECKS.reasons(Post(text)), civic_signs(text)) is None


def test_a_service_sold_with_a_price_and_a_speed_promised_is_selling():
    text = "Электрик, сантехник на дом. Приедем за 30 минут, цены ниже рынка. +7 701 000 00 00"
    assert "selling" in codes(text), codes(text)
    assert verdict(text) is Outcome.SURE


@pytest.mark.parametrize(
    "text",
    [
        "Продаю картошку со своего огорода, недорого, звоните 87011234567",
        "Соседи, кто знает хорошего сантехника недорого? Течёт труба в ванной",
        "Дрель отдам недорого, кому надо пишите",
    ],
)
def test_a_neighbours_cheap_sale_or_question_is_no_selling(text):
    assert "selling" not in codes(text)
    assert verdict(text) is not Outcome.SURE


@pytest.mark.parametrize(
    "text",
    [
        "Маме отказали в пособии, хотя справку о доходах сдавали дважды. Что делать дальше",
        "Бізге жәрдемақыдан бас тартты, анықтаманы апардық, көмектесіңіздер",
    ],
)
def test_a_refusal_complained_of_is_a_residents_shape(text):
    signs = civic_signs(text)
    assert {"civic", "refused"} <= set(signs), signs
    assert evidence(CHECKS.reasons(Post(text)), signs) is None


def test_a_refusal_offered_to_be_undone_is_no_complaint():
    text = "Вам отказали в кредите? Одобрим без справок, пишите в лс"
    assert "refused" not in civic_signs(text)
    assert verdict(text) is Outcome.SURE
