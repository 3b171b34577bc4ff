# Жүктеп алу: ашық деректер (Open311, CSV) және Excel кестесі, /export командасы.

cmd-export = [күн] — өтініштердің Excel кестесі (әдепкіде 30 күн)

export-usage = Күн санын көрсетіңіз (1…{ $max }): /export 30
export-empty = Соңғы { $days } күнде өтініш түспеді.
export-caption = 📊 Өтініштер, { $since } – { $until }: { $count }
export-failed = Өтініштерді жүктеп алу мүмкін болмады: { $error }

export-moderator = Модератор { $n }
export-moderator-former = бұрынғы модератор
export-redacted = [жасырылған]

export-sheet-tickets = Өтініштер
export-sheet-summary = Жиынтық
export-summary-title = Чаттар мен күйлер бойынша өтініштер
export-summary-period = Кезең: { $since } – { $until }
export-summary-period-all = Кезең: барлық уақыт
export-summary-period-since = Кезең: { $since } бастап
export-summary-period-until = Кезең: { $until } дейін
# The resident's answer to "Was your issue solved?" in the workbook.
export-rating-solved = шешілді
export-rating-unsolved = шешілмеді
export-summary-total = Барлығы

export-priority-normal = қалыпты
export-priority-urgent = шұғыл

export-col-code = Нөмір
export-col-chat = Чат
export-col-status = Күйі
export-col-resolution = Нәтиже
export-col-priority = Басымдық
export-col-received = Түскен уақыты
export-col-updated = Өзгертілген уақыты
export-col-due = Қарау мерзімі
export-col-first-response = Алғашқы жауап
export-col-first-response-hours = Жауапқа дейін, сағ
export-col-closed = Жабылған уақыты
export-col-assignee = Орындаушы
export-col-rating = Баға
export-col-lat = Ендік
export-col-long = Бойлық
export-col-media = Тіркеме
export-col-text = Өтініш мәтіні
export-col-notes = Жауап немесе нәтиже

export-sheet-problems = Мәселелер
export-col-problem = Мәселе
export-col-problem-title = Атауы
export-col-residents = Тұрғындар
export-col-problem-created = Құрылды
export-col-problem-closed = Жабылды
export-closed-with-problem = { $problem } мәселесімен бірге жабылды.
