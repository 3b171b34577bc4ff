"""A resident's post is never deleted on its words alone: a warning that
quotes a scam, a neighbour's own sale or service, a complaint asking the
akimat. Only a sign a resident's post does not carry (a link to a host not
allowed, an @handle, disguised letters) lets such a post be deleted; else it
is flagged at most. Wordings are this file's own, not lines of the corpus."""

import pytest

from bot.intake.spam.checks import Post, SpamChecks
from bot.intake.spam.civic import civic_signs
from bot.intake.spam.verdict import Outcome, SpamJudge, Thresholds, evidence, resident_shape

CHECKS = SpamChecks()
JUDGE = SpamJudge(CHECKS, Thresholds(sure=0.5, sure_alone=0.5, unsure=0.5))


def verdict(text: str, score: float = 0.99, **kwargs) -> Outcome:
    """The outcome for ``text`` if the classifier gave it ``score``."""
    return JUDGE.outcome(score, CHECKS.reasons(Post(text, **kwargs)), civic_signs(text))


WARNINGS = [
    "Внимание! Моему отцу звонили якобы из банка, хотели оформить на него займ онлайн."
    " Никому не говорите коды из смс",
    "Предупреждаю соседей: пришло сообщение «Вы выиграли приз, заберите бонус». Это фишинг",
    "Абай болыңыздар, алаяқтар Kaspi атынан хабарласып, несие рәсімдеуді ұсынады",
    # Asking the admins to remove the spammers, the spam quoted.
    "Модераторы, заблокируйте того, кто шлёт «заработок 15 000 в день, пиши в личку», надоел",
    "Әкімшілік, «үйден табыс, күніне 20 000» деп жазатындарды өшіріңізші, әжелер алданып жүр",
    "Be careful, a fake message from the bank offers an instant loan, just write them. Lies",
]
OWN_SALES = [
    "Продаю шубу, в отличном состоянии, 40 000 тг, пишите в личку",
    "Отдам недорого детский стульчик, самовывоз, звоните 87012223344",
    "Бал сатамын, 4000 теңге, өз омартамнан, жақсы күйде, жеке хатқа жазыңыз",
    "Үйде жасалған бауырсақ сатамын, бағасы 3000 теңге, жеке хатқа жазыңыз",
    "Вяжу носки своими руками, недорого, пишите кому надо",
]
COMPLAINTS = [
    "Почему в нашем подъезде лифт стоит неделю, а с нас берут за обслуживание и ставки"
    " тарифа подняли? Кто-нибудь писал в акимат?",
]


@pytest.mark.parametrize("text", WARNINGS + OWN_SALES + COMPLAINTS)
def test_a_residents_shape_is_never_deleted_on_words_alone(text):
    found = CHECKS.reasons(Post(text))
    assert any(r.code in ("topic", "money_rate", "offer_contact") for r in found), found
    assert resident_shape(civic_signs(text)), civic_signs(text)
    assert evidence(found, civic_signs(text)) is None
    assert verdict(text) is Outcome.UNSURE


@pytest.mark.parametrize(
    ("text", "extra"),
    [
        ("Предупреждаю: это не фишинг, бонус ждёт всех на bonus-akimat.top", {}),
        ("Продаю детские аккаунты, в отличном состоянии, пишите @akk_sale_bot", {}),
        ("Прoдaю шубу в отличном состоянии, недорого, пишите", {}),
    ],
)
def test_a_structural_sign_still_deletes_a_post_in_a_residents_shape(text, extra):
    assert resident_shape(civic_signs(text))
    assert verdict(text, **extra) is Outcome.SURE


@pytest.mark.parametrize(
    "text",
    [
        "Заработок от 30 000 тг в день, без вложений, пишите в личку",
        "Быстрый займ без справок и залога, одобрение за 5 минут, звоните 87001112233",
    ],
)
def test_spam_words_without_a_residents_shape_still_delete(text):
    assert not resident_shape(civic_signs(text))
    assert verdict(text) is Outcome.SURE


def test_a_price_to_agree_is_not_betting_but_a_fixed_match_is():
    topics = CHECKS.vocabulary.topics_in
    assert "betting" not in topics("продается гараж цена договорная")
    assert "betting" in topics("договорные матчи 100 проходимость")


def test_a_warning_that_reassures_is_no_warning():
    assert "warning" not in civic_signs("Заработок без обмана, не развод, пишите")


# A neighbour collecting for someone the writer knows: the documents, "write
# privately" and the money are a resident's words (this file's own wordings).
NEIGHBOURS_AID = [
    "Көршімнің қызына ота жасау керек, құжаттары бар, анықтамасын көрсетеміз."
    " Көмектескіңіз келсе, жеке хатқа жазыңыз",
    "У нашей соседки с 3 этажа вчера сгорела квартира, собираем на первое время кто"
    " сколько может, справки из пожарной части есть, пишите в лс",
    "Our neighbour's son needs surgery, the family has the hospital papers. Any amount"
    " helps, please DM me if you can help",
]


@pytest.mark.parametrize("text", NEIGHBOURS_AID)
def test_a_neighbours_collection_for_someone_they_know_is_flagged_at_most(text):
    signs = civic_signs(text)
    assert "aid" in signs and resident_shape(signs), signs
    assert evidence(CHECKS.reasons(Post(text)), signs) is None
    assert verdict(text) is not Outcome.SURE


@pytest.mark.parametrize(
    "text",
    [
        # A stranger's child, no tie to the writer.
        "Помогите спасти жизнь маленькой Айлин, нужна операция, любая сумма, пишите в лс",
        # "Соседи," greets; it names nobody the writer vouches for.
        "Соседи, срочно нужна операция ребёнку, переводите любую сумму, реквизиты в профиле",
    ],
)
def test_a_strangers_appeal_is_no_neighbours_aid(text):
    assert "aid" not in civic_signs(text)


def test_a_card_number_still_deletes_a_neighbours_collection_when_the_model_agrees():
    text = "Соседке нужна операция, помогите, Kaspi 4400 4301 1122 3344"
    assert "aid" in civic_signs(text)
    assert verdict(text) is Outcome.SURE
