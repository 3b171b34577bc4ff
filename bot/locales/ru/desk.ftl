# Русский: полный каталог. Ключи общие для всех языков.

## Подтверждение в чате жителей
ack-reply = Обращение принято, номер <b>{ $code }</b>. Сотрудники акимата рассмотрят его и ответят здесь, под вашим сообщением. Срок рассмотрения — до { $due }.
ack-emergency = 🚨 Если нужна срочная помощь, звоните 102 (полиция) или 112 — чат не заменяет экстренные службы.
ack-together = Обращения приняты, у каждого свой номер. Сотрудники акимата ответят каждому здесь, под его сообщением.
ack-together-line = <b>{ $code }</b> — { $author }
ack-together-line-problem = <b>{ $code }</b> — { $author } · вопрос { $problem }

## Карточка в чате сотрудников
card-header = { $badge } <b>{ $code }</b> · { $chat }
card-author = 👤 { $author } · { $when }
card-open-post = ↗ открыть сообщение
card-album = { $media } (в альбоме { $count })
card-media = 📎 { $media }
card-status = Статус: <b>{ $status }</b> · Исполнитель: { $assignee }
card-unassigned = —
card-due = ⏰ Ответ до { $response } · срок рассмотрения: { $resolve }
card-overdue = ⚠️ просрочено на { $age }
card-followups = 💬 Дополнений от жителя: { $count } · последнее: { $last }
card-resolution = Итог: { $resolution }
card-cut = … [текст сокращён, полностью — по ссылке]
caption-cut = … [сокращено]

status-new = новое
status-assigned = в работе
status-answered = дан ответ
status-closed = закрыто

resolution-resolved = решено
resolution-rejected = отклонено
resolution-duplicate = дубликат
resolution-spam = спам

media-photo = фото
media-video = видео
media-document = документ
media-voice = голосовое сообщение
media-audio = аудио
media-video_note = видеосообщение
media-location = геолокация
media-animation = анимация

## Кнопки карточки
btn-take = ✋ Взять
btn-assign = 👤 Назначить
btn-reassign = 👤 Переназначить
btn-answer = ✍️ Ответить
btn-close = ✅ Закрыть
btn-spam = 🚫 Спам
btn-reopen = ↩️ Открыть снова

## Ответы на нажатия
press-unavailable = Эта кнопка сейчас недоступна.

## Сообщения сотрудникам
chat-unreachable = 🚨 Бот не может писать в чат «{ $chat }»: { $error }. Верните бота в чат администратором — пока подтверждения и ответы туда не доходят.
staff-chat-lost = 🚨 Бот не может писать в чат модераторов: { $error }. Карточки обращений и уведомления не теряются: они ждут и придут туда, как только бота вернут в чат администратором.
intake-failed = ⚠️ Не удалось зарегистрировать сообщение как обращение. Обработайте его вручную: { $link }
    Автор: { $author }
    Текст: { $text }

card-answers = ✍️ Ответов: { $count } · последний: { $last }
card-notes = 📝 Заметок: { $count } · последняя: { $last }
card-post-deleted = 🗑 Сообщение удалено из чата
card-delete-failed = ⚠️ Не удалось удалить сообщение: { $error }
card-banned = 🔨 Автор заблокирован в чате
card-ban-failed = ⚠️ Не удалось заблокировать автора: { $error }

btn-ban = 🔨 Заблокировать автора
btn-ban-confirm = 🔨 Да, заблокировать
btn-back = ⬅️ Назад
btn-close-resolved = ✅ Решено
btn-close-rejected = ❌ Отклонено
btn-close-duplicate = 📑 Дубликат
btn-prev = ◀️ Назад
btn-next = Далее ▶️

## Ответы на нажатия (всплывающие)
press-not-staff = Это могут делать только сотрудники акимата.
press-wrong-chat = Кнопки карточек работают только в чате сотрудников.
press-unknown-ticket = Такого обращения нет.
press-stale = Эта карточка устарела: работайте с последней (/ticket { $code }).
press-wrong-state = Нельзя: обращение { $code } сейчас «{ $status }».
press-taken-by = { $code } уже в работе, исполнитель: { $name }.
press-took = Вы взяли { $code }.
press-assigned = { $code } назначено: { $name }.
press-choose-moderator = Кому назначить { $code }?
press-not-moderator-choice = Этого человека нет в списке модераторов.
press-choose-resolution = Чем закончилось { $code }?
press-closed = { $code } закрыто: { $resolution }.
press-reopened = { $code } снова в работе.
press-spam = { $code } закрыто как спам.
press-ban-confirm = Заблокировать автора { $code } в чате?
press-banned = Автор { $code } заблокирован.
press-ban-failed = Не удалось заблокировать: { $error }
press-answer-prompt = Нажмите «Ответить» на сообщении бота и напишите ответ.

## Ответы жителям
answer-prompt = ✍️ { $moderator }, ответ на <b>{ $code }</b>: ответьте на это сообщение текстом, фото, документом или голосовым. Начните с «!», чтобы оставить внутреннюю заметку.
answer-public-title = 💬 Ответ по обращению <b>{ $code }</b>:
answer-private-title = 💬 Ответ на ваше обращение <b>{ $code }</b> («{ $chat }»):
answer-unsupported = Ответ может быть текстом, фото, документом, видео или голосовым сообщением.
answer-closed = { $code } закрыто: откройте его снова (↩️), чтобы ответить.
answer-not-staff = Отвечать на обращения могут только модераторы.
close-notice = Обращение <b>{ $code }</b> закрыто: { $resolution }.
close-notice-private = Ваше обращение <b>{ $code }</b> («{ $chat }») закрыто: { $resolution }.
assigned-notice = 👤 Вам назначено обращение <b>{ $code }</b> («{ $chat }»): { $link }

## Команды сотрудников
open-title = Открытые обращения: { $total } (показаны { $first }–{ $last }, сначала самые старые)
mine-title = Ваши открытые обращения: { $total } (показаны { $first }–{ $last })
open-empty = Открытых обращений нет.
open-line = <b>{ $code }</b> · { $age } · { $status } · { $assignee } · { $excerpt }
age-days = { $n } дн.
age-hours = { $n } ч
age-minutes = { $n } мин
find-usage = Напишите, что искать: /find слова (код, текст, адрес или улица, категория, имя автора)
find-empty = Ничего не найдено.
find-title = Найдено: { $count }
ticket-usage = Напишите код: /ticket H-42
history-usage = Напишите код: /history H-42
ticket-not-found = Обращения { $code } нет.
history-title = История <b>{ $code }</b>:
history-line = { $when } · { $who } · { $what }

event-created = поступило
event-take = взято в работу
event-assign = назначено
event-answer = дан ответ
event-note = заметка
event-close = закрыто
event-reopen = открыто снова
event-followup = дополнение от жителя
event-edited = автор изменил текст
event-post_deleted = сообщение удалено из чата
event-post_delete_failed = сообщение не удалось удалить
event-author_banned = автор заблокирован
event-ban_failed = автора не удалось заблокировать
event-card_reposted = карточка перенесена вниз
event-acknowledged_together = принято вместе с другими обращениями одним сообщением


## Меню команд
cmd-open = открытые обращения, сначала старые
cmd-mine = мои открытые обращения
cmd-ticket = H-42 — показать карточку внизу чата
cmd-find = слова — поиск по тексту, автору, коду
cmd-history = H-42 — история обращения

## Срочные обращения
btn-urgent = 🔴 Срочно
btn-not-urgent = ⚪ Не срочно
press-urgent = { $code } отмечено как срочное: аким уведомлён.
press-not-urgent = { $code } больше не срочное.
urgent-alert = 🔴 Срочное обращение <b>{ $code }</b> («{ $chat }»):
    «{ $text }»
    { $link }
urgent-head-unreachable = ⚠️ { $count ->
        [1] Руководитель (аким или заместитель) ещё не запустил бота в личных сообщениях, поэтому сигнал пришёл сюда. Попросите его отправить боту /start.
       *[other] Руководители (всего { $count }) ещё не запустили бота в личных сообщениях, поэтому сигнал пришёл сюда. Попросите их отправить боту /start.
    }
outage-alert = ⚡ Похоже на аварию: { $recent ->
        [one] { $recent } обращение
        [few] { $recent } обращения
       *[many] { $recent } обращений
    } за { $minutes } мин по проблеме <b>{ $code }</b> «{ $title }» (всего жителей: { $residents }).
    { $link }
event-priority = срочность изменена

## Сроки
reminder = ⏰ <b>{ $code }</b>: ответ жителю нужен до { $due }. Исполнитель: { $assignee }. { $link }
overdue-response = ⏰ Просрочен первый ответ: <b>{ $code }</b> («{ $chat }»), срок был { $due }. Исполнитель: { $assignee }. { $link }
overdue-resolve = ⏰ Просрочен срок рассмотрения: <b>{ $code }</b> («{ $chat }»), срок был { $due }. Исполнитель: { $assignee }. { $link }
event-reminder_response = напоминание о сроке ответа
event-overdue_response = просрочен первый ответ
event-overdue_resolve = просрочен срок рассмотрения

# ⏳ Extend: a later resolution deadline (APK RK art. 76: at most two months in all).
btn-extend = ⏳ Продлить срок
btn-extend-to = до { $day }
btn-extend-max = до { $day } (предел: 2 месяца)
press-extend-choose = { $code }: выберите новый срок рассмотрения.
press-extend-max = { $code }: срок уже продлён до предела — двух месяцев со дня поступления.
press-extend-reason = Ответьте на сообщение бота: укажите причину продления.
extend-prompt = { $moderator }, почему срок <b>{ $code }</b> продлевается до { $due }? Ответьте на это сообщение — причину получит житель.
extend-reason-needed = Причину напишите текстом в ответ на сообщение бота.
extend-refused = Срок { $code } не продлён: обращение закрыто или срок уже продлён дальше.
extend-notice-public = Срок рассмотрения обращения <b>{ $code }</b> продлён до { $due }. Причина: { $reason }
extend-notice-private = Срок рассмотрения вашего обращения <b>{ $code }</b> («{ $chat }») продлён до { $due }.
    Причина: { $reason }
card-extended = ⏳ Срок продлён до { $due }: { $reason }
event-extend = срок продлён

# An update aiogram could not read, handed to the staff as text.
unreadable-update = ⚠️ Телеграм передал сообщение из чата «{ $chat }», которое бот не смог разобрать, поэтому обращение по нему не создано. Автор: { $author }. { $link }
    Текст: { $text }
