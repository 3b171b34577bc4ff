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

from bot.intake.spam.invitations import CONTACT_CALLS, DM_PHRASES, invites
from bot.reading.normalize import fold

DEFAULT_VOCABULARY: dict[str, tuple[str, ...]] = {
    # Easy money and remote "jobs".
    "earnings": (
        *("заработ", "зарабатыва", "подзаработ", "доход", "подработ", "удален", "удаленк"),
        *("на дому", "не выходя из дома", "работа из дома", "работать из дома"),
        # Work done on a phone; "пишу с телефона" is a resident's excuse for typos.
        *("работа с телефона", "работать с телефона", "день с телефона", "с телефона по"),
        *("свободный график", "выплаты каждый день", "оплата сразу", "оплата ежедневно"),
        *("без вложений", "без опыта", "опыт не нужен", "пассивн", "вакансия", "требуются"),
        *("набираем", "в команду", "схем", "лайкать", "отзыв за", "табыс", "акша табу", "косымша"),
        # "Үйден" alone is "from the house" ("апатты үйден көшіру"): work from it.
        *("уйден жумыс", "уйден шыкпай", "уйден кунине", "уйден табыс", "уйден акша"),
        *("тажирибе керек емес",),
        *("акша тап", "акша таб", "уйде отырып", "жумыс бар", "зарплата на карт"),
        *("через интернет", "работа в интернет", "aksha", "jumys", "tabys", "uyde"),
        *("earn", "income", "hiring", "remote work", "work from", "daily payout"),
        *("no experience", "passive"),
        # Hours a day from home, paid daily: the job offer's shape in any wording.
        *("пару часов", "выплаты ежедн", "ежедневные выплат"),
        *(
            "платят хорошо",
            "работы в телефоне",
            "работа в телефоне",
            "ответственных людей",
            "в нашу команд",
        ),
        *("командаға қосыл", "тәжірибе қажет емес", "төлем күн сайын", "табасыз"),
        *("жұмыс керек болса", "жумыс керек болса"),
        # Russian typed in Latin letters.
        *("zarabot", "podrabot", "dohod", "na domu"),
        # Easy money, paid by the day for an hour or two.
        *("легкие деньги", "легкие акша", "easy money"),
        # Money put in and taken out multiplied: "вложил 100к, получил 300к".
        *("вложил", "вложила", "вложили", "вывели", "вывел", "знакомого брокер"),
        *("rabota dlya", "udalenn", "zhumys bar", "jumys bar"),
        *("payment every day", "paid daily", "paid every day", "hours daily"),
        *("обучаю с нуля", "научу зарабат", "научу как"),
    ),
    "crypto": (
        *("крипт", "биткоин", "битко", "usdt", "tether", "binance"),
        *("арбитраж", "бирж", "trading", "p2p", "связк", "майнинг", "токен", "монет", "листинг"),
        *("инвестиц", "сигнал", "bitcoin", "crypto", "btc", "staking", "invest", "signals"),
        *("double your", "nft", "есе өсед", "удвои", "x10", "иксы"),
        *("kript", "bitkoin", "birzh"),
    ),
    "betting": (
        *("казино", "ставк", "ставок", "букмекер", "фриспин", "слот", "прогноз"),
        *("договорные матч", "договорной матч", "договорняк"),
        *("экспресс", "авиатор", "бонус", "депозит", "промокод", "лотере", "выигрыш", "утыс"),
        *("утып", "ставка жаса", "casino", "bet", "betting", "odds", "fixed match", "free spins"),
        *("jackpot", "slots"),
        *("ұтыс", "ұтып ал"),
        # The casino's slang ("казик") and its "mirror", a copy of a blocked site.
        *("казик", "рабочее зеркало", "зеркало казино"),
        *("stavk", "stavok", "kazino", "kazik", "vyigr", "viigr"),
    ),
    "loans": (
        *("займ", "заем", "микрозайм", "кредит", "в долг", "одобрен", "без провер"),
        *("кредитной истори", "без справок", "без отказа", "без залога", "под залог"),
        *("рефинансир", "спишем долг", "списание долг", "несие", "карыз", "тексерусиз"),
        *("кепилсиз", "loan", "credit check", "instant approval", "cash advance"),
        *("i can lend", "lend you"),
        # Approval promised before anyone has looked: "100% мақұлдау", no down payment.
        *("мақұлдау", "бастапқы жарнасыз", "алғашқы жарнасыз"),
        # Money on the card within minutes: "30 минут на карту", "30 минутта картаға".
        *("минут на карт", "минутта карт", "минутта шотка"),
    ),
    "documents": (
        *("справк", "certificate", "больничн", "диплом", "аттестат", "медкнижк", "права без"),
        *("без экзамен", "без посещения", "внесение в базу", "проводка через базу"),
        *("задним числом", "прописк", "временная регистрац", "аныктама", "ауру параг"),
        *("емтихансыз", "куалиг", "documents", "passport", "driver s license", "diploma", "fake"),
        # Papers without the procedure: "без сдачи", "помогу оформить".
        *("без сдачи", "медсправк", "помогу оформить", "поможем оформить"),
        *("оформлю", "военный билет", "военник", "әскери билет", "әскерге бармай"),
        *("без армии", "техосмотр без", "құжат заңды", "оплата по факту", "экзаменсіз"),
        # An official outcome bought past its queue or office, its result
        # guaranteed: "вне очереди, есть знакомые в акимате, 100% результат".
        *("вне очереди", "есть знакомые в", "есть человек в", "есть свой человек"),
        *("100% результат", "результат 100%", "гарантия 100%", "100% гарантия", "кезексіз"),
        *("100% кепілдік", "кепілдік 100%", "бармай-ақ", "предоплата за оформлен"),
        # Signatures, licences, permits and firms sold to whoever writes: "ЭЦП юрлиц",
        # "лицензия СРО, допуски", "регистрация ТОО на ваше имя", "базаға енгіземіз".
        *("эцп", "электронную подпис", "электронной подпис", "лицензия сро", "допуски"),
        *("сертификаты", "сертификаттар", "на ваше имя", "базаға енгіз"),
    ),
    "giveaway": (
        *("розыгрыш", "раздач", "раздаю", "дарим", "подарк", "приз", "подпишись", "подписывайся"),
        *("отметь", "итоги", "победител", "выплата каждому", "сыйлык", "таратамыз", "жениспаз"),
        *("жазылып", "арнага", "giveaway", "free gift", "claim", "winner", "congratulations"),
        # Kazakh "we raffle", "subscribe", "tag your friends", by their stems.
        *("ойнатамыз", "каналға тіркел", "ойнатам", "ойнату", "белгіле", "досыңды", "достарыңды"),
        *("условия в закреп", "условия конкурс", "разыгрываю", "разыгрываем", "разыграем"),
    ),
    # An unnamed offer, the polite spammer's bait: "есть предложение, пишите".
    "offer": (
        *("есть предложен", "выгодное предложен", "интересное предложен", "предлагаю"),
        *("отличное предложен", "хотите узнать как я", "кто хочет узнать как я"),
        *("есть тема", "бонус", "промокод"),
        *("ұсыныс бар", "ұсынысым бар", "мүмкіндік бар", "ұсынамын"),
        *("offer", "opportunity", "side hustle", "bonus", "promo code"),
        # A teaser that names nothing: "есть важная информация, не пожалеете".
        *("важная информац", "полезная информац", "не пожалеете", "расскажу подробн"),
        *("всё расскажу", "все расскажу", "объясню", "маңызды ақпарат", "пайдалы ақпарат"),
        *(
            "предложение бар",
            "есть вариант",
            "түсіндіремін",
            "something useful",
            "won t regret",
            "беру в долю",
        ),
        # A talk or a job the post will not name: "есть важный разговор".
        *("важный разговор", "важный вопрос", "бір сұрақ бар", "маңызды сұрақ", "есть дело"),
        *("одного дела", "кое-что обсудить", "касается вас лично", "полезную инф"),
        *("manyzdy akparat", "something interesting", "interesting offer"),
    ),
    # Goods and services advertised to the chat.
    "ads": (
        *("скидк", "акция", "недорого", "дешево", "доставк", "на заказ", "заказ в", "под ключ"),
        *("замер", "продам", "куплю", "продаю", "магазин", "прайс", "накрутк", "подписчик"),
        *("рассылк", "обмен", "продвижени", "арзан", "тапсырыс", "жеткизу", "жеңилдик"),
        *("discount", "sale", "order now", "delivery", "promo", "followers"),
        *("оптом", "реплик", "похуден", "без диет", "капсул"),
        *("бады", "ресниц", "макияж", "маникюр", "наращиван", "шугаринг", "базу номеров"),
        *("базы номеров", "с выездом", "выезд в любой", "чистка ковров", "изготовлен"),
        *("мастер на час", "грузоперевоз", "грузчики", "заказга кабылда", "на заказ"),
    ),
    # Phishing and chain letters: a "payment from the state", an account "about
    # to be deleted", a message to forward.
    "scam": (
        *("положена компенсац", "положена выплат", "выплата каждому", "проверьте на сайте"),
        *("проверь себя", "введите данные", "подтвердите", "будет удален", "будет заблокирован"),
        *("перешли", "перешлите", "отправь в", "станет платным", "мемлекеттен", "силтеме аркылы"),
        *("силтемеге отип", "малиметтеринизди енгизиниз", "verify", "will be deleted"),
        *("suspended", "claim your", "forward this"),
        # Accounts to "confirm", logins to give away, votes that steal accounts.
        *("пройдите по ссылке", "перейдите по ссылке", "войдите через", "авторизуй"),
        *("введите код", "код из смс", "голосуйте", "проголосуй", "подтвердите аккаунт"),
        *("верификац", "растаңыз", "реквизиты в профил", "собрать на операц", "любой сумм"),
        *("төлем қайтарым", "заполните анкету", "confirm your", "your account"),
        # A stranger asking for the national id number in private.
        *("напишите мне иин", "напишите иин", "скиньте иин", "пришлите иин", "иин жаз"),
        # Fortune telling and spells, sold to the chat.
        *("гадани", "гадаю", "таро", "приворот", "порч", "сглаз", "бал ашам", "бал ашу"),
        *("tarot", "love spell", "transfer fund"),
        # A stranger's appeal for money: a child to save, "any amount".
        *("помогите спасти", "спасти жизнь", "любая сумм", "каждый тенге", "кто сколько мож"),
        *("кез келген сома", "кім қанша", "ота жасау керек", "ота керек", "any amount", "donate"),
        *("на лечение", "на операци", "срочная операц", "ауыр науқас", "көмек қажет"),
        # Bank details handed out in private: "напишите в личку, дам реквизиты".
        *("дам реквизит", "скину реквизит", "отправлю реквизит", "помочь деньгами"),
    ),
    "adult": (
        *("интим", "знакомств", "досуг", "эскорт", "для взрослых", "скучно", "пообщаться"),
        *("познаком", "массаж", "приеду к вам", "танысамыз"),
        *("танысай", "танысу", "жалгызбын", "жалгыз журмин", "скучаешь", "singles"),
        *("жалгыз кыз", "lonely", "check my profile", "hot photos", "массаж для мужчин"),
        *("откровенн", "escort", "dating", "hot girls", "nudes"),
        *(
            "скучаю",
            "одинокие девушки",
            "одиноких девушек",
            "скучает",
            "девушки рядом",
            "смотри фото",
            "фото в профил",
        ),
        *("қыздардың сурет", "қыздар сурет"),
        *("kezdesu", "kyzdar bar", "znakomst", "intim"),
        *("friends to chat", "someone to chat", "chat with me", "looking for friends"),
        *("ищу друзей", "ищу интересных людей", "для общения", "hang out"),
        *("18+ контент", "фото профильде", "горячие видео", "горячие фото", "hot video"),
        # Meetings offered, a generous man sought, girls "waiting for you".
        *("приятных встреч", "приятного общен", "щедрого мужчин", "щедрый мужчин"),
        *("әдемі қыздар", "қыздары сені", "сені күтуде", "sugar daddy"),
        *("танысқым кел", "looking for good friends", "looking for new friends"),
    ),
    # A channel or a bot advertised to the chat: "подпишись на мой канал".
    "promotion": (
        *("менің канал", "каналым", "каналға жазыл", "каналға тіркел", "в моем канал"),
        *("на мой канал", "в нашем канал", "на наш канал", "подписывайтесь на канал"),
        *("подпишитесь на канал", "my channel", "join our channel"),
    ),
}


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
        return invites(folded, self.invitations)

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
