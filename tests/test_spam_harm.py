"""Deleting needs a sign that reaches outside the chat or a harmful offer:
easy money, crypto, bets, loans, documents, adult services, money by the day,
bait explained only in private. A neighbour's trade, a local service, a
neighbour hiring or seeking work, a forwarded notice that sends residents to
the state's own site are flagged at most, however the classifier scores them.
Wordings are this file's own, not lines of the corpus."""

import pytest

from bot.intake.spam.checks import Post, SpamChecks
from bot.intake.spam.civic import civic_signs, states_purpose
from bot.intake.spam.verdict import Outcome, SpamJudge, Thresholds, evidence, harmful
from bot.reading.normalize import fold

CHECKS = SpamChecks()
JUDGE = SpamJudge(CHECKS, Thresholds(sure=0.5, sure_alone=0.5, unsure=0.5))


def verdict(text: str, score: float = 0.99, **kwargs) -> Outcome:
    """The outcome for ``text`` if the classifier gave it ``score``."""
    return JUDGE.outcome(score, CHECKS.reasons(Post(text, **kwargs)), civic_signs(text))


TRADES = [
    # A neighbour's goods or a recommended local service: no harmful topic.
    ("Мёд с дачи продаю, банка 3 литра 9000, звоните 8 702 555 18 40", {}),
    ("Балалар велосипеді сатылады 15 мың, жеке хатқа жазыңыз", {}),
    ("Рекомендую электрика, розетки поменял быстро и недорого", {"has_contact": True}),
    ("Пеку торты на заказ, доставка по району, пишите в лс", {}),
]
HIRING = [
    # The writer pays, names their own shop, or seeks work in the first person.
    "В нашу пекарню у рынка нужен помощник, подработка по выходным, спросите у хозяина",
    "Кто сможет гулять с собакой пару часов по утрам? Заплачу, пишите в личку",
    "Әжеме қарайтын адам керек, студентке қосымша табыс, ақысын төлеймін, жеке хатқа жазыңыз",
    "Ищу подработку грузчиком по вечерам, звоните 8 707 555 44 33",
    "Jumys izdep jurmin, kuzetshi bolsam da bolady, kelisemiz",
]


@pytest.mark.parametrize(("text", "extra"), TRADES)
def test_a_neighbours_trade_is_flagged_never_deleted(text, extra):
    reasons = CHECKS.reasons(Post(text, **extra))
    assert "offer_contact" in {r.code for r in reasons}, reasons
    assert not harmful(reasons, civic_signs(text))
    assert evidence(reasons, civic_signs(text)) is None
    assert verdict(text, **extra) is Outcome.UNSURE


@pytest.mark.parametrize("text", HIRING)
def test_a_neighbour_hiring_or_seeking_work_is_never_deleted(text):
    reasons = CHECKS.reasons(Post(text))
    assert any(r.code == "topic" for r in reasons), reasons
    assert "own" in civic_signs(text)
    assert verdict(text) is not Outcome.SURE


@pytest.mark.parametrize(
    "text",
    [
        "Жұмыс іздеп жүрсіз бе? Күніне 15 000 теңге, тәжірибе керек емес, жеке хатқа жазыңыз",
        "Подработка для всех, опыт не нужен, 12 000 в день, пиши в лс",
    ],
)
def test_a_job_that_pays_the_reader_by_the_day_is_still_deleted(text):
    assert "own" not in civic_signs(text)
    assert verdict(text) is Outcome.SURE


def test_a_notice_that_sends_residents_to_the_states_site_is_not_deleted():
    text = "Справки о составе семьи и пособия теперь онлайн, подробнее на www.egov.kz, пишите"
    assert "site" in civic_signs(text)
    assert verdict(text, forwarded_from_channel=True) is not Outcome.SURE
    # The same words with a look-alike host reach outside the chat: deleted.
    fake = text.replace("www.egov.kz", "egov-spravka.top")
    assert "site" not in civic_signs(fake)
    assert verdict(fake, forwarded_from_channel=True) is Outcome.SURE


@pytest.mark.parametrize(
    "text", ["egov.kz.portal-check.top", "my-egov.kz", "еgov.kz", "yandex.ru/search?q=1"]
)
def test_only_the_states_own_hosts_and_maps_are_the_site_sign(text):
    assert "site" not in civic_signs(f"Смотрите тут {text}")


@pytest.mark.parametrize(
    "text",
    [
        "Займ на карту за 10 минут, без проверки кредитной истории, пишите в лс",
        "Научу торговать USDT через P2P, от 5% в день, пиши в личку",
        "Справку для военкомата сделаем за день, без очереди, звоните 8 705 111 22 33",
        # Bait explained only in private.
        "Всем привет, есть выгодное предложение, подробности расскажу в лс",
        "Гадаю на таро, верну любимого, пишите в личку",
    ],
)
def test_a_harmful_offer_is_deleted_without_a_link(text):
    reasons = CHECKS.reasons(Post(text))
    assert harmful(reasons, civic_signs(text)), reasons
    assert verdict(text) is Outcome.SURE


def test_an_unnamed_offer_said_in_the_chat_is_not_bait():
    text = "Предлагаю в субботу всем подъездом убрать двор, кто за — пишите"
    assert not harmful(CHECKS.reasons(Post(text)), civic_signs(text))
    assert verdict(text) is not Outcome.SURE


def test_signatures_to_gather_outweigh_one_link_but_a_subscription_is_no_purpose():
    petition = "Собираем подписи против вырубки сквера, петиция на change.org/p/skver-saryarka"
    assert "purpose" in civic_signs(petition)
    assert verdict(petition) is not Outcome.SURE
    for text in ("Подписывайтесь на наш канал", "1000 подписчиков", "Подпишись и пиши в лс"):
        assert not states_purpose(fold(text)), text
    channel = "Подпишись на канал t.me/sary_news_daily и пиши в лс, расскажу про бонус"
    assert "dm_invite" in {r.code for r in CHECKS.reasons(Post(channel))}
    assert verdict(channel) is Outcome.SURE
