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
fire: пожар, горит*, горят*, загорел*, загорит*, возгоран*, пламя, пламен*, огонь, огнем, дым,
    дымом, дыма, дымит*, задымл*, запах* гари, гарью, өрт, өрттен, өртке, өрт шық*, өртеп*,
    өртен*, жанып жатыр, жанып кет*, жанып тұр, түтін*, күйіп жатыр, валит дым*, от+шығ*,
    от+шық*, от+алып*
gas: запах* газ*, пахн* газ*, газ* запах*, газ* пахн*, газ иіс*, газ ис*, газ* иіс*, иіс* газ*,
    утечк* газ*, газ* утечк*, газ* & шип*, шип* & газ*, газ* & улан*, отравл* газ*, угар*,
    угарн*
collapse: обрушил*, обрушен*, рухнул*, обвалил*, обвал, плит* упал*, балкон* упал*, кусок*
    упал*, куски* упал*, упал* с крыш*, сорван* ветр*, сорвал* ветр*, кровл* сорва*, провалил*
    асфальт*, асфальт* провалил*, трещин* & на глазах, трещин* несущ*, несущ* стен* & трещин*,
    трещин* раст*, трещин* расход*, трещин* & треск*, тоже висят
threat: может упасть, может рухнуть, вот-вот упад*, вот-вот рухн*, рухнет, обрушит*, грозит
    обруш*, құлап кету қауп*, құлауы мүмкін, құлап кет* мүмкін, құлап кетуі мүмкін, құлау*
    қауп*, упадет на, упадёт на, гремят над, на голов*, режутся, режется, травмируют*ся
violence: дерут*, драк* & нож*, избива*, избил*, стреля*, выстрел*, перестрел*, нож, ножом,
    пистолет*, оружи*, ружь*, ружье*, размахива*, пышақ*, қару*, ұрып жатыр, ұрып жат*, ұрып
    тұр, ұрамын*, өлтіремін*, төбелес* жатыр, төбелесіп*, шабуыл жаса*, напал* на, нападени*,
    насил*, изнасил*, зорла*, убива*, убью*, бьет жен*, бьют человек*, бьет ребен*, угрожа*,
    ломят* в двер*, лома* двер*, двер* лома*, выбива* двер*, есік* бұз*, есікті бұзып*
missing: пропал* девочк*, пропал* мальчик*, пропал* ребен*, пропал* ребён*, пропал* сын*,
    пропал* доч*, пропал* дет*, пропал* подрост*, пропал* бабушк*, пропал* дедушк*, девочк*
    пропал*, мальчик* пропал*, ребен* пропал*, ребён* пропал*, сын* пропал*, доч* пропал*, бала*
    жоғал*, балам жоғал*, ұлым жоғал*, қызым жоғал*, жоғалып кетті, жоғалды, не вернул*, не
    пришел* домой, не пришла домой, қайтып келмеді, келмеді & ұлым*, келмеді & қызым*, келмеді &
    бала*, келмеді & жаста, потерял* ребен*, потерял* ребён*, ребен* в опасност*, ребён* в
    опасност*, бала қауіпте, ребен* на крыш*, ребён* на крыш*, ребен* & перелез*, ребён* &
    перелез*, ребен* & подоконник*, ребён* & подоконник*, ребен* & перила*, ребён* & перила*,
    бала* & терезе* & ашық, ребен* выпал*, провалил* под лед*, на льду & ребен*
unconscious: без сознан*, потерял* сознан*, есін* танып, есінен танды, есін жоғалт*, не дышит,
    не дышат, дем* алмай*, не реагир*, не двигает*, инсульт*, инфаркт*, приступ*, задыха*, қаны
    шығып, кровь течет, кровью истека*, есі* ашпа*, дверь не открыва*, не открывает дверь,
    замерза*
elevator: застрял* & лифт*, лифт* застрял*, лифтте* қалд*, лифтте* тұрып қалд*, лифтте* тұр*
    қалд*, лифт* қамалып*, қамалып қалд* & лифт*, лифт* & внутри остал*, лифт* & внутри ребен*,
    лифт* & внутри люди, лифт* & внутри человек*, лифт* & ішінде адам*, лифт* & ішінде бала*,
    лифт* & ішінде кісі*, лифт* & ішінде қал*, лифт* & не могут достать, лифт* & заперт*, лифт*
    & не можем выйти, лифт* & шыға алмай*, лифтт* қалд*, лифтт* қалып*
flood: затопил*, затаплива*, топят сосед*, сосед* топят, прорвал*, прорыв* труб*, прорыв*,
    хлещ*, потоп*, су+бас*, құбыр* жарыл*, труб* лопн*, лопн* труб*, труб* разорва*, батаре*
    взорва*, батаре* лопн*, батаре* & кипят*, кипят* & по всей, кипят* & течет, по люстр*, теч*
    & электри*, вода & электрощит*, залива* сосед*, сосед* залива*, заливаем*, не можем
    перекрыть, перекрыть не мож*, затаплива* & электрощит*, хлынул*, су+толып*
sparks: искр*, ұшқын*, оголен* провод*, провод* оголен*, оборва* провод*, провод* оборва*,
    провод* на земл*, провод* лежат*, провод* висят* низко, сым* үзіл*, сым* үзіп*, сымдар*
    жерде, сым* жерде, бьет током, ударил* током, ток бьет, замыкан*, сым* күйіп*, провод*
    горят*, проводк* горит, розетк* дымит*, розетк* плавит*, щит* ашық, открыт* щит*, щит*
    открыт*, сым* шығып тұр, провод* торч*
manhole: открыт* люк*, люк* открыт*, люк* ашық, ашық люк*, люг* ашық, люк без крышк*, без
    крышк*, крышк* нет, нет крышк*, қақпағы жоқ, открыт* колод*, колод* открыт*, провалил* в
    люк*, түсіп кетті & люк*, крышк* люк* провалил*, люк* провалил*
ice: сосульк*, мұз сүңгі*, сүңгі*, снег* сход*, сход* снег*, снег* & глыб*, глыбами, лед* с
    крыш*, наледь* & над вход*, с крыши пада*, құлап кетсе
animal: укусил*, укусила, покусал*, покусан*, бросает* на, бросают* на, кидают* на, собак*
    напал*, напали собак*, тістеп алды, тістеп*, тістеді, тиштеп*, бешен* & собак*, собак* &
    бешен*, құтыр*, кутырган, ит* шабуыл*, змея*, змей*, жылан*
heating: нет отоплен*, отоплен* нет, отоплен* жоқ, без отоплен*, отоплен* отключ*, отключ*
    отоплен*, не топят*, не топит*, батаре* холодн*, холодн* батаре*, батаре* ледян*, ледян*
    батаре*, батаре* муздай, батарея* муздай, батарея* суық, жылу жоқ, жылу берілмей*, жылу
    бермей*, жылытпай*, жылу өшір*, отоплен* не дают, не дали отоплен*, топить нечем, нечем
    топить, көмір+жоқ, отын+жоқ
water: нет вод*, вод* нет, без вод*, отключ* вод*, вод* отключ*, су жоқ, сусыз*, су берілмей*,
    су өшір*, негде набрать вод*, негде взять вод*
power: нет свет*, свет* нет, без свет*, отключ* свет*, свет* отключ*, свет* выключ*, нет
    электр*, без электр*, жарық жоқ, электр жоқ, жарық өшір*, жарық* сөніп
""")
# The reason shown for one that is another's kind.
SHOWN = {"threat": "collapse"}
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
asked: планов*, по графику, график*
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
past: вчера, кеше, позавчера, на днях, недавно, прошл* недел*, өткен апта*
# The water that is missing is only the hot (or only the cold) one.
one_tap: нет горяч* вод*, горяч* вод* нет, без горяч* вод*, ыстық су* жоқ, нет холодн* вод*,
    холодн* вод* нет, суық су* жоқ, нет гор вод*
""")
# How near (in words) what says "something else" must be; violence: anywhere.
_NEAR = {"violence": 1000, "missing": 1000}
NEAR = 4
# Reasons that a nearby "yesterday" puts in the past (a missing child is still missing).
_PAST_TOO = frozenset({"animal", "violence", "unconscious", "fire"})
PAST_NEAR = 3
# A reason that counts only with this in the post.
_NEEDS = {"water": "depends", "power": "depends", "threat": "people"}
# A block lifted by this in the post (a flooded basement with the switchboard in it).
_UNLESS = {"flood": "electric"}
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
        if reason == "heating" and not cold:
            continue
        return Urgency(True, SHOWN.get(reason, reason), " ".join(ws[hit.start : hit.end]))
    if cold and not hits and _cold_indoors(" ".join(ws)):
        return Urgency(True, "heating", None)
    return NOT_URGENT


def _counts(hit: Hit, found: list[Hit], context: set[str]) -> bool:
    reason = hit.label
    if _other(hit, found) and _UNLESS.get(reason) not in context:
        return False
    if reason in _PAST_TOO and any(
        c.label == "past" and c.start - PAST_NEAR <= hit.end and hit.start - PAST_NEAR <= c.end
        for c in found
    ):
        return False
    if reason in ("heating", "water", "power") and "asked" in context:
        return False
    if reason in _NEEDS and _NEEDS[reason] not in context:
        return False
    return not (reason == "water" and "one_tap" in context)
