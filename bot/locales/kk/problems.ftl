# Мәселелер: бір жердегі бір оқиға, тұрғындардың көп өтініші.

## Өтініш мәселеге қосылғанда тұрғындар чатындағы растау
ack-problem = Өтінішіңіз <b>{ $code }</b> нөмірімен тіркелді. Бұл мәселе бойынша бізге { $residents } тұрғын жүгінді — бұл <b>{ $problem }</b> мәселесі, әкімдік қызметкерлері онымен айналысып жатыр және осы жерде, хабарламаңыздың астында жауап береді. Қарау мерзімі — { $due } дейін.
ack-problem-state = Қазіргі күйі: { $status }.

## Мәселе карточкасы
problem-card-header = 📌 { $badge } <b>{ $code }</b> · { $title }
problem-card-counts = 👥 Тұрғындар: <b>{ $residents }</b> · өтініштер: { $appeals } (ашық: { $open })
problem-card-merged = 🔗 Басқа мәселемен біріктірілді: өтініштері сонда ауыстырылды.
problem-card-newest = Соңғы өтініштер:
problem-card-line = { $mark }{ $code } · { $author }: { $text }
problem-card-reply = ↩️ Осы карточкаға берілген жауапты ашық өтініші бар әр тұрғын өз хабарламасының астынан алады.
card-in-problem = 📌 <b>{ $code }</b> мәселесінде (тұрғындар: { $residents })

## Батырмалар
btn-make = 📌 Мәселе ету
btn-make-pair = 📌 { $codes } және осыдан мәселе құру
btn-attach = 📌 Мәселеге қосу
btn-attach-to = 📌 { $code } мәселесіне қосу (тұрғындар: { $residents })?
btn-detach = ✂️ Мәселеден бөлу
btn-problem-merge = 🔗 Біріктіру
btn-problem-detach = ✂️ Өтінішті алып тастау
btn-problem-retitle = ✏️ Атауы

## Батырмаға жауаптар
press-problem-made = { $code } мәселесі құрылды.
press-problem-attached = { $ticket } { $code } мәселесіне қосылды.
press-problem-detached = { $ticket } { $code } мәселесінен бөлінді: оның қайтадан өз карточкасы бар.
press-problem-choose-merge = { $code } қай мәселемен біріктіріледі? Немесе карточкаға «біріктіру P-7» деп жауап беріңіз.
press-problem-no-merge = { $code } біріктіруге болатын басқа ашық мәселе жоқ.
press-problem-merged = { $code } { $into } мәселесімен біріктірілді.
press-problem-choose-detach = { $code } мәселесінен қай өтінішті алып тастау керек?
press-problem-nothing-to-detach = { $code } мәселесінде өтініш жоқ.
press-problem-retitle = Боттың хабарламасына жаңа атаумен жауап беріңіз.
press-problem-wrong-state = Болмайды: { $code } мәселесі қазір «{ $status }».
press-problem-unknown = Мұндай мәселе жоқ.
press-problem-stale = Бұл карточка ескірген: { $code } мәселесінің соңғы карточкасымен жұмыс істеңіз.
press-problem-gone = Бұл өтініш енді мәселеде емес.

## Қызметкерлер чатындағы нұсқаулар мен жауаптар
problem-answer-prompt = ✍️ { $moderator }, <b>{ $code }</b> мәселесі бойынша жауап: осы хабарламаға жауап беріңіз. Жауапты ашық өтініші бар әр тұрғын өз хабарламасының астынан, ал ботқа жазған болса, жеке хабарламадан да алады.
problem-retitle-prompt = ✏️ { $moderator }, <b>{ $code }</b> мәселесінің жаңа атауы: осы хабарламаға жауап беріңіз.
problem-answered = { $code } бойынша жауап тұрғындарға жіберілді: { $count }.
problem-answer-none = { $code } мәселесінде ашық өтініш жоқ: жауап беретін ешкім жоқ.
problem-answer-closed = { $code } жабық: жауап беру үшін оны қайта ашыңыз (↩️).
problem-title-needed = Атау мәтін болуы керек.
problem-retitle-refused = { $code } атауы өзгертілмеді.
problem-merge-unknown = { $into } деген ашық мәселе жоқ.
problem-merge-refused = { $code } мәселесін { $into } мәселесімен біріктіру мүмкін болмады.
problem-detach-unknown = { $code } мәселесінде { $ticket } өтініші жоқ.

## Өтініш тарихы
event-attach = мәселеге қосылды
event-detach = мәселеден бөлінді
event-problem_merged = мәселе басқасымен біріктірілді
event-problem_made = өтініштен мәселе құрылды
event-problem_suggested = мәселеге қосу ұсынылды
