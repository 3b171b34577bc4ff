"""Dangers told by what they reach or who they leave stranded: a standpipe that private
houses drink from, sewage or water rising to a switchboard, a pit nobody fenced, a dead
traffic light with cars not stopping, snow about to come down on a door, a child alone
on a balcony, a neighbour whose door and phone are silent, a father with dementia gone
from home, a ceiling down where people walk, a bite told in the passive. Each in
wordings of its own (Russian, Kazakh, Kazakh typed in Russian letters), beside the same
words where nobody is in danger; and the category the desk files some of them under."""

from datetime import date

import pytest

from bot.reading.category import Category
from bot.reading.reader import Reader

READER = Reader()

URGENT = [
    ("2026-01-10", "третий день без тепла во всём подъезде, у соседей лежачая мама"),
    ("2025-12-05", "Жылусыз қалдық, үй мұздай, балалар ауырып жатыр"),
    ("2025-12-05", "уйимиз жылусыз калды, балалар тонып отыр"),
    ("2025-08-01", "на Речной колонка не работает уже неделю, частный сектор, старикам далеко"),
    ("2025-08-01", "Колонка сынып қалды, жеке үйлерге су жоқ, кемпірлер шелекпен тасып жүр"),
    ("2025-08-01", "колонка истемейди, жеке уйлерде су жок, кемпирлер шелекпен тасып жур"),
    ("2026-01-10", "в подвале вода поднялась до щитка, искрить может, срочно"),
    ("2026-01-10", "жертөледе су көтеріліп, электр щиттеріне жақындап қалды"),
    ("2026-01-10", "канализация в подвале, жижа подбирается к щитку"),
    ("2026-05-10", "за домом котлован, ограждения нет, дети там лазят"),
    ("2026-05-10", "аулада ор казып кетти, коршау жок, балалар ойнап жур"),
    ("2026-05-10", "во дворе яма в рост человека, только доски сверху, дети бегают"),
    ("2026-03-10", "светофор сынған, балалар мектепке бара жатыр, көліктер тоқтамайды"),
    ("2026-03-10", "у школы светофор не работает, машины не останавливаются, дети бегут"),
    ("2026-02-10", "шатыр шетінде қар үйіндісі құлаймын деп тұр, астынан адамдар өтеді"),
    ("2026-10-12", "бала балконда жалгыз калды, перилага шыгып тур"),
    ("2026-10-12", "малыш один на балконе, родители ушли, висит на перилах"),
    ("2026-02-10", "бабушка с пятого этажа второй день не открывает, телефон молчит"),
    ("2026-02-10", "көрші кемпір үш күн есік ашпайды, телефоны үнсіз"),
    ("2026-10-28", "атамыз уйден кетип калды, деменциясы бар, сыртта аяз"),
    ("2026-04-10", "в подъезде обвалился потолок, кусок бетона висит, люди ходят под ним"),
    ("2026-04-10", "подъездте тобе кулап тусти, адамдар журип жур"),
    ("2026-08-10", "балам итке тістетіп алды, ит әлі аулада жүр"),
    # a lamp that fell and set a curtain alight is a fire, though a lamp is named
    ("2026-01-10", "болмеде шам кулап, перде жанып жатыр, тез келиндер"),
    ("2026-01-10", "торшер упал, штора горит, дым по комнате"),
    # "about to fall" in the Kazakh "-ейін деп тұр"
    ("2026-04-10", "шатырдан кесек түсейін деп тұр, астынан балалар өтеді"),
    # a neighbour who "не отвечает" for days; a small child leaning out of a window
    ("2026-07-12", "соседка не отвечает третьи сутки, из квартиры запах"),
    ("2026-07-12", "малыш высунулся из окна 5 этажа, окно открыто, взрослых нет"),
    ("2026-07-12", "бала терезеден басын шығарып тұр, 6 қабат, терезе ашық"),
]
CALM = [
    ("2026-07-10", "летом без тепла батареи, это нормально?"),
    ("2025-09-01", "газовая колонка не работает, мастера можно?"),
    ("2026-07-10", "колонка не работает, музыка не играет, сдайте в ремонт"),
    ("2026-01-10", "в подвале сухо, щиток проверили, воды нет"),
    ("2026-05-10", "Көшеде шұңқырлар көп, дөңгелек жарылып кетті, жөндеңіздерші"),
    ("2026-05-10", "ямы на дороге такие, что колеса ломаются, когда отремонтируют"),
    ("2026-05-10", "жолда шункыр коп, донгелек сынып калды"),
    ("2026-05-10", "Бүгін маған бәрі өртеніп жатыр, жұмыс көп, сұрағым бар"),
    ("2026-02-10", "из трубы у соседа валит дым, печку топят, нормально?"),
    ("2026-02-10", "коршинин монша трубасынан тутин шыгып жатыр, калыпты ма"),
    ("2026-02-10", "лифт застрял без людей, диспетчер не отвечает"),
    ("2026-04-10", "потолок в подъезде обвалился вчера ночью, никого не задело, убрали"),
    ("2026-01-10", "в подъезде лампочка горит всю ночь, выключите"),
    # water that comes and goes is a supply fault, not a home without water
    ("2025-08-01", "вода то есть то нет весь день, что происходит?"),
    ("2025-08-01", "су бірде бар бірде жоқ, бүкіл үйде, не болды?"),
    # a service that does not answer is nobody silent behind a door
    ("2026-07-12", "КСК не отвечает третьи сутки, бабушки у подъезда жалуются на мусор"),
    ("2026-07-12", "звонили в акимат, никто не отвечает, бабушка просила узнать про пенсию"),
    ("2026-07-12", "бала терезеден қарап тұр, әдемі күн"),
]


@pytest.mark.parametrize(("day", "text"), URGENT)
def test_what_a_danger_reaches_makes_it_urgent(day, text):
    assert READER.read(text, "housing", date.fromisoformat(day)).urgency.urgent, text


@pytest.mark.parametrize(("day", "text"), CALM)
def test_the_same_words_reaching_nobody_are_not(day, text):
    assert not READER.read(text, "housing", date.fromisoformat(day)).urgency.urgent, text


FILED = [
    # a dispatcher who does not answer is nobody lying still: the lift's
    ("застряли в лифте мама с ребёнком, полчаса, диспетчер не отвечает", Category.elevator),
    # a burning switchboard is electricity whatever plastic it smells of
    ("щиток на этаже горит, воняет пластиком, дым", Category.electricity),
    # someone down after a fall on the ice
    ("бабушка упала на льду у подъезда, не может встать", Category.snow_ice),
    ("аялдамада қарт кісі мұз үстінде құлап, тұра алмай жатыр", Category.snow_ice),
    ("Пропала собака, белая, отзывается на Рекс", Category.animals),
    ("Түнде гаражды тонап кетті", Category.public_order),
    ("волк возле дачи ходит", Category.animals),
    ("дом в аварийном состоянии, когда расселение?", Category.housing_repair),
    # a school named is no missing child ("мектептен келмеді" is)
    ("Біздің ауданда жаңа мектеп ашылды, рахмет әкімдікке", Category.other),
    ("Аялдама жанында тайғақ, құм сеуіп беріңіздерші", Category.snow_ice),
    # what stands in the way in a courtyard is the courtyard's
    ("Аулада біреу темір қойып кетті, өтуге кедергі", Category.yard),
]


@pytest.mark.parametrize(("text", "category"), FILED)
def test_the_desk_files_them_by_its_conventions(text, category):
    assert READER.read(text, "housing", date(2026, 1, 20)).category is category, text
