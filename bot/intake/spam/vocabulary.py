"""What spam talks about, in Russian, Kazakh and English.

Each entry is the beginning of a word or a phrase, written as a resident would
type it; it is matched on the shared normaliser's folded form (``fold``), at
the start of a word, so "заработ" finds "заработок" and "заработать", and a
Kazakh entry finds the same word typed with Russian letters. A genuine post
uses these words too ("кредит доверия к акимату", "справка для садика"): a
topic is evidence for the classifier and a reason on the card, never a verdict
on its own. The config can add entries per topic (``[spam.vocabulary]``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.reading.normalize import fold

DEFAULT_VOCABULARY: dict[str, tuple[str, ...]] = {
    # Easy money and remote "jobs".
    "earnings": (
        "заработ",
        "зарабатыва",
        "подзаработ",
        "доход",
        "подработ",
        "удален",
        "удаленк",
        "на дому",
        "не выходя из дома",
        "работа из дома",
        "работать из дома",
        "с телефона",
        "свободный график",
        "выплаты каждый день",
        "оплата сразу",
        "оплата ежедневно",
        "без вложений",
        "без опыта",
        "опыт не нужен",
        "пассивн",
        "вакансия",
        "требуются",
        "набираем",
        "в команду",
        "схем",
        "лайкать",
        "отзыв за",
        "табыс",
        "акша табу",
        "косымша",
        "уйден",
        "тажирибе керек емес",
        *("акша тап", "акша таб", "уйде отырып", "жумыс бар", "зарплата на карт"),
        *("через интернет", "работа в интернет", "aksha", "jumys", "tabys", "uyde"),
        "earn",
        "income",
        "hiring",
        "remote work",
        "work from",
        "daily payout",
        "no experience",
        "passive",
    ),
    "crypto": (
        "крипт",
        "биткоин",
        "битко",
        "usdt",
        "tether",
        "binance",
        "арбитраж",
        "бирж",
        "trading",
        "p2p",
        "связк",
        "майнинг",
        "токен",
        "монет",
        "листинг",
        "инвестиц",
        "сигнал",
        "bitcoin",
        "crypto",
        "btc",
        "staking",
        "invest",
        "signals",
        "double your",
    ),
    "betting": (
        "казино",
        "ставк",
        "ставок",
        "букмекер",
        "фриспин",
        "слот",
        "прогноз",
        "договорн",
        "экспресс",
        "авиатор",
        "бонус",
        "депозит",
        "промокод",
        "лотере",
        "выигрыш",
        "утыс",
        "утып",
        "ставка жаса",
        "casino",
        "bet",
        "betting",
        "odds",
        "fixed match",
        "free spins",
        "jackpot",
        "slots",
    ),
    "loans": (
        "займ",
        "заем",
        "микрозайм",
        "кредит",
        "в долг",
        "одобрен",
        "без провер",
        "кредитной истори",
        "без справок",
        "без отказа",
        "без залога",
        "под залог",
        "рефинансир",
        "спишем долг",
        "списание долг",
        "несие",
        "карыз",
        "тексерусиз",
        "кепилсиз",
        "loan",
        "credit check",
        "instant approval",
        "cash advance",
    ),
    "documents": (
        "справк",
        "certificate",
        "больничн",
        "диплом",
        "аттестат",
        "медкнижк",
        "права без",
        "без экзамен",
        "без посещения",
        "внесение в базу",
        "проводка через базу",
        "задним числом",
        "прописк",
        "временная регистрац",
        "аныктама",
        "ауру параг",
        "емтихансыз",
        "куалиг",
        "documents",
        "passport",
        "driver s license",
        "diploma",
        "fake",
    ),
    "giveaway": (
        "розыгрыш",
        "раздач",
        "раздаю",
        "дарим",
        "подарк",
        "приз",
        "подпишись",
        "подписывайся",
        "отметь",
        "итоги",
        "победител",
        "выплата каждому",
        "сыйлык",
        "таратамыз",
        "жениспаз",
        "жазылып",
        "арнага",
        "giveaway",
        "free gift",
        "claim",
        "winner",
        "congratulations",
    ),
    # An unnamed offer, the polite spammer's bait: "есть предложение, пишите".
    "offer": (
        *("есть предложен", "выгодное предложен", "интересное предложен", "предлагаю"),
        *("есть тема", "бонус", "промокод"),
        *("ұсыныс бар", "ұсынысым бар", "мүмкіндік бар", "ұсынамын"),
        *("offer", "opportunity", "side hustle", "bonus", "promo code"),
    ),
    # Goods and services advertised to the chat.
    "ads": (
        "скидк",
        "акция",
        "недорого",
        "дешево",
        "доставк",
        "на заказ",
        "заказ в",
        "под ключ",
        "замер",
        "продам",
        "куплю",
        "продаю",
        "магазин",
        "прайс",
        "накрутк",
        "подписчик",
        "рассылк",
        "обмен",
        "продвижени",
        "арзан",
        "тапсырыс",
        "жеткизу",
        "жеңилдик",
        "discount",
        "sale",
        "order now",
        "delivery",
        "promo",
        "followers",
    ),
    # Phishing and chain letters: a "payment from the state", an account "about
    # to be deleted", a message to forward.
    "scam": (
        "положена компенсац",
        "положена выплат",
        "выплата каждому",
        "проверьте на сайте",
        "проверь себя",
        "введите данные",
        "подтвердите",
        "будет удален",
        "будет заблокирован",
        "перешли",
        "перешлите",
        "отправь в",
        "станет платным",
        "мемлекеттен",
        "силтеме аркылы",
        "силтемеге отип",
        "малиметтеринизди енгизиниз",
        "verify",
        "will be deleted",
        "suspended",
        "claim your",
        "forward this",
    ),
    "adult": (
        "интим",
        "знакомств",
        "досуг",
        "эскорт",
        "для взрослых",
        "скучно",
        "пообщаться",
        "познаком",
        "массаж",
        "приеду к вам",
        "танысамыз",
        *("танысай", "танысу", "жалгызбын", "жалгыз журмин", "скучаешь", "singles"),
        "жалгыз кыз",
        "lonely",
        "check my profile",
        "hot photos",
        "массаж для мужчин",
        "откровенн",
        "escort",
        "dating",
        "hot girls",
        "nudes",
    ),
}

# Invitations to continue in private: where spam moves its victims.
DM_PHRASES: tuple[str, ...] = (
    "в лс",
    "в личк",
    "в личные",
    "в личном",
    "в директ",
    "в direct",
    "в вотсап",
    "в whatsapp",
    "в ватсап",
    "пишите мне",
    "напишите мне",
    "пиши мне",
    "пишите лично",
    "напишите лично",
    "жми на профиль",
    "ссылка в профиле",
    "в профиле",
    "ставьте плюс",
    "ставь плюс",
    "пиши плюс",
    "только в телеграм",
    "лс ке",
    "лска",
    "личкага",
    "личкаг",
    "жеке хатка",
    "жекеге",
    "жеке жаз",
    "маган жаз",
    "маган жеке",
    "dm me",
    "dm for",
    "dm now",
    "message me",
    "text me",
    "pm me",
    "inbox me",
    "write me",
    "privately",
    "link in bio",
    "contact me",
    # "лс" on its own ("… 1 күнде. Лс") and other messengers.
    "лс",
    "пишите на whatsapp",
    "пишите в whatsapp",
    "пишите на этот номер",
    "на вотсап",
    "пишите или звоните",
    "звоните или пишите",
    "whatsapp me",
)

# Calls to get in touch, of any kind: genuine posts say them too ("кто потерял,
# пишите"), so a call alone means nothing. An offer (a topic, an amount of
# money) followed by a call is the shape of an advertisement, whatever it sells.
CONTACT_CALLS: tuple[str, ...] = (
    *("пиши", "напишите", "напиши ", "обращайт", "обращат", "звони", "позвони", "жми"),
    *("переходи", "заходи", "загляни", "подписыв", "подпишись", "регистрируй", "записывайт"),
    *("зарегистрируй", "отклик", "подробност", "подробнее", "кому интересно", "кому актуально"),
    *("кто хочет", "жду", "жазыныз", "жазындар", "жазсаныз", "жазыл", "хабарласыныз"),
    *("хабарласындар", "коңырау шалыңыз", "тіркеліңіз", "өтіңіз", "профил"),
    *("write", "message", "text me", "dm", "contact", "join", "sign up", "follow", "subscribe"),
    *("apply", "click", "check my", "drop me", "whatsapp", "telegram", "ватсап", "вотсап"),
)


@dataclass(frozen=True)
class Vocabulary:
    """Compiled topics and invitation phrases."""

    topics: Mapping[str, re.Pattern[str]]
    invitations: re.Pattern[str]
    calls: re.Pattern[str]

    def topics_in(self, folded: str) -> list[str]:
        """The topics whose words appear in ``folded`` (a ``fold``-ed text)."""
        return [name for name, pattern in self.topics.items() if pattern.search(folded)]

    def invites_privately(self, folded: str) -> bool:
        return bool(self.invitations.search(folded))

    def calls_to_contact(self, folded: str) -> bool:
        return bool(self.calls.search(folded))


def _pattern(entries: Sequence[str]) -> re.Pattern[str]:
    folded = sorted({fold(entry) for entry in entries if fold(entry)}, key=len, reverse=True)
    # A word's beginning: a left boundary only, so endings and suffixes match.
    alternatives = "|".join(re.escape(entry) for entry in folded)
    return re.compile(rf"(?<!\w)(?:{alternatives})")


def build_vocabulary(extra: Mapping[str, Sequence[str]] | None = None) -> Vocabulary:
    """The shipped vocabulary plus ``extra`` (topic → entries; a new topic name
    makes a new topic, ``"invitations"`` extends the invitation phrases and
    ``"calls"`` the calls to get in touch)."""
    extra = dict(extra or {})
    invitations = list(DM_PHRASES) + list(extra.pop("invitations", ()))
    calls = list(CONTACT_CALLS) + list(extra.pop("calls", ()))
    topics: dict[str, list[str]] = {k: list(v) for k, v in DEFAULT_VOCABULARY.items()}
    for name, entries in extra.items():
        topics.setdefault(name, []).extend(entries)
    return Vocabulary(
        topics={name: _pattern(entries) for name, entries in topics.items() if entries},
        invitations=_pattern(invitations),
        calls=_pattern(calls),
    )
