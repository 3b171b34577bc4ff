"""More words of danger, by what happens to a person or to a structure, and the
contexts that undo an alarm; merged into the lists of ``bot/reading/danger_words.py``
(reasons and contexts) and ``bot/reading/concepts.py`` (subjects and states) under
the same labels. Patterns as in ``bot/reading/terms.py``.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.reading.terms import vocabulary

# Lists two blocks below share, written once.
# Money or a benefit: one that did not come is no person missing.
_MONEY = (
    "пособи*, жәрдемақы*, выплат*, зарплат*, алимент*, стипенди*, зейнетақы*, пенсия, пенсию,"
    " пенсии, төлем*"
)
# No pavement: children walking by a road is a request for one.
_NO_PAVEMENT = "тротуар жоқ, тротуар* нет, нет тротуар*, без тротуар*, жаяу жүргінші жол* жоқ"
# A tape or fence round a hole torn, fallen or taken away: it no longer guards it.
_UNGUARDED = (
    "лент* порва*, лент* сорва*, лент* оборва*, лент* нет, лент* жоқ, ограждени* убра*,"
    " ограждени* снял*, ограждени* снес*, ограждени* слома*, огражден* слома*, ограждени* упал*,"
    " огражден* упал*, забор* упал*, қоршау* алын*, қоршау* сынған*, қоршау* құлап*,"
    " лента үзіл*, лента жыртыл*"
)

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
# Someone in a home now who should not be there (``dangers`` wants a broken door or the
# owners away in the post): noise or somebody inside, somebody got in.
intrusion: ішінде шу*, ішінде дыбыс*, ішінде біреу*, ішінде кімдір*, кімдір бар, біреу бар, біреу
    кіріп*, біреу түнде кіріп*, кто-то внутри, внутри кто-то, внутри шум*, шум* внутри, внутри
    ходят, кто-то ходит, кто-то в квартир*, в квартир* кто-то, слышн* шум*, шум*
    слышн*, кто-то залез*, залез* в квартир*, залез* в дом, залезл* в квартир*,
    забрал*ся в квартир*, проник* в квартир*, проник* в дом, пәтерде біреу жүр*, үйде біреу жүр*
# Somebody climbing into a home now: that is the break-in itself.
violence: кто-то лезет, кто-то лезут, лез* через балкон*, терезеден кіріп жатыр, балконнан кіріп
    жатыр, терезе* арқылы кіріп жатыр
# A cable or wire bare where people pass (``dangers`` wants them in the post).
exposed: кабел* оголен*, оголен* кабел*, кабел* оголён*, оголён* кабел*, жалаңаш сым*, сым*
    жалаңаш*, голый провод*, голые провод*, голый кабел*
# A child alone where it should not be (the concept "alone/place" says where): its own
# reason, as what is near it is not what went missing ("машины мимо несутся").
alone: ребен* без присмотр*, ребён* без присмотр*, дет* без присмотр*, бала* қараусыз*
# A traffic light gone dark (``dangers`` wants cars or people in danger near it).
crossing: светофор* & сөн*, бағдаршам* & сөн*, светофор* & отключ*
# A child that cannot be found, said in Kazakh: "баламды таппай жатырмыз".
missing_verb: таппай жатыр*, таппай жүр*, таппадық, таба алмадық
""")

CONTEXT = vocabulary(f"""
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
# Nobody is left in a lift car that dropped; nobody is in it when it is out of order and
# the writer cannot get down with a pram.
not:elevator: все вышли, все уже вышли, всех вывели, всех вытащили, все выбрались, вышли сами,
    сами вышли, бәрі шықты, бәрі шығып*, бәріміз шығып*, барлығымыз шығып*, шығып кеттік,
    бәріміз шықтық, барлығы шықты, шығып алдық, лифт+жоқ, лифта+нет,
    нет+лифта, без+лифта, арбамен шыға алмай*, коляск* не спуст*, коляск* на руках, үйден шыға
    алмай*, далаға шыға алмай*, из дома не выйт*, не можем выйти из дома, не могу выйти из дома, на
    улицу не выйт*
# What covers a place (water, sewage, snow, rubbish) "басып қалды" is no body crushed.
not:life: су басып*, суы басып*, кәріз* басып*, қар басып*, қоқыс басып*
# Somebody said to be inside the car: others who came out to the landing do not empty it.
inside: внутри ребен*, внутри ребён*, внутри дет*, внутри люди, внутри человек*, внутри остал*,
    с людьми, ішінде бала*, ішінде адам*, ішінде кісі*, ішінде қал*
# A celebration: a salute or fireworks at a wedding "бахнуло" (``dangers`` looks further).
# A Kazakh "той" is said with its wedding: alone its stem is the Russian "той" ("у той
# девятиэтажки").
not:explosion: свадьб*, праздн*, новый год, жаңа жыл*, үйлену той*, той бол*, той жаса*,
    той* салют*, той* кезінде
# A body said to burn or burst: a head, a heart, a soul (bills, worry, a fever).
figure: голов* гор*, гор* голов*, голов* взрыва*, голов* кипит, мозг* кипит, душа гор*, сердц* гор*,
    сердц* разрыва*, разрыва* сердц*, бас* жанып*, басым қызып*, жүрег* жарыл*, жүрег* жанып*, жаным
    күйіп*
# Money or a benefit that did not come is not a person missing.
not:missing: {_MONEY}, перевод* денег, ақша* аударыл*
not:missing_verb: {_MONEY}, посылк*, сәлемдеме*, бандерол*, заказ*
# Dressed for outdoors or under blankets at home.
dressed: күртемен, күртешең, күртешен, тонмен, шапкамен, бас киіммен, в пальто, под одеял*, в
    одеял*, көрпе* орана*, көрпе* жамыл*
# Cars that do not brake at a crossing whose light is out.
near_miss: машин* не тормоз*, не тормозят, тежемей*, көлік* тоқтамай*, бала* жолдан өт*
# Cars crashing into each other now at a crossing whose light is out, children crossing
# on their way home from school (a crash that was, "уже одна авария", is not a near miss).
near_miss: соғылып жатыр, соғысып жатыр, дет* из школ* ид*, дет* со школ* ид*
# Children walking by a road where there is no pavement: a request for one.
not:missing: {_NO_PAVEMENT}
not:alone: {_NO_PAVEMENT}
# A car's exhaust or petrol smelt as "газ".
not:gas: выхлоп*, двигател*, мотор*, прогрева*, бензин*, солярк*, дизел*, қосулы тұр*, заведен*
    машин*, машин* заведен*, көлік* түтін*
# Water standing in a pothole; sewage over a yard: repairs.
not:flood: шұңқыр* су толып*, шұңқыр* толы су, яма с водой, ям* заполн* вод*, вод* в ям*, лужа,
    лужи, лужу, луж*, көлшік*, сасық су*, канализац* толып*, кәріз* толып*
# A fence or tape round a hole that is torn, fallen or taken away no longer guards it.
unfenced: {_UNGUARDED}
# A break-in: a door or lock broken, the owners away.
broken_in: есі* сындырыл*, есі* сынған*, есі* бұзыл*, есі* ашық тұр*, құлып* сындырыл*, құлып*
    сынған*, құлп* сындырыл*, құлп* сынған*, құлп* бұзыл*,
    двер* взлома*, взлома*, двер* сломан*, сломан* двер*, двер* выбит*, выбит* двер*,
    замок* сломан*, сломан* замок*, замок* сбит*, иесі жоқ, иелері жоқ, хозяев* нет, хозяин* нет,
    нет хозяев*, хозя* уехал*, уехал* хозя*, никого нет дома, дома никого, үйде ешкім жоқ, в
    отпуск*, в отъезд*, двер* приоткрыт*, приоткрыт* двер*
# People about, for a bare cable.
about: дет*, бала*, балалар*, ребен*, ребён*, люд*, прохож*, адамдар*, школьник*, жаяу жүргінші*
# What cannot be hurt: a danger's verb with one of these beside it as its subject or object
# is a figure ("меня убивают эти тарифы", "пост взорвал чат", "тонем в долгах").
abstract: тариф*, тарифтер*, цены, цена, ценам, ценами, цен, бағалар*,
    новост*, жаңалық*, чат, чата, чате, чатик*, комментари*, коммент*, интернет, соцсет*,
    долг*, қарыз*, кредит*, ипотек*, экзамен*, сессия, сессии,
    нерв*, жүйке*, квитанци*, счета, счетами
harmed: ранен*, ранил*, порезал*, в крови, избит*, избил*, ножев*, пырнул*, жарақат*, қан*,
    травм*, пострадав*, плохо, ауырып*, больниц*, скор*, жедел жәрдем*
""")

PARTS = vocabulary(f"""
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
# A heap of snow children dig a tunnel in, which may fall in on them.
threat/tunnel.s: тоннел*, туннел*, пещер*, үңгір*
threat/tunnel.v: қар*, снег*, снежн*, сугроб*, үйінді*
# Bare wires, cables sticking out.
exposed.s: кабел*, провод*, сым*, сымдар*
exposed.v: оголен*, оголён*, голый, голые, жалаңаш*, торчит*, торчат*, из земл*, жерден шығ*,
    наружу
# A dog's bite said "қабап алды"; a dog that mauled someone.
animal.v: қабап*, талап таста*, талап кет*, талап ал*
# A hole whose lid ("қопқақ", as "қақпақ") is gone.
manhole.v: қопқақ* жоқ, қопқағы* жоқ, қақпақ* жоқ, қақпақсыз*, қопқақсыз*
# A hole whose tape or fence is torn or gone.
manhole.v: {_UNGUARDED}
# A child on a transformer's box.
alone/place.v: трансформатор* шығ*, трансформатор* мініп*, подстанц* & залез*
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
alone/place.v: один ход*, одна ход*, один брод*, одна брод*, жалғыз жүр*
life/car.s: ребен*, ребён*, малыш*, дет*, бала*, сәби*
life/car.v: в закрыт* машин*, закрыт* в машин*, заперт* в машин*, на солнцепек*, жабық көлік*,
    көлікте жабық*, көлікте қамал*, машин* закрыт*
# An old person frozen outdoors who cannot get up.
unconscious/frozen.s: кемпір*, шал, шалы, қарт*, әже*, ата, бабушк*, дедушк*, старик*, старушк*,
    пенсионер*
unconscious/frozen.v: тоңып қал*, қатып қал*, замерзл*, замерз, окоченел*, тура алмай*, туре алмай*
# A body a thing crushes, hits, throws or holds now: a slide that fell on a girl's leg, a
# wire that threw a dog, people who cannot get out; now, not as it often does ("қысып
# қалады") or for weeks ("шыға алмай отыр"). The same verb of a thing is no danger.
life/harm.s: ног*, нога, ногу, руку, рука, руки, пальц*, голову, ребен*, ребён*, дет*, девочк*,
    мальчик*, человек*, люд*, женщин*, мужчин*, рабоч*, собак*, кошк*, аяғ*, аяқ*, қолы*,
    қолын*, қолым*,
    саусағ*, бала*, адам*, кісі*, жұмысшы*, ит, итті, мысық*
life/harm.v: придавил*, придавл*, прижал*, прижат*, зажал*, зажат*, защемил*, током удар*,
    удар* током, ударил* током, током отброс*, отбросил*, отбросило, шыға алмай тұр*, шыға алмай
    қалды*, қысып қалды, қысып қалған, қысылып қалды, басып қалды, басып қалған, ток ұрды, тоқ
    ұрды, ток соқты, тоқ соқты, ток соғып*, тоқ соғып*
""")

TARGETS = vocabulary("""
target: на вход*, рядом с ребен*, рядом с дет*, рядом с люд*, возле ребен*, возле дет*
""")

WINDOWS = {"life/car": 10, "threat/tunnel": 6}


def merged(
    base: Mapping[str, tuple[str, ...]], more: Mapping[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """``base`` with the patterns of ``more`` added under the same labels (new labels
    last, so the order of precedence of the base is kept)."""
    out = dict(base)
    for label, patterns in more.items():
        out[label] = (*out.get(label, ()), *patterns)
    return out
