# Проблемы: одно происшествие в одном месте, много обращений жителей.

## Подтверждение в чате жителей, когда обращение присоединено к проблеме
ack-problem = Обращение принято, номер <b>{ $code }</b>. По этому вопросу уже обратились { $residents } { $residents ->
        [one] житель
        [few] жителя
       *[many] жителей
    } — это проблема <b>{ $problem }</b>, сотрудники акимата работают над ней и ответят здесь, под вашим сообщением. Срок рассмотрения — до { $due }.
ack-problem-state = Сейчас по ней: { $status }.

## Карточка проблемы
problem-card-header = 📌 { $badge } <b>{ $code }</b> · { $title }
problem-card-counts = 👥 Жителей: <b>{ $residents }</b> · обращений: { $appeals } (открыто: { $open })
problem-card-merged = 🔗 Объединена с другой проблемой: обращения перенесены туда.
problem-card-newest = Последние обращения:
problem-card-line = { $mark }{ $code } · { $author }: { $text }
problem-card-reply = ↩️ Ответ на эту карточку получит каждый житель с открытым обращением — под своим сообщением.
card-in-problem = 📌 В проблеме <b>{ $code }</b> (жителей: { $residents })

## Кнопки
btn-make = 📌 Сделать проблемой
btn-make-pair = 📌 Проблема из { $codes } и этого
btn-attach = 📌 В проблему
btn-attach-to = 📌 В { $code } (жителей: { $residents })?
btn-detach = ✂️ Отделить от проблемы
btn-problem-merge = 🔗 Объединить
btn-problem-detach = ✂️ Убрать обращение
btn-problem-retitle = ✏️ Название

## Ответы на нажатия
press-problem-made = Создана проблема { $code }.
press-problem-attached = { $ticket } добавлено в { $code }.
press-problem-detached = { $ticket } отделено от { $code }: у него снова своя карточка.
press-problem-choose-merge = С какой проблемой объединить { $code }? Или ответьте на карточку: «объединить P-7».
press-problem-no-merge = Нет других открытых проблем, с которыми можно объединить { $code }.
press-problem-merged = { $code } объединена с { $into }.
press-problem-choose-detach = Какое обращение убрать из { $code }?
press-problem-nothing-to-detach = В { $code } нет обращений.
press-problem-retitle = Ответьте на сообщение бота новым названием.
press-problem-wrong-state = Нельзя: проблема { $code } сейчас «{ $status }».
press-problem-unknown = Такой проблемы нет.
press-problem-stale = Эта карточка устарела: работайте с последней карточкой { $code }.
press-problem-gone = Это обращение уже не в проблеме.

## Подсказки и ответы в чате сотрудников
problem-answer-prompt = ✍️ { $moderator }, ответ по проблеме <b>{ $code }</b>: ответьте на это сообщение. Ответ получит каждый житель с открытым обращением — под своим сообщением и в личных сообщениях, если он писал боту.
problem-retitle-prompt = ✏️ { $moderator }, новое название проблемы <b>{ $code }</b>: ответьте на это сообщение.
problem-answered = Ответ по { $code } отправлен жителям: { $count }.
problem-answer-none = В { $code } нет открытых обращений: отвечать некому.
problem-answer-closed = { $code } закрыта: откройте её снова (↩️), чтобы ответить.
problem-title-needed = Название должно быть текстом.
problem-retitle-refused = Название { $code } не изменено.
problem-merge-unknown = Нет открытой проблемы { $into }.
problem-merge-refused = Не удалось объединить { $code } с { $into }.
problem-detach-unknown = В { $code } нет обращения { $ticket }.

## История обращения
event-attach = добавлено в проблему
event-detach = отделено от проблемы
event-problem_merged = проблема объединена с другой
event-problem_made = из обращения сделана проблема
event-problem_suggested = предложено добавить в проблему
