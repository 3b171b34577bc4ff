"""Dangers as concepts: something that can hurt people and what it is doing.

A phrase list (``dangers``) knows the ways a danger is usually said; residents
find others. Here each danger is two sets of stems, a *subject* (gas, a pipe,
a child, a dog, an icicle) and a *state* (smells, bursts, is missing, bites,
hangs over the entrance), and a post names the danger when a subject and a
state stand within a few words of each other, in either order, neither of them
negated. So "лиса во дворе не боится людей", "су шапшып тұр" and "ребёнка
ищем второй час" are read without being listed, in Russian, in Kazakh and in
Kazakh typed with Russian letters (the words are folded and stemmed, see
``bot/reading/normalize.py``). The context rules of ``dangers`` (traps,
negation, the past, the season, someone who depends on it) apply to what is
found here exactly as to a phrase.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.reading import danger_failing, danger_more
from bot.reading.danger_more import merged
from bot.reading.negation import negated
from bot.reading.terms import Hit, Lexicon, vocabulary

# "<concept>.s": the subjects, "<concept>.v": their states. A concept's name up
# to a "/" is the reason it gives ("ice/roof" is "ice").
_PARTS = vocabulary("""
fire.s: дом, квартир*, подъезд*, подвал*, балкон*, крыш*, чердак*, кухн*, машин*, гараж*, сарай*,
    мусор*, контейнер*, щит*, щиток, проводк*, розетк*, счетчик*, трансформатор*, магазин*, склад*,
    киоск*, баня, бани, дача*, үй, үйі*, үйде, пәтер*, жертөле*, шатыр*, көлік*, қоқыс*, дүкен*, ас
    үй*, мектеп*, школ*, проводка, кабель*, электрощит*, перде*, штор*
fire.v: горит*, горят*, загорел*, загорит*, полыха*, пылает, пылают, тлеет, тлеют, дымит*, дымят*,
    дым идет, дым валит, валит дым*, задымл*, в дыму, жанып жатыр, жанып тұр, жанып кет*, өртеніп
    жатыр, өрт шық*, түтін шығ*, түтіндеп*, от алып*, тұтанып*, воспламен*, занялся, занялась,
    занялись, охвачен*, огнем, пламен*, пламя, жалын*, лаулап*
gas.s: газ, газопровод*, газов* труб*, газов* плит*, газов* колонк*, газов* котел*, газов* котёл*,
    баллон*, газ құбыр*
gas.v: ысылда*, запах*, пахн*, воня*, вонь*, несет, несёт, тянет, чувству*, иіс*, утечк*, утеч*,
    ысқыр*, тесіліп*, шипит*, свист*, травит*, улан*, отрав*, ағып*, шығып*, взрыв*, жарыл*, ашық
    тастап*, открыт* оставил*
flood.s: вода, воды, водой, кипят*, кипяток, пар, пара, паром, труб*, трубу, стояк*, батаре*,
    радиатор*, кран*, су, суы, ыстық су*, құбыр*, кәріз суы, канализ* вод*, нечистот*
flood.v: по лестниц*, по стен*, по стенам, с потолк*, төбеден*, бірнеше пәтер*, люстр*,
    затоплен*, хлещ*,
    хлын*, бьет*, бьёт*, фонтан*, фонтаном, льет* с потолк*, льется с потолк*, лопн*, прорва*,
    разорва*, сорва*, шапшып*, атқылап*, құйылып*, жарыл*, сынып кет*, тасып*, затопил*, затаплива*,
    заливает*, залило, тоқтата алмай*, не можем перекрыть, перекрыть не*, по колено, по щиколотк*,
    еден* толы, еденде су*, пол* залит*, залит* пол*, кіріп жатыр, по всей квартир*, по всему
    подъезд*, бүкіл пәтер*
elevator.s: лифт*, кабин*
elevator.v: внутри подрост*, внутри мам*, внутри бабушк*, внутри дед*, улетел* вниз, застрял*,
    застряли, застрять, между этаж* остановил*, между этаж* встал*, между этаж* стоит, остановил*
    между, встал* между, стоит между, қамал*, тұрып қал*, қалып қал*, қалып қой*, ішінде адам*,
    ішінде бала*,
    ішінде кісі*, ішінде мен, внутри люд*, внутри ребен*, внутри человек*, не могут выйти, не можем
    выйти, не может выйти, шыға алмай*, түсе алмай*, не открывается двер*, двер* не открыва*, есік*
    ашылмай*, сорвал*, с открыт* двер*, открыт* двер* & ед*
missing.s: ребен*, ребён*, девочк*, мальчик*, сын, сына, сыном, сынок, доч*, дочь, бала, баланы,
    балам, баламыз, ұлым, ұлымыз, қызым, немерем*, школьни*, школьниц*, первоклас*
missing.v: жоқ болып кет*, пропал*, потерялся, потерялась, потерялись, жоғал*, не вернул*,
    не пришел*, не пришла, не
    пришли, не можем найти, найти не можем, нигде нет, ищем уже, ищем с, ищем час*, ищем второй,
    ищем весь, разыскива*, іздеп жүр*, іздеп жатыр*, іздейміз, таба алмай*, келмеді, қайтпады, ушел*
    и не, ушла и не, без вести, хабарсыз*, телефон выключ*, телефоны выключ*, телефоны өшік*,
    телефоны өшіп*
unconscious.s: человек*, мужик*, мужчин*, женщин*, дедушк*, бабушк*, старик*, старушк*, парень,
    парн*,
    девушк*, адам*, кісі*, әйел*, ата, атам*, атай, әже*, әжей*, қарт*, пожил*, сосед*, көрші*
unconscious.v: не встает*, не встаёт*, не реагир*, не двигает*, не дышит, не шевел*, без сознан*,
    тұра алмай*, тұрмай жатыр, не просыпа*, оянбай*, қозғалмай*, есінен танып*, есін танып*,
    талып*, дем алмай*, тыныс алмай*, не приходит в себя, өзіне келмей*, жауап бермей жатыр, үн жоқ,
    үні жоқ, дыбыс* жоқ
animal.s: собак*, пес, псы, пса, псин*, ит, иті, иттер*, итт*, иит*, бойцовск*, алабай*
animal.v: шабад*, шабып жатыр*, сорвал* с цеп*, с цепи сорвал*, шынжыр* үзіп*, тап бер*, жыртып*,
    қуып*, гоняются за,
    гонятся за, бросил* на, кинул* на, цапнул*,
    вцепил*, укус*, кусает*, кусают*, покусал*, напал*, нападают*, нападает*, бросается на,
    бросаются на, кидается на,
    гонится, гонятся, тістеп*, тістеді, қауып*, қабатын, қабады, қабаған*, тиісіп*, шабуыл*, талап
    жатыр, бешен*, құтыр*, не боится
    людей, адамнан қорықпай*
animal/wild.s: лиса, лисы, лису, волк*, шакал*, кабан*, қасқыр*, түлкі*, змея, змеи, змею, жылан*
animal/wild.v: двор*, аула*, дет*, школ*, площадк*, бала*, люд*, подъезд*, у дом*, подвал*
alone/place.s: мальчишк*, дети, детей, балалар, ребен*, ребён*, девочк*, мальчик*, сын, сынок,
    доч*, дочь, бала, балам, баламыз, ұлым, қызым, немерем*, школьни*, малыш*, подрост*, жасөспірім*
alone/place.v: одна плачет, один плачет, один гуля*, одна гуля*, ищу родител*,
    ата анасын* іздеп*, родителей нет, без родител*, без взрослых, жалғыз жылап*,
    жалғыз қал*, жалғыз отыр*, анасы жоқ, ата анасы жоқ, без мамы, мамы нет, один остал*, одна
    остал*, одного оставил*, одну оставил*,
    тонк* лед*, лед* тонк*, жұқа мұз*, на крыш*, шатыр* үстінд*, шатырға шығ*, шатырда*+жүр*,
    шатырда*+отыр*, шатырда*+ойна*, на подоконник*, терезе алд*, на перил*,
    на карниз*, на льду, мұз үстінде*, на трубах, на трансформатор*, на краю, шетінде, терезеден
    салбыра*, терезеден ілін*, терезеден асыл*, из окна свеш*, из окна свиса*, свешива* из окна,
    свисает из окна, висит из окна, висит на окн*, высунул* из окн*, терезеден басын*,
    терезеден еңкей*
flood/steam.s: пар, пара, паром, бу, буы
flood/steam.v: валит, поднима*, көтеріл*, по всему подъезд*, весь подъезд*, подъезге*, ничего не
    видно, ештеңе көрінбей*
ice.s: сосул*, сосульк*, сүңгі*, қатырма*, глыб*, наледь*, мұз* сүңгі*, ледян* глыб*
ice.v: над, висят, висит, вися*, над вход*, над подъезд*, над тротуар*, над голов*, над балкон*, над
    дверь*, свиса*, падают, пада*, упал*, құла*, ілініп*, салбырап*, кіреберіс* үстінде*, басына
    түс*, на голов*
ice/roof.s: снег*, снежн*, снега, лед, льда, льдом, мұз*, қар, қары
ice/roof.v: с крыш*, шатырдан*, с козырь*, крыши пада*, сход* с крыш*, басына түс*, на голов*
collapse.s: дерев*, ағаш*, столб*, бағана*, штукатурк*, кусок*, куск*, кусками, плит*, кирпич,
    балкон*, потол*, стен*, облицовк*, кесек*, сылақ*, кірпіш*, козырек*, козырёк*, карниз*, шифер*,
    лист* железа, кровл*, стекл*, жақтау*, рама, рамы, раму, оконн* рам*, бұтақ*, бұтағ*, ветк*,
    ветв*, сук*, тополь, тополя, берез*, берёз*, карагач*, клен*, клён*, терек*, қайың*
collapse.v: повалил*, придавил*, отпада*, отвалива*, отвалил*, пада*, упал*, сыпл*, обвал*, обруш*,
    рухн*, құлап*, құлай*, түсіп*, түсе жаздад*, сорвал*, сорвет*, сорвёт*, летят, летит, ұшып*,
    надломил*, обломил*, треснул*, сынып ілін*, сынып салбыра*, качает*, шатает*
# The ground giving way under a pavement, a road, a yard: a sinkhole, a danger
# where people walk ("threat" needs them near, as a wheel in a pothole is not).
threat/ground.s: тротуар*, дорог*, асфальт*, грунт*, земл*, жол, жолд*, жер, жерд*
threat/ground.v: провал*, обвалил*, опырыл*
collapse/canopy.s: козырек*, козырёк*, козырег*, лестничн* марш*, трещин*
collapse/canopy.v: обвалил*, рухнул*, құлап кет*, ілініп тұр*, еле держ*, держится на, висит на
    честном, расшир*, увелич*, за ночь, на глазах, өсіп кел*, үлкейіп*
manhole.s: траншея*, траншею, котлован*, яма, яму, ямы, раскоп*, шұңқыр*, колод*, люк*, құдық*,
    құдығ*, ор, орды, орлар*
manhole.v: без огражд*, не огорож*, не огражд*, не огород*, без забор*, никак не огорож*, без
    ограждени*, қоршалмаған, қоршау* жоқ, открыт*, ашық, без крышк*, қақпағы* жоқ, белгі* жоқ, нет
    знак*, без знак*, огражден* нет, ограждени* нет, нет огражд*, в рост, доск* сверху
# A standpipe that private houses draw their water from (``dangers`` wants someone who
# depends on it).
water/standpipe.s: колонк*
water/standpipe.v: не работ*, істемей*, слома*, сломан*, сынып*, сынған*, замерз*, замёрз*
# Water or sewage that reaches a switchboard or the wiring.
flood/electric.s: су, суы, вода, воды, водой, нечистот*, жиж*, канализ*, кәріз*
flood/electric.v: до щит*, до щитк*, до электрощит*, до розетк*, до проводк*, к щит*, к щитк*,
    к электрощит*, к розетк*, щит* жет*, щит* жақында*, электрощит* жет*, розетк* жет*,
    розетк* жақында*
heating.s: отоплен*, оттоплен*, батаре*, радиатор*, жылу, жылуы, жылу беру*, тепла, тепло,
    котельн*, қазандық*
heating.v: еле тепл*, еле тёпл*, чуть тепл*, едва тепл*, как лед, мұз сияқты, нет, жоқ, отключ*,
    холодн*, ледян*, не
    работ*, встал*, сломал*, авари*, мұздай*, муздай*, суық, пропал*, өшір*, өшіп*, берілмей*,
    бермей*
cold_home.s: холод, холодно, холодина, дубак, мерзн*, мёрзн*, замерза*, тоңып*, тоңа*, гиппер холод,
    жуткий холод
cold_home.v: квартир*, дом, доме, дома, подъезд*, комнат*, үйде*, пәтер*, уйде*, детск*
water.s: вод*, су, суы, кран*, водопровод*
water.v: нет, жоқ, не ид*, ничего не ид*, не течет, не течёт, пропал*, отключ*, келмей*, ақпай*,
    жүрмей*, берілмей*, не шипит, даже не шипит
power.s: свет, света, электр*, электричеств*, жарық, жарығы, тоқ, ток
power.v: нет, жоқ, пропал*, отключ*, вырубил*, выключ*, өшіп*, өшір*, өшті, очти, сөніп*, сөнді,
    берілмей*, кетіп қал*, кетті
# Glaze ice underfoot and someone falling on it now.
slip.s: гололед*, скольз*, тайғақ*, тайғанақ*, көктайғақ*, мұз қат*, наледь*, сплошн* лед*, сплошн*
    мұз*, на льду, мұзда
slip.v: упал*, упала, падают, пада*, құлап жатыр, құлап жүр, құлап қал*, жығыл*, поскользнул*,
    тайып*
violence.s: машин*, стекл*, окн*, двер*, камн*, камен*, шин*, тас*, людей, человек*, прохож*, адам*,
    көлік*, терезе*, есік*
violence.v: ломает*, ломают*, крушат*, бьют стекл*, бьет стекл*, громят*, бросают камн*, кидают
    камн*, камн* брос*, камн* кида*, жгут шин*, тас* лақтыр*, лақтыр* тас*, сындырып жатыр*, бұзып
    жатыр*, қазір
    сындыр*
# Someone in danger by what happens to them: help cannot get in to someone sick
# (``dangers`` wants someone sick, hurt or frail in the post), someone behind a door
# locked from inside, someone without a home out in the frost.
stranded/reach.s: скор*, жедел жәрдем*, врач*, дәрігер*, мчс*
stranded/reach.v: кіре алмай*, кіре алмады, жете алмай*, өте алмай*, келе алмай*, не может проехать,
    не может подъехать, не может заехать, не может попасть, не может пройти, не может добраться,
    не могут проехать, не могут подъехать, не проедет, не подъедет, не проехать, не подъехать
stranded/locked.s: двер*, есік*, есіг*
stranded/locked.v: закрыт* изнутри, заперт*, изнутри, ішінен*, не можем открыть, не могу открыть,
    не можем попасть, аша алмай*, кілттеулі*, құлыптаулы*
unconscious/frost.s: бездомн*, бомж*, қаңғыбас адам*
unconscious/frost.v: замерза*, замерз*, мороз*, на холод*, аяз*, тоңып*, суықта*, минус
""")
# How near (in words) a state must be to its subject; four unless said here.
_WINDOW = {
    "gas": 10,
    "missing": 10,
    "alone/place": 6,
    "unconscious": 10,
    "animal/wild": 10,
    "violence": 6,
    "manhole": 7,
    "cold_home": 3,
    "ice/roof": 3,
    "heating": 1,
    "water": 1,
    "water/standpipe": 2,
    "flood/electric": 5,
    "power": 3,
    "slip": 6,
    "stranded/reach": 6,
    "unconscious/frost": 10,
}
_WINDOW.update(danger_more.WINDOWS)
_WINDOW.update(danger_failing.WINDOWS)
WINDOW = 4
# Concepts that count only with someone near: a falling piece of plaster is a
# repair until it (nearly) hits someone.
NEEDS_TARGET = frozenset({"collapse"})
_TARGETS = vocabulary("""
target: тротуарға, жолға, жаяу жүргінші*, на тротуар*, на дорожк*, по голов*, на голов*, басын*,
    басына, басы*, на ребен*, на ребён*, на дет*, на люд*, на прохож*, балаға, балаларға, адамға,
    адамдарға, кісіге, чуть не, едва не, жаздад*, жаздап*, над вход*, над тротуар*, под ним* ход*,
    прохожи*, астында* жүр*, над дорог*, над проезж*, над детск*, над площадк*, под ней, под ним,
    под ними, астынан*, люди ходят, ходят люди, люд* ход*, адамдар жүр*, адамдар өт*
""")
_LEXICON = Lexicon(merged(merged(_PARTS, danger_more.PARTS), danger_failing.PARTS), voicing=True)
_TARGET = Lexicon(merged(merged(_TARGETS, danger_more.TARGETS), danger_failing.TARGETS))
TARGET_NEAR = 10


def names_subject(word: str) -> bool:
    """Whether a folded word is, by itself, the subject of a danger ("отопление")."""
    return any(h.label.endswith(".s") for h in _LEXICON.scan([word]))


@dataclass(frozen=True, slots=True)
class _Pair:
    subject: Hit
    state: Hit


def find(ws: Sequence[str], starts: frozenset[int] = frozenset()) -> list[Hit]:
    """Each danger named by a subject and its state near each other, as a hit
    labelled with the reason (``dangers._REASONS``) that spans both."""
    # A state may be negated ("не пахнет газом"); a subject is a noun, and the
    # negation before it is often the state itself ("нет отопления").
    parts = [h for h in _LEXICON.scan(ws) if h.label.endswith(".s") or not negated(h, ws, starts)]
    if not parts:
        return []
    subjects: dict[str, list[Hit]] = {}
    states: dict[str, list[Hit]] = {}
    for hit in parts:
        concept, _, side = hit.label.partition(".")
        (subjects if side == "s" else states).setdefault(concept, []).append(hit)
    found: list[Hit] = []
    targets: list[Hit] | None = None
    for concept, subject_hits in subjects.items():
        pair = _nearest(subject_hits, states.get(concept, ()), _WINDOW.get(concept, WINDOW))
        if pair is None:
            continue
        start = min(pair.subject.start, pair.state.start)
        end = max(pair.subject.end, pair.state.end)
        if concept in NEEDS_TARGET:
            targets = _TARGET.scan(ws) if targets is None else targets
            if not any(
                t.start - TARGET_NEAR <= end and start - TARGET_NEAR <= t.end for t in targets
            ):
                continue
        pattern = f"{pair.subject.pattern} & {pair.state.pattern}"
        hit = Hit(concept.split("/")[0], pattern, start, end)
        # ... and the two together may be ("талып қалған адам жоқ", "газом не пахнет").
        if not negated(hit, ws, starts):
            found.append(hit)
    return found


def _nearest(subjects: Sequence[Hit], states: Sequence[Hit], window: int) -> _Pair | None:
    for subject in subjects:
        for state in states:
            overlap = state.start < subject.end and subject.start < state.end
            if overlap:
                continue
            gap = (
                state.start - subject.end
                if state.start >= subject.end
                else subject.start - state.end
            )
            if gap <= window:
                return _Pair(subject, state)
    return None
