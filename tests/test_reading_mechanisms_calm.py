"""The reader's calm by mechanism: posts whose words read like a danger but say none now.

Each table is built here from small lists, in Russian, Kazakh and Kazakh typed with
Russian letters, and each calm cell has its urgent counterpart, so that no table passes
by reading everything calm: smoke or a smell from a fire somebody tends (and flames, or
smoke from a flat, a bin alight), a danger's word as the adjective of a sale (and of a
shop or a store), a danger made safe and said to be done (and one that happens again,
or of which the writer asks what next), and hardship that is no danger now (and its
danger now: somebody in the lift, a child missing or alone by a road, a child pricked,
a home cold, sewage at the wiring).
"""

from datetime import date

import pytest

from bot.reading.dangers import detect

WINTER = date(2026, 1, 15)
APRIL = date(2026, 4, 20)
_TRANSLIT = str.maketrans("әіңғқөұүһӘІҢҒҚӨҰҮҺ", "аингкоуухАИНГКОУУХ")


def _urgent(text: str, when: date = WINTER) -> bool:
    return detect(text, when).urgent


def _forms(ru, kk):
    """Russian cells as they are; Kazakh cells as written and typed in Russian letters."""
    for text in ru:
        yield pytest.param(text, id=f"ru: {text}")
    for text in kk:
        yield pytest.param(text, id=f"kk: {text}")
        translit = text.translate(_TRANSLIT)
        yield pytest.param(translit, id=f"kk_translit: {translit}")


# --- a fire somebody tends ----------------------------------------------------------
# Who tends it, and what the post says reached it: smoke and smell are the tended fire's,
# flames that caught something else are a fire.
TENDED_RU = ("соседи баню топят", "сосед печку топит", "соседи жгут мусор", "соседи жгут листья")
SMOKE_RU = ("пахнет гарью", "дым в окна")
FLAMES_RU = ("огонь перекинулся на сарай", "пламя на заборе")
TENDED_KK = (
    "көршілер моншаны жағып жатыр",
    "көрші пешті жағып жатыр",
    "көршілер қоқыс жағып жатыр",
)
SMOKE_KK = ("түтін үйге кіріп жатыр", "күйік иісі шығып тұр")
FLAMES_KK = ("қора өртеніп жатыр", "қоршау лаулап жанып жатыр")
# Smoke out of a home or a stairwell is a fire, whatever else is tended.
FROM_HOME_RU = ("из квартиры валит дым", "а в подъезде дым, ничего не видно")
FROM_HOME_KK = ("көрші пәтерден түтін шығып жатыр",)
# Smoke from a flat or a stairwell, a bin or grass alight: a fire whoever is about.
FIRES_RU = (
    "мусорный бак горит во дворе",
    "из квартиры соседей валит дым",
    "в подъезде дым, ничего не видно",
    "сухая трава горит, огонь идёт к домам",
)
FIRES_KK = ("қоқыс жәшігі жанып жатыр", "көршінің пәтерінен түтін шығып жатыр")


def _tended(said_ru, said_kk):
    ru = [f"{who}, {said}" for who in TENDED_RU for said in said_ru]
    kk = [f"{who}, {said}" for who in TENDED_KK for said in said_kk]
    return list(_forms(ru, kk))


@pytest.mark.parametrize("text", _tended(SMOKE_RU, SMOKE_KK))
def test_smoke_of_a_fire_somebody_tends_is_calm(text):
    assert not _urgent(text)


@pytest.mark.parametrize(
    "text",
    [
        *_tended(FLAMES_RU, FLAMES_KK),
        *_tended(FROM_HOME_RU, FROM_HOME_KK),
        *_forms(FIRES_RU, FIRES_KK),
    ],
)
def test_flames_or_smoke_from_a_home_are_a_fire(text):
    assert _urgent(text)


# --- a sale that "burns" -------------------------------------------------------------
# (the danger's word, a sale it is said of, a thing it is said of) in one frame.
SALE_FRAME_RU = "у нас в магазине {} {}!"
SALE_RU = (("горят", "скидки", "склады"), ("горит", "распродажа", "подсобка"))
SALE_KK = (("жанып тұр", "жеңілдіктер", "дүкен"), ("жанып жатыр", "акциялар", "қойма"))


def _sales(said):
    ru = [SALE_FRAME_RU.format(cells[said], verb) for verb, *cells in SALE_RU]
    ru += [f"{cells[said]} {verb}" for verb, *cells in SALE_RU]
    kk = [f"біздің дүкенде {cells[said]} {verb}" for verb, *cells in SALE_KK]
    kk += [f"{cells[said]} {verb}" for verb, *cells in SALE_KK]
    return list(_forms(ru, kk))


@pytest.mark.parametrize("text", _sales(0))
def test_a_sale_said_to_burn_is_a_figure(text):
    assert not _urgent(text)


# A sale as where something burns, or in another clause than the fire.
SALE_FIRES_RU = ("в магазине на распродаже загорелась проводка", "склад горит, скидки отменили")
SALE_FIRES_KK = ("акция кезінде қоймада өрт шықты", "қойма жанып жатыр, жеңілдіктер тоқтатылды")


@pytest.mark.parametrize("text", [*_sales(1), *_forms(SALE_FIRES_RU, SALE_FIRES_KK)])
def test_a_shop_or_a_store_said_to_burn_is_a_fire(text):
    assert _urgent(text)


# --- made safe now -------------------------------------------------------------------
# (what happened, what was done about it) and: done; or again after a "but", or a question.
SAFE_RU = (
    ("розетка задымилась", "выключил автомат"),
    ("щиток искрил", "отключили автомат"),
    ("трубу прорвало, хлестала вода", "перекрыли стояк"),
)
DONE_RU = ("вроде всё", "больше не повторялось")
AGAIN_RU = ("но опять пошёл дым", "что делать дальше?", "уже не знаем что делать")
SAFE_KK = (
    ("розетка түтіндеп кетті", "автоматты өшірдік"),
    ("құбыр жарылып су ағып жатты", "стоякты жаптық"),
)
DONE_KK = ("су тоқтады, енді жоқ", "қазір жоқ")
AGAIN_KK = ("бірақ қайтадан түтін шығып жатыр", "бірақ су тағы атқылап тұр")


def _made_safe(after_ru, after_kk):
    ru = [f"{what}, {act}, {after}" for what, act in SAFE_RU for after in after_ru]
    kk = [f"{what}, {act}, {after}" for what, act in SAFE_KK for after in after_kk]
    return list(_forms(ru, kk))


@pytest.mark.parametrize("text", _made_safe(DONE_RU, DONE_KK))
def test_a_danger_made_safe_and_done_is_calm(text):
    assert not _urgent(text)


@pytest.mark.parametrize("text", _made_safe(AGAIN_RU, AGAIN_KK))
def test_made_safe_and_again_or_unsure_is_urgent(text):
    assert _urgent(text)


# --- hardship that is no danger now --------------------------------------------------
# (calm, its danger now) in Russian and in Kazakh.
HARDSHIP_RU = (
    ("лифт не работает, на коляске не могу спуститься", "лифт застрял, внутри человек на коляске"),
    ("автобус не пришёл, дети мёрзнут на остановке", "сын не пришёл из школы, телефон выключен"),
    ("девочки боятся ходить по тёмной улице", "маленький ребёнок один ходит у дороги"),
    ("на площадке шприцы, дети играют", "ребёнок укололся шприцем на площадке, идёт кровь"),
    ("засор в стояке, всё заливает уже третий раз", "засор в стояке, вода заливает щиток"),
    (
        "засор в стояке, первый этаж затопило по щиколотку",
        "засор в стояке, а в подвале трубу прорвало, кипяток хлещет",
    ),
)
HARDSHIP_KK = (
    (
        "лифт істемейді, мүгедек арбасымен түсе алмаймын",
        "лифтте мүгедек арбасымен адам қамалып қалды",
    ),
    ("автобус келмеді, балалар аялдамада тоңып тұр", "ұлым мектептен келмеді, телефоны өшірулі"),
    ("қыздар қараңғы көшеде жалғыз жүруге қорқады", "кішкентай бала жол жиегінде жалғыз жүр"),
    (
        "балалар алаңында шприцтер жатыр, балалар ойнайды",
        "бала шприцке шаншылып қалды, қан ағып тұр",
    ),
    ("стояк бітеліп, бірінші қабатты су басып жатыр", "стояк бітеліп, су щитокқа жетіп қалды"),
    (
        "стояк бітеліп, бірінші қабатты су басып жатыр, үшінші рет",
        "стояк бітеліп, ал жертөледе құбыр жарылып, ыстық су атқылап тұр",
    ),
)
# Heating asked off in a hot April flat; off in a cold one.
# Radiators scalding in a hot home are heating too high; a radiator burst is water out.
HEAT_RU = (
    ("отопление когда отключат? жарко дома", "отопление отключили, дома +12"),
    ("батареи кипяток, дома жарко, убавьте", "батарею прорвало, кипяток хлещет, дома жарко"),
)
HEAT_KK = (
    ("жылуды қашан өшіресіздер? үйде ыстық", "жылу жоқ, үйде +12"),
    ("батареялар қайнап тұр, үйде ыстық", "батарея жарылып, ыстық су атқылап тұр, үйде ыстық"),
)


def _hardship(side, ru=HARDSHIP_RU, kk=HARDSHIP_KK):
    return list(_forms([pair[side] for pair in ru], [pair[side] for pair in kk]))


@pytest.mark.parametrize("text", _hardship(0))
def test_hardship_with_no_danger_now_is_calm(text):
    assert not _urgent(text)


@pytest.mark.parametrize("text", _hardship(1))
def test_the_same_hardship_with_a_danger_now_is_urgent(text):
    assert _urgent(text)


@pytest.mark.parametrize("text", _hardship(0, HEAT_RU, HEAT_KK))
def test_heating_asked_off_in_a_hot_home_is_calm(text):
    assert not _urgent(text, APRIL)


@pytest.mark.parametrize("text", _hardship(1, HEAT_RU, HEAT_KK))
def test_heating_off_in_a_cold_home_is_urgent(text):
    assert _urgent(text, APRIL)


# --- a bang that is an engine --------------------------------------------------------
ENGINE_RU = (
    "каждую ночь взрывы, это мотоциклист без глушителя",
    "хлопки как выстрелы, это выхлоп машины",
)
ENGINE_KK = (
    "түнде жарылыс естіледі, бұл глушительсіз мотоцикл",
    "аулада жарылыс дыбысы, бұл көліктің выхлопы",
)
# A bang that broke windows, shots that hurt somebody.
BANG_RU = ("во дворе взрыв, стёкла вылетели", "во дворе стреляют, человек ранен")
BANG_KK = ("аулада жарылыс болды, терезелер сынды", "аулада біреу атып жатыр, адам жараланды")


@pytest.mark.parametrize("text", list(_forms(ENGINE_RU, ENGINE_KK)))
def test_a_bang_explained_by_an_engine_is_calm(text):
    assert not _urgent(text)


@pytest.mark.parametrize("text", list(_forms(BANG_RU, BANG_KK)))
def test_a_bang_that_did_harm_is_urgent(text):
    assert _urgent(text)


# --- a danger asked about and answered no, or explained ---------------------------
# "{danger}? {answer}": a no or an explanation is calm, a yes is the danger.
ASKED_RU = ("Взрыв был", "Газом пахнет", "Пожар в подъезде")
ASKED_KK = ("Жарылыс болды ма", "Газ иісі шығып тұр ма", "Газ жарылыс болды ма")
NO_RU = ("нет, просто гром", "нет, оказалось это трансформатор гудит", "нет, просто батарея шумит")
NO_KK = ("жоқ, тек трансформатор гүілдеп тұр", "жоқ, бұл найзағай екен")
YES_RU = ("да, в подъезде", "да, соседи уже вызвали 101")
YES_KK = ("иә, подъезде", "иә, көршілер 101-ге қоңырау шалды")


def _asked(ru_answers, kk_answers):
    ru = [f"{q}? {a}" for q in ASKED_RU for a in ru_answers]
    kk = [f"{q}? {a}" for q in ASKED_KK for a in kk_answers]
    return list(_forms(ru, kk))


# A battery (a smoke alarm's, a clock's) is no heating radiator; radiators cold are.
BATTERY_RU = ("сигнализация пищит, пожара нет, просто батарейка", "у пульта нет батарейки")
BATTERY_KK = ("дабыл шыңғырлайды, өрт жоқ, тек батарейка", "пульттің батарейкасы жоқ")
COLD_RU = ("отопления нет, батареи холодные, дома +12",)
COLD_KK = ("жылу жоқ, батареялар мұздай, үйде +12",)


@pytest.mark.parametrize("text", [*_asked(NO_RU, NO_KK), *_forms(BATTERY_RU, BATTERY_KK)])
def test_a_danger_asked_about_and_answered_no_is_calm(text):
    assert not _urgent(text)


@pytest.mark.parametrize("text", [*_asked(YES_RU, YES_KK), *_forms(COLD_RU, COLD_KK)])
def test_a_danger_asked_about_and_answered_yes_is_urgent(text):
    assert _urgent(text)


# --- a threat denied, somebody safe, a danger only feared ---------------------------
# (calm, its danger now): the same post but for what the writer says of the danger.
DENIED_RU = (
    ("собака рычит на людей, но никого не тронула", "собака рычит на людей, бросилась на ребёнка"),
    ("в лифте никого нет, но дверь не открывается", "в лифте человек, дверь не открывается"),
    ("мальчик потерялся в ТЦ, охрана с ним", "мальчик потерялся в ТЦ, охрана ищет"),
    (
        "мальчик потерялся в ТЦ, ищет родителей, 7 лет, кто родители? Охрана с ним",
        "мальчик потерялся в ТЦ, ищет родителей, 7 лет, кто родители? Охрана ищет",
    ),
    ("открытый люк во дворе уже накрыли, держит", "открытый люк во дворе, дети бегают"),
    ("вчера в подъезде обвалился потолок, всё убрали", "в подъезде обвалился потолок, всё убрали"),
    (
        "розетка задымилась, выключил автомат, сейчас все норм",
        "розетка задымилась, выключил автомат, но дым идёт",
    ),
)
DENIED_KK = (
    ("ит адамдарға ырылдайды, бірақ тиіскен жоқ", "ит адамдарға ырылдайды, балаға тиісті"),
    ("лифт ішінде адам жоқ, бірақ есігі ашылмай тұр", "лифт ішінде адам бар, есігі ашылмай тұр"),
    (
        "бала сауда орталығында адасып кетті, күзетші қасында",
        "бала сауда орталығында адасып кетті, күзетшілер іздеп жүр",
    ),
    ("ашық люкті жауып қойды, ұстап тұр", "ашық люк, балалар жүгіріп жүр"),
    (
        "кеше подъезде төбе құлап түсті, бәрін жинап алды",
        "подъезде төбе құлап түсті, бәрін жинап алды",
    ),
    (
        "розеткадан түтін шықты, токты өшірдім, қазір түтін жоқ",
        "розеткадан түтін шықты, токты өшірдім, бірақ түтін әлі шығып тұр",
    ),
    ("газ баллон жарылады деп қорқамыз", "газ иісі шығып тұр, баллон жарылады деп қорқамыз"),
)


@pytest.mark.parametrize("text", _hardship(0, DENIED_RU, DENIED_KK))
def test_a_threat_denied_or_made_safe_is_calm(text):
    assert not _urgent(text)


@pytest.mark.parametrize("text", _hardship(1, DENIED_RU, DENIED_KK))
def test_the_threat_said_or_still_there_is_urgent(text):
    assert _urgent(text)


# --- a word folded into another's, a cold that is no danger -------------------------
# Kazakh "бітті" (finished) folds to the "битти" of a beating; a job or a home not found
# is no person missing; a stairwell cold by warm flats; sewage gushing (the convention); an
# outage planned or asked whether it is ("жоспарлы ма?", as "плановое?").
FOLDED_RU = (
    ("света нет во всём доме, это плановое?", "света нет во всём доме со вчерашнего вечера"),
    (
        "мать-одиночка, не могу найти работу, помогите",
        "мать-одиночка, сына не можем найти, помогите",
    ),
    (
        "в подъезде холодно, окно разбито, в квартирах тепло",
        "в подъезде холодно, в квартирах тоже холодно, +12",
    ),
    ("канализация хлещет в подъезд", "канализация хлещет в подъезд, залило щиток"),
)
FOLDED_KK = (
    ("бүкіл үйде жарық жоқ, жоспарлы ма?", "бүкіл үйде жарық жоқ, кеше кештен бері"),
    ("бүкіл үйде су жоқ, кесте бойынша өшіріледі", "бүкіл үйде су жоқ, кеше кештен бері"),
    ("Жол жөндеу бітті ме?", "Жолда біреуді ұрып жатыр"),
    (
        "жалғыз басты анамын, жұмыс таба алмай жүрмін, көмек бар ма?",
        "жалғыз басты анамын, баламды таба алмай жүрмін, көмек бар ма?",
    ),
    ("сабақ бітті, балалар үйге кетті", "көшеде біреуді ұрып жатыр, балалар қорқып тұр"),
    (
        "подъезде суық, терезе сынған, пәтерлерде жылы",
        "подъезде суық, терезе сынған, пәтерлерде де суық, үйде +12",
    ),
)


@pytest.mark.parametrize("text", _hardship(0, FOLDED_RU, FOLDED_KK))
def test_a_folded_word_or_a_cold_without_danger_is_calm(text):
    assert not _urgent(text)


@pytest.mark.parametrize("text", _hardship(1, FOLDED_RU, FOLDED_KK))
def test_the_same_post_with_its_danger_is_urgent(text):
    assert _urgent(text)
