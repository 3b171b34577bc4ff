"""The verdict on a post: sure spam, unsure, or genuine, and why.

Two witnesses must agree before a post is deleted: the classifier and the
checks. "Sure" needs the classifier above ``sure`` with at least two
independent strong signs of spam from the checks, above ``sure_alone`` with
one. Weak signs alone (a phone number, a contact card, a forward, a run of
emoji, an invitation to write privately: common in genuine appeals), or none,
never delete a post, however the model scores it: "Please DM me", a pram for sale with
"пишите". Nor does one strong sign in a post that names a house in the
district or a neighbour's reason to be written to (``COUNTER_SIGNS``), or one
spam word alone in a question or a warning (``ABOUT_SIGNS``).

Above all, a post is deleted only with a sign that reaches outside the chat or
hides the words (``STRUCTURAL``: a link not allowed, a Telegram link or
handle, phishing, disguised letters) or with a harmful offer (``harmful``:
easy money, crypto, bets, loans, documents, adult services, money by the day,
bait explained only in private), and never on words alone in a resident's
shape (a warning about a scam, a neighbour's own sale, service or job, a
complaint). A warning that calls a thing a scam (``exposes``) is not deleted
even for the link, handle or card it quotes, only for letters disguised. Some
signs are no resident's (``DECISIVE``: a baiting look-alike of an official
site, a card number with a stranger's appeal for money): outside a warning or
a question they delete a post whatever the classifier scores. A neighbour's
trade or a local service ("продаю картошку, звоните", a plumber's contact
card) is flagged at most: spammers' ads of that kind cost a moderator one tap; a
deleted neighbour costs the desk a resident. A business selling to everyone in
its own words (``selling``: a warranty for years, a free visit, a discount in
per cent, a price "from") is no neighbour's trade. A repeat of a post judged spam a
moment ago is sure whoever sends it. "Unsure" posts become appeals as usual,
their card saying why they look like spam.

The thresholds were chosen on cross-validated scores of the seed set (never on
a hold-out): ``python -m bench.spam --cross-validate --choose-thresholds``.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.config import SpamSettings
from bot.intake.spam.checks import DEFAULT_ALLOWED_DOMAINS, REACH, Post, Reason, SpamChecks
from bot.intake.spam.civic import civic_signs
from bot.intake.spam.model import SpamModel
from bot.intake.spam.vocabulary import build_vocabulary
from bot.reading.normalize import fold

# Signs that genuine appeals carry about as often as spam does. An invitation
# to write privately is one: neighbours gather signatures and return lost keys
# that way; with an offer of money or work it makes ``offer_contact``, strong.
WEAK_SIGNS = frozenset({"phone", "contact", "forward_channel", "emoji_run", "dm_invite"})
# Signs of the district's own business (``civic.civic_signs``) that one strong
# sign of spam does not outweigh: a house on one of the district's streets, a
# neighbour's stated reason to be written to (a thing found or lost, signatures
# to gather: "собираем подписи, петиция на e-petition.kz").
COUNTER_SIGNS = frozenset({"house", "purpose"})
# Signs that a post talks about a spam topic rather than sells it: a question
# ("акимат раздаёт деньги, это правда?"), a warning. Against a topic word alone
# (no offer, no link, no disguise) they are enough.
ABOUT_SIGNS = frozenset({"question", "warning"})
# The shapes of a resident's post: a warning about a scam that quotes it ("мне
# пришла смс «Kaspi: карта заблокирована»"), a neighbour's own sale or service
# ("продаю коляску, самовывоз"). In these shapes the spam words are a
# resident's words; only a sign a resident's post does not carry
# (``STRUCTURAL``) lets such a post be deleted, else it is flagged at most. A
# neighbour's collection for someone the writer knows ("aid": "көршіміздің
# баласына ота керек, ... жеке хатқа жазыңыз") is one: its documents, "write
# privately" and money are a resident's words too.
RESIDENT_SIGNS = frozenset({"warning", "own", "aid"})
# A complaint's shape is one too: the district's business ("civic") with a
# question, a neighbour's purpose, a house of the district or a refusal the
# writer complains of ("мне отказали в социальной помощи, справку приносила").
COMPLAINT_SIGNS = frozenset({"question", "purpose", "house", "refused"})
# Signs that reach elsewhere or hide the words: a link to a host not allowed,
# a Telegram invitation, an @handle, phishing, disguised letters, a spam word
# split by symbols ("Зараб*тай на кр.и.п.т.е").
HIDING = frozenset(
    {"hidden_latin", "spaced_letters", "digit_letters", "invisible", "symbol_letters"}
)
STRUCTURAL = REACH | {"phishing"} | HIDING
# Topics whose offer harms whoever takes it up, whoever posts it: money without
# a job to do, crypto, bets, loans, documents, adult services. A neighbour's
# trade, a local service, a warning or an unnamed offer is none of them.
HARM_TOPICS = frozenset({"earnings", "crypto", "betting", "loans", "documents", "adult"})
# Topics that harm once taken to private messages: an offer the post will not
# name ("есть предложение, пишите в лс"), a scam's words (a fortune told, a
# vote, a collection "реквизиты в профиле"), a prize to claim there ("раздаю
# 10 000 ₸, напишите мне в личку"): a neighbour giving a thing away says what.
PRIVATE_BAIT = frozenset({"offer", "scam", "giveaway"})
# Signs no resident's post carries unless it warns or asks about them: a look-alike
# of a state, bank or house body's site that dangles money or asks for data
# (``fake_official`` with ``phishing``), a payment card's number with a
# stranger's appeal for money (``card`` with the scam's words). With one, a
# post is deleted whatever the classifier says (the ``"sign"`` tier): the
# classifier has met few of them and scores a new wording low.
DECISIVE = (frozenset({"fake_official", "phishing"}), frozenset({"card", "topic:scam"}))


# Which threshold (``"sign"``, ``"two"``, ``"one"``) a post's reasons and civic
# signs call for before it may be deleted; None: it may not be (``evidence``).
Policy = Callable[[Sequence[Reason], Iterable[str]], str | None]


class Outcome(StrEnum):
    SURE = "sure"
    UNSURE = "unsure"
    GENUINE = "genuine"


# One place for the chosen thresholds: the settings' defaults (bot/config_reading.py).
_DEFAULTS = SpamSettings.model_fields


@dataclass(frozen=True)
class Thresholds:
    """The classifier's score a post needs to be deleted: with two strong signs
    or more (``sure``), with one (``sure_alone``); from ``unsure`` up, with a
    sign, it is flagged."""

    sure: float = _DEFAULTS["sure"].default
    sure_alone: float = _DEFAULTS["sure_alone"].default
    unsure: float = _DEFAULTS["unsure"].default


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    # The classifier's score, None when no model was ready or none was asked.
    probability: float | None
    reasons: tuple[Reason, ...]

    @property
    def is_spam(self) -> bool:
        return self.outcome is Outcome.SURE


def strong_signs(reasons: Sequence[Reason]) -> int:
    """How many independent kinds of strong sign the reasons hold. An offer
    reached only by a call, a phone or an invitation ("продаю коляску,
    пишите") is the offer's words seen again, not a second sign; reached by a
    link or a handle, it is one."""
    kinds = {str(r) if r.code == "topic" else r.code for r in reasons} - WEAK_SIGNS
    words = any(k.startswith("topic:") or k == "money_rate" for k in kinds)
    if "offer_contact" in kinds and words and not any(r.code in REACH for r in reasons):
        kinds.discard("offer_contact")
    return len(kinds)


def evidence(reasons: Sequence[Reason], signs: Iterable[str] = ()) -> str | None:
    """Which threshold the classifier's score must pass for the post to be
    deleted: ``"sign"`` (none: a ``DECISIVE`` sign), ``"two"`` strong signs or
    more, ``"one"``; None when the checks' reasons cannot delete it at all
    (weak signs only, none, one strong sign against a counter-sign of
    ``signs``, a resident's shape with nothing ``STRUCTURAL``, a warning that
    exposes a scam)."""
    signs = frozenset(signs)
    if not reaches_out(reasons) and (resident_shape(signs) or not harmful(reasons, signs)):
        return None
    if "exposes" in signs and not any(r.code in HIDING for r in reasons):
        # A warning that calls a thing a scam quotes its link, handle or card
        # as it quotes its words ("ходит ссылка egov-kz.verify-iin.com, это
        # фишинг"); a resident does not disguise letters.
        return None
    if decisive(reasons, signs):
        return "sign"
    return tier(reasons, signs)


def decisive(reasons: Sequence[Reason], signs: Iterable[str] = ()) -> bool:
    """Whether the reasons hold a sign that deletes a post by itself
    (``DECISIVE``), in a post that neither warns nor asks (``ABOUT_SIGNS``: "это
    правда, что акимат дарит наборы? akimat-astana-pomosh.com")."""
    if ABOUT_SIGNS & frozenset(signs):
        return False
    codes = {str(r) if r.code == "topic" else r.code for r in reasons}
    return any(needed <= codes for needed in DECISIVE)


def reaches_out(reasons: Sequence[Reason]) -> bool:
    """Whether a sign reaches outside the chat or hides the words (``STRUCTURAL``)."""
    return any(r.code in STRUCTURAL for r in reasons)


def tier(reasons: Sequence[Reason], signs: frozenset[str]) -> str | None:
    """The threshold the strong and weak signs call for, before asking whether
    the post may be deleted at all (``evidence``)."""
    strong = strong_signs(reasons)
    if strong >= 2:
        return "two"
    if strong == 1:
        only_words = all(r.code == "topic" for r in reasons)
        if COUNTER_SIGNS & signs or (only_words and ABOUT_SIGNS & signs):
            return None
        return "one"
    return None  # weak signs alone never delete


def harmful(reasons: Sequence[Reason], signs: Iterable[str] = ()) -> bool:
    """Whether a post offers a harmful topic (``HARM_TOPICS``), money by the day
    or the month (``money_rate``), bait it will explain only in private
    (``PRIVATE_BAIT``: "есть предложение, пишите в лс"), or sells to everyone
    in a business's words (``selling``), in its own words;
    not while it sends residents to the state's own site (``site``), whose
    notices say "справка" and "выплата" too."""
    if "site" in frozenset(signs):
        return False
    codes = {str(r) if r.code == "topic" else r.code for r in reasons}
    private = "dm_invite" in codes and any(f"topic:{name}" in codes for name in PRIVATE_BAIT)
    if private or codes & {"money_rate", "selling"}:
        return True
    return any(f"topic:{n}" in codes for n in HARM_TOPICS)


def resident_shape(signs: Iterable[str]) -> bool:
    """Whether civic ``signs`` give a post a resident's shape: a warning about a
    scam, a neighbour's own sale or service, a collection for someone the writer
    knows, a complaint."""
    signs = frozenset(signs)
    return bool(RESIDENT_SIGNS & signs or ("civic" in signs and COMPLAINT_SIGNS & signs))


class RecentSpam:
    """Posts judged spam lately, to recognise the same post sent again (to
    another chat, by another account, with a word or an emoji changed)."""

    def __init__(
        self,
        *,
        size: int = 200,
        ttl_seconds: float = 24 * 3600,
        similarity: float = 0.7,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._items: deque[tuple[float, frozenset[str]]] = deque(maxlen=size)
        self._ttl = ttl_seconds
        self._similarity = similarity
        self._clock = clock

    def remember(self, text: str) -> None:
        shingles = _shingles(text)
        if shingles:
            self._items.append((self._clock(), shingles))

    def forget(self, text: str) -> None:
        """A moderator said it is not spam: no longer a post to recognise."""
        shingles = _shingles(text)
        kept = [(w, s) for w, s in self._items if not s or _jaccard(shingles, s) < self._similarity]
        self._items.clear()
        self._items.extend(kept)

    def matches(self, text: str) -> bool:
        shingles = _shingles(text)
        if not shingles:
            return False
        oldest = self._clock() - self._ttl
        # A copy taken at once: judging runs in a worker thread while the loop
        # may remember another post.
        for when, seen in tuple(self._items):
            if when >= oldest and _jaccard(shingles, seen) >= self._similarity:
                return True
        return False


# Texts shorter than this ("+", "спасибо") are too common to call a repeat.
_MIN_REPEAT_CHARS = 16


def _shingles(text: str) -> frozenset[str]:
    folded = fold(text).replace(" ", "")
    if len(folded) < _MIN_REPEAT_CHARS:
        return frozenset()
    return frozenset(folded[i : i + 4] for i in range(len(folded) - 3))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b)


def same_text(a: str, b: str, similarity: float = 0.8) -> bool:
    """Whether two posts say the same thing (a copy, give or take a word or an
    emoji); short texts only when they are identical once folded."""
    if fold(a) == fold(b):
        return bool(fold(a))
    sa, sb = _shingles(a), _shingles(b)
    return bool(sa and sb) and _jaccard(sa, sb) >= similarity


class SpamJudge:
    """Checks, model and memory of recent spam, put together. The model is
    swapped in when a background training finishes; until then only the
    checks and the repeat memory speak, and they alone never delete."""

    def __init__(
        self,
        checks: SpamChecks,
        thresholds: Thresholds = Thresholds(),
        *,
        model: SpamModel | None = None,
        recent: RecentSpam | None = None,
        policy: Policy | None = None,
    ) -> None:
        self.checks = checks
        self.thresholds = thresholds
        self.model = model
        self.recent = recent or RecentSpam()
        # Which threshold a post's reasons call for (``evidence``); the bench
        # compares other policies through it.
        self.policy = policy or evidence

    def judge(self, post: Post, *, trusted: bool = False) -> Verdict:
        """The verdict on ``post``. A trusted author's post meets only the
        repeat check (a hijacked account posting known spam)."""
        if self.recent.matches(post.text):
            return Verdict(Outcome.SURE, None, (Reason("repeat"),))
        if trusted:
            return Verdict(Outcome.GENUINE, None, ())
        reasons = tuple(self.checks.reasons(post))
        probability = self.model.probability(post.text, reasons) if self.model else None
        outcome = self.outcome(probability, reasons, civic_signs(post.text))
        return Verdict(outcome, probability, reasons)

    def outcome(
        self, probability: float | None, reasons: Sequence[Reason], signs: Iterable[str] = ()
    ) -> Outcome:
        """The outcome of a classifier's score, the checks' reasons and the
        post's civic signs."""
        strong = strong_signs(reasons)
        t = self.thresholds
        if probability is None:
            return Outcome.UNSURE if strong >= 2 else Outcome.GENUINE
        if not reasons:
            # No sign at all: never deleted, however the model scores it.
            return Outcome.UNSURE if probability >= t.sure_alone else Outcome.GENUINE
        tier = self.policy(reasons, signs)
        needed = {"sign": 0.0, "two": t.sure, "one": t.sure_alone}.get(tier or "")
        if needed is not None and probability >= needed:
            return Outcome.SURE
        if probability >= t.unsure and (strong >= 1 or probability >= t.sure):
            return Outcome.UNSURE
        return Outcome.GENUINE

    def learn_spam(self, text: str) -> None:
        """Remember a post judged spam (by the desk or by a moderator)."""
        self.recent.remember(text)


def judge_from_settings(settings: SpamSettings) -> SpamJudge:
    """A judge with the configured allow-lists, vocabulary and thresholds (no
    model yet: the desk trains one in the background)."""
    checks = SpamChecks(
        allowed_domains=frozenset(DEFAULT_ALLOWED_DOMAINS) | frozenset(settings.allowed_domains),
        allowed_usernames=frozenset(settings.allowed_usernames),
        vocabulary=build_vocabulary(settings.vocabulary),
    )
    thresholds = Thresholds(settings.sure, settings.sure_alone, settings.unsure)
    return SpamJudge(checks, thresholds)
