"""The labelling conventions of tests/data/reading/README.md that settle what a duty
officer is alerted to, in posts written for this test: a cool flat in the heating
season, and a fall on glaze ice."""

from datetime import date

import pytest

from bot.reading.reader import Reader

JANUARY = date(2026, 1, 20)
OCTOBER = date(2026, 10, 16)
READER = Reader()


def test_a_cool_flat_is_no_alert_unless_people_wear_coats_in_it():
    """In the heating season a home said to be at 16 degrees or more is not urgent,
    unless people sit in coats in it (then up to 17); at 15 it is."""
    asked = "Жылу қашан? октябрь, үйде 16 градус"
    assert not READER.read(asked, "housing", OCTOBER).urgency.urgent
    dressed = "Жылу жоқ, үйде 16 градус, балалар күрте киіп отыр"
    assert READER.read(dressed, "housing", OCTOBER).urgency.urgent
    assert READER.read("Жылу жоқ, үйде 15 градус", "housing", OCTOBER).urgency.urgent
    # The coats alone say it, with no word of the heating: a home's degrees and who sits
    # in what, in either language.
    for said in (
        "В квартире +17, сидим дома в пуховиках и шапках",
        "Пәтерде 16 градус, балалар үйде күрте киіп отыр",
    ):
        assert READER.read(said, "housing", JANUARY).urgency.urgent, said
    assert not READER.read(
        "В квартире +17, сидим дома, всё нормально", "housing", JANUARY
    ).urgency.urgent
    assert not READER.read("В квартире +18, сидим в куртках", "housing", JANUARY).urgency.urgent


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        # People slipping and falling on glaze ice is a request for sand...
        ("Во дворе гололёд, бабушки падают одна за другой", False),
        ("Аялдамада тайғақ, балалар жығылып жүр", False),
        ("Гололёд у почты, дедушка упал, скользко ужасно", False),
        # ... someone hurt and still down is an alert, sand asked for or not.
        ("Гололёд у почты, дедушка упал и не может подняться", True),
        ("Тайғақта әже құлап, тұра алмай жатыр, құм себілмеген", True),
    ],
)
def test_a_fall_on_ice_is_an_alert_only_with_someone_hurt_and_down(text, urgent):
    assert READER.read(text, "housing", JANUARY).urgency.urgent is urgent, text
