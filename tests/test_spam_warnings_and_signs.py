"""A resident's warning about spam, in every language the desk reads, is not
spam: it names the scam's topics to warn against them. And some signs are no
resident's: a look-alike of a state, bank or house body's site that baits, a
payment card's number with a stranger's appeal for money. Those delete a post
whatever the classifier scores, unless the post warns against them. Wordings
are this file's own, not lines of the corpus."""

import pytest

from bot.intake.spam.checks import Post, SpamChecks
from bot.intake.spam.civic import civic_signs
from bot.intake.spam.verdict import Outcome, SpamJudge, Thresholds, decisive, evidence

CHECKS = SpamChecks()
JUDGE = SpamJudge(CHECKS, Thresholds(sure=0.5, sure_alone=0.5, unsure=0.5))


def verdict(text: str, score: float) -> Outcome:
    """The outcome for ``text`` if the classifier gave it ``score``."""
    return JUDGE.outcome(score, CHECKS.reasons(Post(text)), civic_signs(text))


WARNINGS = [
    # English: the scam's topics listed to warn against them.
    "Heads up neighbours: someone posts crypto and remote job offers here. Do not send money",
    "Warning: fake loan offers in this chat, they ask for a fee first",
    "There are fake 'easy income' messages going round, never pay anyone upfront",
    # Russian.
    "Будьте бдительны, в чате пишут про заработок на крипте и ставках, это аферисты",
    "Никому не переводите деньги за «удаленную работу», соседи",
    # Kazakh, and Kazakh in Latin letters.
    "Абай болыңыздар, үйден жұмыс, крипто деп жазатындар бар, ешкімге ақша аудармаңыздар",
    "Abay bolynyzdar, kazino men kredit usynatyndar alayaqtar",
    # Russian in Latin letters.
    "Ostorozhno, pishut pro zarabotok i kripto, eto moshenniki",
]


@pytest.mark.parametrize("text", WARNINGS)
def test_a_warning_that_names_the_scams_topics_is_never_deleted(text):
    reasons = CHECKS.reasons(Post(text))
    assert any(r.code == "topic" for r in reasons), reasons
    assert "warning" in civic_signs(text)
    assert evidence(reasons, civic_signs(text)) is None
    assert verdict(text, 0.99) is not Outcome.SURE


@pytest.mark.parametrize(
    "text",
    [
        "Сенбен бірге жұмыс істегім келеді, күніне 20 000 теңге, жеке хатқа жазыңыз",
        "Crypto signals, 30% a week, message me privately",
    ],
)
def test_offers_that_warn_nobody_have_no_warning_sign(text):
    assert "warning" not in civic_signs(text)
    assert verdict(text, 0.99) is Outcome.SURE


LOOK_ALIKES = [
    # A house body's or the country's name in a host elsewhere, baiting.
    "ОСИ информирует: оплата за лифт через приложение, привяжите карту на osi-lift.kz-pay.net",
    "Акимат дарит подарки пенсионерам, зарегистрируйтесь на akimat-podarki.site",
    "Kaspi: ваш бонус 15 000 тг, подтвердите на kaspi-bonus.kz-app.online",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_a_baiting_look_alike_of_an_official_site_is_deleted_at_any_score(text):
    reasons = CHECKS.reasons(Post(text))
    codes = {r.code for r in reasons}
    assert {"fake_official", "phishing"} <= codes, reasons
    assert decisive(reasons, civic_signs(text))
    assert verdict(text, 0.05) is Outcome.SURE


def test_a_warning_that_quotes_a_look_alike_is_left_to_the_classifier():
    text = (
        "Осторожно, ходит ссылка egov-vyplata.kz-gov.top, якобы выплата от государства. "
        "Не вводите ИИН"
    )
    reasons = CHECKS.reasons(Post(text))
    assert "fake_official" in {r.code for r in reasons}
    assert not decisive(reasons, civic_signs(text))
    # The classifier decides, as for any post with a link: not sure at a low score.
    assert verdict(text, 0.05) is not Outcome.SURE


CARD_APPEALS = [
    "Помогите спасти Даниара, нужна операция, любая сумма важна. Kaspi Gold 4400 4301 5566 7788",
    "Науқас балаға көмек қажет, кім қанша алады, карта 5169-4971-1122-3344",
    "Please donate any amount for little Aruzhan's surgery: 4400 4302 1234 5678",
]


@pytest.mark.parametrize("text", CARD_APPEALS)
def test_a_strangers_appeal_for_money_to_a_card_is_deleted_at_any_score(text):
    reasons = CHECKS.reasons(Post(text))
    assert "card" in {r.code for r in reasons}, reasons
    assert decisive(reasons, civic_signs(text))
    assert verdict(text, 0.05) is Outcome.SURE


def test_a_map_link_or_a_neighbours_collection_by_phone_is_no_card():
    for text in (
        "Яма тут: https://2gis.kz/astana/geo/7000000102345678 уже месяц",
        "Соседи, у семьи из 12-й квартиры пожар, собираем кто сколько может, каспи 8 701 555 12 34",
    ):
        reasons = CHECKS.reasons(Post(text))
        assert "card" not in {r.code for r in reasons}, reasons
        assert verdict(text, 0.05) is not Outcome.SURE


def test_an_email_off_the_allowed_domains_reaches_outside_the_chat():
    offer = "Loans for everyone, 1% interest, no credit check. Write to fastcash.help@gmail.com"
    reasons = CHECKS.reasons(Post(offer))
    assert "email:gmail.com" in {str(r) for r in reasons}
    assert verdict(offer, 0.9) is Outcome.SURE
    official = "Жалобы принимают на почту kense@saryarka.astana.gov.kz"
    assert "email" not in {r.code for r in CHECKS.reasons(Post(official))}


@pytest.mark.parametrize(
    "text",
    [
        "В чате дома ходит ссылка kaspi-vozvrat.top, якобы возврат налога. Это фишинг, не вводите",
        "Beware: @free_bonus_kz_bot asks for your card number, it's a scam",
        "Алаяқтар egov-tolem.site деген сілтеме жіберіп жатыр, абай болыңыздар",
    ],
)
def test_a_warning_that_calls_a_link_a_scam_is_never_deleted(text):
    reasons = CHECKS.reasons(Post(text))
    assert any(r.code in ("link", "fake_official", "mention_bot") for r in reasons), reasons
    assert {"warning", "exposes"} <= set(civic_signs(text))
    assert evidence(reasons, civic_signs(text)) is None
    assert verdict(text, 0.99) is not Outcome.SURE


def test_a_spammer_who_denies_the_scam_does_not_expose_it():
    text = "Предупреждаю всех: это не развод и не фишинг, бонус на kaspi-bonus.top"
    assert "warning" in civic_signs(text) and "exposes" not in civic_signs(text)
    assert verdict(text, 0.99) is Outcome.SURE


def test_a_resident_asking_about_a_look_alike_is_left_to_the_classifier():
    text = "Акимат правда дарит продуктовые наборы? Соседка скинула akimat-nabor.site"
    reasons = CHECKS.reasons(Post(text))
    assert {"fake_official", "phishing"} <= {r.code for r in reasons}, reasons
    assert not decisive(reasons, civic_signs(text))
    assert verdict(text, 0.05) is not Outcome.SURE
