"""Spam shapes residents never use, deleted without a link when the classifier
agrees: a talk or a prize offered only in private, friends sought in private,
an official outcome sold past its queue with its result guaranteed, pay by the
hour or a month's pay named in Kazakh, a stranger asking for the national id
number, a link under an unusual top-level name, a business selling to
everyone in its own words. Their resident look-alikes stay undeletable.
Wordings are this file's own, not lines of the corpus."""

import pytest

from bot.intake.spam.checks import Post, SpamChecks
from bot.intake.spam.civic import civic_signs
from bot.intake.spam.verdict import Outcome, SpamJudge, Thresholds, evidence, harmful

CHECKS = SpamChecks()
JUDGE = SpamJudge(CHECKS, Thresholds(sure=0.5, sure_alone=0.5, unsure=0.5))


def codes(text: str, **kwargs) -> set[str]:
    return {str(r) for r in CHECKS.reasons(Post(text, **kwargs))}


def verdict(text: str, score: float = 0.99, **kwargs) -> Outcome:
    """The outcome for ``text`` if the classifier gave it ``score``."""
    return JUDGE.outcome(score, CHECKS.reasons(Post(text, **kwargs)), civic_signs(text))


@pytest.mark.parametrize(
    "text",
    [
        # A talk the post will not name, in private.
        "Доброе утро всем, есть важный разговор, напишите мне в лс",
        "Сәлем, маңызды сұрақ бар, маған жеке жазыңызшы",
        "Salem, manyzdy akparat bar, zheke hatqa jazynyz",
        # A prize claimed in private.
        "Раздаю по 5 000 тг первым десяти, кто напишет мне в личку",
        # Friends sought in private.
        "Hello, I just moved here and I'm looking for friends, message me privately",
        # The national id number asked for in private.
        "Я из соцслужбы, кому не пришло пособие, напишите мне ИИН в лс",
    ],
)
def test_bait_in_private_is_harmful_without_a_link(text):
    reasons = CHECKS.reasons(Post(text))
    assert harmful(reasons, civic_signs(text)), reasons
    assert verdict(text) is Outcome.SURE


@pytest.mark.parametrize(
    "text",
    [
        "Сделаю прописку без очереди, есть человек в ЦОНе, 100% гарантия, звоните",
        "Жүргізуші куәлігі емтихансыз, ЦОНға бармай-ақ, хабарласыңыз",
        "Ипотеку одобрим, 100% мақұлдау, бастапқы жарнасыз, пишите",
    ],
)
def test_an_official_outcome_sold_past_its_queue_is_harmful(text):
    assert codes(text) & {"topic:documents", "topic:loans"}, codes(text)
    assert verdict(text) is Outcome.SURE


@pytest.mark.parametrize(
    "text",
    [
        "Нужны операторы на телефон, 2 500 тг/час, звоните 8 701 555 66 77",
        "Қоймаға жұмысшы керек, айлық 300 мың, хабарласыңыз 8 702 111 22 33",
        "Kuryer kerek, kazhdyi den 12 000 tg, pishite",
    ],
)
def test_pay_by_the_hour_or_a_months_pay_in_kazakh_is_money_by_the_period(text):
    assert "money_rate" in codes(text)
    assert verdict(text) is Outcome.SURE


def test_a_link_under_an_unusual_top_level_name_reaches_outside():
    assert "link:freevpn.speed" in codes("Бесплатный VPN на месяц: freevpn.speed/start")
    assert not {c for c in codes("Скорость 60 км/ч, и т.д./т.п.") if c.startswith("link")}


@pytest.mark.parametrize(
    "text",
    [
        # A neighbour giving a thing away names it; "отдам" states a purpose.
        "Отдам даром детскую кроватку, пишите в лс",
        # A parent asking about the queue, not selling a place in it.
        "Подскажите, можно ли получить место в садике вне очереди, если ребёнок инвалид?",
        # A neighbour found a thing; "jeke hatka" invites, the purpose stands.
        "Kilt tauyp aldym Abai 12 janynan, iesi jeke hatka jazsyn",
        # A neighbour vouching for a utility's bot by their own use.
        "Показания газа удобно передавать через бот @gas_pokazania_bot, сам пользуюсь",
        # "Үйден" is "from the house": moving out of an unsafe one.
        "Апатты үйден көшіру бойынша кезек қашан? Хабарласыңыздар 8 702 111 22 33",
    ],
)
def test_their_resident_look_alikes_stay_undeletable(text):
    assert evidence(CHECKS.reasons(Post(text)), civic_signs(text)) is None
    assert verdict(text) is not Outcome.SURE


@pytest.mark.parametrize(
    "text",
    [
        "Жалюзи и рулонные шторы от 4 500 тг/м², выезд замерщика бесплатно, звоните 87015556677",
        "Сантехник 24/7, скидка 20% пенсионерам, гарантия 1 год на работу, пишите в лс",
        "Ас үй жиһазы тапсырысқа, өлшеу тегін, кепілдік 2 жыл, хабарласыңыз",
    ],
)
def test_a_business_selling_in_its_own_words_is_no_neighbours_trade(text):
    assert "selling" in codes(text)
    assert harmful(CHECKS.reasons(Post(text)), civic_signs(text))
    assert verdict(text) is Outcome.SURE


@pytest.mark.parametrize(
    "text",
    [
        "Продаю детскую кроватку, 20 000 тг, торг, самовывоз",
        "Посоветую мастера по стиральным машинам, сделал быстро и недорого, звоните 87017778899",
        "Собрание ОСИ в субботу, повестка: тариф 45 тг/м² и ремонт крыши",
    ],
)
def test_one_selling_word_or_none_is_a_neighbours_post(text):
    assert "selling" not in codes(text)
