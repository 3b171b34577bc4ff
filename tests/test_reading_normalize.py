"""The one normaliser: what every reader of residents' words matches on."""

import pytest

from bot.reading.normalize import (
    clean,
    fold,
    mixed_script_words,
    stem,
    stems,
    ticket_code,
    words,
)


@pytest.mark.parametrize(
    ("kazakh", "typed_in_russian"),
    [
        ("жылу жоқ", "жылу жок"),
        ("бала жоғалды", "бала жогалды"),
        ("өрт", "орт"),
        ("Құбыр жарылып кетті", "кубыр жарылып кетти"),
        ("шаңырақ", "шанырак"),
        ("Үйдің ауласы", "уйдин ауласы"),
        ("һәм", "хам"),
    ],
)
def test_kazakh_letters_fold_to_what_a_russian_keyboard_types(kazakh, typed_in_russian):
    assert fold(kazakh) == fold(typed_in_russian)


def test_case_yo_punctuation_and_spaces():
    assert fold("  ЁЛКА!!!   Упала,,  на  ДОРОГУ… ") == "елка упала на дорогу"
    assert words("Нет воды — третий день!") == ["нет", "воды", "третий", "день"]
    assert words("") == [] and words("!!!") == []


def test_latin_lookalikes_inside_cyrillic_words_become_cyrillic():
    # "пoжар" with a Latin o, "Гaз" with a Latin a: a filter would miss both.
    assert fold("пoжар") == "пожар"
    assert fold("Гaз") == "газ"
    assert fold("Бейбiтшiлiк") == fold("Бейбітшілік")
    # A Latin word stays Latin.
    assert fold("WiFi и Kaspi") == "wifi и kaspi"


def test_other_latin_letters_in_a_cyrillic_word_are_read_by_their_sound():
    # A letter typed on the other layout: "Dома" with a Latin D, "гоrит", "лифт zастрял".
    assert fold("Dома холодно") == "дома холодно"
    assert fold("гоrит подъезд") == "горит подъезд"
    assert fold("лифт zастрял") == "лифт застрял"
    assert fold("тоnаzытқыш") == fold("тоңазытқыш")
    # A word with no Cyrillic letter keeps its letters: "ЖК Comfort", a Latin-typed post.
    assert fold("ЖК Comfort Town") == "жк comfort town"
    assert fold("gaz iisi shygyp tur") == "gaz iisi shygyp tur"


def test_zero_width_characters_do_not_split_words():
    assert fold("по\u200bжар") == "пожар"
    assert fold("газ\u00ad\u2060") == "газ"
    assert clean("ул.\u00a0Кенесары   40") == "ул. Кенесары 40"


def test_clean_keeps_case_and_house_numbers():
    assert clean("пр. Республики 12/1, кв. 5") == "пр. Республики 12/1, кв. 5"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("өрттен", "орт"),
        ("газдан", "газ"),
        ("балаларымыздан", "бала"),
        ("лифтте", "лифт"),
        ("трубы", "труб"),
        ("трубой", "труб"),
        ("подвалы", "подвал"),
        ("газ", "газ"),
        ("40", "40"),
    ],
)
def test_stem_takes_off_kazakh_suffixes_and_russian_endings(word, expected):
    assert stem(fold(word)) == expected


def test_stems_of_a_sentence():
    assert stems("Подвалы затопило") == ["подвал", "затопи"]
    assert stem("затопила") == stem("затопило") == stem("затопили")


def test_mixed_script_words_are_counted_before_repair():
    assert mixed_script_words("Зарабoтoк в интернете, пишите") == 1
    assert mixed_script_words("Kaspi переводом, WiFi нет") == 0
    assert mixed_script_words("") == 0


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Н-42", "H-42"),  # Cyrillic Н
        ("А-17", "A-17"),
        ("С-3", "C-3"),
        ("н42", "H-42"),
        ("h 42", "H-42"),
        ("Л-5", "L-5"),  # a Russian keyboard's letter for L
        ("H-42", "H-42"),
        ("что с моим обращением Н-042?", "H-42"),
    ],
)
def test_ticket_codes_typed_with_cyrillic_letters(typed, code):
    assert ticket_code(typed) == code


def test_text_without_a_code():
    assert ticket_code("спасибо за ответ") is None
    assert ticket_code("Ж-5") is None  # no Latin letter is typed so
