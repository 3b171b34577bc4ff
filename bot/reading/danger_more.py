"""More words of danger, by what happens to a person or to a structure, and the
contexts that undo an alarm; merged into the lists of ``bot/reading/danger_words.py``
(reasons and contexts) and ``bot/reading/concepts.py`` (subjects and states) under
the same labels. Patterns as in ``bot/reading/terms.py``.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.reading.terms import vocabulary

REASONS = vocabulary("""
# A child, or whoever is missing, of whom there is no trace.
missing_verb: ізі жоқ, ізі де жоқ, із-түссіз, следа нет, следов нет, ни следа, бесследно, как
    сквозь землю
# A hole cars or people fall into now.
manhole: түсіп кет* жатыр, провалива* в ям*, пада* в ям*
# What hangs by one fixing, or is about to fall now, over people.
threat: на одном крюк*, на одном креплен*, на одном шуруп*, на одном анкер*, на одной проволок*,
    қазір құлай*, сейчас упад*, сейчас рухн*, сейчас оборв*, сейчас отвал*, вот-вот оборв*
# A lift car that drops a metre or more.
elevator: лифт* & метр* құла*, лифт* & метр* пада*, лифт* & метр* упал*, лифт* & метр* провал*,
    кабина* құлап*
# No power said as one word: "токсыз қалдық", "жарықсыз".
power: токсыз*, тоқсыз*, жарықсыз*, электрсіз*, светсіз*
""")

CONTEXT = vocabulary("""
# Anger, a sell-out, a person "burning" at work: figures of speech.
not:explosion: как взорвал*, злост*, ярост*, гнев*, нерв*, орал*, наорал*, кричал*, ашу*,
    ашулан*, билет*, концерт*, сатылып*, раскуп*, распрода*, аншлаг*
figure: өртеніп жатырмын, жанып жатырмын, күйіп жатырмын, сгораю, горю на работ*, жұмыс бойынша
# Leaves burnt on purpose; a fire said to be small and watched.
not:fire: жапырақ* өрте*, листь* сжига*, сжига* листь*
over: под контрол*, бақылауда, бақылауымызда, всё ок, все ок, сейчас всё хорошо, қазір бәрі жақсы
# Rain that would flood, a roof that leaks, sewage running out: repairs.
not:flood: жаңбыр*, жауын*, теч* во двор*
if_after: жауса, жауған кезде
# Syringes where drug users gather (not children gathering them up).
not:threat: наркоман*, алкаш*
# Something like a snake, seen once.
not:animal: ұқсас*, что-то вроде, похож* на змей*, похож* на змею
# A fallen tree that blocks the road.
unhurt: жол жабыл*, жолды жауып*, дорог* перекрыт*, проезд* перекрыт*
# The attacker has run off: past violence, unless someone is hurt.
# A lift car that nearly fell and hurt nobody is a repair.
not:elevator: жарақаттанба*, никто не пострадал, ешкім зардап шекпе*
fled: қашып кетті, қашып кет*, убежал*, сбежал*, скрыл*ся, скрылась, скрылись, уехал*
# Hurt in a fall and not getting up: "тұрып ала алмай жатыр", a leg that seems broken.
hurt: тұрып ала алмай*, тұрып алмай*, аяғ* сынған*, аяқ* сынып*, перелом*, сломал* ног*, сломал*
    рук*
# ... or who came back.
still: вернул*ся, вернулись, қайтып кел*, қайта келді
harmed: ранен*, ранил*, порезал*, в крови, избит*, избил*, ножев*, пырнул*, жарақат*, қан*,
    травм*, пострадав*, плохо, ауырып*, больниц*, скор*, жедел жәрдем*
""")

PARTS = vocabulary("""
# A structure failing under people: a flight of stairs, a corner, a floor sagging or sinking.
collapse/sink.s: пролет*, пролёт*, лестниц*, баспалдақ*, ступен*, бұрыш*, угол, угл*, фундамент*,
    іргетас*, перекрыт*, стен*, қабырға*, балкон*, потол*, төбе*
collapse/sink.v: просел*, проседа*, оседа*, осел, осела, отырып бар*, отырып кет*, шөгіп*, шөкті*,
    уходит вниз, ушел вниз, ушла вниз, прогнул*, прогиба*, иіліп*
collapse/visor.s: козырек*, козырёк*, козырег*, навес*
collapse/visor.v: отвалива*, отвалил*
collapse.v: вывалива*, выпада*
# People inside a stopped lift said in the first person; a lift car that drops.
elevator.v: ішіндеміз, ішіндемін, ішінде біз, ішінде мен, мы внутри, я внутри, внутри мы, сидим
    внутри, құлап кет*, құлады, падает вниз, упал* вниз, провалил*, метр* вниз, в нем мам*, в нем
    ребен*, в нем дет*, в нем люд*, в нем человек*, в нем бабушк*, в нем дедушк*, в нем сосед*,
    резко опуст*, резко упал*, сорвал* вниз
# Ice coming down where people pass.
ice/roof.v: түсіп жатыр
# A fall on ice said in Kazakh: "мұз үстінде құлап түсті".
slip.s: мұз үстінде*
slip.v: құлап түс*
# Gas spreading.
gas.v: тарап жатыр, тарап кет*, таралып*, распространя*, по всему подъезд*
# Heating stopped: "жылу беруді тоқтатты", a radiator barely warm.
heating.v: тоқтат*, прекрат*, еле еле
animal.s: төбет*, тобет*
animal.v: тісле*
# An electric box left open, wires out.
sparks/box.s: электрощит*, щит*, щиток*, щитк*
sparks/box.v: открыт*, ашық, провод* наружу, сым* сыртта
# A child alone where it should not be: by a road, in a car.
missing/place.v: один ход*, одна ход*, один брод*, одна брод*, жалғыз жүр*
life/car.s: ребен*, ребён*, малыш*, дет*, бала*, сәби*
life/car.v: в закрыт* машин*, закрыт* в машин*, заперт* в машин*, на солнцепек*, жабық көлік*,
    көлікте жабық*, көлікте қамал*, машин* закрыт*
# An old person frozen outdoors who cannot get up.
unconscious/frozen.s: кемпір*, шал, шалы, қарт*, әже*, ата, бабушк*, дедушк*, старик*, старушк*,
    пенсионер*
unconscious/frozen.v: тоңып қал*, қатып қал*, замерзл*, замерз, окоченел*, тура алмай*, туре алмай*
""")

TARGETS = vocabulary("""
target: на вход*, рядом с ребен*, рядом с дет*, рядом с люд*, возле ребен*, возле дет*
""")

WINDOWS = {"life/car": 10}


def merged(
    base: Mapping[str, tuple[str, ...]], more: Mapping[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """``base`` with the patterns of ``more`` added under the same labels (new labels
    last, so the order of precedence of the base is kept)."""
    out = dict(base)
    for label, patterns in more.items():
        out[label] = (*out.get(label, ()), *patterns)
    return out
