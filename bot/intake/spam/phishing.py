"""Links that pose as the state, a bank or Telegram, and posts that use them.

A phishing post borrows a name residents trust (the akimat, eGov, ЦОН, Kaspi)
and sends them to a site that is not that body's: "egov-kz.help",
"kaspi-bonus.top", "еgov.kz" with a Cyrillic е. Its host imitates an
official one, or its words name an official body while the link goes
elsewhere; and it dangles money or asks to confirm an account. Only whole
allowed hosts pass (``checks.domain_allowed``): a name inside a longer host
is an imitation, not the real site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Names phishing sites borrow to look official: a host not on the allow-list
# that contains one of them pretends to be the state, a bank or Telegram
# ("egov-vyplata.online", "gov-komek.site", "kaspi-bonus.top").
_IMPERSONATED = re.compile(
    r"gov|akimat|akimdik|egov|kaspi|halyk|telegram|whatsapp|enpf|bank|gosuslug|viplat|vyplat"
    r"|eotinish|2gis|con-kz|tson|hqko|(?<![a-z])tg(?![a-z])"
)
# Words of a host that claim the country or a house's own body (ОСИ, КСК).
_LOCAL_WORDS = frozenset({"kz", "osi", "ksk", "kzt"})
# The brands' own sites: a link to them is not an imitation (a house chat on
# chat.whatsapp.com), though it is not on the allow-list either.
_REAL = ("whatsapp.com", "wa.me", "telegram.org", "kaspi.kz", "halykbank.kz", "enpf.kz")
_COMMON_NAMES = frozenset({"astana", "google", "yandex", "openstreetmap"})
# Cyrillic letters and digits that pass for Latin ones in a host name.
_AS_LATIN = str.maketrans("аеорсхукмтнві01", "aeopcxykmthbiol")

# An official body or a bank named in a post's words (``fold``-ed).
_OFFICIAL = re.compile(
    r"(?<!\w)(?:акимат|акимдик|аким |egov|егов|электронн\w* правительств|электронды укимет"
    r"|укимет|цон|хкко|госуслуг|kaspi|каспи|halyk|халык банк|енпф|enpf|правительств|министерств"
    r"|мемлекет|государств|налогов|салык)"
)
# What the post dangles or asks: money paid out or back, an application, an
# account to confirm.
_BAIT = re.compile(
    r"(?<!\w)(?:выплат|компенсац|пособи|возврат|кайтарым|комек|толем|жардемакы|бонус|приз"
    r"|подтверд|раста|верифик|заявк|анкет|отиним|заполн|получ|алу|refund|verify|confirm"
    r"|блокир|бугатта|удален|blocked|suspend|activat|gift|подар|сыйлык"
    r"|payment|bonus|claim|\d[\d ]*(?:тг|тенге|мын|тыс)"
    # Gifts to register for, a card to tie to an app, an app to install.
    r"|дари|регистрир|тиркел|привяж|данные карт|скачай|установите прилож|карта\w* байла)"
)


def imitates_official(host: str, allowed: Iterable[str]) -> bool:
    """Whether a host that is not on the allow-list borrows an official name,
    in Latin letters or with Cyrillic letters and digits passing for them."""
    if any(host == d or host.endswith("." + d) for d in _REAL):
        return False
    latin = host.translate(_AS_LATIN)
    if _IMPERSONATED.search(latin):
        return True
    if latin != host and any(latin == d or latin.endswith("." + d) for d in allowed):
        return True
    # An allowed site's name inside a longer host: "saryarka-kz.top" for a
    # configured "saryarka.kz" (the city's name alone is in many real sites).
    names = {d.split(".")[-2] for d in allowed if d.count(".") >= 1} - _COMMON_NAMES
    if any(len(n) >= 4 and n in latin for n in names):
        return True
    # The country's or a house body's name as a word of a host elsewhere:
    # "osi-pay.kz-app.net", "egov-kz.help" (a real ".kz" site ends so).
    words = re.split(r"[.-]", latin.rpartition(".")[0])
    return bool(_LOCAL_WORDS & set(words))


def baits_with_official_name(folded: str, impersonating_link: bool) -> bool:
    """Whether a post with a link off the allow-list is phishing: the link or
    the words pose as an official body, and the words dangle money or ask to
    confirm something."""
    poses = impersonating_link or bool(_OFFICIAL.search(folded + " "))
    return poses and bool(_BAIT.search(folded))
