"""Harm happening to people now, by mechanism: a structure failing where people are, an
animal going for people, a supply off where someone depends on it, a home so cold people
dress for outdoors in it. Subjects and states merged into ``bot/reading/concepts.py``,
contexts into ``bot/reading/dangers.py``, under the same labels (patterns as in
``bot/reading/terms.py``); tested as tables in tests/test_reading_mechanisms_harm.py.
"""

from __future__ import annotations

from bot.reading.danger_more import CONTEXT as MORE_CONTEXT
from bot.reading.danger_words import CONTEXT_WORDS
from bot.reading.terms import vocabulary

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
# A crack that grows now (its Kazakh "жарығы" is a crack; "жарық" alone is light).
threat/crack.s: трещин*, сызат*, жарығы
threat/crack.v: раст*, увелич*, расшир*, расход*, үлкей*, ұлғай*, өсіп*
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
still: стаей ход*, стаей бега*, стаями ход*, стаями бега*, үйірімен жүр*, бос жүр*
not:threat: {_NOISE}
not:collapse: {_NOISE}
not:collapse: {_COSMETIC}
not:threat: {_COSMETIC}
""")

# How near a state must be to its subject, where not four words: a dog is said once and
# what it does clauses later ("Алабай бос жүр, иесі жоқ, бір адамға ұмтылды"); a sinkhole's
# street and house stand between the pavement and "провалился".
WINDOWS = {
    "animal": 8,
    "threat/sinkhole": 7,
    "threat/failing": 4,
    "threat/crack": 4,
    "cold_home/dressed": 4,
}
