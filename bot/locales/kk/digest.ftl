# The akim's daily digest and the /digest, /stats commands.
digest-title = 📊 <b>{ $day } күнгі өтініштер жиынтығы</b>
digest-title-running = 📊 <b>{ $day } күнгі өтініштер, { $time } жағдайы бойынша</b>
digest-chat = <b>{ $chat }</b>: жаңа { $new } · жауап берілді { $answered } · жабылды { $closed } · ашық { $open } · мерзімі өтті { $overdue }
digest-total = Барлығы
digest-response = ⏱ Алғашқы жауап: медиана { $median }, 90% — { $p90 } ішінде (жауаптар: { $count })
digest-response-none = ⏱ Бұл күні тұрғындарға алғашқы жауап берілмеді.
digest-in-time = ✅ Мерзімінде жауап берілді: { $due } ішінен { $done } ({ $share }%)
digest-urgent = 🔴 <b>Шұғыл, ашық</b> ({ $count }):
digest-overdue = ⚠️ <b>Мерзімі өткен</b> ({ $count }):
digest-problems = ⚡ <b>Күннің ең ірі мәселелері</b> (бір мәселе — көп өтініш):
digest-problem = <b>{ $code }</b> «{ $title }» — күн ішінде { $today } өтініш, барлығы { $total } · { $status }
digest-problem-new = жұмысқа алынбаған
digest-problem-assigned = жұмыста
digest-problem-answered = жауап берілді
digest-problem-closed = жабылды
digest-oldest = 🕰 <b>Ең ескі ашық өтініштер</b> ({ $count } ашық):
digest-item = { $mark }<b>{ $code }</b> · { $chat } · { $assignee } · түсті: { $created } · мерзімі { $due }
digest-unassigned = тағайындалмаған
digest-more = …және тағы { $count }
digest-moderators = 👥 <b>Қызметкерлер (күн ішінде)</b>:
digest-moderator = { $name }: жауап { $answered }, жабылды { $closed }
digest-ratings = ⭐ Тұрғындардың бағасы: шешілді { $solved }, шешілмеді { $unsolved }
digest-state-at = Ашық, мерзімі өткен өтініштер мен тізімдер — { $at } жағдайы бойынша.
digest-caption = 📊 { $day } жиынтығы: жаңа { $new }, жабылды { $closed }, ашық { $open }, мерзімі өтті { $overdue }.
digest-chart-title = 14 күндегі өтініштер: жаңа және жабылған
digest-chart-new = жаңа
digest-chart-closed = жабылған
digest-head-unreachable = ⚠️ { $count ->
        [1] Басшы (әкім немесе орынбасар) ботты жеке хабарламада әлі іске қоспаған, сондықтан жиынтық осында келді. Одан ботқа /start жіберуін сұраңыз.
       *[other] Басшылар (барлығы { $count }) ботты жеке хабарламада әлі іске қоспаған, сондықтан жиынтық осында келді. Олардан ботқа /start жіберуін сұраңыз.
    }
digest-no-head = ℹ️ Баптауларда әкім көрсетілмеген ([staff] head), сондықтан жиынтық осында келді.
digest-bad-date = Өткен күнді ЖЖЖЖ-АА-КК түрінде көрсетіңіз, мысалы: /digest { $example }. Бүгінгі көрсеткіштер — /stats.
digest-building = { $day } жиынтығын дайындап жатырмын…
digest-failed = Жиынтықты дайындау мүмкін болмады; себебі бот журналында.
duration-minutes = { $minutes } мин
duration-hours = { $hours } сағ { $minutes } мин
duration-days = { $days } күн { $hours } сағ
cmd-digest = Бір күннің жиынтығы (әдепкіде кеше)
cmd-stats = Бүгінгі көрсеткіштер
digest-before-start = ℹ️ Бот { $since } бастап жұмыс істейді: бұған дейінгі күндер бойынша дерек жоқ, сондықтан жиынтықта нөлдер. Бүгінгі сандар — /stats.
