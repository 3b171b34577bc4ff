"""How spam asks to be contacted, and when the same words are no invitation.

``DM_PHRASES`` invite to continue in private, where spam moves its victims;
``CONTACT_CALLS`` are calls to get in touch of any kind, which genuine posts
say too ("кто потерял, пишите"). Both are word beginnings matched on the
shared normaliser's folded form (``fold``), like the topics of
``vocabulary.py``. A phrase next to a verb that reports what happened ("мне
в личку написали", "в лс пишут, что…", "someone sent me a DM") tells of an
invitation someone else made: it invites nobody.
"""

from __future__ import annotations

import re

from bot.reading.normalize import fold

DM_PHRASES: tuple[str, ...] = (
    *("в лс", "в личк", "в личные", "в личном", "в личных", "в директ", "в direct", "в вотсап"),
    *("в whatsapp", "в ватсап", "пишите мне", "напишите мне", "пиши мне", "напиши мне"),
    *("пишите лично", "напишите лично", "жми на профиль", "ссылка в профиле", "в профиле"),
    *("жми на аватар", "на аватарку", "добавляйтесь", "добавляйся", "добавь меня"),
    *("в друзья", "отвечу всем", "ставьте плюс", "ставь плюс", "пиши плюс"),
    *("только в телеграм", "лс ке", "лска", "личкага", "личкаг", "жеке хатка", "жекеге"),
    *("жеке жаз", "маган жаз", "маган жеке", "директке", "директте", "директе"),
    *("жазыңыздар маған", "жазыңыз маған", "жазыңызшы маған"),
    *("dm me", "dm for", "dm now", "message me", "text me", "pm me", "inbox me"),
    *("write me", "privately", "link in bio", "contact me", "whatsapp me", "add me"),
    # "лс" on its own ("… 1 күнде. Лс") and other messengers.
    *("лс", "пишите на whatsapp", "пишите в whatsapp", "пишите на этот номер"),
    *("на вотсап", "пишите или звоните", "звоните или пишите"),
    # Typed in Latin letters.
    *("v lichk", "lichkaga", "v ls", "v profile", "pishite mne", "napishite mne"),
    *("jeke hat", "zheke hat", "jeke jaz", "zheke zhaz", "личка", "check my dm", "in private"),
    # A private message in Kazakh; a link "in the profile's header".
    *("жеке хабарлама", "в шапке профил"),
)

# Calls to get in touch, of any kind: genuine posts say them too ("кто потерял,
# пишите"), so a call alone means nothing. An offer (a topic, an amount of
# money) followed by a call is the shape of an advertisement, whatever it sells.
CONTACT_CALLS: tuple[str, ...] = (
    *("пиши", "напишите", "напиши ", "обращайт", "обращат", "звони", "позвони", "жми"),
    *("переходи", "заходи", "загляни", "подписыв", "подпишись", "регистрируй", "записывайт"),
    *("зарегистрируй", "отклик", "подробност", "подробнее", "кому интересно", "кому актуально"),
    *("кому надо", "кто хочет", "жду", "жазыныз", "жазындар", "жазсаныз", "жазыл"),
    *("pishite", "napishite", "kto hochet"),
    *("хабарласыныз", "хабарласындар", "коңырау шалыңыз", "тіркеліңіз", "өтіңіз", "профил"),
    *("кімге керек", "кімге қызық", "кім қалайды", "жазамын"),
    *("write", "message", "text me", "dm", "contact", "join", "sign up", "follow", "subscribe"),
    *("apply", "click", "check my", "drop me", "whatsapp", "telegram", "ватсап", "вотсап"),
)

# Verbs that report a message received, in Russian, Kazakh and English.
REPORTED_VERBS: tuple[str, ...] = (
    *("написал", "писал", "пишут", "прислал", "присылают", "скинул", "скидывают"),
    *("пришл", "пришел", "приходят", "приходит", "предлагают", "предложил"),
    *("жазды", "жазыпты", "жазып жатыр", "жазып жүр", "келді", "келіп жатыр", "жіберді"),
    *("wrote", "sent", "messaged me", "got a message", "texted me", "received"),
)
_REPORTED = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(fold(v)) for v in REPORTED_VERBS) + ")")
# How far from an invitation phrase a reporting verb is read, in characters.
_NEAR = 24


def invites(folded: str, phrases: re.Pattern[str]) -> bool:
    """Whether a ``fold``-ed text invites to private messages: a phrase of
    ``phrases`` that no nearby verb reports as someone else's."""
    for match in phrases.finditer(folded):
        around = folded[max(0, match.start() - _NEAR) : match.end() + _NEAR]
        if not _REPORTED.search(around):
            return True
    return False
