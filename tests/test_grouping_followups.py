"""Posts that name no place, or less of it than their problem: a resident's own
follow-up days later, a location whose problem has no coordinates of its own, a
house number alone where the thread named the microdistrict."""

from __future__ import annotations

from datetime import timedelta

from bot.problems.grouping import MatchKind
from tests.grouping_helpers import T0, Appeals, grouper


async def test_a_residents_follow_up_of_a_lasting_trouble_days_later_joins_it(
    appeals: Appeals,
) -> None:
    first = await appeals.add(
        "Бигельдинова 12, бар внизу шумит до утра",
        category="noise",
        key="бигельдинова 12",
        author=55,
    )
    second = await appeals.add(
        "Бигельдинова 12 бардан түнімен шу", category="noise", key="бигельдинова 12"
    )
    bar = await appeals.problem([first, second])
    later = T0 + timedelta(days=2)
    again = appeals.draft(
        "Третью ночь подряд бар шумит", category="noise", key=None, at=later, author=55
    )
    match = await grouper(appeals).match(again)
    assert match.kind is MatchKind.attach and match.problem_id == bar
    # Another resident's same words two days later: nothing in the chat places them.
    stranger = appeals.draft(
        "Третью ночь подряд бар шумит", category="noise", key=None, at=later, author=56
    )
    assert (await grouper(appeals).match(stranger)).kind is not MatchKind.attach


async def test_a_kazakh_follow_up_the_next_day_joins_the_authors_problem(appeals: Appeals) -> None:
    first = await appeals.add(
        "Қарасай батыр 50, аулада иттер балаларға шабады",
        category="animals",
        key="карасай батыра 50",
        author=61,
    )
    dogs = await appeals.problem(
        [
            first,
            await appeals.add("Карасай 50 иттер көп", category="animals", key="карасай батыра 50"),
        ]
    )
    at = T0 + timedelta(hours=30)
    again = appeals.draft(
        "Иттер әлі де аулада жүр, ұстадыңыздар ма?", category="animals", key=None, at=at, author=61
    )
    match = await grouper(appeals).match(again)
    assert match.kind is MatchKind.attach and match.problem_id == dogs


async def test_an_outage_is_over_for_its_authors_placeless_post_days_later(
    appeals: Appeals,
) -> None:
    first = await appeals.add(
        "Ташенова 19 свет отключили", category="electricity", key="ташенова 19", author=70
    )
    await appeals.problem(
        [
            first,
            await appeals.add("Ташенова 19 жарық жоқ", category="electricity", key="ташенова 19"),
        ]
    )
    later = appeals.draft(
        "Опять свет отключили",
        category="electricity",
        key=None,
        at=T0 + timedelta(days=2),
        author=70,
    )
    assert (await grouper(appeals).match(later)).kind is not MatchKind.attach


async def test_a_house_number_read_as_a_street_joins_the_microdistricts_outage(
    appeals: Appeals,
) -> None:
    """ "Дом 31" and "Үй 31" read as streets named "Дом" and "Үй": the house alone, in
    the chat that is writing about the microdistrict's outage."""
    outage = [
        await appeals.add(text, category="water", key="коктал 2", chat="akimat")
        for text in ("В Коктал-2 нет воды, дом 15", "Коктал 2 мкр су жоқ", "Коктал2 воды нет")
    ]
    water = await appeals.problem(outage)
    at = T0 + timedelta(minutes=10)
    for text, key in (("Когда дадут воду? Дом 31", "дом 31"), ("Су қашан келеді? Үй 31", "уй 31")):
        draft = appeals.draft(text, category="water", key=key, chat="akimat", at=at)
        match = await grouper(appeals).match(draft)
        assert match.kind is MatchKind.attach and match.problem_id == water, text


async def test_a_residents_thanks_the_reader_could_not_file_ends_their_problem_days_later(
    appeals: Appeals,
) -> None:
    """Snow in a yard is a problem for days; its first resident thanks for the
    cleared yard in words the reader files under no service."""
    first = await appeals.add(
        "Торайгырова 10, двор не чистят от снега",
        category="snow_ice",
        key="торайгырова 10",
        author=81,
    )
    snow = await appeals.problem(
        [
            first,
            await appeals.add(
                "Торайғыров 10 аулада қар", category="snow_ice", key="торайгырова 10"
            ),
        ]
    )
    later = T0 + timedelta(days=3)
    for text in ("Спасибо, трактор приехал, двор почистили", "Ауланы тазалады, рахмет көп"):
        draft = appeals.draft(text, category="other", key=None, at=later, author=81)
        match = await grouper(appeals).match(draft)
        assert match.kind is MatchKind.attach and match.problem_id == snow, text
    # A thanks that says nothing is back is no voice of it.
    bare = appeals.draft("Спасибо акимату!", category="other", key=None, at=later, author=81)
    assert (await grouper(appeals).match(bare)).kind is not MatchKind.attach


async def test_a_location_alone_is_offered_to_the_one_live_problem_without_coordinates(
    appeals: Appeals,
) -> None:
    def bins(key: str, n: int) -> list[str]:
        return [f"{key.title()}, мусор не вывозят, контейнеры переполнены {i}" for i in range(n)]

    texts = bins("мухамедханова 4", 2)
    garbage = await appeals.problem(
        [
            await appeals.add(t, category="garbage", key="мухамедханова 4", chat="akimat")
            for t in texts
        ]
    )
    at = T0 + timedelta(hours=15)
    pins = ("Вот эта площадка, мусор валяется везде", "Осы жерде қоқыс толып жатыр")
    for text in pins:
        draft = appeals.draft(
            text, category="garbage", key=None, lat=51.1763, lon=71.4065, chat="akimat", at=at
        )
        match = await grouper(appeals).match(draft)
        assert match.kind is MatchKind.suggest and match.problem_id == garbage, text
    # Two such problems in the chat: which one is not known, nothing is offered.
    await appeals.problem(
        [
            await appeals.add(t, category="garbage", key="гоголя 15", chat="akimat")
            for t in bins("гоголя 15", 2)
        ]
    )
    draft = appeals.draft(
        pins[0], category="garbage", key=None, lat=51.1763, lon=71.4065, chat="akimat", at=at
    )
    assert (await grouper(appeals).match(draft)).kind is MatchKind.none


async def test_a_location_far_from_its_kinds_located_problem_is_not_offered(
    appeals: Appeals,
) -> None:
    first = await appeals.add("Кравцова 8 яма на дороге", category="roads", key="кравцова 8")
    pinned = await appeals.add("Яма тут", category="roads", key=None, lat=51.1877, lon=71.4004)
    await appeals.problem([first, pinned])
    far = appeals.draft(
        "Яма тут, колёса пробили",
        category="roads",
        key=None,
        lat=51.1922,
        lon=71.4004,
        at=T0 + timedelta(hours=3),
    )
    assert (await grouper(appeals).match(far)).kind is MatchKind.none


async def test_a_reply_in_a_quiet_chat_joins_the_desks_one_live_outage(appeals: Appeals) -> None:
    """The outage is written about in the housing chat; "у нас тоже" comes to the
    akimat's chat, where nobody has written of power lately."""
    power = await appeals.problem(
        [
            await appeals.add(
                text, category="electricity", key="гоголя 21", at=T0 + timedelta(minutes=n)
            )
            for n, text in enumerate(("Гоголя 21 света нет", "Гоголь 21 үйде жарық жоқ"))
        ]
    )
    at = T0 + timedelta(minutes=6)
    for text in ("у нас тоже свет вырубило", "Бізде де жарық жоқ"):
        draft = appeals.draft(text, category="electricity", key=None, chat="akimat", at=at)
        match = await grouper(appeals).match(draft)
        assert match.kind is MatchKind.attach and match.problem_id == power, text
    # Two outages of power on the desk: which one is not known.
    await appeals.problem(
        [
            await appeals.add("Абая 12 нет света", category="electricity", key="абая 12")
            for _ in range(2)
        ]
    )
    draft = appeals.draft(
        "у нас тоже свет вырубило", category="electricity", key=None, chat="akimat", at=at
    )
    assert (await grouper(appeals).match(draft)).kind is MatchKind.none


async def test_a_reply_of_a_lasting_trouble_in_a_quiet_chat_is_only_offered(
    appeals: Appeals,
) -> None:
    dogs = await appeals.problem(
        [
            await appeals.add(t, category="animals", key="карасай батыра 50")
            for t in ("Карасай батыра 50 собаки во дворе", "Қарасай батыр 50 иттер көп")
        ]
    )
    draft = appeals.draft(
        "у нас тоже собаки бегают",
        category="animals",
        key=None,
        chat="akimat",
        at=T0 + timedelta(minutes=20),
    )
    match = await grouper(appeals).match(draft)
    assert match.kind is MatchKind.suggest and match.problem_id == dogs


async def test_a_reply_read_as_a_kin_trouble_joins_the_desks_one_live_outage_of_it(
    appeals: Appeals,
) -> None:
    """The basement flooded with sewage is written about in the housing chat; a reply
    in the akimat's chat is read as a repair (a basement)."""
    sewer = await appeals.problem(
        [
            await appeals.add(
                text, category="sewerage", key="ирченко 6", at=T0 + timedelta(minutes=n)
            )
            for n, text in enumerate(
                (
                    "Ирченко 6, подвал затопило канализацией",
                    "Ирченко 6 үйдің жертөлесін кәріз суы басты",
                )
            )
        ]
    )
    at = T0 + timedelta(minutes=6)
    for text in (
        "у нас тоже воняет из подвала, дышать нечем",
        "Бізде де жертөледен кәріз иісі шығып тұр",
    ):
        draft = appeals.draft(text, category="housing_repair", key=None, chat="akimat", at=at)
        match = await grouper(appeals).match(draft)
        assert match.kind is MatchKind.attach and match.problem_id == sewer, text
    # A repair whose words are not the outage's: another trouble.
    roof = appeals.draft(
        "у нас крыша течёт", category="housing_repair", key=None, chat="akimat", at=at
    )
    assert (await grouper(appeals).match(roof)).kind is not MatchKind.attach


async def test_an_older_outage_still_in_its_hours_is_live_too(appeals: Appeals) -> None:
    """Кенесары's outage was heard from an hour and a half ago, Абая's a few minutes
    ago: "свет вырубило" to a third chat may be either, so it joins neither."""
    await appeals.problem(
        [
            await appeals.add(t, category="electricity", key="кенесары 40", at=T0)
            for t in ("Кенесары 40 света нет", "Кенесары 40 жарық жоқ", "Кенесары 40 без света")
        ]
    )
    later = T0 + timedelta(minutes=100)
    await appeals.problem(
        [
            await appeals.add(
                t, category="electricity", key="абая 5", at=later + timedelta(minutes=n)
            )
            for n, t in enumerate(("Абая 5 свет отключили", "Абай 5 үйде жарық жоқ"))
        ]
    )
    for text in ("Свет вырубило", "Жарық сөнді"):
        draft = appeals.draft(
            text,
            category="electricity",
            key=None,
            chat="law_order",
            at=later + timedelta(minutes=10),
        )
        assert (await grouper(appeals).match(draft)).kind is not MatchKind.attach, text


async def test_a_second_outage_is_live_however_many_voices_the_first_has(
    appeals: Appeals,
) -> None:
    """Кенесары's outage was heard from an hour and a half ago; Абая's outage has
    since drawn hundreds of appeals. The older one is live all the same, so a reply
    to a third chat joins neither."""
    await appeals.problem(
        [
            await appeals.add(t, category="electricity", key="кенесары 40", at=T0)
            for t in ("Кенесары 40 света нет", "Кенесары 40 жарық жоқ")
        ]
    )
    later = T0 + timedelta(minutes=100)
    crowd = [
        await appeals.add(
            f"Абая {n % 40 + 1} света нет",
            category="electricity",
            key="абая 5",
            at=later + timedelta(seconds=n),
        )
        for n in range(260)
    ]
    await appeals.problem(crowd)
    draft = appeals.draft(
        "Свет вырубило",
        category="electricity",
        key=None,
        chat="law_order",
        at=later + timedelta(minutes=10),
    )
    assert (await grouper(appeals).match(draft)).kind is not MatchKind.attach


async def test_the_chats_live_problem_outweighs_the_authors_appeal_of_days_ago(
    appeals: Appeals,
) -> None:
    """The author's pothole of five days ago; the chat writes of an open manhole now.
    "Да, люк открыт" is the manhole's, in either language."""
    mine = await appeals.add(
        "Абая 5, яма на дороге", category="roads", key="абая 5", author=77, at=T0
    )
    pothole = await appeals.problem(
        [mine, await appeals.add("Абая 5 шұңқыр", category="roads", key="абая 5", at=T0)]
    )
    now = T0 + timedelta(days=5)
    manhole = await appeals.problem(
        [
            await appeals.add(t, category="roads", key="кенесары 40", at=now + timedelta(minutes=n))
            for n, t in enumerate(
                ("Кенесары 40 открытый люк", "Кенесары 40 люк ашық", "Кенесары 40 люк без крышки")
            )
        ]
    )
    for text in ("Да, люк открыт, чуть не упала", "Иә, люк ашық, құлап кете жаздадым"):
        draft = appeals.draft(
            text, category="roads", key=None, at=now + timedelta(minutes=20), author=77
        )
        match = await grouper(appeals).match(draft)
        assert match.problem_id != pothole and not (
            match.kind is MatchKind.attach and match.problem_id != manhole
        ), text
