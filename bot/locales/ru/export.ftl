# Выгрузка: открытые данные (Open311, CSV) и таблица Excel, команда /export.

cmd-export = [дней] — таблица Excel с обращениями (по умолчанию за 30 дней)

export-usage = Укажите число дней от 1 до { $max }: /export 30
export-empty = { $days ->
        [one] За последний { $days } день обращений нет.
        [few] За последние { $days } дня обращений нет.
       *[other] За последние { $days } дней обращений нет.
    }
export-caption = 📊 Обращения за { $since } – { $until }: { $count }
export-failed = Не удалось выгрузить обращения: { $error }

export-moderator = Модератор { $n }
export-moderator-former = бывший модератор
export-redacted = [скрыто]

export-sheet-tickets = Обращения
export-sheet-summary = Сводка
export-summary-title = Обращения по чатам и статусам
export-summary-period = Период: { $since } – { $until }
export-summary-period-all = Период: за всё время
export-summary-period-since = Период: с { $since }
export-summary-period-until = Период: по { $until }
# The resident's answer to "Was your issue solved?" in the workbook.
export-rating-solved = решено
export-rating-unsolved = не решено
export-summary-total = Всего

export-priority-normal = обычный
export-priority-urgent = срочный

export-col-code = Номер
export-col-chat = Чат
export-col-status = Статус
export-col-resolution = Итог
export-col-priority = Приоритет
export-col-received = Поступило
export-col-updated = Изменено
export-col-due = Срок рассмотрения
export-col-first-response = Первый ответ
export-col-first-response-hours = До ответа, ч
export-col-closed = Закрыто
export-col-assignee = Исполнитель
export-col-rating = Оценка
export-col-lat = Широта
export-col-long = Долгота
export-col-media = Вложение
export-col-text = Текст обращения
export-col-notes = Ответ или итог

export-sheet-problems = Проблемы
export-col-problem = Проблема
export-col-problem-title = Название
export-col-residents = Жителей
export-col-problem-created = Создана
export-col-problem-closed = Закрыта
export-closed-with-problem = Закрыто вместе с проблемой { $problem }.
