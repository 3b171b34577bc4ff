# Қазақша: толық каталог. Кілттер барлық тілдерде бірдей.

## Тұрғындар чатындағы растау
ack-reply = Өтінішіңіз <b>{ $code }</b> нөмірімен тіркелді. Әкімдік қызметкерлері оны қарап, осы жерде, хабарламаңыздың астында жауап береді. Қарау мерзімі — { $due } дейін.
ack-emergency = 🚨 Шұғыл көмек қажет болса, 102 (полиция) немесе 112 нөміріне қоңырау шалыңыз — бұл чат шұғыл қызметтерді алмастырмайды.
ack-together = Өтініштер тіркелді, әрқайсысының өз нөмірі бар. Әкімдік қызметкерлері әркімге осы жерде, өз хабарламасының астында жауап береді.
ack-together-line = <b>{ $code }</b> — { $author }
ack-together-line-problem = <b>{ $code }</b> — { $author } · { $problem } мәселесі

## Қызметкерлер чатындағы карточка
card-header = { $badge } <b>{ $code }</b> · { $chat }
card-author = 👤 { $author } · { $when }
card-open-post = ↗ хабарламаны ашу
card-album = { $media } (альбомда { $count })
card-media = 📎 { $media }
card-status = Күйі: <b>{ $status }</b> · Орындаушы: { $assignee }
card-unassigned = —
card-due = ⏰ Жауап: { $response } дейін · қарау мерзімі: { $resolve }
card-overdue = ⚠️ мерзімі өткеніне { $age }
card-followups = 💬 Тұрғынның толықтырулары: { $count } · соңғысы: { $last }
card-resolution = Нәтиже: { $resolution }
card-cut = … [мәтін қысқартылды, толығы — сілтеме бойынша]
caption-cut = … [қысқартылды]
card-answers = ✍️ Жауаптар: { $count } · соңғысы: { $last }
card-notes = 📝 Жазбалар: { $count } · соңғысы: { $last }
card-post-deleted = 🗑 Хабарлама чаттан жойылды
card-delete-failed = ⚠️ Хабарламаны жою мүмкін болмады: { $error }
card-banned = 🔨 Автор чатта бұғатталды
card-ban-failed = ⚠️ Авторды бұғаттау мүмкін болмады: { $error }

status-new = жаңа
status-assigned = жұмыста
status-answered = жауап берілді
status-closed = жабылды

resolution-resolved = шешілді
resolution-rejected = қабылданбады
resolution-duplicate = қайталама
resolution-spam = спам

media-photo = фото
media-video = бейне
media-document = құжат
media-voice = дауыстық хабарлама
media-audio = аудио
media-video_note = бейнехабарлама
media-location = геолокация
media-animation = анимация

## Карточка батырмалары
btn-take = ✋ Алу
btn-assign = 👤 Тағайындау
btn-reassign = 👤 Қайта тағайындау
btn-answer = ✍️ Жауап беру
btn-close = ✅ Жабу
btn-spam = 🚫 Спам
btn-reopen = ↩️ Қайта ашу
btn-ban = 🔨 Авторды бұғаттау
btn-ban-confirm = 🔨 Иә, бұғаттау
btn-back = ⬅️ Артқа
btn-close-resolved = ✅ Шешілді
btn-close-rejected = ❌ Қабылданбады
btn-close-duplicate = 📑 Қайталама
btn-prev = ◀️ Артқа
btn-next = Әрі қарай ▶️

## Басуларға жауаптар (қалқымалы)
press-unavailable = Бұл батырма қазір қолжетімсіз.
press-not-staff = Мұны тек әкімдік қызметкерлері жасай алады.
press-wrong-chat = Карточка батырмалары тек қызметкерлер чатында жұмыс істейді.
press-unknown-ticket = Мұндай өтініш жоқ.
press-stale = Бұл карточка ескірген: соңғысымен жұмыс істеңіз (/ticket { $code }).
press-wrong-state = Мүмкін емес: { $code } өтініші қазір «{ $status }».
press-taken-by = { $code } өтінішімен { $name } айналысып жатыр.
press-took = Сіз { $code } өтінішін алдыңыз.
press-assigned = { $code } тағайындалды: { $name }.
press-choose-moderator = { $code } өтінішін кімге тағайындау керек?
press-not-moderator-choice = Бұл адам модераторлар тізімінде жоқ.
press-choose-resolution = { $code } қалай аяқталды?
press-closed = { $code } жабылды: { $resolution }.
press-reopened = { $code } қайта жұмыста.
press-spam = { $code } спам ретінде жабылды.
press-ban-confirm = { $code } авторын чатта бұғаттау керек пе?
press-banned = { $code } авторы бұғатталды.
press-ban-failed = Бұғаттау мүмкін болмады: { $error }
press-answer-prompt = Жауапты бот хабарламасына жауап ретінде жазыңыз.

## Тұрғындарға жауаптар
answer-prompt = ✍️ { $moderator }, <b>{ $code }</b> өтінішіне жауап: осы хабарламаға мәтінмен, фотомен, құжатпен немесе дауыстық хабарламамен жауап беріңіз. Ішкі жазба қалдыру үшін «!» белгісінен бастаңыз.
answer-public-title = 💬 <b>{ $code }</b> өтініші бойынша жауап:
answer-private-title = 💬 Сіздің <b>{ $code }</b> өтінішіңізге жауап («{ $chat }»):
answer-unsupported = Жауап мәтін, фото, құжат, бейне немесе дауыстық хабарлама болуы мүмкін.
answer-closed = { $code } жабылған: жауап беру үшін оны қайта ашыңыз (↩️).
answer-not-staff = Өтініштерге тек модераторлар жауап бере алады.
close-notice = <b>{ $code }</b> өтініші жабылды: { $resolution }.
close-notice-private = Сіздің <b>{ $code }</b> өтінішіңіз («{ $chat }») жабылды: { $resolution }.
assigned-notice = 👤 Сізге <b>{ $code }</b> өтініші тағайындалды («{ $chat }»): { $link }
chat-unreachable = 🚨 Бот «{ $chat }» чатына жаза алмайды: { $error }. Ботты чатқа әкімші ретінде қайтарыңыз — әзірге растаулар мен жауаптар ол чатқа жетпейді.
staff-chat-lost = 🚨 Бот модераторлар чатына жаза алмайды: { $error }. Өтініш карточкалары мен хабарламалар жоғалмайды: олар күтіп тұр және ботты чатқа әкімші ретінде қайта қосқан бойда сонда жеткізіледі.
intake-failed = ⚠️ Хабарламаны өтініш ретінде тіркеу мүмкін болмады. Оны қолмен өңдеңіз: { $link }
    Автор: { $author }
    Мәтін: { $text }

## Қызметкерлер командалары
open-title = Ашық өтініштер: { $total } ({ $first }–{ $last } көрсетілген, алдымен ең ескілері)
mine-title = Сіздің ашық өтініштеріңіз: { $total } ({ $first }–{ $last } көрсетілген)
open-empty = Ашық өтініштер жоқ.
open-line = <b>{ $code }</b> · { $age } · { $status } · { $assignee } · { $excerpt }
age-days = { $n } күн
age-hours = { $n } сағ
age-minutes = { $n } мин
find-usage = Не іздеу керектігін жазыңыз: /find сөздер (код, мәтін, мекенжай немесе көше, санат, автордың аты)
find-empty = Ештеңе табылмады.
find-title = Табылды: { $count }
ticket-usage = Кодты жазыңыз: /ticket H-42
history-usage = Кодты жазыңыз: /history H-42
ticket-not-found = { $code } өтініші жоқ.
history-title = <b>{ $code }</b> тарихы:
history-line = { $when } · { $who } · { $what }

event-created = түсті
event-take = жұмысқа алынды
event-assign = тағайындалды
event-answer = жауап берілді
event-note = жазба
event-close = жабылды
event-reopen = қайта ашылды
event-followup = тұрғынның толықтыруы
event-edited = автор мәтінді өзгертті
event-post_deleted = хабарлама чаттан жойылды
event-post_delete_failed = хабарламаны жою мүмкін болмады
event-author_banned = автор бұғатталды
event-ban_failed = авторды бұғаттау мүмкін болмады
event-card_reposted = карточка төменге көшірілді
event-acknowledged_together = басқа өтініштермен бірге бір хабарламамен тіркелді

## Командалар мәзірі
cmd-open = ашық өтініштер, алдымен ескілері
cmd-mine = менің ашық өтініштерім
cmd-ticket = H-42 — карточканы чаттың төменгі жағында көрсету
cmd-find = сөздер — мәтін, автор, код бойынша іздеу
cmd-history = H-42 — өтініш тарихы

## Шұғыл өтініштер
btn-urgent = 🔴 Шұғыл
btn-not-urgent = ⚪ Шұғыл емес
press-urgent = { $code } шұғыл деп белгіленді: әкімге хабарланды.
press-not-urgent = { $code } енді шұғыл емес.
urgent-alert = 🔴 Шұғыл өтініш <b>{ $code }</b> («{ $chat }»):
    «{ $text }»
    { $link }
urgent-head-unreachable = ⚠️ { $count ->
        [1] Басшы (әкім немесе орынбасар) ботты жеке хабарламада әлі іске қоспаған, сондықтан дабыл осында келді. Одан ботқа /start жіберуін сұраңыз.
       *[other] Басшылар (барлығы { $count }) ботты жеке хабарламада әлі іске қоспаған, сондықтан дабыл осында келді. Олардан ботқа /start жіберуін сұраңыз.
    }
outage-alert = ⚡ Апатқа ұқсайды: <b>{ $code }</b> «{ $title }» мәселесі бойынша { $minutes } минутта { $recent } өтініш түсті (барлық тұрғын: { $residents }).
    { $link }
event-priority = шұғылдық өзгертілді

## Мерзімдер
reminder = ⏰ <b>{ $code }</b>: тұрғынға жауап { $due } дейін қажет. Орындаушы: { $assignee }. { $link }
overdue-response = ⏰ Алғашқы жауаптың мерзімі өтті: <b>{ $code }</b> («{ $chat }»), мерзімі { $due } болатын. Орындаушы: { $assignee }. { $link }
overdue-resolve = ⏰ Қарау мерзімі өтті: <b>{ $code }</b> («{ $chat }»), мерзімі { $due } болатын. Орындаушы: { $assignee }. { $link }
event-reminder_response = жауап мерзімі туралы еске салу
event-overdue_response = алғашқы жауаптың мерзімі өтті
event-overdue_resolve = қарау мерзімі өтті

# ⏳ Extend: a later resolution deadline (APK RK art. 76: at most two months in all).
btn-extend = ⏳ Мерзімді ұзарту
btn-extend-to = { $day } дейін
btn-extend-max = { $day } дейін (шегі: 2 ай)
press-extend-choose = { $code }: қараудың жаңа мерзімін таңдаңыз.
press-extend-max = { $code }: мерзім шегіне дейін ұзартылған — түскен күннен бастап екі ай.
press-extend-reason = Бот хабарламасына жауап ретінде ұзарту себебін жазыңыз.
extend-prompt = { $moderator }, <b>{ $code }</b> мерзімі неге { $due } дейін ұзартылады? Осы хабарламаға жауап беріңіз — себебін тұрғын алады.
extend-reason-needed = Себебін бот хабарламасына жауап ретінде мәтінмен жазыңыз.
extend-refused = { $code } мерзімі ұзартылмады: өтініш жабылған немесе мерзімі одан әрі ұзартылған.
extend-notice-public = <b>{ $code }</b> өтінішін қарау мерзімі { $due } дейін ұзартылды. Себебі: { $reason }
extend-notice-private = Сіздің <b>{ $code }</b> («{ $chat }») өтінішіңізді қарау мерзімі { $due } дейін ұзартылды.
    Себебі: { $reason }
card-extended = ⏳ Мерзім { $due } дейін ұзартылды: { $reason }
event-extend = мерзім ұзартылды

# An update aiogram could not read, handed to the staff as text.
unreadable-update = ⚠️ Телеграм «{ $chat }» чатынан бот оқи алмаған хабарлама жіберді, сондықтан ол бойынша өтініш ашылмады. Авторы: { $author }. { $link }
    Мәтіні: { $text }
