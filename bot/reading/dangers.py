"""Whether a post means someone may be in danger now, and why.

Each reason has the ways residents say it in Russian and Kazakh (patterns as
in ``bot/reading/terms.py``). A found pattern does not count when:

- it is negated: "не горит", "не пахнет газом"; in Kazakh the negation
  follows ("газ иісі жоқ", "ешкімді тістеген жоқ") or is inside the verb
  ("жанбайды", which no pattern matches);
- its context says it is something else: a street lamp that "горит", a
  "пожарный проезд", "темекі түтіні", fireworks that "взрывают";
- the post says it is over ("потушили", "уже починили", "сейчас всё нормально");
- it is about an outage asked about or planned ("когда дадут отопление",
  "плановое отключение");
- for heating, it is outside the cold season; for water and power, nobody is
  said to depend on it (a child, a bedridden person, a ventilator) and the
  outage is neither long nor of the whole building.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bot.reading.normalize import fold
from bot.reading.normalize import words as folded_words
from bot.reading.terms import Hit, Lexicon, vocabulary

# Reasons in order of precedence: the first found is the one shown.
_REASONS = vocabulary("""
fire: пожар, горит*, горят*, загорел*, загорит*, загорал*, возгоран*, пламя, пламен*, огонь, огнем,
    полыха*, пыла*, тлеет*, дым, дымом, дыма, дымит*, дымят*, задымл*, запах* гари, гарью,
    горел* пахн*, пахн* горел*, поджог*, подожгл*, өрт, өрттен, өртке, өрт шық*, өртеп*, өртен*,
    жанып жатыр, жанып кет*, жанып тұр, лаулап*, жалын*, түтін*, түтіндеп*, күйіп жатыр,
    валит дым*, от+шығ*, от+шық*, от+алып*, от+қойып*, от+тұтанып*, тұтанып*
gas: газ* & запах*, газ* & пахн*, газ* & воня*, газ* & несет*, газ* & тянет*, газ* & иіс*,
    газ* & ис*, газ* & утечк*, утечк* газ*, газ* & шип*, газ* & улан*, газ* & отрав*,
    отравл* газ*, газ шығып*, газ ағып*, газ жіберіп*, угар*, угорел*, иіс* тиіп*
collapse: обрушил*, обрушен*, обрушивает*, рухнул*, обвалил*, обвал, провалил* пол*,
    пол* провалил*, плит* упал*, балкон* упал*, кусок* упал*, куски* упал*, кирпич* пада*,
    кирпич* упал*, упал* с крыш*, потол* упал*, потол* обвал*, сорван* ветр*, сорвал* ветр*,
    сорвало крыш*, кровл* сорва*, провалил* асфальт*, асфальт* провалил*, трещин* & на глазах,
    трещин* несущ*, несущ* стен* & трещин*, трещин* раст*, трещин* расход*, трещин* & треск*,
    тоже висят, опырыл*, шатыр* ұшып*, қабырға* құла*, төбе* құла*
threat: может упасть, может рухнуть, может обрушит*, вот-вот упад*, вот-вот рухн*, рухнет,
    обрушит*, грозит обруш*, угроз* обруш*, висит на честном слове, держится на честном слове,
    құлап кету қауп*, құлауы мүмкін, құлап кет* мүмкін, құлап кетуі мүмкін, құлау* қауп*,
    құлайын деп тұр, упадет на, упадёт на, гремят над, на голов*, режутся, режется,
    травмируют*ся
violence: дерут*, драк* & нож*, избива*, избил*, бьют человек*, стреля*, выстрел*, стрельб*,
    перестрел*, травмат*, нож, ножом, ножевым, пистолет*, оружи*, ружь*, ружье*,
    размахива*, режут, зарезать*, пырнул*, пышақ*, қару*, мылтық*, атып жатыр, атыс*,
    ұрып жатыр, ұрып жат*, ұрып тұр, соғып жатыр, ұрып-соғып*, ұрамын*, өлтіремін*,
    өлтіреміз*, төбелес* жатыр, төбелесіп*, шабуыл жаса*, шабуылдап*, напал* на, нападают*,
    нападени*, насил*, изнасил*, насилу*, зорла*, убива*, убью*, убьет*, өлтіре*, бьет жен*,
    бьет мат*, бьет ребен*, бьют ребен*, бьет дет*, угрожа*, қорқытып*, ломят*, лома* двер*,
    двер* лома*, выбива* двер*, выламыва*, ворвал*, есік* бұз*, грабят*, грабеж*, тонап*,
    похитил*, похищен*, затащил* в машин*, кричит о помощи, крики о помощи, зов* на помощь,
    зовет* на помощь, көмек сұрап айқай*, пристает* к дет*, педофил*
missing: пропал* девочк*, пропал* мальчик*, пропал* ребен*, пропал* ребён*, пропал* сын*,
    пропал* доч*, девочк* пропал*, мальчик* пропал*, ребен* пропал*, ребён* пропал*,
    бала* жоғал*, балам жоғал*, ұлым жоғал*, қызым жоғал*, ребен* в опасност*,
    ребён* в опасност*, бала қауіпте, ребен* на крыш*, ребён* на крыш*, ребен* & перелез*,
    ребён* & перелез*, ребен* & подоконник*, ребён* & подоконник*, ребен* & перила*,
    ребён* & перила*, ребен* выпал*, провалил* под лед*, на льду & ребен*, на льду & дет*,
    ребен* один* дома, ребён* один* дома, бала* жалғыз* үйде, без вести
missing_verb: пропал, пропала, пропали, потерял*ся, потерялась, потерялись, не вернул*,
    не пришел*, не пришла, не пришли, не можем найти, найти не можем, ищем, разыскива*,
    ушел* и не, ушла и не, жоғалып кетті, жоғалып кет*, жоғалды, таба алмай*, іздеп жатыр*,
    іздейміз, қайтып келмеді, келмеді, келмей жатыр, қайтпады, хабарсыз*
unconscious: без сознан*, потерял* сознан*, есін* танып, есінен танды, есін жоғалт*, талып*,
    не дышит, не дышат, тыныс* алмай*, дем* алмай*, не реагир*, не двигает*, не встает*,
    не встаёт*, қозғалмай*, инсульт*, инфаркт*, приступ*, судорог*, эпилепс*, задыха*,
    кровотечен*, истекает* кровью, кровью истека*, кровь течет, қаны шығып, қан ағып*,
    умирает*, при смерти, замерза*, обморож*, переохлажд*, лежит на снегу, лежит на мороз*,
    тоңып жатыр, қатып қал*, скор* не еде*, скор* не приезжа*, скор* & ждем*,
    жедел жәрдем* & келмей*, жедел жәрдем* & жоқ, жедел жәрдем* & келмеді
silent: есі* ашпа*, дверь не открыва*, не открывает* дверь, не открывает*, не выходит* на связь,
    трубк* не бер*, телефон* не бер*, телефон алмайд*, телефон* жауап берме*, хабар жоқ,
    не выходит* из квартир*
elevator: застрял* & лифт*, лифт* застрял*, лифтте* қалд*, лифтте* тұрып қалд*,
    лифтте* тұр* қалд*, лифт* қамалып*, қамалып қалд* & лифт*, лифтт* қалд*, лифтт* қалып*,
    лифт* & не могут достать, лифт* & заперт*, выйти из лифт*, выбраться из лифт*,
    лифт* & шыға алмай*, лифт* & шығара алмай*, лифт* & ішінде адам*, лифт* & ішінде бала*,
    лифт* & ішінде кісі*, лифт* & ішінде қал*, лифт* & внутри остал*, лифт* & внутри ребен*,
    лифт* & внутри люди, лифт* & внутри человек*, лифт* & внутри дет*,
    лифт* & между этаж*, лифт* & тоқтап қалды & ішінде*, лифт* & сорвал*, лифт* & упал*
flood: затопил*, затаплива*, затопляет*, топят сосед*, сосед* топят, прорвал*, прорыв* труб*,
    прорыв*, порыв* труб*, хлещ*, хлынул*, потоп*, фонтан*, льет* с потолк*, льет* ручь*,
    течет ручь*, сорвал* кран*, кран* сорвал*, вырвал* кран*, су+бас*, су+толып*, су шашыра*,
    су құйылып*, су тасқын*, құбыр* жарыл*, құбыр* сынып*, кран* үзіл*, труб* лопн*,
    лопн* труб*, лопнул*, труб* разорва*, батаре* взорва*, батаре* лопн*, батаре* & кипят*,
    кипят* & по всей, кипят* & течет, кипят* & хлещ*, пар* & по всему подъезд*, бу шығып*,
    ыстық су* ағып*, по люстр*, теч* & электри*, вода & электрощит*, залива* сосед*,
    сосед* залива*, заливаем*, заливает*, залило*, не можем перекрыть, перекрыть не мож*,
    затаплива* & электрощит*
sparks: искр*, ұшқын*, коротит*, замыкан*, оголен* провод*, провод* оголен*, оборва* провод*,
    провод* оборва*, оборвал*ся провод*, провод* на земл*, провод* на асфальт*, провод* лежат*,
    провод* висят* низко, провод* свиса*, провод* порва*, сым* үзіл*, сым* үзіп*,
    сымдар* жерде, сым* жерде, сым* салбырап*, сым* ашық, бьет током, бьёт током,
    ударил* током, током удар*, ток бьет, ток* соғ*, тоқ* соғ*, ток ұр*, сым* күйіп*,
    провод* горят*, проводк* горит, проводк* плавит*, розетк* дымит*, розетк* плавит*,
    трансформатор* & дым*, трансформатор* & горит*, щит* ашық, открыт* щит*, щит* открыт*,
    сым* шығып тұр, провод* торч*
manhole: открыт* люк*, люк* открыт*, люк* ашық, ашық люк*, люг* ашық, люк* без*, без крышк*,
    крышк* нет, нет крышк*, крышк* сдвину*, сдвину* крышк*, крышк* отсутству*,
    отсутству* крышк*, украл* крышк*, крышк* украл*, упал* в люк*, провалил* в люк*,
    провалил* в яму, түсіп кетті & люк*, крышк* люк* провалил*, люк* провалил*,
    қақпағы жоқ, қақпақ* жоқ, қақпағы ашық, открыт* колод*, колод* открыт*, ашық құдық*,
    құдық* ашық
ice: сосульк*, мұз сүңгі*, сүңгі*, снег* сход*, сход* снег*, снег* & глыб*, глыбами,
    лед* с крыш*, лед* пада* с крыш*, куски* льда, наледь* & над вход*, с крыши пада*,
    пласт* снег*, снег* свис*, свес* & снег*, шатырдан* мұз*, шатырдан* қар*, мұз* құла*,
    құлап кетсе
animal: укусил*, укусила, покусал*, покусан*, кусает*, кусают*, набросил*, бросает* на,
    бросают* на, кидают* на, кидает* на, нападает* на, собак* напал*, напали собак*,
    гонят*ся за, тістеп алды, тістеп*, тістеді, тиштеп*, қауып алды, қауып*, талап жатыр,
    бешен* & собак*, собак* & бешен*, агрессивн* собак*, құтыр*, кутырган, ит* шабуыл*,
    змея*, змей*, жылан*
heating: нет отоплен*, отоплен* нет, отоплен* жоқ, без отоплен*, отоплен* отключ*,
    отключ* отоплен*, не работает отоплен*, отоплен* не работ*, не топят*, не топит*,
    не греют, не греет, батаре* холодн*, холодн* батаре*, батаре* ледян*, ледян* батаре*,
    батаре* муздай, батарея* муздай, батарея* суық, батарея* мұздай, жылу жоқ,
    жылу берілмей*, жылу бермей*, жылу берілмеді, жылытпай*, жылу өшір*, отоплен* не дают,
    не дали отоплен*, топить нечем, нечем топить, көмір+жоқ, отын+жоқ, котел* сломал*,
    котел* не работ*, қазандық* істемей*
cold_home: замерза*ем, мерзнем, мёрзнем, мерзнут, мёрзнут, тоңып отыр*, тоңып жатыр*, дубак,
    в квартир* холодно, дома холодно, үйде суық, в квартир* мороз
water: нет вод*, вод* нет, без вод*, отключ* вод*, вод* отключ*, вод* не ид*, вод* пропал*,
    кран* сух*, су жоқ, сусыз*, су берілмей*, су бермей*, су келмей*, су ақпай*, су өшір*,
    негде набрать вод*, негде взять вод*
power: нет свет*, свет* нет, без свет*, отключ* свет*, свет* отключ*, свет* выключ*,
    свет* пропал*, пропал* свет*, вырубил* свет*, свет* вырубил*, нет электр*, без электр*,
    электр* отключ*, обесточ*, жарық жоқ, электр жоқ, тоқ жоқ, жарық өшір*, жарық* сөніп,
    жарық* өшіп
""")
_CONTEXT_WORDS = vocabulary("""
# What says a found pattern is something else, by the reason it would block.
not:fire: фонар*, ламп*, лампочк*, шам, шамдар*, шамы, светофор*, пожарн* проезд*, пожарн*
    выезд*, пожарн* выход*, пожарн* лестниц*, пожарн* гидрант*, пожарн* сигнализ*, пожарн* щит*,
    өрт сөндіру*, темекі*, сигарет*, курят*, курит*, шегед*, шылым*, петард*, салют*,
    фейерверк*, газ плит*, плит* не горит, мангал*, шашлык*, кальян*, горит зелен*, горят
    кругл*, горит кругл*, горит тускло, горят тускло, горят днем, горит днем, горят сутк*,
    иногда, периодическ*, бывает, время от времени, подсветк*, горит всю ночь, горят всю ночь,
    гирлянд*
not:violence: петард*, салют*, фейерверк*, собак*, ит, иттер*, ножк*, кино*, фильм*, игр*
not:ice: сбросили*, сбили*, убрали*, тазалап*
not:missing: собак*, кошк*, кот, мысық*, ит, паспорт*, кошел*, ключ*, телефон жоғ*, машин*,
    посылк*, документ*
not:heating: перерасчет*, верните деньги, платим*, оплат*, остальн* горяч*, завоздуш*, одна
    батаре*, воздух*
# A leaking roof, or sewage running into the yard, is a repair, not a flood.
not:flood: крыш*, кровл*, дожд*, нәжіс*, аула* ағып*, көше* ағып*, во двор* теч*, на улиц* теч*
# Words after which the danger is over.
over: потушил*, потушен*, потушили, сөндірілді, сөндірді*, сөндіріп тастады, уже починил*,
    починили, устранил*, всё нормально, все нормально, спасибо, рахмет, всё сделали, все
    сделали, был пожар, пожар был, жөндеп қойды
# A planned outage, not an outage now.
planned: планов*, по графику, график*
asked: когда включ*, когда дадут, когда будет, когда начн*, қашан бер*, қашан қос*,
    қашан бастал*
# Someone depends on water or power, or the outage is long or wide.
depends: ивл, аппарат*, кислород*, концентратор*, лежач*, инвалид*, мүгедек*, больн*, науқас*,
    диализ*, инсулин*, младен*, грудн*, маленьк* дет*, маленьк* ребен*, дет*, ребен*, ребён*,
    бала*, карт адам*, қарт*, пожил*, пенсионер*, весь дом, всем дом*, весь подъезд, полностью,
    бүкіл үй*, второй день, третий день, сутк*, күн болды, күн бойы, дня, дней, неделю, апта*,
    жок кун*, с утра, часов, часа, квартал*, весь район, вся улица, бүкіл көше*, негде, частн*
    сектор*, подстанц*, весь микрорайон, по всему район*
# People under or near what may fall.
people: люд*, людей, дет*, ребен*, ребён*, бала*, адам*, астында*, под ним*, тротуар*, вход*,
    подъезд*, прохож*, остановк*, аялдама*, дом, дом*, стен*, балкон*, кіреберіс*, жүреді, ходят
# Electricity near water.
electric: электр*, щит*, щитов*, электрощит*, проводк*, розетк*
# A time that puts what happened in the past.
past: вчера, кеше, позавчера, на днях, недавно, прошл* недел*, өткен апта*, назад, в прошлом,
    бұрын, был, была, было, были
# The water that is missing is only the hot (or only the cold) one.
one_tap: нет горяч* вод*, горяч* вод* нет, без горяч* вод*, ыстық су* жоқ, нет холодн* вод*,
    холодн* вод* нет, суық су* жоқ, нет гор вод*
# Who can be missing or silent behind a door.
person: ребен*, ребён*, дет*, девочк*, мальчик*, сын*, сынок, доч*, школьни*, подрост*,
    бабушк*, дедушк*, пожил*, старик*, старушк*, пенсионер*, одинок*, мама*, мать, отец*,
    муж*, жена, брат*, сестр*, сосед*, бала*, ұл, ұлы, ұлым, қыз, қызы, қызым, немере*, әже*,
    ата, атам*, атасы, әке*, шеше*, анам*, жалғыз*, қарт*, көрші*, жаста, лет, летн*
lift: лифт*
# Supposing, not happening: "если что", "в случае пожара".
if: если*, егер*, в случае, на случай, вдруг, что делать если, как вызвать, куда звонить если
# Drills, checks and safety notices are not emergencies.
drill: учени*, инструктаж*, противопожарн*, огнетушител*, провер* газ*, газ* провер*,
    пожарн* безопасн*, жаттығу*
# What is still hanging there after some was knocked down.
still: еще висят, ещё висят, остальные висят, остальные вися*, тоже висят, до сих пор вис*,
    әлі салбырап*, әлі де салбырап*
""")
# The reason shown for one that needs another word near it.
SHOWN = {
    "threat": "collapse",
    "missing_verb": "missing",
    "silent": "unconscious",
    "cold_home": "heating",
}
# How near (in words) what says "something else" must be; violence: anywhere.
_NEAR = {"violence": 1000, "missing": 1000}
NEAR = 4
# Reasons that a nearby "yesterday" puts in the past (a missing child is still missing).
_PAST_TOO = frozenset({"animal", "violence", "unconscious", "fire", "flood", "sparks"})
PAST_NEAR = 3
# A reason that counts only with this in the post (or this near it: words).
_NEEDS: dict[str, tuple[str, int]] = {
    "water": ("depends", 1000),
    "power": ("depends", 1000),
    "threat": ("people", 1000),
    "missing_verb": ("person", 6),
    "silent": ("person", 8),
}
# Blocks every reason when this close before it ("если что", "в случае пожара").
IF_NEAR = 3
# A block lifted by this in the post (a flooded basement with the switchboard in it).
_UNLESS = {"flood": "electric", "ice": "still"}
_NEGATIONS = frozenset({"не", "ни", "нет"})
_AFTER_NEGATIONS = frozenset({"жок", "емес", "нет"})
# Little words that may stand between a negation and what it negates ("не от пожара").
_LINKS = frozenset({"от", "из", "в", "с", "у", "на", "по", "было", "был", "была"})
# Heating in Astana runs from about mid-September to mid-May; without heating,
# a flat is dangerous from October to April.
COLD_MONTHS = frozenset({10, 11, 12, 1, 2, 3, 4})
# "в квартире +13", "үйде 12 градус": a flat this cold is an outage.
COLD_INDOORS = 15
_INDOOR_TEMPERATURE = re.compile(
    r"(?:квартир\w*|дома|комнат\w*|уйде|пат[еи]рде|уй\w*)\s+(?:\+\s?)?(\d{1,2})(?:\s|$)"
    r"|(?<![-\d])\+\s?(\d{1,2})\s*(?:градус|°)"
)

_FOUND = Lexicon(_REASONS)
_CONTEXT = Lexicon(_CONTEXT_WORDS)
REASONS: tuple[str, ...] = (*(r for r in _REASONS if r not in SHOWN), "keyword")


@dataclass(frozen=True, slots=True)
class Urgency:
    """Whether a post is urgent; ``reason`` is one of ``REASONS`` (the
    catalogue message ``urgency-<reason>`` names it) and ``words`` the words
    that said so."""

    urgent: bool
    reason: str | None = None
    words: str | None = None


NOT_URGENT = Urgency(False)


def _negated(hit: Hit, ws: list[str]) -> bool:
    first = hit.pattern.split()[0]
    if first.rstrip("*") in ("нет", "не", "без") or "жоқ" in hit.pattern:
        return False
    before = ws[hit.start - 1] if hit.start > 0 else ""
    farther = ws[hit.start - 2] if hit.start > 1 else ""
    after = ws[hit.end] if hit.end < len(ws) else ""
    return (
        before in _NEGATIONS
        or (before in _LINKS and farther in _NEGATIONS)
        or after in _AFTER_NEGATIONS
    )


def _other(hit: Hit, context: list[Hit]) -> bool:
    """Whether words near ``hit`` say it is something else."""
    label, near = f"not:{hit.label}", _NEAR.get(hit.label, NEAR)
    return any(
        c.label == label and c.start - near <= hit.end and hit.start - near <= c.end
        for c in context
    )


def _cold_indoors(text: str) -> bool:
    for match in _INDOOR_TEMPERATURE.finditer(text):
        degrees = int(match.group(1) or match.group(2))
        if 5 <= degrees <= COLD_INDOORS:
            return True
    return False


@lru_cache(maxsize=16)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    if not keywords:
        return None
    # A keyword starts a word, so endings still match ("затопило", "газом"); a short
    # one may take only a short ending ("газа", not "газета").
    parts = [re.escape(fold(k)) + (r"\w{0,2}(?!\w)" if len(k) <= 4 else "") for k in keywords]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")")


def detect(
    text: str,
    when: date | None = None,
    ws: list[str] | None = None,
    keywords: tuple[str, ...] = (),
) -> Urgency:
    """The danger a post names, if any. ``when``: the post's local date (the
    season); ``ws``: its folded words, when the caller has them already;
    ``keywords``: a chat's own urgent words from the config, each enough."""
    ws = folded_words(text) if ws is None else ws
    found = _detect(ws, when)
    if found.urgent or not keywords:
        return found
    pattern = _keyword_pattern(keywords)
    match = pattern.search(" ".join(ws)) if pattern else None
    return Urgency(True, "keyword", match.group(0)) if match else found


def _detect(ws: list[str], when: date | None) -> Urgency:
    hits = [h for h in _FOUND.scan(ws) if not _negated(h, ws)]
    cold = when is None or when.month in COLD_MONTHS
    if not hits and not cold:
        return NOT_URGENT
    found = _CONTEXT.scan(ws)
    context = {h.label for h in found}
    if "over" in context:
        return NOT_URGENT
    for reason in _REASONS:
        hit = next((h for h in hits if h.label == reason and _counts(h, found, context)), None)
        if hit is None:
            continue
        if reason in ("heating", "cold_home") and not cold:
            continue
        return Urgency(True, SHOWN.get(reason, reason), " ".join(ws[hit.start : hit.end]))
    if cold and not hits and _cold_indoors(" ".join(ws)):
        return Urgency(True, "heating", None)
    return NOT_URGENT


def _near(hit: Hit, found: list[Hit], label: str, distance: int) -> bool:
    return any(
        c.label == label and c.start - distance <= hit.end and hit.start - distance <= c.end
        for c in found
    )


def _counts(hit: Hit, found: list[Hit], context: set[str]) -> bool:
    reason = hit.label
    if _other(hit, found) and _UNLESS.get(reason) not in context:
        return False
    if reason in _PAST_TOO and _near(hit, found, "past", PAST_NEAR):
        return False
    if _near(hit, found, "if", IF_NEAR) or _near(hit, found, "drill", NEAR):
        return False
    if reason in ("heating", "cold_home", "water", "power") and "planned" in context:
        return False
    if reason == "cold_home" and "asked" in context:
        return False
    need = _NEEDS.get(reason)
    if need is not None and not _near(hit, found, *need):
        return False
    return not (reason == "water" and "one_tap" in context)
