# The akim's daily digest and the /digest, /stats commands.
digest-title = 📊 <b>Сводка обращений за { $day }</b>
digest-title-running = 📊 <b>Обращения за { $day }, на { $time }</b>
digest-chat = <b>{ $chat }</b>: новых { $new } · с ответом { $answered } · закрыто { $closed } · открыто { $open } · просрочено { $overdue }
digest-total = Всего
digest-response = ⏱ Первый ответ: медиана { $median }, 90% — не дольше { $p90 } (ответов: { $count })
digest-response-none = ⏱ Первых ответов жителям за этот день не было.
digest-in-time = ✅ Ответили в срок: { $done } из { $due } ({ $share }%)
digest-urgent = 🔴 <b>Срочные, открытые</b> ({ $count }):
digest-overdue = ⚠️ <b>Просроченные</b> ({ $count }):
digest-problems = ⚡ <b>Крупнейшие проблемы дня</b> (одна проблема — много обращений):
digest-problem = <b>{ $code }</b> «{ $title }» — { $today ->
        [one] { $today } обращение
        [few] { $today } обращения
       *[many] { $today } обращений
    } за день, всего { $total } · { $status }
digest-problem-new = не взята в работу
digest-problem-assigned = в работе
digest-problem-answered = дан ответ
digest-problem-closed = закрыта
digest-oldest = 🕰 <b>Самые давние открытые</b> (всего { $count ->
        [one] { $count } открытое
       *[other] { $count } открытых
    }):
digest-item = { $mark }<b>{ $code }</b> · { $chat } · { $assignee } · с { $created } · срок { $due }
digest-unassigned = не назначено
digest-more = …и ещё { $count }
digest-moderators = 👥 <b>Сотрудники за день</b>:
digest-moderator = { $name }: ответов { $answered }, закрыто { $closed }
digest-ratings = ⭐ Оценки жителей: решено { $solved }, не решено { $unsolved }
digest-state-at = Открытые, просроченные и списки — по состоянию на { $at }.
digest-caption = 📊 Сводка за { $day }: новых { $new }, закрыто { $closed }, открыто { $open }, просрочено { $overdue }.
digest-chart-title = Обращения за 14 дней: новые и закрытые
digest-chart-new = новые
digest-chart-closed = закрытые
digest-head-unreachable = ⚠️ { $count ->
        [1] Руководитель (аким или заместитель) ещё не запустил бота в личных сообщениях, поэтому сводка пришла сюда. Попросите его отправить боту /start.
       *[other] Руководители (всего { $count }) ещё не запустили бота в личных сообщениях, поэтому сводка пришла сюда. Попросите их отправить боту /start.
    }
digest-no-head = ℹ️ В настройках не указан аким ([staff] head), поэтому сводка пришла сюда.
digest-bad-date = Укажите прошедший день в виде ГГГГ-ММ-ДД, например: /digest { $example }. Сегодняшние цифры — /stats.
digest-building = Собираю сводку за { $day }…
digest-failed = Не удалось собрать сводку; подробности — в журнале бота.
duration-minutes = { $minutes } мин
duration-hours = { $hours } ч { $minutes } мин
duration-days = { $days } дн. { $hours } ч
cmd-digest = Сводка за день (по умолчанию вчера)
cmd-stats = Цифры за сегодня
digest-before-start = ℹ️ Бот начал работу { $since }: за более ранние дни данных нет, поэтому в сводке нули. Цифры за сегодня — /stats.
