"""Russian and Kazakh typed in Latin letters are read as if typed in Cyrillic, and
nothing else changes: English stays English, the normaliser the spam checks use is
untouched, and the address is read from the post as typed."""

from datetime import date

import pytest

from bot.reading.normalize import fold, words
from bot.reading.reader import Reader
from bot.reading.translit import cyrillic, spelt

JANUARY = date(2026, 1, 15)
READER = Reader()


@pytest.mark.parametrize(
    ("latin", "cyr"),
    [
        ("zastryal", "застрял"),
        ("pozhar", "пожар"),
        ("voda", "вода"),
        ("vodi", "води"),
        ("net", "нет"),
        ("gaz", "газ"),
        ("shchuka", "щука"),
        ("chelovek", "человек"),
        ("yuzhnyy", "южный"),
        ("jylu", "жылу"),
        ("jok", "жок"),
        ("kheshe", "хеше"),
        ("swyqqa", "шыкка"),
    ],
)
def test_a_word_is_spelt_in_cyrillic(latin, cyr):
    assert spelt(latin) == cyr


@pytest.mark.parametrize(
    "text",
    [
        "Free crypto bonus, click here now",
        "I am here, net income of the dome is up",
        "Best offer: gas station deals, visit our site",
    ],
)
def test_english_is_left_as_it_is(text):
    assert cyrillic(words(text)) == words(text)


def test_a_latin_word_in_a_cyrillic_post_is_spelt_in_cyrillic():
    assert cyrillic(words("в подъезде zapah gaza")) == ["в", "подъезде", "запах", "газа"]


def test_the_normaliser_itself_keeps_latin_words():
    # The spam checks compute their features from fold(); it must not transliterate.
    assert fold("vodi net vo vsem dome") == "vodi net vo vsem dome"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("gaz pahnet v podezde, srochno", "gas"),
        ("pozhar v dome, dym idet iz okna", "fire"),
        ("lift zastryal, rebenok vnutri", "elevator"),
        ("svet vyrubili vo vsem dome, u nas lezhachiy dedushka", "power"),
        ("ui suyk, jylu jok, balalar auyryp jatyr", "heating"),
        ("vody net vo vsem podezde tretiy den, rebenok malenkiy", "water"),
    ],
)
def test_dangers_typed_in_latin_letters_are_read(text, reason):
    assert READER.read(text, "housing", JANUARY).urgency.reason == reason


@pytest.mark.parametrize(
    "text",
    ["lift ne rabotaet uzhe nedelyu, pochinite", "dvor ne ubirayut, musor vezde", "avtobus 21"],
)
def test_complaints_typed_in_latin_letters_stay_complaints(text):
    assert not READER.read(text, "housing", JANUARY).urgency.urgent


def test_the_address_is_read_as_typed():
    address = READER.read("lift opyat zastryal, kto-to vnutri, Ondiris 4", "housing").address
    assert address is not None and (address.street.name, address.house) == ("Ondiris", "4")
