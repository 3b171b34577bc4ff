"""Cheap checks on a post: the signs by which spam gives itself away.

Each check names a reason a moderator can read ("link to casino-kz.top",
"invites to private messages"). No single reason decides: genuine appeals
carry links to maps, phone numbers, forwards of official notices and angry
emoji too. The reasons are features for the classifier and the explanation on
the staff's line or card; the verdict weighs them (``verdict.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.intake.spam.civic import states_purpose
from bot.intake.spam.disguise import (
    digits_for_letters,
    disguised_words,
    invisible_splits,
    longest_emoji_run,
    spelt_out,
)
from bot.intake.spam.phishing import baits_with_official_name, imitates_official
from bot.intake.spam.readings import in_cyrillic, telegram_links, unbroken, unhidden
from bot.intake.spam.vocabulary import Vocabulary, build_vocabulary
from bot.reading.normalize import clean, fold

__all__ = ["Post", "Reason", "SpamChecks", "disguised_words", "longest_emoji_run"]

# Maps, the akimat's and the city's sites, eGov and the appeals portal:
# residents link to them in genuine appeals. Matched as whole domains.
DEFAULT_ALLOWED_DOMAINS: tuple[str, ...] = (
    "2gis.kz",
    "2gis.ru",
    "2gis.com",
    "yandex.kz",
    "yandex.ru",
    "yandex.com",
    "google.com",
    "google.kz",
    "maps.app.goo.gl",
    "openstreetmap.org",
    "gov.kz",
    "egov.kz",
    "eotinish.kz",
    "astana.kz",
)

_TLDS = (
    "kz|ru|com|net|org|info|top|xyz|site|online|shop|store|click|link|app|pro|biz|club|live|"
    "me|io|cc|co|gl|ly|su|uz|kg|by|ua|ws|tk|ml|ga|cf|vip|bet|casino|win|money|icu|fun|space|"
    "website|tech|life|today|world|cash|promo|gift|one|tv|to|gg|рф|help|support|pw|cfd|sbs|"
    "lat|quest|lol|cyou|rest|bond|buzz|work|host|press|email|center|services|digital|network|"
    "ltd|asia|mobi|page|ink|zone|group|team|news|blog|cloud|best|cam|loan|credit|bid|date|"
    "trade|party|stream|download|review|fit|run|plus|global|market|ru\\.com"
)
_URL = re.compile(
    rf"(?:https?://|www\.)[^\s<>\"']+"
    # Labels of any script: "еgov.kz" with a Cyrillic е is a link too.
    rf"|(?<![\w@.-])(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:{_TLDS})(?![\w-])(?:/[^\s<>\"']*)?"
    # A host in Latin letters under any other top-level name, followed by a path
    # ("vpnkz.fast/trial"): words and abbreviations have no path.
    r"|(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,12}/[\w-][^\s<>\"']*",
    re.IGNORECASE,
)
_MENTION = re.compile(r"(?<![\w.@])@([A-Za-z][A-Za-z0-9_]{3,31})\b")
_TELEGRAM_HOSTS = frozenset({"t.me", "telegram.me", "telegram.dog"})
_TRAILING = ".,;:!?)]}»\"'…"
_AMOUNT = (
    r"(?:\$\s?\d[\d\s.,]*|\d[\d\s.,]*\s?"
    r"(?:%|к\b|k\b|тыс|мың|мын|млн|\$|usd|тг|тенге|теңге|₸|руб|tg|tenge|myn|tys))"
)
_PERIOD = (
    r"(?:в день|в неделю|в месяц|в час|в сутки|за день|за неделю|за вечер|за круг|/\s?день|"
    r"/\s?мес|/\s?day|в мес|ежедневно|каждый день|күніне|кунине|айына|аптасына|бір күнде|"
    r"daily|per day|a day|a week|per week|weekly|in \d+ (?:hours|days)|"
    r"v den|v mesyac|v mesyats|v nedelyu|kunine|aiyna|ailygy|айлығы|айлыгы|"
    # By the hour, daily or weekly, a month's pay named in Kazakh ("айлық 250 мың").
    r"/\s?час|/\s?сағ|/\s?hour|per hour|an hour|күнделікті|кунделикти|айлық|айлык|ailyk|"
    r"kazhdyi den|kazhdyy den|kazhdiy den|еженедельно|каждую неделю|күн сайын|кун сайын|"
    # Paid by the piece of work, the task scam's rate: "400 ₸ за каждый отзыв".
    r"за смену|за каждый (?:отзыв|заказ|лайк|пост)|за каждую (?:заявк|партию|публикац)"
    r"|за задание|per task|per shift|per review)"
)
_MONEY = re.compile(_AMOUNT)
_RATE = re.compile(rf"{_AMOUNT}[^.!?\n]{{0,30}}?{_PERIOD}|{_PERIOD}[^.!?\n]{{0,12}}?{_AMOUNT}")
# A payment card's number in four groups ("4400 4301 2233 8871"): where a
# stranger's appeal sends the money. Map links carry long ids unbroken.
_CARD = re.compile(r"(?<![\d/=])\d{4}(?:[ -]\d{4}){3}(?![\d])")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@((?:[a-z0-9-]+\.)+[a-z]{2,})(?![\w-])", re.IGNORECASE)
_PHONE = re.compile(r"(?<!\d)(?:\+7|8)[\s(-]*7\d{2,3}[\s)-]*\d{2,3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)")
# A business's own selling words, read on the folded text (thousands joined):
# a warranty for years, a free visit or delivery, a discount in per cent, a
# price "from" or per unit, "без выходных", "под ключ", a price list. Two of
# them make an advertisement to everyone: a neighbour selling a pram or
# recommending a plumber uses none ("продаю коляску, 25 000, самовывоз").
_SELLING = tuple(
    re.compile(pattern)
    for pattern in (
        r"(?<!\w)(?:гарантия|кепилдик|guarantee|warranty) \d+ (?:лет|год|мес|жыл|ай|year|month)",
        r"(?<!\w)(?:замер|выезд|доставка|дизайн|консультация|первый урок|олшеу|жеткизу"
        r"|алгашкы сабак|1 сабак)\w* (?:бесплатн|тегин)|(?<!\w)(?:бесплатн\w*|тегин)"
        r" (?:замер|выезд|доставк|жеткизу|олшеу|консультац|дизайн)|free (?:delivery|trial)",
        r"(?<!\w)(?:скидк\w*|женилдик\w*|discount|sale) (?:до )?\d+|\d+ (?:скидк|женилдик|off)",
        r"(?<!\w)(?:от|цены от|from) \d+ (?:тг|тенге|₸|kzt)|\d+ (?:тг|₸) (?:м2|м²|кв м|кг|час)",
        r"(?<!\w)(?:без выходных|быстро качественно|качественно недорого|сапалы ари арзан"
        r"|арзан багамен|под ключ|прайс|оптом|портфолио|для новых клиентов)",
        # Cheaper than anyone, or "недорого" said to everyone: a price promise.
        r"(?<!\w)(?:цены? ниже рынка|ниже рыночн|самые низкие цены|недорого|арзан)",
        # A speed promised to anyone who calls: "приеду в течение часа", "круглосуточно".
        r"(?<!\w)(?:(?:приеду|приедем|выезжаем|сделаем|сделаю) (?:в течение|за) (?:\d+ )?"
        r"(?:час|минут|дн|день|сутки)|круглосуточно|24 7|таулик бойы)",
    )
)


# Not a topic: the mark that a topic's word was hidden by symbols inside it.
_HIDDEN = "\0hidden"


@dataclass(frozen=True)
class Reason:
    """One sign of spam: ``code`` is stable (a feature name, a log word),
    ``detail`` is what was found (a domain, a topic), shown to moderators."""

    code: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.code}:{self.detail}" if self.detail else self.code


@dataclass(frozen=True)
class Post:
    """What the checks see of a resident's post."""

    text: str
    # URLs Telegram marked up (text links hide theirs behind a word).
    urls: Sequence[str] = ()
    forwarded_from_channel: bool = False
    has_contact: bool = False


@dataclass(frozen=True)
class SpamChecks:
    """The checks with their configuration (allow-lists, vocabulary)."""

    allowed_domains: frozenset[str] = frozenset(DEFAULT_ALLOWED_DOMAINS)
    # Telegram usernames (channels, bots) the district itself runs.
    allowed_usernames: frozenset[str] = frozenset()
    vocabulary: Vocabulary = field(default_factory=build_vocabulary)

    def reasons(self, post: Post) -> list[Reason]:
        """Every sign of spam in ``post``, in a stable order."""
        text = post.text or ""
        folded = fold(text)
        found: list[Reason] = []
        found += self._links(text, post.urls)
        if any(r.code in ("link", "fake_official") for r in found) and baits_with_official_name(
            folded, any(r.code == "fake_official" for r in found)
        ):
            found.append(Reason("phishing"))
        found += self._mentions(text)
        found += self._emails(text)
        if _CARD.search(text):
            found.append(Reason("card"))
        if post.forwarded_from_channel:
            found.append(Reason("forward_channel"))
        if post.has_contact:
            found.append(Reason("contact"))
        # The words read as typed, across a hyphen and in Cyrillic letters.
        readings = [folded, *(r for r in (unbroken(text), in_cyrillic(folded)) if r)]
        # "Нашла ключи, пишите в лс" names its reason; spam's invitation does not.
        invites = any(map(self.vocabulary.invites_privately, readings))
        invites = invites and not states_purpose(folded)
        if invites:
            found.append(Reason("dm_invite"))
        topics = self._topics(readings, unhidden(text))
        found += [Reason("topic", name) for name in topics if name != _HIDDEN]
        if _HIDDEN in topics:
            found.append(Reason("symbol_letters"))
        self._offer(post, readings, found, bool(topics), invites)
        found += _disguises(text)
        return found

    def _offer(
        self, post: Post, readings: Sequence[str], found: list[Reason], topics: bool, invites: bool
    ) -> None:
        """Money by the period, a phone number, and an offer's shapes: an offer
        with a way to reach the seller, a business's selling words."""
        text, folded = post.text or "", readings[0]
        lowered = clean(text).lower()
        rate = bool(_RATE.search(lowered))
        if rate:
            found.append(Reason("money_rate"))
        phone = bool(_PHONE.search(lowered))
        if phone:
            found.append(Reason("phone"))
        if topics or rate or _MONEY.search(_PHONE.sub(" ", lowered)):
            # An offer with a way to reach the seller: the shape of an advertisement.
            # A phone number or a contact card reaches the seller too, unless the
            # post asks a question (a resident seeking work leaves a number).
            listed = (phone or post.has_contact) and "?" not in text
            reach = invites or listed or any(r.code in REACH for r in found)
            if reach or any(map(self.vocabulary.calls_to_contact, readings)):
                found.append(Reason("offer_contact"))
            if advertises(folded):
                found.append(Reason("selling"))
        elif (phone or post.has_contact) and advertises(folded):
            # A service's number with a business's words: "приеду за час, цены ниже рынка".
            found.append(Reason("selling"))

    def _topics(self, readings: Sequence[str], unhidden: Sequence[str]) -> list[str]:
        """The vocabulary's topics in any reading of the post, in the vocabulary's
        order; ``_HIDDEN`` last when a topic's word is found only with the symbols
        inside the words undone ("Зараб*тай на кр.и.п.т.е")."""
        found = {name for reading in readings for name in self.vocabulary.topics_in(reading)}
        plain = set(found)
        found.update(name for reading in unhidden for name in self.vocabulary.topics_in(reading))
        ordered = [name for name in self.vocabulary.topics if name in found]
        return [*ordered, _HIDDEN] if found - plain else ordered

    def _links(self, text: str, urls: Iterable[str]) -> list[Reason]:
        out: list[Reason] = []
        seen: set[str] = set()
        written = [m.group(0) for m in _URL.finditer(text)]
        for url in [*urls, *written, *telegram_links(text)]:
            # A link ends before the punctuation that follows it: "t.me/abaya47,".
            host, path = split_url(url.rstrip(_TRAILING))
            if not host or host in seen:
                continue
            seen.add(host)
            if host in _TELEGRAM_HOSTS:
                name = path.split("/", 1)[0].lower()
                if name.startswith(("+", "joinchat")):
                    # An invitation to a private chat: where scams gather victims.
                    out.append(Reason("private_invite", f"{host}/{name}"))
                elif name not in self.allowed_usernames:
                    out.append(Reason("telegram_link", f"{host}/{name}"))
            elif not domain_allowed(host, self.allowed_domains):
                imitates = imitates_official(host, self.allowed_domains)
                out.append(Reason("fake_official" if imitates else "link", host))
        return out

    def _emails(self, text: str) -> list[Reason]:
        """Addresses abroad or on a mail service: a way to reach the poster
        elsewhere. The country's bodies write from ".kz" ("info@akimat.kz")."""
        hosts = {m.group(1).lower() for m in _EMAIL.finditer(text)}
        return [
            Reason("email", host)
            for host in sorted(hosts)
            if not host.endswith(".kz") and not domain_allowed(host, self.allowed_domains)
        ]

    def _mentions(self, text: str) -> list[Reason]:
        out: list[Reason] = []
        for match in _MENTION.finditer(text):
            name = match.group(1).lower()
            if name in self.allowed_usernames:
                continue
            out.append(Reason("mention_bot" if name.endswith("bot") else "mention", name))
        return out


def split_url(url: str) -> tuple[str, str]:
    """``(host, path)`` of a URL written with or without its scheme, host lower case
    without ``www.`` and port."""
    rest = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.IGNORECASE)
    host, _, path = rest.partition("/")
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].lower().rstrip(".")
    return host.removeprefix("www."), path


def advertises(folded: str) -> bool:
    """Whether a ``fold``-ed post sells in a business's words (``_SELLING``),
    two kinds of them at least."""
    joined = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", "", folded)
    return sum(1 for pattern in _SELLING if pattern.search(joined)) >= 2


def domain_allowed(host: str, allowed: Iterable[str]) -> bool:
    """True when ``host`` is an allowed domain or a subdomain of one: whole
    labels only, so "egov.kz.example.top" and "my-egov.kz" are not eGov."""
    return any(host == domain or host.endswith("." + domain) for domain in allowed)


# Reasons that give a way to reach the poster elsewhere (or to pay them), apart
# from the post's words; the verdict counts them as signs reaching outside the chat.
REACH = frozenset(
    {"link", "fake_official", "telegram_link", "private_invite", "mention", "mention_bot"}
    | {"email", "card"}
)


def _disguises(text: str) -> list[Reason]:
    """The ways ``text`` hides its words (see ``disguise.py``)."""
    found: list[Reason] = []
    run = longest_emoji_run(text)
    if run >= 3:
        found.append(Reason("emoji_run", str(run)))
    hidden = disguised_words(text)
    if hidden:
        found.append(Reason("hidden_latin", str(hidden)))
    if spelt_out(clean(text)):
        found.append(Reason("spaced_letters"))
    digits = digits_for_letters(text)
    if digits:
        found.append(Reason("digit_letters", str(digits)))
    splits = invisible_splits(text)
    if splits:
        found.append(Reason("invisible", str(splits)))
    return found
