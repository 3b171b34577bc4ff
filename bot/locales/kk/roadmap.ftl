# Өтініштердің жол картасы: мәселелер бойынша жоспарлар, жүктеп алу, /roadmap, жария бет.

roadmap-status-new = жаңа
roadmap-status-planned = жоспарланды
roadmap-status-in_progress = орындалуда
roadmap-status-done = орындалды
roadmap-status-not_planned = жоспарланбайды

roadmap-funding-budget = ағымдағы бюджет
roadmap-funding-needs_funding = қаржыландыру қажет
roadmap-funding-participatory = халықтың қатысу бюджеті

roadmap-org-osi = Үйдің ПИК / МИБ
roadmap-org-heating = Қалалық жылу желілері
roadmap-org-water = Су арнасы (сумен жабдықтау және кәріз)
roadmap-org-power = Қалалық электр желілері
roadmap-org-gas = Газ қызметі
roadmap-org-akimat_housing = Аудан әкімдігінің ТКШ бөлімі
roadmap-org-akimat_roads = Әкімдіктің жолдар және көлік бөлімі
roadmap-org-akimat_greenery = Әкімдіктің абаттандыру және көгалдандыру бөлімі
roadmap-org-akimat_social = Жұмыспен қамту және әлеуметтік бағдарламалар бөлімі
roadmap-org-police = Аудандық полиция басқармасы

roadmap-title = Тұрғындар өтініштерінің жол картасы — { $district }
roadmap-as-of = { $date } жағдай бойынша
roadmap-sheet = Жол картасы
roadmap-col-number = №
roadmap-col-problem = Мәселе
roadmap-col-address = Мекенжай
roadmap-col-appeals = Өтініштер
roadmap-col-residents = Өтініш берген тұрғындар
roadmap-col-measure = Іс-шара
roadmap-col-due = Мерзімі
roadmap-col-responsible = Жауапты
roadmap-col-status = Күйі
roadmap-col-funding = Қаржыландыру
roadmap-col-note = Ескерту
roadmap-overdue = мерзімі өтті
roadmap-not-planned-because = Жоспарланбайды: { $reason }

roadmap-page-intro = Тұрғындар әкімдік чаттарында хабарлаған мәселелер және әрқайсысы бойынша не шешілгені: кім жауапты, не істеледі және қай мерзімге дейін. Бетте тұрғындардың аты-жөні мен хабарламалары жоқ.
roadmap-page-total = Барлық мәселе: { $count }
roadmap-chart-title = Мәселелер күйі бойынша
roadmap-page-empty = Жол картасында әзірге бірде-бір мәселе жоқ.
roadmap-page-made = { $date } әкімдіктің өтініштер ботымен жасалды.

cmd-roadmap = Жол картасы: мәселелер мерзімі мен күйі бойынша
roadmap-list-title = 🗺 <b>Жол картасы</b> · { $pages } беттің { $page }-беті · мәселелер: { $total }
roadmap-list-empty = Жол картасында әзірге мәселе жоқ: тұрғындардың өтініштері мәселелерге біріктірілгенде осында шығады.
roadmap-list-overdue = ⚠️ мерзімі өткен: { $count }
roadmap-list-count = { $status }: { $count }
roadmap-list-item = { $number }. { $mark }<b>{ $code }</b> { $title } · 👥 { $residents }
roadmap-list-plan = { $plan }
roadmap-list-measure = ↳ { $text }
roadmap-list-due = { $date } дейін
roadmap-list-overdue-since = мерзімі { $date } еді
roadmap-overdue-alert = ⏰ <b>Жоспар мерзімі өтті: { $code }</b> { $title }
    Іс-шара: { $measure }
    Мерзімі: { $due } · жауапты: { $organisation }
    Өтініш берген тұрғындар: { $residents }

roadmap-public-title = 🗺 <b>Жол картасы: { $chat }</b>
roadmap-public-updated = Осы чатта жазылған ашық мәселелер және олар бойынша не істеліп жатыр. Жаңартылды: { $time }.
roadmap-public-item = • <b>{ $code }</b> { $title } — { $plan } · 👥 { $residents }
roadmap-public-more = …тағы { $count }
roadmap-public-empty = Қазір ашық мәселе жоқ.
roadmap-week = 📅 <b>{ $since } – { $until } аптасының қорытындысы</b>: шешілген мәселелер — { $solved }, жоспарланғаны — { $planned }, қаржыландыруды күтіп тұрғаны — { $waiting }.

# The plan on a problem's card.
problem-card-plan = 🗺 Жоспар: { $plan }
btn-plan = 🗺 Жоспар
btn-plan-org = 👥 Жауапты
btn-plan-measure = 📝 Іс-шара
btn-plan-due = 📅 Мерзім
btn-plan-fund = 💰 Қаржыландыру
btn-plan-start = ▶️ Жұмысты бастау
btn-plan-finish = ✅ Орындалды
btn-plan-decline = 🚫 Жоспарланбайды
btn-plan-replan = 🔁 Қайта жоспарлау
btn-plan-due-other = ✍️ Басқа күн (жауаппен)
press-plan-done = { $code }: { $status }.
press-plan-refused = { $code } үшін қазір бұлай болмайды (жоспар күйі: { $status }). Алдымен жауаптыны және іс-шараны көрсетіңіз.
press-plan-reply = Бот хабарламасына жауап беріңіз.
plan-prompt-plan_measure = { $moderator }, осы хабарламаға жауап беріңіз: { $code } бойынша не істеледі?
plan-prompt-plan_due = { $moderator }, осы хабарламаға { $code } шешілетін күнмен жауап беріңіз (КК.АА.ЖЖЖЖ).
plan-prompt-plan_reason = { $moderator }, осы хабарламаға жауап беріңіз: { $code } неге жоспарланбайды? Тұрғындар себебін көреді.
plan-reply-text-needed = Бот хабарламасына мәтінмен жауап беріңіз.
plan-reply-bad-date = Болашақ күнді КК.АА.ЖЖЖЖ түрінде көрсетіңіз, мысалы: { $example }.

# What residents are told when a problem's plan changes.
plan-told = 🗺 Сіз жазған <b>{ $code }</b> «{ $title }» мәселесі бойынша: <b>{ $status }</b>.
plan-told-chat = 🗺 <b>{ $code }</b> «{ $title }» мәселесі бойынша: <b>{ $status }</b>.
plan-told-measure = Не істеледі: { $measure }
plan-told-reason = Себебі: { $reason }
plan-told-due = Мерзімі: { $date } дейін
plan-told-organisation = Жауапты: { $organisation }
plan-told-residents = Бұл туралы жазғандар: { $residents }
plan-told-more = Мәселенің күйін кез келген уақытта білуге болады: ботқа жеке хабарламада /problem { $code } жіберіңіз.

# A problem's state for a resident, privately: /problem P-12, /start p12, following.
cmd-private-problem = P-12 — аудан мәселесі: не шешілді және қай мерзімге дейін
problem-status = 🗺 <b>{ $code }</b> «{ $title }» мәселесі: <b>{ $status }</b>.
problem-status-residents = Өтініш берген тұрғындар: { $count }
problem-status-unknown = Мұндай мәселе жоқ. Нөмірді былай жазыңыз: /problem P-12
btn-follow = 🔔 Бақылау
btn-unfollow = 🔕 Бақыламау
follow-problem-on = Енді { $code } бойынша жаңалықтарды алып отырасыз.
follow-problem-off = Сіз енді { $code } мәселесін бақыламайсыз.

# The roadmap in the akim's daily digest.
digest-roadmap = 🗺 <b>Жол картасы</b>: { $counts }
digest-roadmap-overdue = ⚠️ <b>{ $code }</b> { $title } · мерзімі { $due } еді · { $organisation }
roadmap-chart-weekly = 🗺 Жол картасындағы мәселелер санаттар мен күйлер бойынша
roadmap-chart-by-category = Мәселелер санаттар мен күйлер бойынша
