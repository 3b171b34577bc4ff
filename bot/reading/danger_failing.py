"""Harm happening to people now, by mechanism: a structure failing where people are, an
animal going for people, a supply off where someone depends on it, a home so cold people
dress for outdoors in it. Subjects and states merged into ``bot/reading/concepts.py``,
contexts into ``bot/reading/dangers.py``, under the same labels (patterns as in
``bot/reading/terms.py``); tested as tables in tests/test_reading_mechanisms_harm.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from bot.reading.danger_more import CONTEXT as MORE_CONTEXT
from bot.reading.danger_words import CONTEXT_WORDS
from bot.reading.terms import Hit, vocabulary

# Dressed for outdoors or under blankets (the context "dressed" of both lists, and more
# clothes and ways to say a blanket wrapped round).
_MORE_DRESSED = vocabulary("""
dressed: в валенк*, в тулуп*, в шуб*, в шубах, в ватник*, в варежк*, в перчатк*, пальтомен, шубамен,
    көрпе* оран*, көрпе* жамылып*, одеял* укутал*, укутал* в одеял*
""")["dressed"]
_DRESSED = (*CONTEXT_WORDS["dressed"], *MORE_CONTEXT["dressed"], *_MORE_DRESSED)

PARTS = vocabulary("""
# A structure failing now: cracking or creaking aloud, sagging, coming away, anything it does
# before one's eyes (``dangers`` wants people in the post, as for every "threat"). Old,
# shabby or asked to be repaired is no state here, nor a stair flight that shakes (a repair
# in train15).
threat/failing.s: потол*, лестниц*, пролет, пролета, пролете, пролеты, пролетом, пролёт, ступен*,
    балкон*, стена, стены, стене, стену, стеной, стен, стенах, стенка, стенки, перекрыт*, козыр*,
    лоджи*, бетон, бетона, бетоном, бетоне, төбе*, баспалдақ*, қабырға*
threat/failing.v: трещит*, трещат*, хрустит*, провис*, прогиба*, вздул*, обвалива*, отходит от*,
    отходят от*, отошел от*, отошёл от*, отошл* от*, крошит* на глазах, крошат* на глазах,
    оседа* на глазах, осел* на глазах, сыпл* на глазах, осыпа* на глазах, разруша* на глазах,
    рассыпа* на глазах, сықыр*, сытыр*, шытыр*, тырсыл*,
    үгітіліп жатыр, көз алдында*, иіліп бар*, опырыл*, құлағалы*, құлайын деп*, жарылып бар*
# A crack that grows now (its Kazakh "жарығы" is a crack; "жарық" alone is light): a
# danger by itself, with or without people said (the conventions), and no "threat".
collapse/crack.s: трещин*, сызат*, жарығы, жарықшақ*
collapse/crack.v: раст*, увелич*, расшир*, расход*, үлкей*, ұлғай*, өсіп*, кеңей*, шире
# A wall or a slab splitting now ("қабырғасы жарылып жатыр").
threat/failing.v: жарылып жатыр
# A tree whose trunk split ("ствол треснул", "діңі жарылған"; ``concepts`` wants people or
# what it would fall on near). Leaning alone is a request to cut it (train6, train7).
collapse.s: ствол*, діңі*, дің
collapse.v: құлады, жарылған*, жарылып кет*
# A lift that fell with people in it (``dangers`` reads it whatever it does since).
elevator.v: падал*, упал*, рухнул*, сорвал* вниз, құлап түс*, құлап кет*
# A pit dug and left unfenced ("қоршамай кетті", "не оградили").
manhole.v: қоршамай*, қоршамаған*, қоршалмай*, не огради*, не оградил*
# Dogs that mauled or went for someone ("талады", "балаға шапты").
animal.v: талады, талап кет*, талап тастад*, шапты, шауып*
# Someone who cannot leave a home that sewage, water or smoke is coming into (``dangers``
# wants someone frail, bedridden or in a wheelchair in the post, as for help that cannot
# reach them): sewage up in a bath is a repair until then.
stranded/held.s: канализ*, кәріз*, нечистот*, вода, воды, водой, су, суы, дым, дыма, дымом,
    түтін*
stranded/held.v: выйти не мож*, не может выйти, не можем выйти, не могут выйти, выйти не могут,
    шыға алмай*
# The ground that gave way under a pavement or a road, said a few words after it
# ("Тротуар во дворе на Янушкевича 2 провалился"); not "провалится", someone who may
# fall into a hole (the hole is the danger then).
threat/sinkhole.s: тротуар*, асфальт*, дорог*, грунт*, жол, жолд*
threat/sinkhole.v: провалил*, провалило*, обвалил*, опырыл*
# An animal going for people now: chasing, surrounding, rushing at them.
animal.v: окружил*, окружают, окружает, преслед*, накинул*, набрасыва*, набросил*, кинул*ся,
    кидают*ся, бросил*ся, бег* за, бежит за, рыч* на, не дают пройти, не дают дет* пройти, ұмтыл*,
    қуад*, қуалап*, қоршап ал*, қоршап тұр*, ырылда*
# "су да жоқ", "свет тоже пропал": a particle between the supply and its absence.
water.v: да жоқ, де жоқ, та жоқ, тоже нет, тоже пропал*, тоже отключ*
power.v: да жоқ, де жоқ, та жоқ, тоже нет, тоже пропал*, тоже отключ*
# A lift car jammed, or opening its doors between floors.
elevator.v: тығылып қал*, открыл* между этаж*, открыва* между этаж*
# A meter, a socket, a switchboard melting: it smells of plastic.
sparks/melting.s: счетчик*, счётчик*, розетк*, щит*, щиток*, щитк*, проводк*, удлинител*,
    автомат*, есептегіш*
sparks/melting.v: пахн* пластик*, запах* пластик*, пластик* пахн*, воня* пластик*, плавит*,
    плавят*, оплав*, пластик* иіс*, пластмасс* иіс*, балқып*
# An icicle called "сүмелек"; one that came down ("түсіп кетті", as "упала").
ice.s: сүмелек*, сумалак*, сүмбілек*
ice.v: түсіп кет*
# People in coats, hats or under blankets at home (``dangers`` reads it as a cold home in
# the heating season, up to 17 degrees).
cold_home/dressed.v: дома, доме, квартир*, комнат*, спальн*, үйде*, уйде*, пәтерде*, бөлмеде*
""")
PARTS["cold_home/dressed.s"] = _DRESSED

# The neighbours' music or drill, by which walls "трещат": noise, not a failing structure.
_NOISE = "музык*, громк*, шулат*, сверл*, перфоратор*, дрел*, вечеринк*, от старост*"

# Paint, whitewash, wallpaper or a floor covering coming off: cosmetic (a facade's tiles are
# not: they fall on people).
_COSMETIC = "бояу*, краск*, покраск*, побелк*, обои, обоев, обоями, линолеум*, ламинат*"

CONTEXT = vocabulary(f"""
# The clothes above also say a home is colder than its thermometer says (``dangers``).
dressed: {", ".join(_MORE_DRESSED)}
# Who depends on a supply: cattle, medicine that must stay cold, everyone around (a fridge
# that thaws or broke is no dependant by itself: train16 and train17 label it calm).
depends: скот*, скотин*, коров*, сиыр*, мал бар, мал+да, малға*, малдар*, малым*, лекарств*,
    дәрі-дәрмек*, дәрілер*, дәрі* ери*, бәрінде*, барлығында*, әже, әжем, әжеме, әжемнің,
    әжесі, әжеміз, ата-ана*, төсекте жат*, жүре алмай*, не встает, не встаёт, ходить не може*
# A cut said to be planned, in Kazakh ("жоспарлы өшіру ме?").
planned: жоспарлы, жоспар бойынша
# The cold water off too, said with "да" / "тоже".
cold_too: суық су* да, суық су* де, холодн* вод* тоже, и холодн* вод*
# A hole deep enough to hurt whoever comes by; a void under a pavement.
people: метров*, пустот*, қуыс*
# ... or a home people live in, and a ceiling, which is over someone's home (a stair
# flight or a wall that fails is not one by itself).
people: этаж*, квартир*, кв, кухн*, комнат*, пәтер*, үйі*, үйде*, потол*, төбе*
# A pack about now: the dogs that bit are still there.
# ... and who cannot leave by themselves: in a wheelchair, bedridden.
in_need: арбада*, коляск*, жатып қал*, төсекте*
# Lukewarm and said to be bearable (as "терпимо", "жить можно").
not:heating: терпеть можно, можно терпеть, шыдауға болады
# A shutoff asked about or its timetable, not an outage now.
planned: когда отключ*, когда выключ*, қашан өшір*, кесте*
# ... or back today ("бүгін де сол жерде", "сегодня опять там").
still: бүгін де сол жерде*, бүгін де жүр*, қазір де сол жерде*, сегодня опять там,
    сегодня снова там, и сегодня там, сегодня опять бега*, сегодня снова бега*
# A gas smell that stays once the gas is shut off (``dangers`` reads the gas, shut or not).
lingers: запах остал*, запах не уход*, запах не пропада*, всё равно пахн*, все равно пахн*,
    всё ещё пахн*, все еще пахн*, до сих пор пахн*, иісі әлі*, иісі қалды, иісі кетпей*,
    иісі кетпеді
still: стаей ход*, стаей бега*, стаями ход*, стаями бега*, үйірімен жүр*, бос жүр*
not:threat: {_NOISE}
not:collapse: {_NOISE}
not:collapse: {_COSMETIC}
not:threat: {_COSMETIC}
""")

# How near a state must be to its subject, where not four words: a dog is said once and
# what it does clauses later ("Алабай бос жүр, иесі жоқ, бір адамға ұмтылды"); a sinkhole's
# street and house stand between the pavement and "провалился".
# What undoes a "not" near a danger (as ``dangers._UNLESS``).
UNLESS = {"gas": "lingers"}

WINDOWS = {
    "animal": 8,
    "threat/sinkhole": 7,
    "threat/failing": 4,
    "collapse/crack": 6,
    "stranded/held": 10,
    "cold_home/dressed": 4,
}

# What a falling tree or piece lands on, besides people: the wires it tears, a playground (a
# branch on a parked car is calm in train2, train9 and the hold-out; a car with its wires torn is
# not).
TARGETS = vocabulary("""
target: на провод*, оборвал*, сымдарға, сымдардың үстіне, үзді, үзіп*, площадк*, алаң*,
    адамдардың үстіне, балалардың үстіне
""")

# A crack measured growing: a size, then a larger one after a word for now ("вчера 1 см,
# сегодня 3 см", "кеше 1 см еді, бүгін 3 см", "было 2 мм, стало 1 см").
_CRACK = re.compile(r"^(?:трещин|сызат|жарыгы|жарыкшак|жарыл)")
_SIZE = re.compile(r"^(\d{1,3})(мм|см)?$")
_MM = {"мм": 1, "см": 10}
_NOW = frozenset({"сегодня", "сейчас", "теперь", "стало", "стала", "бугин", "казир", "кази"})
GROWN_NEAR = 14


def grown(ws: Sequence[str]) -> list[Hit]:
    """A crack said with two sizes, the later one larger and said to be now."""
    at = next((i for i, w in enumerate(ws) if _CRACK.match(w)), None)
    if at is None:
        return []
    sizes: list[tuple[int, int]] = []
    for i in range(at + 1, min(len(ws), at + GROWN_NEAR)):
        size = _SIZE.match(ws[i])
        unit = size and (size.group(2) or (ws[i + 1] if i + 1 < len(ws) else ""))
        if size and unit in _MM:
            sizes.append((int(size.group(1)) * _MM[unit], i))
    for (before, i), (after, j) in pairwise(sizes):
        if after > before and not _NOW.isdisjoint(ws[i:j]):
            return [Hit("collapse", "crack & grown", at, j + 1)]
    return []


# What ends a clause (as ``negation``), kept to see which clause asks.
_CLAUSE = re.compile(r"([.,;:!?…\n()«»\"—–]+)")


def _asked(text: str, ws: Sequence[str], words: Callable[[str], list[str]]) -> set[int]:
    """The indices in ``ws`` of the words in a clause that ends with a question mark."""
    asked: set[int] = set()
    parts, at = _CLAUSE.split(text), 0
    for k in range(0, len(parts), 2):
        n = len(words(parts[k]))
        if k + 1 < len(parts) and "?" in parts[k + 1]:
            asked.update(range(at, at + n))
        at += n
    return asked if at == len(ws) else set()


def unasked(
    found: list[Hit], hits: Sequence[Hit], text: str, ws: Sequence[str], words: Callable
) -> list[Hit]:
    """The context without what says "not X" inside a question ("Жылу бар ма сендерде?",
    "У вас отопление есть?") when X is said outside it ("бізде батарея суп-суық"): the
    question asks the neighbours, the answer is the post's own."""
    asked = _asked(text, ws, words) if "?" in text else set()
    if not asked:
        return found
    said = {h.label for h in hits if h.start not in asked}
    return [
        c
        for c in found
        if not (
            c.start in asked and c.label.removeprefix("not:") in said and c.label.startswith("not:")
        )
    ]
