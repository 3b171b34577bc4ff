"""The reader's urgency by mechanism, not by corpus sentence.

Each mechanism is a table built here from small lists: danger concepts crossed
with the forms a resident says them in. Negation: each danger said plainly is
urgent and every negated form of it calm (so the table cannot pass by reading
everything one way). Figures: a danger verb with an abstract subject or object
is calm and the same verb with a person, a building or a thing is urgent. Harm
now: a body crushed, hit, thrown or held by a thing just now is urgent; the same
verb said of a thing is not by itself. Then a hole without its lid (a Kazakh stem voiced
before its ending), a small child alone by a road whatever else is near, and a traffic
light out where cars crash or children cross, each beside its calm counterpart.
"""

from datetime import date

import pytest

from bot.reading.dangers import detect

WINTER = date(2026, 1, 15)


def _urgent(text: str) -> bool:
    return detect(text, WINTER).urgent


# --- negation ------------------------------------------------------------------------
# Russian: (place, verb, subject, the danger's noun in the genitive).
RU_DANGERS = {
    "gas smell": ("в подъезде", "пахнет", "газом", "запаха газа"),
    "fire": ("в подвале", "горит", "проводка", "пожара"),
    "smoke": ("в подъезде", "валит", "дым", "дыма"),
    "sparks": ("в щитке", "искрят", "провода", "искр"),
    "flood": ("в подвале", "хлещет", "вода из трубы", "потопа"),
    "stuck": ("в лифте", "застряли", "люди", "застрявших"),
    "unconscious": ("у подъезда", "потерял сознание", "мужчина", "упавших"),
    "bite": ("во дворе", "кусает детей", "собака", "укусов"),
}
RU_NEGATED = (
    "{place} не {verb} {subject}",
    "{place} {subject} не {verb}",
    "{place} нет {noun}",
    "{place} ничего не {verb}",
    "проверили, {place} всё без {noun}",
)
# Kazakh: (the danger said, the same with its verb negated, the danger's noun).
KK_DANGERS = {
    "gas smell": ("подъезде газ иісі шығып тұр", "подъезде газ иісі шықпайды", "газ иісі"),
    "fire": ("подвалда өрт шығып жатыр", "подвалда ештеңе жанбайды", "өрт"),
    "smoke": ("подъезде түтін шығып жатыр", "подъезде түтін шықпайды", "түтін"),
    "sparks": ("щиток ұшқындап тұр", "щиток ұшқындамайды", "ұшқын"),
    "flood": ("құбыр жарылып су шапшып тұр", "құбырдан су шапшымайды", "су шапшу"),
    "stuck": ("лифтте адамдар қамалып қалды", "лифтте ешкім қамалмады", "лифтте адам"),
    "unconscious": ("көршім есінен танып жатыр", "көршім есінен танбады", "есінен танған адам"),
    "bite": ("ит балаларды қауып жатыр", "ит балаларды қаппады", "тістеген ит"),
}
KK_NEGATED = ("{noun} жоқ", "{noun} емес", "{negated}")
_TRANSLIT = str.maketrans("әіңғқөұүһӘІҢҒҚӨҰҮҺ", "аингкоуухАИНГКОУУХ")


def _ru_negated():
    for concept, (place, verb, subject, noun) in RU_DANGERS.items():
        for form in RU_NEGATED:
            text = form.format(place=place, verb=verb, subject=subject, noun=noun)
            yield pytest.param(text, id=f"{concept}: {text}")


def _kk_negated(translit: bool):
    for concept, (_, negated, noun) in KK_DANGERS.items():
        for form in KK_NEGATED:
            text = form.format(noun=noun, negated=negated)
            text = text.translate(_TRANSLIT) if translit else text
            yield pytest.param(text, id=f"{concept}: {text}")


def _plain():
    for concept, (place, verb, subject, _) in RU_DANGERS.items():
        yield pytest.param(f"{place} {verb} {subject}", id=f"{concept}: ru")
    for concept, (said, _, _) in KK_DANGERS.items():
        yield pytest.param(said, id=f"{concept}: kk")
        yield pytest.param(said.translate(_TRANSLIT), id=f"{concept}: kk translit")


@pytest.mark.parametrize("text", [*_ru_negated(), *_kk_negated(False), *_kk_negated(True)])
def test_a_negated_danger_is_calm(text):
    assert not _urgent(text)


@pytest.mark.parametrize("text", list(_plain()))
def test_the_same_danger_said_plainly_is_urgent(text):
    assert _urgent(text)


# --- figures -------------------------------------------------------------------------
# A danger verb in a frame; what fills the frame decides whether it is a figure.
FIGURE_FRAMES = {
    "убивают": "меня убивают {}",
    "взорвали": "вчера взорвали {}",
    "взорвался": "вчера вечером {} взорвался",
    "горит": "у нас горит {}",
    "тонем": "тонем в {}",
    "задыхаемся": "задыхаемся от {}",
    "өлтіріп жатыр": "{} бізді өлтіріп жатыр",
    "жарылды": "{} жарылды",
}
ABSTRACT = {
    "убивают": ("эти тарифы", "цены на коммуналку", "новости", "экзамены"),
    "взорвали": ("чат", "интернет", "все соцсети"),
    "взорвался": ("чат", "интернет", "мозг"),
    "горит": ("дедлайн", "проект на работе", "отчёт"),
    "тонем": ("долгах", "кредитах", "квитанциях"),
    "задыхаемся": ("цен", "тарифов", "экзаменов"),
    "өлтіріп жатыр": ("тарифтер", "бағалар", "жұмыс"),
    "жарылды": ("чат", "жүйкем", "интернет"),
}
CONCRETE = {
    "убивают": ("соседи, помогите", "какие-то люди во дворе"),
    "взорвали": ("машину во дворе", "банкомат у нашего дома"),
    "взорвался": ("газовый баллон в подъезде", "газ в подвале"),
    "горит": ("подъезд", "гараж", "дом"),
    "тонем": ("воде, квартиру затопило по колено",),
    "задыхаемся": ("дыма в подъезде", "газа в квартире"),
    "өлтіріп жатыр": ("пышақпен біреу",),
    "жарылды": ("подвалда газ баллоны", "үйде газ"),
}


def _figures(words):
    for verb, fills in words.items():
        for fill in fills:
            text = FIGURE_FRAMES[verb].format(fill)
            yield pytest.param(text, id=f"{verb}: {text}")


@pytest.mark.parametrize("text", list(_figures(ABSTRACT)))
def test_a_danger_verb_of_an_abstract_thing_is_a_figure(text):
    assert not _urgent(text)


@pytest.mark.parametrize("text", list(_figures(CONCRETE)))
def test_the_same_verb_of_a_person_or_a_thing_is_urgent(text):
    assert _urgent(text)


# --- harm now ------------------------------------------------------------------------
# A thing that crushes, hits, throws or holds, in a frame with a body or a thing in it.
HARM_FRAMES = (
    "во дворе горкой придавило {}",
    "дверью подъезда прижало {}",
    "возле столба {} отбросило",
    "есік {} қысып қалды",
    "бетон плитасы {} басып қалды",
)
# A current that strikes anything, or a lift's doors that grip, is a danger by itself
# (sparks, the lift): these frames are asked only with a body.
BODY_ONLY_FRAMES = ("у подъезда {} ударило током", "дверями лифта зажало {}")
BODIES = ("ногу девочке", "руку ребёнку", "собаку", "человека", "баланың қолын", "жұмысшыны")
THINGS = ("машину", "сумку", "скамейку", "мусорный бак", "сөмкені", "көлікті")
# Held where they are: people who cannot get out; cars that cannot are no danger.
KK_HELD = "баспалдақ сынып, {} шыға алмай тұр"
KK_HELD_BODIES = ("адамдар", "балалар", "кісілер")
KK_HELD_THINGS = ("машиналар", "көліктер")


def _harm(fills, held, frames=HARM_FRAMES):
    for frame in frames:
        for fill in fills:
            text = frame.format(fill)
            yield pytest.param(text, id=text)
    for fill in held:
        text = KK_HELD.format(fill)
        yield pytest.param(text, id=text)
        yield pytest.param(text.translate(_TRANSLIT), id=f"translit: {text}")


@pytest.mark.parametrize(
    "text", list(_harm(BODIES, KK_HELD_BODIES, HARM_FRAMES + BODY_ONLY_FRAMES))
)
def test_a_body_crushed_hit_or_held_now_is_urgent(text):
    assert _urgent(text)


@pytest.mark.parametrize("text", list(_harm(THINGS, KK_HELD_THINGS)))
def test_the_same_verb_of_a_thing_is_not_by_itself(text):
    assert not _urgent(text)


# --- a hazard with no protection -----------------------------------------------------
# A hole in Kazakh, its stem voiced before a vowel ("люк" -> "люгі", "құдық" -> "құдығы"):
# (the hole, it as the owner of its lid, it as the subject).
HOLES = (("люк", "люктің", "люгі"), ("құдық", "құдықтың", "құдығы"))
UNPROTECTED = ("{owner} қақпағы жоқ", "{owner} қопқағы жоқ", "аулада {subject} ашық тұр")
PROTECTED = ("{owner} қақпағы бар", "аулада {hole} жабық тұр")


def _holes(forms):
    for hole, owner, subject in HOLES:
        for form in forms:
            text = form.format(hole=hole, owner=owner, subject=subject) + ", балалар жүр"
            yield pytest.param(text, id=text)
            yield pytest.param(text.translate(_TRANSLIT), id=f"translit: {text}")


@pytest.mark.parametrize("text", list(_holes(UNPROTECTED)))
def test_a_hole_without_its_lid_where_children_are_is_urgent(text):
    assert _urgent(text)


@pytest.mark.parametrize("text", list(_holes(PROTECTED)))
def test_a_hole_with_its_lid_is_not(text):
    assert not _urgent(text)


# --- a child alone where it should not be --------------------------------------------
# What is near a child alone is not what went missing: cars by the road, a dog about.
CHILDREN = ("маленький мальчик", "ребёнок лет 3", "малыш")
ALONE = ("{} один ходит по дороге", "{} один плачет у дороги")
NEARBY = ("машины мимо несутся", "рядом бегает собака", "телефона у него нет")


def _alone():
    for child in CHILDREN:
        for form in ALONE:
            for near in NEARBY:
                text = f"{form.format(child)}, {near}"
                yield pytest.param(text, id=text)


@pytest.mark.parametrize("text", list(_alone()))
def test_a_small_child_alone_by_a_road_is_urgent_whatever_is_near(text):
    assert _urgent(text)


@pytest.mark.parametrize("thing", ["машину", "собаку", "телефон", "сумку"])
def test_a_thing_gone_is_not_a_missing_child(thing):
    assert not _urgent(f"второй час не можем найти {thing} у подъезда, кто видел?")


# --- a traffic light out -------------------------------------------------------------
LIGHT_OUT = ("светофор не работает", "светофор сломан", "бағдаршам істемейді")
# Cars that do not stop for people, children crossing, cars crashing now (the convention of
# the corpus README); a crash that was, or rush hour, is no near miss by itself.
DANGER_AT_IT = ("машины не останавливаются", "дети из школы идут", "көліктер соғылып жатыр")
NOTHING_MORE = ("в час пик", "починить бы", "", "уже одна авария была")


def _crossing(tails):
    for light in LIGHT_OUT:
        for tail in tails:
            text = f"на перекрёстке Абая и Кенесары {light}, {tail}".rstrip(", ")
            yield pytest.param(text, id=text)


@pytest.mark.parametrize("text", list(_crossing(DANGER_AT_IT)))
def test_a_light_out_where_cars_crash_or_children_cross_is_urgent(text):
    assert _urgent(text)


@pytest.mark.parametrize("text", list(_crossing(NOTHING_MORE)))
def test_a_light_out_by_itself_is_not(text):
    assert not _urgent(text)


# --- clauses ---------------------------------------------------------------------------
# A negation or a thing that cannot be hurt, said in another clause, does not reach a danger:
# "Электричества нет, | валит дым" is smoke; "Пишу в чат, | горит подвал" is a fire.
OTHER_CLAUSE = (
    "В подъезде дым, не видно ничего",
    "В подвале дым. Не видно ничего, дышать нечем",
    "Электричества нет, валит дым из подвала",
    "Газа нет. Дым из щитка идёт",
    "Сильно пахнет газом, не слышно чтобы кто-то чинил",
    "Щиток искрит, не горит свет",
    "Жарық жоқ, подвалдан түтін шығып жатыр",
    "Срочно пишу в чат: пожар в подъезде!",
    "Пишу в чат, горит подвал",
    "Кабель интернета искрит и дымит",
    "Горит щиток интернета в подъезде",
    "Газ пахнет, интернет не работает",
    "Горит пост охраны на въезде",
)
# ... while one in the same clause still does, and a bare "Нет" answers the question before it.
SAME_CLAUSE = (
    "газом не пахнет, всё проверили",
    "дым не идёт, всё нормально",
    "нет дыма, проверили подвал",
    "меня убивают эти тарифы",
    "пост про новый парк взорвал чат",
    "Стреляли? Нет, это мотоциклисты хлопают",
)


# --- what undoes an alarm must be about it ---------------------------------------------
# A lift with somebody inside stays an alarm whoever came out to the landing; Russian "той"
# is no Kazakh wedding; a Russian word ending like a voiced Kazakh stem ("Волга") is no wolf;
# water, sewage or rubbish that "басып қалды" a place crushed no body; "кто-то есть?" asks.
STILL_URGENT = (
    "Лифт застрял между этажами, внутри ребенок, все вышли на площадку, помогите",
    "Лифт упал вниз с людьми! Соседи сами вышли на площадку и кричат",
    "Взрыв в подвале, в той части дома где котельная",
    "Взорвался трансформатор у той девятиэтажки",
    "Бахнуло в подвале с той стороны дома, стекла выбило",
    "бетон плитасы баланың аяғын басып қалды",
    "Света нет, кто-то есть в квартире? Дверь взломана",
)
STILL_CALM = (
    "Лифт упал на метр, все вышли сами, никто не пострадал",
    "Кеше той болды, түнде бахнуло, салют атты",
    "Во дворе стоит брошенная Волга, дети залезают внутрь",
    "Аулада ескі Волга көлігі тұр, балалар ойнайды",
    "Жертөлені кәріз суы басып қалды, адамдар жүре алмайды",
    "Аулада балалар ойнайтын жерді қоқыс басып қалды",
    "Соседи уехали в отпуск, попросили поливать цветы, кто-то есть с ключами?",
)


@pytest.mark.parametrize(
    ("text", "urgent"),
    [(t, True) for t in (*OTHER_CLAUSE, *STILL_URGENT)]
    + [(t, False) for t in (*SAME_CLAUSE, *STILL_CALM)],
)
def test_what_undoes_an_alarm_must_be_said_of_it(text, urgent):
    assert _urgent(text) is urgent


def test_clause_starts_follow_the_punctuation_and_give_up_when_words_do_not_line_up():
    from bot.reading.negation import apart, clause_starts
    from bot.reading.normalize import words

    text = "Электричества нет, валит дым. Стреляли? Нет, это мотоциклы"
    ws = words(text)
    starts = clause_starts(text, ws, words)
    # "валит" and "Стреляли" begin clauses; a bare "Нет" answers the one before it.
    assert starts == {0, 2, 4, 6}
    assert apart(1, 2, starts) and not apart(4, 5, starts)
    # Words split otherwise than the text's own (a caller's changed list): no clauses.
    assert clause_starts(text, [*ws, "лишнее"], words) == frozenset()
