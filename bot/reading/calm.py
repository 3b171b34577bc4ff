"""Calm posts that read like a danger, by mechanism: what the words of a danger are
said of, or what has happened to the danger since, says there is none now.

- Smoke or a smell of burning from a fire somebody tends (a neighbour's bathhouse or
  stove heated, rubbish or leaves the neighbours burn, a barbecue): the tended fire
  explains the smoke and the smell; flames, or something else alight, are still a fire.
- A danger's word as the adjective of a sale ("скидки горят", "жеңілдіктер жанып тұр"):
  a sale, a discount or a show cannot be hurt (``abstract``, beside the word).
- Made safe now: the power switched off or the pipe shut, and said to be done ("вроде
  всё", "больше не течёт", "су тоқтады") is over; what happens again after a "but"
  ("но опять задымилась") is a danger again.
- A bang explained by an engine ("это мотоциклист без глушителя", a car's exhaust).
- Hardship that is no danger now: a wheelchair user a broken lift keeps at home (nobody
  in the car), a bus that did not come (no child that did not), girls afraid to walk a
  dark street (no child alone), sewage from a blocked riser (the convention: sewage up
  is not urgent unless it reaches the wiring), heating asked off in a hot flat (radiators
  scalding there are heating too high, not a burst pipe).
- Taken back in the same post: a lost child with a guard now, a dog that "тиіскен жоқ",
  nobody in a stuck lift ("ішінде адам жоқ": somebody inside said to be none), a hole
  "уже накрыли", what fell cleared away, a battery that is no radiator, work one cannot
  find, an outage "кесте бойынша", sewage gushing into a stairwell and no home.
  What a post takes back where it says it (a question answered no, a fear, a folded
  word) is read in ``calm_said``.

Each mechanism has its table, with its urgent counterpart, in
``tests/test_reading_mechanisms_calm.py``. Hooked into ``dangers`` by ``REASONS`` (merged
into its list), ``settled`` (which adds this module's context to what it found), ``quiet``
``sold`` and ``again``.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.reading.negation import apart
from bot.reading.normalize import fold
from bot.reading.terms import Hit, Lexicon, vocabulary

# A motorbike without its silencer: its bang is no explosion or shot.
_SILENCER = "глушител*, глушительсіз*"
CONTEXT = vocabulary(
    f"""
# A fire somebody tends: a bathhouse or a stove heated, rubbish or leaves the neighbours
# burn, a barbecue at a neighbour's (``quiet``: it explains smoke and smell, not flames).
tended: баню топят, баню топит, бан* топят, бан* топит, топят бан*, топит бан*, топил* бан*,
    печ* топят, печ* топит, топят печ*, топит печ*, монша* жағ*, моншаны жағ*, пеш* жағ*,
    пешті жағ*, сосед* & жгут*, сосед* & сжига*, сосед* & шашлык*, сосед* & мангал*,
    көрші* & қоқыс* жағ*, көрші* & жапырақ* жағ*, көрші* & күл* жағ*, көрші* & от жағ*,
    көрші* & шашлык*
# "а у нас ...", "оказалось": what follows is another thing than what went before
# (``quiet``).
contrast: а, ал, но, однако, бірақ, алайда, оказалось, оказывается, выяснилось
# Hot water is not a hot home.
hot_water: ыстық су*, горяч* вод*
# Smoke out of a home, or too thick to see through: a fire that has caught, whatever else
# is tended or burnt near it.
spreading: из квартир* & дым*, дым* из квартир*, из квартир* & валит, дым* из окн*, из окн* &
    дым*, пәтерден* түтін*, пәтерінен* түтін*, терезеден* түтін*, түтін* терезеден*, дым* & ничего
    не видно, түтін* & ештеңе көрінбей*
# A sale, a discount, a tour or a show "burning" or "exploding": a figure beside the word
# (``sold``).
sale: скидк*, распродаж*, акци*, путевк*, турпутевк*, шоу, жеңілдік*, сатылым*, акциялар*
# ... and a sale as where a danger is.
sale_place: на+распродаж*, в+распродаж*, по+акци*, на+акци*, в+акци*, по+скидк*, со+скидк*,
    на+скидк*, на+шоу, акция+кезінде, сатылым+кезінде, время+акци*, время+распродаж*,
    время+шоу
# A danger made safe: the power switched off or the wire taken away, the pipe or the water
# shut (``made_safe`` wants it said to be done as well, in the same clause).
safe_power: выключил* автомат*, выключ* автомат, автомат* выключ*, отключил* автомат*, автомат*
    отключ*, автомат* өшір*, автоматты өшір*, провод* убрал*, убрал* провод*, сым* алып таста*,
    сымды алды*
safe_water: перекрыл* стояк*, стояк* перекрыл*, перекрыл* вод*, вод* перекрыл*, перекрыл* кран*,
    кран* перекрыл*, стояк* жап*, кран* жап*, су* жап*
# ... and said to be done.
done: вроде всё, вроде все, вроде бы всё, вроде бы все, больше не дым*, больше не искр*, больше
    не теч*, больше не пахн*, больше не повтор*, уже не дым*, уже не искр*, уже не теч*, уже не
    пахн*, перестал*, прекратил*, енді жоқ, қазір жоқ, тоқтады, тоқтатылды
# Kept at home by a broken lift, with a wheelchair or a pram: nobody is in the car (the lift
# said with it; ``quiet``).
kept_home: арбасымен түсе алмай*, арбамен түсе алмай*, коляск* не могу спуст*, коляск* не
    можем спуст*, коляск* спуститься не мо*
# Freezing at a bus stop is no cold home.
not:cold_home: остановк*, аялдама*
# Afraid to walk a dark street is no child alone.
not:alone: жүруге қорқ*, жүргенге қорқ*, шығуға қорқ*, боят* ходить, ходить боят*, страшно
    ходить, ходить страшно, боят* гулять, гулять боят*
# Flames that caught something else: a tended fire or a bonfire that spread.
spreading: перекинул*, перекидыва*, пламя на, огонь перешел на, огонь перешёл на, пламя
    перешл* на, загорел* сарай*, сарай* загорел*, сарай* гор*, қора* өртен*, қора* жанып*,
    қоршау* жанып*, қоршау* лаулап*
# A bang or a shot that is an engine: a motorbike without its silencer, an exhaust.
not:explosion: {_SILENCER}
not:violence: {_SILENCER}
# ... said as an exhaust, unless another thing is said between ("думали выхлоп, оказалось
# стреляют"; ``quiet``).
engine: выхлоп*
# A riser blocked: what comes up is sewage (``quiet``).
drain: засор*, засорил*, засорен*, забит* стояк*, стояк* забит*, забил*ся стояк*, бітеліп*,
    бітелді*, бітеліп қал*
# A home too hot: heating asked off or down (``quiet``; not open windows, which a cold home
# has as often).
too_hot: жарко дома, дома жарко, в квартир* жарко, жарко в квартир*, жарища, духота, душно,
    үйде ыстық, пәтерде ыстық, өте ыстық, убавьте*, убавить*, азайтыңыз*, азайтыңдар*,
    азайтып берің*
# A pipe or a radiator burst: water out, however hot the home or blocked the riser.
burst: прорва*, лопнул*, жарыл*, хлещ*, атқыл*
# Sewage gushing into a stairwell, none into a home (the convention: sewage is not urgent
# unless it reaches the wiring or hot water, or someone who cannot leave).
sewage: канализац*, нечистот*, фекал*, ағынды*
stairwell: в подъезд*, подъезге, подъезд* & баспалдақ*, баспалдақ*, на лестниц*, по лестниц*
stays: кипят*, горяч*, ыстық су*, батаре*, радиатор*, лежач*, прикован*, не может выйти, не могут
    выйти, выйти не мож*, не ходит, шыға алмай*, коляск*, арбамен*, төсек*, квартир*, пәтер*, ванн*,
    үйге, үйді, дома, унитаз*
# A battery (a smoke alarm's, a remote's) is no heating radiator.
not:heating: батарейк*
not:cold_home: батарейк*
# Somebody lost who is with a guard now, anywhere in the post (``quiet``).
guarded: охран* с ним, с ним охран*, күзетші* қасында, қасында күзетші*
# Work one cannot find; a dog that touched nobody.
work: жұмыс* таба алмай*, жұмыс* іздеп*, найти работ*, работ* найти
not:animal: тиіскен жоқ, тиген жоқ, тиіспеді*, ешкімге тиіспеді*
# Nobody in the lift, its door stuck: "лифт ішінде адам жоқ", "в лифте никого нет".
not:elevator: адам+жоқ, ешкім+жоқ, никого+нет, в+лифте+никого
# A hole covered since: "уже накрыли", "жауып қойды" (``dangers`` blocks the manhole).
fenced: уже накрыл*, уже закрыл*, жауып қойды*, жауып қойған*
# What fell cleared away since: a piece that fell yesterday only waits for its repair
# (``quiet``; one that fell now may fall further, and who was hurt is hurt whatever was
# cleared).
cleared: всё убрали, все убрали, уже убрали, убрали, бәрін жинап*, жинап алды*, жинап кетті*
# An outage by the schedule, in Kazakh as "по графику" in Russian ("жоспарлы": danger_failing).
planned: кесте бойынша
# The power switched off and the smoke gone, in more words.
safe_power: ток* өшір*, токты өшір*, жарықты өшір*, свет выключ*, выключил* свет
done: сейчас все норм*, сейчас всё норм*, қазір түтін жоқ, түтін жоқ қазір, қазір иіс жоқ
"""
    # A bus or a minibus that did not come, as one phrase: no child that did not.
    + "\nvehicle: "
    + ", ".join(
        f"{vehicle} {verb}"
        for vehicle in ("автобус*", "маршрутк*", "троллейбус*", "такси*", "транспорт*")
        for verb in ("келмеді*", "келмей*", "не пришел*", "не пришёл*", "не приех*", "кешік*")
    )
)
_LEXICON = Lexicon(CONTEXT)
# What lets a bonfire's fire count (``dangers``): its smoke in homes, flames that spread.
BURNT = ("smoke_in", "spreading")
# The dangers a power switched off or a water shut makes safe.
_SAFE = {"safe_power": ("fire", "sparks"), "safe_water": ("flood",)}
# A fire somebody tends and a vehicle that did not come: the words of these dangers
# found inside one of them are said of it ("соседи баню топят" floods nobody).
_SAID_OF = {
    "tended": ("fire", "flood"),
    "vehicle": ("missing", "missing_verb"),
    "kept_home": ("elevator",),
    "work": ("missing", "missing_verb"),
}
# What takes a danger back (a guard with the child, a hole covered, what fell cleared, a dog
# that touched nobody) counts only as the post's last word on it: not when a danger is said
# again after a "но", "бірақ", "а" ("уже накрыли, но доска сломалась, люк открыт"). Nor
# does it, or nobody in the lift, count followed by its own "не", "жоқ" or "была" ("охрана
# с ним не связывается"), by a "yes" ("никого нет? Есть") or by "деп" ("адам жоқ деп
# ойладық": only thought so).
_TAKEN_BACK = frozenset({"guarded", "fenced", "cleared", "not:animal"})
_PARTICLES = frozenset({"ма", "ме", "ба", "бе", "па", "пе", "ли"})
_UNDONE = frozenset(
    fold(w)
    for w in ("не", "нет", "жоқ", "емес", "была", "был", "болды", "есть", "бар", "иә", "да", "деп")
)

# A syringe that has pricked somebody, the counterpart of syringes lying about.
REASONS = vocabulary("""
threat: уколол*ся шприц*, шприц* уколол*, уколол*ся игл*, игл* уколол*, шприц* & кров*, шприц* &
    қан*, шприц* & шаншыл*
""")

# Smoke or a smell of burning, which a tended fire explains (folded starts of words).
_SMOKE = ("дым", "гар", "тутин", "тутн", "пахн", "запах", "иис", "иси", "воня", "горел")
_RADIATOR = ("батар", "радиат")
# Words that say it happens again after a "but" ("но опять задымилась").
_AGAIN = frozenset(fold(w) for w in ("опять", "снова", "заново", "қайта", "қайтадан", "тағы"))
# ... or that it still is ("до сих пор", "всё ещё", "әлі").
_STILL = _AGAIN | frozenset(fold(w) for w in ("пор", "ещё", "әлі"))


def settled(found: list[Hit], ws: Sequence[str], hits: Sequence[Hit] = ()) -> list[Hit]:
    """The context ``dangers`` found in the words ``ws``, with this module's; somebody
    inside said to be none ("ішінде адам жоқ") is nobody inside; what takes a danger back
    here counts only as the post's last word on it (``_TAKEN_BACK``: ``hits`` are the
    dangers found)."""
    own = _LEXICON.scan(ws)
    turns = [h.start for h in own if h.label == "contrast"]
    kept = [
        h
        for h in own
        if not (h.label in _TAKEN_BACK and any(_again(t, h, hits, ws) for t in turns))
        and not (h.label in (*_TAKEN_BACK, "not:elevator") and _undone(ws, h.end))
    ]
    inside = [
        h for h in found if h.label != "inside" or ws[h.end : h.end + 1] not in (["жок"], ["нет"])
    ]
    return [*inside, *kept]


def _again(turn: int, back: Hit, hits: Sequence[Hit], ws: Sequence[str]) -> bool:
    """Whether after a "но" at ``turn``, past what took the danger back, the post says a
    danger again, or that it is still or again so ("но нет, до сих пор открыт")."""
    if turn < back.end:
        return False
    return any(d.end > turn for d in hits) or not _STILL.isdisjoint(ws[turn + 1 : turn + 5])


def _undone(ws: Sequence[str], at: int) -> bool:
    """Whether the word at ``at`` (past a question's particle) undoes what was said before."""
    if at < len(ws) and ws[at] in _PARTICLES:
        at += 1
    return at < len(ws) and ws[at] in _UNDONE


def made_safe(hit: Hit, found: list[Hit]) -> bool:
    """Whether the danger ``hit`` was then made safe and said to be done ("розетка
    задымилась, выключил автомат, вроде всё"): made safe and no more ("что делать
    дальше?") is not; the power off does not make water safe, nor a tap sparks; what is
    said after the "done" ("вроде всё. Проводка дымится") happens now."""
    safe = [c.start for c in found if hit.label in _SAFE.get(c.label, ()) and c.start > hit.start]
    return bool(safe) and any(c.label == "done" and c.start > min(safe) for c in found)


def quiet(hit: Hit, found: list[Hit], context: set[str]) -> bool:
    """Whether a danger found is calm by what the post says of it elsewhere."""
    if _taken_back(hit, found, context):
        return True
    if hit.label == "fire":
        if "screen" in context:  # a cry of fire at a match or a film
            return True
        if "spreading" in context or "electric" in context:  # flames, or wiring alight
            return False
        return _explained(hit, found, "tended") and _words(hit, _SMOKE)
    if hit.label in ("explosion", "violence"):
        return _explained(hit, found, "engine")
    if hit.label == "flood":
        if {"sewage", "stairwell"} <= context and context.isdisjoint(("electric", "stays")):
            return True
        if "burst" in context:
            return False
        drain = "drain" in context and "electric" not in context
        return drain or (_explained(hit, found, "too_hot") and _words(hit, _RADIATOR))
    if hit.label in ("heating", "cold_home"):
        return _explained(hit, found, "too_hot")
    return False


def _taken_back(hit: Hit, found: list[Hit], context: set[str]) -> bool:
    """Whether the danger's words are said of another thing, or the danger was since made
    safe or found safe (a lost child with a guard); what fell yesterday and was cleared
    away ("cleared") is read by ``dangers`` with what fell and hurt nobody."""
    if any(
        hit.label in _SAID_OF.get(c.label, ()) and c.start < hit.end and hit.start < c.end
        for c in found
    ):
        return True
    if hit.label in ("missing", "missing_verb", "alone") and "guarded" in context:
        return True
    return made_safe(hit, found)


def _explained(hit: Hit, found: list[Hit], label: str) -> bool:
    """Whether words of ``label`` say what ``hit`` is (a tended fire its smoke, a hot home
    its heating, an exhaust its bang): said after it ("пахнет гарью, а это соседи баню
    топят"), or before it with nothing between that turns to another thing ("соседи баню
    топят, а у нас из щитка дым"; "думали выхлоп, оказалось стреляют"); hot water is no
    hot home."""
    spans = [(c.start, c.end) for c in found if c.label == "hot_water"]
    turns = [t.start for t in found if t.label == "contrast" and t.start < hit.start]
    return any(
        c.label == label
        and not any(a < c.end and c.start < b for a, b in spans)
        and not any(c.end <= t for t in turns)
        for c in found
    )


def _words(hit: Hit, starts: tuple[str, ...]) -> bool:
    """Whether a word of the pattern found starts so (smoke or a smell, not flames; a
    radiator)."""
    return any(part.startswith(starts) for part in fold(hit.pattern).split())


def sold(hit: Hit, found: list[Hit], starts: frozenset[int]) -> bool:
    """A danger's word beside a sale it is said of, in one clause: before it ("скидки
    горят"), after it or between a place and the verb found with it ("в магазине скидки
    горят"); a sale where something burns ("на распродаже загорелась проводка") is none."""
    where = [c for c in found if c.label == "sale_place"]
    return any(
        c.label == "sale"
        and hit.start <= c.end
        and c.start <= hit.end
        and c.start != hit.start
        and not apart(c.start, hit.start if c.end == hit.start else hit.end - 1, starts)
        and not any(w.start <= c.start < w.end for w in where)
        for c in found
    )


def again(ws: Sequence[str]) -> bool:
    """Whether ``ws`` (what a post says after a "but") says it happens again."""
    return any(w in _AGAIN for w in ws)
