"""The words grouping weighs: "all is well" against a complaint, how alike two
posts are, and which houses a post names."""

from __future__ import annotations

import pytest

from bot.problems.likeness import features, likeness
from bot.problems.places import lat_band, metres, named_houses
from bot.problems.tone import all_is_well, complains, questions, says_back


@pytest.mark.parametrize(
    "text",
    [
        "Кенесары 38 у нас тепло, это только 40-й дом",
        "Бейбітшілік 18 жылу бар ма сіздерде? бізде бар",
        "Омарова 20 свет есть, у кого нет?",
        "Пушкина 27 лифт работает, а в 25 нет? странно",
        "Жастарда су бар",
    ],
)
def test_saying_all_is_well(text: str) -> None:
    assert all_is_well(text)


@pytest.mark.parametrize(
    "text",
    [
        "Кенесары 40 жылу жоқ!!!",
        "Самал 2, воды нет с утра, у соседнего дома есть",  # a complaint beside "есть"
        "Сейфуллина 11 ыстық су бар ма қазір? кеше жоқ еді",  # asks, then says it was off
        "Кенесары 40 жылу жоқ па әлде тек бізде ме?",  # only a question
        "Лифт тоқтап тұр, Пушкина 25",
        "Кенесары 40 отопление дали, спасибо",
        "Ташенов 15 газ иісі бар, тез келіңдер",  # what is there is a trouble
        "Во дворе есть яма, машины бьются",
        "Жұбанов 7 те авария ма? Бүкіл үй жылусыз",  # Kazakh "without"
        "Абая 30, караоке-бар түнімен шулы",  # a bar that is loud: noise, not "there is"
        "Жоғарғы қабатта шуыл бар, түн ортасы",  # what there is is the noise
        "",
    ],
)
def test_not_saying_all_is_well(text: str) -> None:
    assert not all_is_well(text)


def test_features_leave_out_the_place_and_the_little_words() -> None:
    found = features("Кенесары 40, в подъезде батареи холодные", ["кенесары", "40"])
    assert "кенесар" not in " ".join(found) and "40" not in found
    assert not any(f.startswith("подъез") for f in found)
    assert any(f.startswith("батаре") for f in found)


def test_likeness_is_the_share_of_the_posts_words_one_other_has() -> None:
    post = features("горячей воды нет второй день")
    assert likeness(post, [features("Нет горячей воды с утра")]) >= 0.5
    assert likeness(post, [features("искрит щиток в подъезде")]) == 0.0
    assert likeness(frozenset(), [post]) == 0.0
    assert likeness(post, []) == 0.0


def test_named_houses_need_a_house_word_beside_the_number() -> None:
    assert named_houses("Омарова 14, свет отключили, и в 12-м доме тоже") == {"12"}
    assert named_houses("Омарова 14 жарык жок, 12 уйде де жок") == {"12"}
    assert named_houses("кв 112, 5 подъезд, 9 этаж") == set()
    assert named_houses("Шевченко 25 тоже без света, и в 23-м нету") == {"23"}
    assert named_houses("Шевченко 25, в 5-м подъезде нет света, на 3-м этаже") == set()


def test_distances_and_the_latitude_band() -> None:
    assert 90 < metres(51.16603, 71.40603, 51.1661, 71.4046) < 110
    low, high = lat_band(51.17, 150)
    assert low < 51.17 < high
    assert metres(low, 71.43, high, 71.43) == pytest.approx(300, rel=0.01)


@pytest.mark.parametrize(
    ("text", "back"),
    [
        ("Омарова 14, в подъезде лампы не горят, хотя свет в квартирах дали", True),
        ("Кенесары 40 отопление дали, спасибо", True),
        ("Жарық қосылды, рахмет", True),
        ("Тепло пришло, Бейбітшілік 33", True),
        ("Подвал откачали, спасибо", True),
        ("Қоқысты шығарды, рахмет", True),
        ("Мусор так и не вывезли", False),
        ("Свет так и не дали", False),  # a complaint: "не" in the clause
        ("Когда дадут свет? Отопление дали?", False),  # only questions
        ("Омарова 14 нет света", False),
    ],
)
def test_saying_a_trouble_is_over(text: str, back: bool) -> None:
    assert says_back(text) is back


def test_saying_only_that_a_trouble_is_over() -> None:
    assert says_back("Кенесары 40 отопление дали, спасибо", only=True)
    assert not says_back("Отопление дали, но лифт не работает", only=True)
    assert says_back("Отопление дали, но лифт не работает")


def test_the_clauses_that_ask() -> None:
    text = "Бейбитшилик 14, горячей воды тоже нет или только отопление?"
    assert [q.strip() for q in questions(text)] == ["горячей воды тоже нет или только отопление?"]
    assert questions("Переход под водой уже час") == []


def test_complaining_outside_a_question() -> None:
    assert complains("Торайгырова 8 жарык жок пе? бизде жок")
    assert not complains("Кенесары 40, горячей воды тоже нет или только отопление?")
    assert not complains("Кенесары 40 отопление дали, спасибо")
    assert complains("Жылу құбырында авария ма? Бүкіл үй жылусыз")
    assert complains("Жарық берілді, бірақ подъезде шам жанбайды")
    assert complains("Торайгыров 9 қоқыс шығарылмады")
    assert not complains("Сәлеметсіз бе, жылу қашан береді?")
