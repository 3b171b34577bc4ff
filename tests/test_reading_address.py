"""Address: the street and house a post names, in all the ways residents write them."""

import pytest

from bot.reading.address import AddressReader, StreetList, street_list


@pytest.fixture(scope="module")
def reader() -> AddressReader:
    return AddressReader(street_list())


@pytest.mark.parametrize(
    ("text", "street", "house"),
    [
        ("ул. Кенесары 40, нет воды", "Кенесары", "40"),
        ("Кенесары көшесі 40, су жоқ", "Кенесары", "40"),
        ("пр. Республики 12/1 — лифт стоит", "Республики", "12/1"),
        ("Жеңіс даңғылы 7, жылу жоқ", "Победы", "7"),
        ("д. 40 по Кенесары, света нет", "Кенесары", "40"),
        ("дом 9 по Ауэзова, батареи холодные", "Ауэзова", "9"),
        ("40-й дом на Кенесары, во дворе яма", "Кенесары", "40"),
        ("мкр Самал 12, мусор не вывозят", "Самал", "12"),
        ("Самал мкр 12 үй, су жоқ", "Самал", "12"),
        ("ЖК Керемет, лифт не работает", "Керемет", None),
        ("Кенесары 40 без ул.", "Кенесары", "40"),
        ("Кенисары 40 (с ошибкой)", "Кенесары", "40"),
        ("яма на дороге по Московской возле дома 40", "Московская", "40"),
        ("Бигельдинов 14 үйдің жанында", "Бигельдинова", "14"),
        ("Коктал-1, 24 уй, свет жок", "Коктал-1", "24"),
        ("Сарыарқа 2, 5 қабат", "Сарыарка", "2"),
        ("Ондирис 7/3, кар тазаланбады", "Өндіріс", "7/3"),
        ("Абай 5А, подъезд грязный", "Абая", "5А"),
        ("Кирпичный переулок 3", "Кирпичный переулок", "3"),
        # One name for two places: the kind word beside it, or its gender, decides.
        ("снег не убран в Кирпичном переулке", "Кирпичный переулок", None),
        ("фонари у Северного переулка не горят", "Северный переулок", None),
        ("на Кирпичной 8 прорвало трубу", "Кирпичная", "8"),
        ("в Целинном опять нет света", "Целинный", None),
        ("мкр Целинный, мусор", "Целинный", None),
        ("по Целинной 12 яма", "Целинная", "12"),
        # "ТК" (тұрғын үй кешені) after the complex's name, then its house.
        ("Мирас ТК 6 үйде лифт тұр", "Мирас", "6"),
        ("ТК Көктем 2 үй, аулада жарық жоқ", "Көктем", "2"),
    ],
)
def test_the_forms_residents_use(reader, text, street, house):
    found = reader.read(text)
    assert found is not None, text
    assert (found.street.name, found.house) == (street, house)
    assert found.street.known


@pytest.mark.parametrize(
    ("text", "house"),
    [
        ("Бейбитшилик 18 кв 54, холодно", "18"),
        ("кв 33 дом 21 по Валиханова", "21"),
        ("Жеңіс даңғылы 7, 3-подъезд", "7"),
        ("Желтоқсан 12 пәтер 40", "12"),
        ("Кенесары 52 подъезд 2, застряли", "52"),
        ("кв 71 дом 6 Брусиловского", "6"),
        ("Жубанов 2, 4-подъезд, 13 градус", "2"),
    ],
)
def test_apartment_entrance_and_floor_numbers_are_not_the_house(reader, text, house):
    found = reader.read(text)
    assert found is not None and found.house == house


@pytest.mark.parametrize(
    "text",
    [
        "Автобус 21 не ходит по расписанию",  # a route
        "Искрят провода возле школы №12",  # a school
        "Свет выключился в 20:00, когда включат?",  # a time
        "Лифт стоит с 9:30 до сих пор",  # a time, too
        "тел 8 701 555 12 34, перезвоните",  # a phone
        "Лифт не работает, 12 этаж",  # a floor
    ],
)
def test_numbers_that_are_not_addresses(reader, text):
    assert reader.read(text) is None


@pytest.mark.parametrize(
    ("text", "street", "house"),
    [
        ("ул. Майлина 77, септик течёт", "Майлина", "77"),
        ("Ливневка на улице Байзакова забита", "Байзакова", None),
        ("Шұғыла көшесі 3, қоршау құлап жатыр", "Шұғыла", "3"),
        ("Ахмедьярова 2, трубу прорвало", "Ахмедьярова", "2"),
        # Declined after "на"/"по": the name in the nominative.
        ("на Вишнёвой 8 третий день не вывозят мусор", "Вишнёвая", "8"),
        ("по Луговской 3 яма на яме", "Луговская", "3"),
        # A Kazakh locative written apart from the house.
        ("Байтұрсынұлы 12 де су жоқ", "Байтұрсынұлы", "12"),
    ],
)
def test_a_street_missing_from_the_list_is_taken_by_its_form(reader, text, street, house):
    found = reader.read(text)
    assert found is not None and (found.street.name, found.house) == (street, house)
    assert not found.street.known


def test_the_key_is_the_same_however_the_address_was_written(reader):
    keys = {
        reader.read(text).key
        for text in ("ул. Кенесары 40", "Кенесары көшесі 40", "д. 40 по Кенесары", "Кенисары 40")
    }
    assert keys == {"кенесары 40"}
    assert reader.read("Сарыарқа 6").key == reader.read("пр. Сарыарка, 6").key
    assert reader.read("Кенесары 40").text == "Кенесары, 40"


def test_a_district_replaces_the_list_and_the_list_grows(tmp_path):
    path = tmp_path / "streets.tsv"
    path.write_text("name\taliases\tkind\nТүркістан\tТуркестан|Туркестанская\tstreet\n", "utf-8")
    streets = StreetList.load(path)
    reader = AddressReader(streets)
    assert reader.read("Туркестанская 8, нет света").street.name == "Түркістан"
    assert reader.read("Кенесары 40").street.known is False  # not in this district's list
    # A moderator's correction teaches the list a new way to write a street.
    streets.add("Түркістан көшесі", streets.exact(["туркистан"]))
    streets.add("Тур-стан", streets.exact(["туркистан"]))
    assert reader.read("Тур-стан 3").street.name == "Түркістан"


def test_the_shipped_list_is_package_data():
    shipped = StreetList.load()
    assert shipped.exact(["кенесары"]).name == "Кенесары"
    assert shipped.exact(["женис"]).name == "Победы"


def test_the_config_names_a_district_s_own_list(tmp_path, monkeypatch):
    from bot.config import ConfigError, load_settings
    from tests.test_config import MINIMAL, TOKEN

    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    config = tmp_path / "config.toml"
    own = tmp_path / "streets.tsv"
    own.write_text("name\taliases\tkind\nТүркістан\tТуркестан\tstreet\n", "utf-8")
    config.write_text(MINIMAL + f'[reading]\nstreets = "{own}"\n', "utf-8")
    assert load_settings(config).reading.streets == own
    config.write_text(MINIMAL + f'[reading]\nstreets = "{tmp_path / "missing.tsv"}"\n', "utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(config)
    [problem] = info.value.problems
    assert "reading.streets" in problem and "file not found" in problem
    config.write_text(MINIMAL, "utf-8")
    assert load_settings(config).reading.streets is None


@pytest.mark.parametrize(
    ("text", "street", "house"),
    [
        ("Кенесары көшесі, 40 үй", "Кенесары", "40"),
        ("Абай даңғылы 10-үй", "Абая", "10"),
        ("ул.Кенесары,40", "Кенесары", "40"),
        ("Кенесары, д.40", "Кенесары", "40"),
        ("Кенесары д40", "Кенесары", "40"),
        ("Кенесары дом 40", "Кенесары", "40"),
        ("по улице Пушкина дом 12", "Пушкина", "12"),
        ("на Сейфуллина 31/2 кв 8", "Сейфуллина", "31/2"),
        ("адрес: Республики 24, подъезд 3", "Республики", "24"),
        ("мкр. Коктал-2, д. 5", "Коктал-2", "5"),
        ("ЖК Арай 2 блок", "Арай", None),
        ("Желтоксан 15а", "Желтоқсан", "15А"),
        ("Московская, 23, кв. 4", "Московская", "23"),
        ("Богенбай батыр даңғылы 52", "Богенбай батыра", "52"),
        ("пр.Абая 62", "Абая", "62"),
        ("Сарыарка проспект 31", "Сарыарка", "31"),
        ("г. Астана, р-н Сарыарка, ул. Иманова 11", "Иманова", "11"),
        ("дом номер 7 по Омарова", "Омарова", "7"),
        ("Во дворе дома 12 по улице Абая темно", "Абая", "12"),
        # A house that ends a phrase, before a colon (not a time such as 10:30).
        ("Кенесары 40: нет воды третий день", "Кенесары", "40"),
        ("Желтоқсан 7: лифт тұр", "Желтоқсан", "7"),
        # A microdistrict with its number, then the house.
        ("Самал 1, дом 9, кв 12", "Самал", "9"),
        ("Самал 1 үй 4, жарық жоқ", "Самал", "4"),
        ("Сарыарка 2 мкр 14, подвал затопило", "Сарыарка-2", "14"),
        # A marker that is part of the listed name: the boulevard, not the avenue.
        ("скамейки сломаны, Бульвар Сарыарка", "Бульвар Сарыарка", None),
        # A Russian "не" or a Kazakh ending right after the house.
        ("Кенесары 52 не чистят двор", "Кенесары", "52"),
        ("Желтоқсан 9 ға жақын жерде шұңқыр", "Желтоқсан", "9"),
        # An ordinal house: "-й" after "дом", a Kazakh "-шы" before "үй".
        ("тепло дадут? дом 12-й на Омарова", "Омарова", "12"),
        ("Абай даңғылындағы 7-ші үй, лифт тұр", "Абая", "7"),
        ("Достык коши 5, жол бузык", "Достык", "5"),
        # The entrance of a complex is not its house; a day of a month is no house.
        ("Керемет ЖК 2 подъезд, лифт стоит", "Керемет", None),
        ("Уведомление: 5 марта по Кирпичному переулку не будет воды", "Кирпичный переулок", None),
    ],
)
def test_more_forms_written_apart_from_the_corpus(reader, text, street, house):
    found = reader.read(text)
    assert found is not None and (found.street.name, found.house) == (street, house)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Свет дали в Жастаре, спасибо", "Жастаре"),
        ("У нас в Жастаре 12 вода ржавая", "Жастаре"),
        ("Жастарда жарық жоқ", "Жастарда"),
        ("Жастар 10, подъезд не убирают", "Жастар"),
    ],
)
def test_a_name_the_stemmer_cuts_too_far_is_found_in_its_cases(reader, text, written):
    """ "Жастар" reads as a Kazakh plural and is cut to "жас": its Russian
    cases ("в Жастаре") were lost; the name as it is written is known too."""
    found = reader.read(text)
    assert found is not None and found.street.name == "Жастар"
    assert found.written == written  # the words the post wrote the place with


def test_the_words_of_a_place_are_kept_apart_from_its_key(reader):
    one, two = reader.read("Молодёжном 23"), reader.read("Молодежный мкр, 23")
    assert one == two and one.key == two.key  # how it was written is not what it is
    assert (one.written, two.written) == ("Молодёжном", "Молодежный")


@pytest.mark.parametrize(
    ("text", "street", "house"),
    [
        # A house said as one away from the street: "у 12 дома", "от 7 дома", a Kazakh ordinal.
        ("Московская, лужа огромная у 12 дома", "Московская", "12"),
        ("По Пушкина от 7 дома до угла темно", "Пушкина", "7"),
        ("Сейфуллина көшесі, 25-ші үйде жарық жоқ", "Сейфуллина", "25"),
        # Three houses are not house 3.
        ("на Абая уже 3 дома без света", "Абая", None),
        # A time or a date written with a dot is not the house.
        ("Гоголя көшесі 09.00-ден 17.00-ге дейін су болмайды", "Гоголя", None),
        ("Абай 12.01 числа отключат", "Абая", None),
        # A microdistrict with "мкр" after its number; and one in lower case.
        ("Коктал 2 мкр, фонари не горят", "Коктал-2", None),
        ("у нас в самале опять нет воды", "Самал", None),
        ("самалда жарық жоқ екі сағат", "Самал", None),
        # A school and its number are not a street and its house.
        ("Мектеп 41 жанында жол бұзылған, Пушкин көшесі", "Пушкина", None),
    ],
)
def test_a_house_said_apart_a_time_and_a_microdistrict_in_lower_case(reader, text, street, house):
    found = reader.read(text)
    assert found is not None, text
    assert (found.street.name, found.house) == (street, house)


@pytest.mark.parametrize(
    "text",
    [
        "самал жел соғып тұр, керемет",  # "a breeze", not the microdistrict
        "үйден шыға алмаймыз, көмектесіңдер",  # "from home" makes no place
        "3 дома без света уже час",  # three houses, no street
        "жастарда тәрбие жоқ, ата-аналар қайда",  # "among the young", not Жастар
        "в молодежном центре громко до утра",  # an adjective, not Молодёжный
    ],
)
def test_ordinary_words_make_no_place(reader, text):
    assert reader.read(text) is None
