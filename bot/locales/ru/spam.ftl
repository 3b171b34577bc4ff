## Спам: строка для модераторов, причины, /spam

spam-line = 🧹 <b>Удалено как спам</b> · { $chat }
    👤 { $author } (id { $user_id })
    «{ $text }»
    Почему: { $reasons }
spam-line-restored = ↩️ <b>Не спам: восстановлено как { $code }</b> · { $chat }
    👤 { $author } (id { $user_id })
    «{ $text }»
spam-line-banned = 🔨 Автор заблокирован
btn-not-spam = ↩️ Не спам
press-not-spam = Восстановлено как обращение { $code }.
press-spam-done = Уже сделано.
press-spam-banned = Автор заблокирован во всех чатах.
card-spam-signs = ⚠️ Похоже на спам: { $reasons }

spam-recent-title = 🧹 Последние посты, удалённые как спам:
spam-recent-line = { $when } · { $chat } · { $author }: «{ $text }» — { $reasons }{ $restored ->
        [1] {" "}↩️ восстановлено
       *[0] {""}
    }
spam-recent-empty = Спама пока не было.
cmd-spam = последние удалённые как спам, с причинами
digest-spam = 🧹 Спам: удалено { $caught }, восстановлено кнопкой «Не спам»: { $restored }

spam-reason-link = ссылка на { $detail }
spam-reason-fake-official = ссылка под официальный сайт { $detail }
spam-reason-telegram-link = ссылка на Telegram { $detail }
spam-reason-private-invite = приглашение в закрытый чат
spam-reason-mention = упоминание @{ $detail }
spam-reason-mention-bot = упоминание бота @{ $detail }
spam-reason-forward-channel = пересылка из канала
spam-reason-contact = карточка контакта
spam-reason-dm-invite = зовёт в личные сообщения
spam-reason-topic = тема: { $detail ->
        [earnings] лёгкий заработок
        [crypto] криптовалюта
        [betting] ставки и казино
        [loans] займы и кредиты
        [documents] документы и справки
        [giveaway] розыгрыши
        [offer] «есть предложение»
        [ads] реклама
        [scam] мошенничество
        [adult] знакомства 18+
        [promotion] реклама канала или бота
       *[other] { $detail }
    }
spam-reason-money-rate = доход в день или в месяц
spam-reason-phone = номер телефона
spam-reason-emoji-run = ряд эмодзи
spam-reason-hidden-latin = латинские буквы в русских словах
spam-reason-spaced-letters = слова вразрядку
spam-reason-offer-contact = предложение и как связаться с продавцом
spam-reason-digit-letters = цифры вместо букв
spam-reason-invisible = невидимые символы внутри слов
spam-reason-phishing = выдаёт себя за госорган или банк и манит деньгами или просит данные
spam-reason-repeat = повтор недавнего спама
