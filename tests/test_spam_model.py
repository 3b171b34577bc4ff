"""The spam classifier: trained on the shipped seed set, judged on posts
written for these tests (not in the seed set), serialised and read back."""

import subprocess
import sys

import pytest

from bot.intake.spam.checks import Post, SpamChecks
from bot.intake.spam.model import Example, SpamModel, seed_examples, train
from bot.intake.spam.verdict import Outcome, SpamJudge

CHECKS = SpamChecks()


@pytest.fixture(scope="module")
def model() -> SpamModel:
    return train(seed_examples(), CHECKS)


def test_seed_set_ships_both_labels_in_three_languages():
    seed = seed_examples()
    spam = [e for e in seed if e.spam]
    assert len(spam) >= 200 and len(seed) - len(spam) >= 300
    assert any(e.forwarded_from_channel and not e.spam for e in seed)
    assert any("жеке" in e.text.lower() for e in spam)


@pytest.mark.parametrize(
    "text",
    [
        "Срочно нужны люди на удалёнку, доход от 12 000 тг в день, без опыта. Пишите в лс 💰💰💰",
        "Кредит без справок и поручителей за 1 час, даже с просрочками! Пишите @bystro_kredit_bot",
        "Үйден табыс табу! Күніне 15 000 теңге, тәжірибе керек емес. Жеке хатқа жазыңыз",
        "Make $300 a day from home with crypto signals, DM me now t.me/+QwErTy",
    ],
)
def test_clear_spam_is_sure(model, text):
    verdict = SpamJudge(CHECKS, model=model).judge(Post(text))
    assert verdict.outcome is Outcome.SURE, (verdict.probability, verdict.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Третий день нет горячей воды в доме по Кенесары 40, дети не могут помыться. Когда дадут?",
        "Во дворе Абая 12 яма, вот место https://go.2gis.com/q1w2e3 уже две машины пробили колесо",
        "ЖЫЛУ ЖОҚ!!! 😡😡😡 Сейфуллин 19, пәтерде +13, балалар ауырып қалды",
        "Соседи с 3 подъезда, кто тоже без света, напишите мне в личку, подадим общую жалобу",
        "Ищу работу дворником в нашем районе, подскажите, куда обратиться?",
    ],
)
def test_genuine_appeals_are_not_deleted(model, text):
    verdict = SpamJudge(CHECKS, model=model).judge(Post(text))
    assert verdict.outcome is not Outcome.SURE, (verdict.probability, verdict.reasons)


def test_model_round_trips_through_bytes(model):
    text = "Займы без отказа, пишите в лс"
    reasons = CHECKS.reasons(Post(text))
    again = SpamModel.load(model.to_bytes())
    assert again is not None
    assert again.probability(text, reasons) == pytest.approx(model.probability(text, reasons))


def test_unreadable_bytes_mean_retrain():
    assert SpamModel.load(b"not a model") is None


def test_moderators_decisions_teach_it(model):
    text = "Продаю мёд с личной пасеки, доставка по району, недорого"
    reasons = CHECKS.reasons(Post(text))
    before = model.probability(text, reasons)
    taught = [*seed_examples(), *[Example(text + f" {n}", True) for n in range(5)]]
    after = train(taught, CHECKS).probability(text, reasons)
    assert after > before


def test_training_needs_both_labels():
    with pytest.raises(ValueError):
        train([Example("a", True), Example("b", True)], CHECKS)


def test_scikit_learn_is_not_imported_with_the_spam_package():
    code = (
        "import sys, bot.intake.spam.verdict, bot.intake.spam.model;"
        "sys.exit('sklearn' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# One post of each kind of hard genuine appeal the issue names, written for this
# test (none is in the corpus): the desk must never delete them.
HARD_GENUINE = {
    "phone number": "Здравствуйте, на Сарайшык 5 вторую неделю не вывозят мусор, звонила в КСК"
    " 8 702 111 20 30 — не отвечают",
    "map link": "Провал асфальта прямо на переходе: https://2gis.kz/astana/geo/70000001099887766"
    " Оградите, пока никто не упал",
    "many emoji": "🤬🤬🤬🤬 Снова отключили свет!!! Третий раз за неделю, Жубанова 14,"
    " у нас больной ребёнок 🤬🤬🤬",
    "capitals and anger": "ВЫ ИЗДЕВАЕТЕСЬ?! ПОЛГОДА ОБЕЩАЕТЕ ПОЧИНИТЬ КРЫШУ, ВОДА ТЕЧЁТ ПО"
    " СТЕНАМ! МОМЫШУЛЫ 22",
    "looking for work": "Ищу работу дворником, живу на Кенесары 70, могу выйти хоть завтра."
    " Кому нужен работник — подскажите",
    "the akimat's giveaway": "Бесплатная раздача саженцев от акимата будет в эту субботу?"
    " Хотим взять для двора на Иманова 11",
    "credit of trust": "Кредит доверия к акимату у меня давно исчерпан: обещали"
    " отремонтировать подъезд ещё весной",
    "Kazakh": "Ауламызда жарық жоқ, кешке балалар қараңғыда ойнайды. Бейбітшілік 18,"
    " көмектесіңіздер",
    "write to me, with a reason": "Забыла сумку на лавочке у 2 подъезда, кто нашёл — напишите"
    " в личку, там документы",
    "a neighbour gives away": "Отдам даром диван, самовывоз с Абая 10, пишите в личку",
}


@pytest.mark.parametrize("kind", sorted(HARD_GENUINE))
def test_hard_genuine_kinds_are_never_deleted(model, kind):
    verdict = SpamJudge(CHECKS, model=model).judge(Post(HARD_GENUINE[kind]))
    assert verdict.outcome is not Outcome.SURE, (verdict.probability, verdict.reasons)


@pytest.mark.parametrize(
    "text",
    [
        # Words no corpus post uses, in the shapes spam takes.
        "Набираю людей на сортировку посылок Temu, 9000 ₸ за смену, пишите в лс",
        "Выкуп товаров на Kaspi магазине, платим 400 ₸ за каждый отзыв. Пиши мне",
        "Р@бота для всех, д0ход 15000 в день, подробн0сти в л/с",
        "Пoдpaбoткa нa вeчep, oплaтa cpaзу, пишитe",
    ],
)
def test_new_words_in_known_shapes_are_sure(model, text):
    verdict = SpamJudge(CHECKS, model=model).judge(Post(text))
    assert verdict.outcome is Outcome.SURE, (verdict.probability, verdict.reasons)
