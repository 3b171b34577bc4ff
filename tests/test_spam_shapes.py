"""The spam shapes that do not depend on the words a spammer picks: an offer
with a way to reach the seller, and the ways a text hides its words; and what
cancels them in a neighbour's post (a stated reason to be written to)."""

import pytest

from bot.intake.spam.checks import Post, SpamChecks
from bot.intake.spam.disguise import digits_for_letters, invisible_splits, spelt_out
from bot.intake.spam.verdict import Outcome, SpamJudge, Thresholds, evidence, strong_signs, tier

CHECKS = SpamChecks()


def kinds(text: str, **kwargs) -> set[str]:
    return {r.code for r in CHECKS.reasons(Post(text, **kwargs))}


@pytest.mark.parametrize(
    "text",
    [
        "Есть подработка, 7000 тг за вечер, пишите",  # an amount and a call
        "Скидка 20% на окна до пятницы, звоните 8 701 555 10 20",  # an ad and a number
        "Продам аккаунты недорого t.me/acc_shop_kz",  # an ad and a link
        "Ставки с проходимостью 90%, жми на профиль",  # betting and a call
        "Жұмыс бар, айына 300 мың теңге, жазыңыздар",  # Kazakh
        "Cheap followers for Instagram, DM me",  # English
    ],
)
def test_an_offer_with_a_way_to_reach_the_seller(text):
    assert "offer_contact" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "КСК собирает по 15 000 ₸ на крышу, это законно?",  # money, no call
        "Подскажите, куда звонить, если нет воды?",  # a call, no offer
        "Kosymsha jumys bar ma zeinetkerlerge? 8 702 555 66 77",  # a job seeker asks, with a number
        "Пишите в лс, если у вас тоже нет отопления",  # an invitation, no offer
    ],
)
def test_no_offer_shape_in_a_residents_question_or_call(text):
    assert "offer_contact" not in kinds(text)


def test_an_invitation_alone_is_a_weak_sign():
    reasons = CHECKS.reasons(Post("Соседи, кто тоже без света, напишите мне в личку"))
    assert {r.code for r in reasons} == {"dm_invite"}
    assert strong_signs(reasons) == 0


@pytest.mark.parametrize(
    "text",
    [
        "Нашла ключи у 5 подъезда, хозяин, пишите в лс",
        "Собираем подписи за светофор, кто готов — пишите в личку",
        "Кілт таптым 7-үйдің жанынан, иесі болса жеке хатқа жазыңыз",
        "Found a wallet near building 12, message me privately",
    ],
)
def test_a_stated_reason_to_be_written_to_is_no_invitation(text):
    assert "dm_invite" not in kinds(text)


def test_weak_signs_never_delete_without_a_harmful_offer_or_a_reach_outside():
    judge = SpamJudge(CHECKS, Thresholds(sure=0.5, sure_alone=0.6, unsure=0.4))
    alone = CHECKS.reasons(Post("Всем привет, напишите мне в личку"))
    assert judge.outcome(0.99, alone) is Outcome.UNSURE
    # Two kinds of weak sign call for no threshold at all: they offer nothing
    # harmful and reach nowhere outside the chat: flagged, however high the score.
    two = CHECKS.reasons(Post("Всем привет, напишите мне в личку или звоните 8 701 555 10 20"))
    assert {r.code for r in two} == {"dm_invite", "phone"}
    assert tier(two, frozenset()) is None
    assert evidence(two) is None
    assert judge.outcome(0.3, two) is Outcome.GENUINE
    assert judge.outcome(0.99, two) is Outcome.UNSURE
    assert judge.outcome(0.99, ()) is Outcome.UNSURE  # no sign at all: never deleted


@pytest.mark.parametrize(
    ("text", "count"),
    [("З4РАБ0ТОК от 10 тыс", 2), ("Р@бота на д0му, 0плата сразу", 3), ("Жұм4с бар", 1)],
)
def test_digits_and_signs_for_letters(text, count):
    assert digits_for_letters(text) == count
    assert "digit_letters" in kinds(text)


@pytest.mark.parametrize(
    "text", ["5-ти этажка, 3х комнатная", "10го числа, кв12а", "дом 3а, 2гис", "ЖК 4you"]
)
def test_numbers_in_ordinary_words_are_not_disguise(text):
    assert digits_for_letters(text) == 0


def test_invisible_characters_inside_words():
    assert invisible_splits("Раб\u200bота у\u2060даленно") == 2
    assert "invisible" in kinds("Раб\u200bота на дому")
    # A joiner between emoji is how a family or a skin tone is written.
    assert invisible_splits("Спасибо 👨\u200d👩\u200d👧 от всей семьи") == 0


@pytest.mark.parametrize("text", ["р а б о т а", "П-О-Д-Р-А-Б-О-Т-К-А", "Л.И.Ч.К.А.", "Ж ұ м ы с"])
def test_words_spelt_out_letter_by_letter(text):
    assert spelt_out(text)


@pytest.mark.parametrize(
    "text", ["ул. К. Маркса д. 5", "А. Б. Иванов", "Т.О.О. Ромашка", "1-2 дня"]
)
def test_initials_and_abbreviations_are_not_spelt_out(text):
    assert not spelt_out(text)


SIGNS = [
    "Пишите в лс, скидка 20% t.me/shop_kz @shop_bot @shop_kz casino-x.top egov-pay.site выплата",
    "8 701 555 10 20 🔥🔥🔥 Рaботa З4РАБ0ТОК р а б о т а Раб\u200bота 5000 тг в день",
    "Вход t.me/+AbCdEf",
]


@pytest.mark.parametrize("locale", ["ru", "kk", "en"])
def test_every_sign_and_topic_reads_as_words_in_each_language(locale):
    from bot.intake.spam.line import reasons_text
    from bot.intake.spam.vocabulary import DEFAULT_VOCABULARY
    from bot.texts import Texts

    texts = Texts()
    found = {str(r) for text in SIGNS for r in CHECKS.reasons(Post(text, has_contact=True))}
    found |= {"repeat", "forward_channel"} | {f"topic:{name}" for name in DEFAULT_VOCABULARY}
    codes = {reason.partition(":")[0] for reason in found}
    assert {"offer_contact", "digit_letters", "invisible", "private_invite", "phishing"} <= codes
    for reason in sorted(found):
        shown = reasons_text(texts, locale, [reason])
        assert shown != reason, reason  # the raw code is what a missing text shows
        if reason.startswith("topic:") and locale != "en":  # English names are the codes
            assert reason.partition(":")[2] not in shown, (reason, shown)
