"""What deletes a post and what does not: "sure" needs independent evidence,
never one weak sign; Kazakh and translit spam words found by their stems;
phishing that poses as the state or a bank; whole-host allow-listing.
Wordings are this file's own, not lines of the corpus."""

import pytest

from bot.intake.spam.checks import Post, SpamChecks, domain_allowed, split_url
from bot.intake.spam.civic import civic_signs, names_a_house
from bot.intake.spam.verdict import Outcome, SpamJudge, Thresholds, evidence, strong_signs

CHECKS = SpamChecks()
JUDGE = SpamJudge(CHECKS, Thresholds(sure=0.5, sure_alone=0.5, unsure=0.5))


def reasons(text: str, **kwargs):
    return CHECKS.reasons(Post(text, **kwargs))


def kinds(text: str, **kwargs) -> set[str]:
    return {str(r) for r in reasons(text, **kwargs)}


def outcome(text: str, score: float, **kwargs) -> Outcome:
    """The verdict on ``text`` if the classifier gave it ``score``."""
    return JUDGE.outcome(score, reasons(text, **kwargs), civic_signs(text))


# -- one weak signal never deletes ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Please DM me, who repairs washing machines near the school?",
        "Соседи, напишите мне в личку, у кого есть стремянка",
        "Жекеге жазыңызшы, кімде су бар",
    ],
)
def test_an_invitation_alone_never_deletes_however_high_the_score(text):
    assert {r.code for r in reasons(text)} <= {"dm_invite"}
    assert outcome(text, 0.999) is not Outcome.SURE


@pytest.mark.parametrize(
    "text",
    [
        "Мне в лс пришло сообщение, что акимат дарит подарки, кто-то ещё получал?",
        "Какой-то мужчина написал мне в личку про выплаты, что это такое",
        "Маған жеке хатқа біреу жазды, ақша береміз дейді",
        "Someone sent me a DM about a prize, is that real?",
    ],
)
def test_a_reported_private_message_is_no_invitation(text):
    assert "dm_invite" not in {r.code for r in reasons(text)}


def test_an_invitation_next_to_no_report_stays_one():
    assert "dm_invite" in {r.code for r in reasons("Напишите мне в личку, расскажу как")}


def test_an_offer_reached_by_a_call_is_one_sign_and_by_a_handle_two():
    by_call = reasons("Продаю шкаф-купе, пишите")
    assert {r.code for r in by_call} == {"topic", "offer_contact"}
    assert strong_signs(by_call) == 1
    by_handle = reasons("Продаю шкаф-купе, пишите @shkaf_sale_kz")
    assert strong_signs(by_handle) == 3  # the topic, the handle, the offer reached by it


def test_a_residents_sale_at_a_house_of_the_district_is_not_deleted_on_one_sign():
    # Nothing else of a resident's shape (no "б/у", no "детский"): the house alone.
    text = "Продаю велосипед, Кенесары 40, пишите"
    assert names_a_house(text)
    assert evidence(reasons(text), civic_signs(text)) is None
    assert outcome(text, 0.99) is Outcome.UNSURE
    # Without the house a sale is no harmful offer: flagged, never deleted.
    elsewhere = "Продаю велосипеды, пишите"
    assert evidence(reasons(elsewhere), civic_signs(elsewhere)) is None
    assert outcome(elsewhere, 0.99) is Outcome.UNSURE


def test_a_house_of_the_district_outweighs_one_harmful_word():
    text = "Деньги в долг до зарплаты, Кенесары 40, пишите"
    assert names_a_house(text)
    assert {str(r) for r in reasons(text)} >= {"topic:loans"}
    assert evidence(reasons(text), civic_signs(text)) is None
    elsewhere = "Деньги в долг до зарплаты, пишите"
    assert evidence(reasons(elsewhere), civic_signs(elsewhere)) == "one"
    assert outcome(elsewhere, 0.99) is Outcome.SURE


@pytest.mark.parametrize("text", ["Скидка 10% на окна", "Одобрение 99%, пишите", "Звоните 8 777"])
def test_a_number_after_a_capital_is_not_a_house(text):
    assert not names_a_house(text)


@pytest.mark.parametrize(
    "text",
    [
        "Говорят, акимат раздаёт подарки пенсионерам, это правда?",
        "Осторожно, в соседнем чате пишут про розыгрыш квартир, это обман",
    ],
)
def test_one_spam_word_in_a_question_or_a_warning_does_not_delete(text):
    found = reasons(text)
    assert strong_signs(found) == 1 and all(r.code == "topic" for r in found)
    assert outcome(text, 0.99) is Outcome.UNSURE


def test_civic_signs_tell_a_warning_from_the_spammers_reassurance():
    assert "warning" in civic_signs("Это мошенники, не переходите по ссылке")
    assert "warning" not in civic_signs("Без обмана, выплаты каждый день")


@pytest.mark.parametrize(
    "text",
    [
        "Отдам щенков в добрые руки, пишите в лс",
        "Please message me privately if you know a good electrician",
        "Участкелік инспектордың телефонын білетін адам жеке хатқа жазыңызшы",
    ],
)
def test_a_stated_reason_to_be_written_to_is_no_invitation(text):
    assert "dm_invite" not in {r.code for r in reasons(text)}


# -- Kazakh and translit spam words by their stems -----------------------------


@pytest.mark.parametrize(
    ("kazakh", "translit", "topic"),
    [
        ("Әскери билет жасап беремін", "Аскери билет жасап беремин", "documents"),
        ("Салымыңыз бір айда 5 есе өседі", "Салымыныз бир айда 5 есе оседи", "crypto"),
        ("Біздің каналға жазылыңыз", "Бизди каналга жазылыныз", "promotion"),
        ("Айфон ойнатамыз, досыңды белгіле", "Айфон ойнатамыз, досынды белгиле", "giveaway"),
        ("Жаңа командаға қосылыңыз, табыс бар", "Жана командага косылыныз", "earnings"),
    ],
)
def test_kazakh_spam_words_match_in_kazakh_letters_and_typed_in_russian(kazakh, translit, topic):
    assert f"topic:{topic}" in kinds(kazakh)
    assert f"topic:{topic}" in kinds(translit)


def test_a_kazakh_thousand_is_an_amount_of_money():
    assert "money_rate" in kinds("Күніне 12 мың табасыз")


@pytest.mark.parametrize(
    "text",
    [
        "Есть важная информация для всех, пишите в личку, не пожалеете",
        "Маңызды ақпарат бар, жекеге жазыңыз",
    ],
)
def test_a_teaser_that_names_nothing_is_an_offer(text):
    assert "topic:offer" in kinds(text)
    assert evidence(reasons(text), civic_signs(text)) == "one"


# -- phishing ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("ЦОН хабарлайды: жәрдемақы 30 000 тг, өтінім: con-kz-komek.help", "con-kz-komek.help"),
        ("Kaspi: подтвердите аккаунт в течение часа kaspi-kz.support/login", "kaspi-kz.support"),
        ("Возврат налога 18 000 тг на egov.kz-refund.cfd", "egov.kz-refund.cfd"),
    ],
)
def test_a_link_posing_as_an_official_site_with_money_or_a_login_is_phishing(text, host):
    found = kinds(text)
    assert f"fake_official:{host}" in found and "phishing" in found
    assert outcome(text, 0.6) is Outcome.SURE


def test_an_official_name_in_a_link_text_over_another_site_is_phishing():
    post = {"urls": ("https://bonus-get.top/x",)}
    assert "phishing" in kinds("Kaspi бонус 50 000 тг, получить", **post)


def test_a_host_with_cyrillic_letters_passing_for_latin_poses_as_the_official_one():
    assert "fake_official:еgov.kz" in kinds("Проверьте выплату на еgov.kz")  # a Cyrillic е


def test_residents_citing_the_real_sites_are_not_phishing():
    assert kinds("Выплаты многодетным: подробности на egov.kz, проверила сама") == set()
    assert kinds("Пособие оформила через https://www.gov.kz/services/1234") == set()


@pytest.mark.parametrize(
    "host",
    ["egov-kz.help", "egov.kz-refund.cfd", "egov.kz.secure-id.top", "eegov.kz", "еgov.kz"],
)
def test_the_allow_list_matches_whole_hosts_only(host):
    assert not domain_allowed(host, CHECKS.allowed_domains)
    assert domain_allowed(split_url("https://id.egov.kz/login")[0], CHECKS.allowed_domains)


def test_a_link_ends_before_the_punctuation_after_it():
    assert "telegram_link:t.me/dom_47" in kinds("Вступайте в чат дома t.me/dom_47, там всё пишем")
    district = SpamChecks(allowed_usernames=frozenset({"saryarka_akimat"}))
    assert district.reasons(Post("Объявление тут: t.me/saryarka_akimat.")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Сіздің Halyk картаңыз бұғатталды, растау үшін кіріңіз: halyk-id-kz.online",
        "Ваш Telegram будет заблокирован, подтвердите вход: tg-login-check.site",
        "Your TG Premium gift expires today, activate it at tg-gift.click",
    ],
)
def test_an_account_blocked_or_a_gift_to_activate_behind_a_lookalike_host_is_phishing(text):
    assert {"fake_official", "phishing"} <= {r.code for r in reasons(text)}


def test_a_brands_own_site_is_no_imitation():
    found = kinds("Чат нашего дома: https://chat.whatsapp.com/AbC123")
    assert found == {"link:chat.whatsapp.com"}
