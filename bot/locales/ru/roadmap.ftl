# Дорожная карта заявок: планы по проблемам, выгрузка, /roadmap, публичная страница.

roadmap-status-new = новая
roadmap-status-planned = запланировано
roadmap-status-in_progress = в работе
roadmap-status-done = выполнено
roadmap-status-not_planned = не планируется

roadmap-funding-budget = текущий бюджет
roadmap-funding-needs_funding = требуется финансирование
roadmap-funding-participatory = бюджет народного участия

roadmap-org-osi = КСК / ОСИ дома
roadmap-org-heating = Городские тепловые сети
roadmap-org-water = Водоканал (водоснабжение и канализация)
roadmap-org-power = Городские электросети
roadmap-org-gas = Газовая служба
roadmap-org-akimat_housing = Отдел ЖКХ акимата района
roadmap-org-akimat_roads = Отдел дорог и транспорта акимата
roadmap-org-akimat_greenery = Отдел благоустройства и озеленения акимата
roadmap-org-akimat_social = Отдел занятости и социальных программ
roadmap-org-police = Управление полиции района

roadmap-title = Дорожная карта заявок жителей — { $district }
roadmap-as-of = По состоянию на { $date }
roadmap-sheet = Дорожная карта
roadmap-col-number = №
roadmap-col-problem = Проблема
roadmap-col-address = Адрес
roadmap-col-appeals = Обращений
roadmap-col-residents = Жителей обратилось
roadmap-col-measure = Мероприятие
roadmap-col-due = Срок
roadmap-col-responsible = Ответственный
roadmap-col-status = Статус
roadmap-col-funding = Финансирование
roadmap-col-note = Примечание
roadmap-overdue = срок прошёл
roadmap-not-planned-because = Не планируется: { $reason }

roadmap-page-intro = Проблемы, о которых сообщили жители в чатах акимата, и что по каждой из них решено: кто отвечает, что будет сделано и к какому сроку. Страница не содержит имён и сообщений жителей.
roadmap-page-total = Всего проблем: { $count }
roadmap-chart-title = Проблемы по статусам
roadmap-page-empty = Пока в дорожной карте нет ни одной проблемы.
roadmap-page-made = Сформировано { $date } ботом обращений акимата.

cmd-roadmap = Дорожная карта: проблемы по срокам и статусам
roadmap-list-title = 🗺 <b>Дорожная карта</b> · стр. { $page } из { $pages } · проблем: { $total }
roadmap-list-empty = Пока в дорожной карте нет проблем: они появятся, когда обращения жителей объединятся в проблемы.
roadmap-list-overdue = ⚠️ срок прошёл: { $count }
roadmap-list-count = { $status }: { $count }
roadmap-list-item = { $number }. { $mark }<b>{ $code }</b> { $title } · 👥 { $residents }
roadmap-list-plan = { $plan }
roadmap-list-measure = ↳ { $text }
roadmap-list-due = до { $date }
roadmap-list-overdue-since = срок был { $date }
roadmap-overdue-alert = ⏰ <b>Срок по плану прошёл: { $code }</b> { $title }
    Мероприятие: { $measure }
    Срок: { $due } · ответственный: { $organisation }
    Обратились жителей: { $residents }

roadmap-public-title = 🗺 <b>Дорожная карта: { $chat }</b>
roadmap-public-updated = Открытые проблемы, о которых писали в этом чате, и что по ним делается. Обновлено { $time }.
roadmap-public-item = • <b>{ $code }</b> { $title } — { $plan } · 👥 { $residents }
roadmap-public-more = …и ещё { $count }
roadmap-public-empty = Открытых проблем сейчас нет.
roadmap-week = 📅 <b>Итоги недели { $since } – { $until }</b>: решено проблем — { $solved }, запланировано — { $planned }, ждут финансирования — { $waiting }.

# The plan on a problem's card.
problem-card-plan = 🗺 План: { $plan }
btn-plan = 🗺 План
btn-plan-org = 👥 Ответственный
btn-plan-measure = 📝 Мероприятие
btn-plan-due = 📅 Срок
btn-plan-fund = 💰 Финансирование
btn-plan-start = ▶️ Начать работы
btn-plan-finish = ✅ Выполнено
btn-plan-decline = 🚫 Не планируется
btn-plan-replan = 🔁 Запланировать снова
btn-plan-due-other = ✍️ Другая дата (ответом)
press-plan-done = { $code }: { $status }.
press-plan-refused = С { $code } сейчас так нельзя (статус плана: { $status }). Сначала укажите ответственного и мероприятие.
press-plan-reply = Ответьте на сообщение бота.
plan-prompt-plan_measure = { $moderator }, ответьте на это сообщение: что будет сделано по { $code }?
plan-prompt-plan_due = { $moderator }, ответьте на это сообщение датой, к которой { $code } будет решена (ДД.ММ.ГГГГ).
plan-prompt-plan_reason = { $moderator }, ответьте на это сообщение: почему { $code } не планируется? Жители увидят причину.
plan-reply-text-needed = Нужен текст ответом на сообщение бота.
plan-reply-bad-date = Укажите будущую дату в виде ДД.ММ.ГГГГ, например { $example }.

# What residents are told when a problem's plan changes.
plan-told = 🗺 По проблеме <b>{ $code }</b> «{ $title }», о которой вы писали: <b>{ $status }</b>.
plan-told-chat = 🗺 По проблеме <b>{ $code }</b> «{ $title }»: <b>{ $status }</b>.
plan-told-measure = Что будет сделано: { $measure }
plan-told-reason = Причина: { $reason }
plan-told-due = Срок: до { $date }
plan-told-organisation = Ответственный: { $organisation }
plan-told-residents = Писали об этом: { $residents }
plan-told-more = Состояние проблемы в любое время: /problem { $code } в личных сообщениях боту.

# A problem's state for a resident, privately: /problem P-12, /start p12, following.
cmd-private-problem = P-12 — проблема района: что решено и к какому сроку
problem-status = 🗺 Проблема <b>{ $code }</b> «{ $title }»: <b>{ $status }</b>.
problem-status-residents = Обратились жителей: { $count }
problem-status-unknown = Такой проблемы нет. Напишите номер так: /problem P-12
btn-follow = 🔔 Следить
btn-unfollow = 🔕 Не следить
follow-problem-on = Теперь вы будете получать новости по { $code }.
follow-problem-off = Вы больше не следите за { $code }.

# The roadmap in the akim's daily digest.
digest-roadmap = 🗺 <b>Дорожная карта</b>: { $counts }
digest-roadmap-overdue = ⚠️ <b>{ $code }</b> { $title } · срок был { $due } · { $organisation }
roadmap-chart-weekly = 🗺 Проблемы дорожной карты по категориям и статусам
roadmap-chart-by-category = Проблемы по категориям и статусам
