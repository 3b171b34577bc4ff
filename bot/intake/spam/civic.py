"""What a genuine appeal talks about: the district's own business.

The opposite of ``vocabulary.py``: a post about the heating, the lift, the
yard or a street and house number is what the chats are for. These signs are
features for the classifier (they make a post less likely spam), never a pass.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.reading.address import AddressReader, street_list
from bot.reading.normalize import clean, fold

CIVIC_WORDS: tuple[str, ...] = (
    # Russian
    "акимат",
    "аким",
    "оси",
    "кск",
    "пик",
    "отоплен",
    "батаре",
    "горяч",
    "холодн",
    "вода",
    "воды",
    "воду",
    "водой",
    "водоснабж",
    "свет",
    "электр",
    "газ",
    "канализац",
    "лифт",
    "подъезд",
    "двор",
    "крыш",
    "кровл",
    "подвал",
    "мусор",
    "свалк",
    "яма",
    "ямы",
    "дорог",
    "тротуар",
    "асфальт",
    "фонар",
    "освещен",
    "снег",
    "гололед",
    "дерев",
    "собак",
    "шум",
    "сосед",
    "квартир",
    "дом ",
    "улиц",
    "проспект",
    "участков",
    "полиц",
    "школ",
    "садик",
    "поликлиник",
    "субсид",
    # The state's help a resident applies for: an allowance, social assistance.
    "пособи",
    "социальн",
    "адресн",
    "жардемак",
    "жилищн",
    "квитанц",
    "тариф",
    "отключ",
    "авари",
    "труб",
    "течет",
    "протек",
    # Kazakh (folded)
    "акимдик",
    "жылу",
    "су ",
    "жарык",
    "кокыс",
    "аула",
    "шатыр",
    "коше",
    "патер",
    "подъезд",
    "кориш",
    "коршил",
    "ит ",
    "иттер",
    "жол",
    "шункыр",
    "кабат",
    "турын уй",
    # English
    "heating",
    "water",
    "lift",
    "elevator",
    "yard",
    "pothole",
    "street",
    "flat ",
    "neighbour",
    "garbage",
    "akimat",
)
_CIVIC = re.compile(
    "(?<!\\w)(?:"
    + "|".join(re.escape(fold(w)) + (" " if w.endswith(" ") else "") for w in CIVIC_WORDS)
    + ")"
)
# A street or place followed by a house number: "Абая 47", "Кенесары 52", "кв 12".
_ADDRESS = re.compile(r"(?<!\w)[А-ЯЁӘІҢҒҮҰҚӨҺA-Z][\w-]{2,}\s+\d{1,3}(?:/\d+|[а-я])?(?!\d)")


# Why a neighbour asks to be written to: a thing found, lost or given away,
# signatures to gather, someone to recommend or a service they use themselves.
# A spammer's invitation names no such reason ("есть предложение", "бір сұрақ
# бар"). Signatures, not a subscription: "подписи", "подписать петицию", never
# "подпишись", "подписчики".
_PURPOSE = re.compile(
    r"(?<!\w)(?:нашл|нашел|наш[её]л|потерял|пропал|забыл|таптым|тауып|жоғал|жогал|found|lost"
    r"|подпис(?:ь|и|ей|ям|ями|ях)(?!\w)|подписать (?:петиц|обращ|письм|жалоб|заявл)"
    r"|кол жина|қол жина|петици|signature|собрани|жиналыс"
    r"|отдам|отдаю|в добрые руки|тегин берем\w* (?:мысык|кушик|котят|щен)"
    r"|посоветуйте|порекомендуйте|кто знает хорош|if you know|know a good|recommend"
    # Vouching by one's own use: "есть бот водоканала, удобно, сама пользуюсь".
    r"|сама пользуюсь|сам пользуюсь|пользуюсь сама|пользуюсь сам|озим колданам|озим пайдаланам"
    r"|i use it myself"
    r"|билетин адам|номерин билет|телефонын билет)"
)
# A neighbour warning against a scam or asking whether something is one, or
# asking the admins to remove the spammers (a spammer never asks for his own
# post to go: "удалите бота", "оларды өшіріңіз", "please remove them"). Not the
# spammer's reassurance: "без обмана", "не развод".
_WARNING = re.compile(
    r"(?<!без )(?<!не )(?<!bez )(?<!ne )(?<!\w)(?:обман|развод(?![ыоа])|мошенни|лохотрон|алаяк"
    r"|осторожн|не ведитесь|не переходите|абай бол|сактан|scam|fraud|beware|это правда"
    # Not to send money, not to believe, not to be fooled: ru, kk, en, in Latin letters.
    r"|(?:никому )?не (?:переводите|отправляйте|скидывайте|верьте|попадайтесь|покупайтесь)"
    r"|будьте (?:бдительн|внимательн)|аферист|жулик|фейков|ешкимге (?:акша|ештене)"
    r"|аударман|сенбениз|сенбендер|алданбан|(?:силтеме|сылтеме)\w* (?:отпе|кирме)"
    r"|moshenn|ostorozhn|ne vedites|obman|razvod"
    r"|abai bol|abay bol|alaiaq|alayaq|alaiak|alayak|eshkimge|audarman"
    r"|warning|watch out|be aware|don t (?:send|transfer|pay|trust|fall|reply|share)"
    r"|do not (?:send|transfer|pay|trust|fall|reply|share)|never (?:send|pay|share)"
    r"|there are fake|fake \w+ (?:\w+ )?(?:messages|posts|offers|accounts|jobs)"
    r"|предупрежда|ескерт|фишинг|phishing|якобы|не нажимайте|не сообщайте|ешкимге код"
    r"|пытались оформить|пытались взять|от их имени|алдан|алдамш"
    r"|be careful|don t click|do not click|fake (?:\w+ )?(?:sms|message|text|link|call|site)"
    r"|удалите|удалить (?:их|бот|эт)|забаньте|заблокируйте|оширин|оширип таста"
    r"|(?:remove|ban|block) (?:them|this|these|the bot))"
)
# A warning that calls the thing a scam, not merely "I warn you" ("это
# фишинг", "алаяқтар", "fake messages"): a spammer who borrows a warning's
# shape denies it ("это не фишинг", "не развод").
_EXPOSES = re.compile(
    r"(?<!без )(?<!не )(?<!ne )(?<!not )(?<!no )(?<!\w)(?:обман|развод(?![ыоа])|мошенни|лохотрон"
    r"|алаяк|аферист|жулик|фишинг|фейк|алдамш|moshenn|obman|razvod|alaiaq|alayaq|alaiak|alayak"
    r"|scam|fraud|phishing|fake)"
)
# A resident selling their own thing or offering a neighbour's service: a used
# or home-made thing, a children's thing, a price to agree, a place nearby.
# Spam sells nothing second-hand and names no yard. A neighbour hiring is one
# too: the writer pays ("оплачу", "ақысын төлеймін") or names their own shop
# ("в наш магазин нужен продавец"); spam's job pays the reader, by the day. So
# is a neighbour seeking work, in the first person ("ищу работу дворником",
# "жұмыс іздеп жүрмін"); spam asks "іздеп жүрсіз бе?".
_OWN = re.compile(
    r"(?<!\w)(?:в (?:хорошем|отличном|нормальном) состоянии|б у(?!\w)|самовывоз|со своего"
    r"|своими руками|домашн|детск|detsk|цена договорная|по району|в районе|в нашем (?:доме|районе)"
    r"|рядом с|за домом|покажу работы|студентк|есть опыт с|жаксы куйде|уйде жасалган"
    r"|уйден кабылда|озим жаса|балалар|балаларга арналган|саудага|жеке касипкер"
    r"|оплачу|заплачу|акысын толеймин|i will pay|i ll pay|у хозяйки|у хозяина"
    r"|в (?:наш|нашу|наше) (?:магазин|кафе|пекарн|столов|аптек|салон|дукен)"
    r"|(?:біздің|бiздiн|биздин) (?:дукен|дүкен|кафе|наубайхана)"
    r"|ищу работу|ищу подработку|издеп журмин|izdep jurmin|izdep zhurmin"
    r"|i m looking for (?:a )?(?:job|work)|looking for (?:a job|work) as)"
)
# A neighbour's collection for someone the writer knows: a need (an operation,
# treatment, a funeral, a fire) of a person tied to the writer's house, school
# or family ("көршіміздің баласына ота керек", "у соседки сгорела квартира",
# "родительский комитет собирает на лечение нашей учительницы"). The writer
# vouches for them; a stranger's appeal ("помогите спасти маленькую Айлин")
# names nobody it knows. "Соседи," as a greeting ties nobody.
_AID_NEED = (
    r"(?<!\w)(?:операци|ота(?:га|сы|ны|дан)?(?!\w)|лечени|емдел|похорон|жерлеу|сгорел|погорел"
    r"|орт(?:те|тен|ке|ен|ы)?(?!\w)|пожар|больниц|аурухан|fire|funeral|surgery|hospital|treatment)"
)
_AID_TIE = (
    r"(?<!\w)(?:(?:наш|нашей|нашему|нашего|нашу|наша|наших|моей|моему|моего|мою|моя|мой)"
    r" (?:сосед|учител|однокласс|коллег|воспитател|тренер|дворник|вахтер|консьерж|бабушк|дедушк)"
    r"|сосед(?:ке|ку|ки|у|а|ей|ского|ской|ям)(?!\w)|коршим|коршиниз|коршилерим"
    r"|сыныптас|мугалим|родительск\w* комитет|ата ана\w* комитет|старш\w* по (?:дому|подъезду)"
    r"|\d+ (?:й |я )?(?:квартир|подъезд)|our (?:neighbo|teacher)|my neighbo|neighbou?r s|classmate)"
)
_AID = re.compile(rf"{_AID_NEED}.*{_AID_TIE}|{_AID_TIE}.*{_AID_NEED}")
# A decision made about the writer: a refusal they complain of ("мне отказали в
# социальной помощи", "жәрдемақыдан бас тартты"). Spam offers to undo one only
# with a question ("Вам отказали в кредите?").
_REFUSED = re.compile(
    r"(?<!\w)(?:мне|нам|маме|папе|бабушке|дедушке|маган|бизге) (?:\w+ )?(?:отказали|не назначили"
    r"|не одобрили)|(?<!\w)(?:маган|бизге) (?:\w+ )*?бас тартты|(?<!\w)i was (?:refused|denied)"
)
# The state's own sites and the maps (``checks.DEFAULT_ALLOWED_DOMAINS``): a post
# that sends residents there is the district's business; no spam in the corpus
# links to one. Whole labels, so "egov.kz.example.top" and "my-egov.kz" are not.
_SITE = re.compile(
    r"(?<![\w.-])(?:[a-z0-9-]+\.)*(?:gov\.kz|egov\.kz|eotinish\.kz|astana\.kz|2gis\.(?:kz|ru|com)"
    r"|yandex\.(?:kz|ru|com)/maps|google\.(?:com|kz)/maps|maps\.app\.goo\.gl|openstreetmap\.org)"
    r"(?!\.?[\w-])",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)
def civic_signs(text: str) -> tuple[str, ...]:
    """Read once per post (the verdict and the classifier's features both ask).
    Feature names: ``civic`` (the district's business), ``purpose`` (a found
    or lost thing, signatures), ``address``, ``question`` (a genuine post often
    asks), ``warning`` (against a scam), ``exposes`` (a warning that calls something
    a scam), ``house`` (a house of the district), ``refused`` (a decision the writer
    complains of), ``own``
    (a resident's own thing for sale, a neighbour's service or job), ``site`` (a
    link to the state's own site or a map), ``aid`` (a collection for someone the
    writer knows)."""
    signs = []
    folded = fold(text)
    if _CIVIC.search(folded + " "):
        signs.append("civic")
    if states_purpose(folded):
        signs.append("purpose")
    if _ADDRESS.search(clean(text)):
        signs.append("address")
    if "?" in text:
        signs.append("question")
    if _WARNING.search(folded):
        signs.append("warning")
        if _EXPOSES.search(folded):
            signs.append("exposes")
    if names_a_house(text):
        signs.append("house")
    if _OWN.search(folded):
        signs.append("own")
    if _SITE.search(text):
        signs.append("site")
    if _AID.search(folded):
        signs.append("aid")
    if _REFUSED.search(folded):
        signs.append("refused")
    return tuple(signs)


@lru_cache(maxsize=1)
def _addresses() -> AddressReader:
    return AddressReader(street_list())


@lru_cache(maxsize=1024)
def names_a_house(text: str) -> bool:
    """Whether ``text`` names a street of the district's list and a house on it
    ("Самал 3", "ул. Кенесары 40"): not "Скидка 10", not "Одобрение 99%"."""
    found = _addresses().read(text)
    return found is not None and found.street.known and found.house is not None


def states_purpose(folded: str) -> bool:
    """Whether a ``fold``-ed post names a neighbour's reason to be written to."""
    return bool(_PURPOSE.search(folded))
