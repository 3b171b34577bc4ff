# Русский: полный каталог. Ключи общие для всех языков.

## Подтверждение в чате жителей
ack-reply = Обращение принято, номер <b>{ $code }</b>. Сотрудники акимата рассмотрят его и ответят здесь, под вашим сообщением. Срок рассмотрения — до { $due }.
ack-emergency = 🚨 Если нужна срочная помощь, звоните 102 (полиция) или 112 — чат не заменяет экстренные службы.

## Карточка в чате сотрудников
card-header = { $badge } <b>{ $code }</b> · { $chat }
card-author = 👤 { $author } · { $when }
card-open-post = ↗ открыть сообщение
card-media = 📎 { $media }
card-status = Статус: <b>{ $status }</b> · Исполнитель: { $assignee }
card-unassigned = —
card-due = ⏰ Ответ до { $response } · решение до { $resolve }
card-overdue = ⚠️ просрочено
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
intake-failed = ⚠️ Не удалось зарегистрировать сообщение как обращение. Обработайте его вручную: { $link }
    Автор: { $author }
    Текст: { $text }
