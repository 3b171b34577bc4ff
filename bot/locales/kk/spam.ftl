## Спам: модераторларға арналған жол, себептер, /spam

spam-line = 🧹 <b>Спам ретінде өшірілді</b> · { $chat }
    👤 { $author } (id { $user_id })
    «{ $text }»
    Себебі: { $reasons }
spam-line-restored = ↩️ <b>Спам емес: { $code } өтініші ретінде қалпына келтірілді</b> · { $chat }
    👤 { $author } (id { $user_id })
    «{ $text }»
spam-line-banned = 🔨 Автор бұғатталды
btn-not-spam = ↩️ Спам емес
press-not-spam = { $code } өтініші ретінде қалпына келтірілді.
press-spam-done = Бұл әрекет жасалып қойған.
press-spam-banned = Автор барлық чатта бұғатталды.
card-spam-signs = ⚠️ Спамға ұқсайды: { $reasons }

spam-recent-title = 🧹 Спам ретінде соңғы өшірілген жазбалар:
spam-recent-line = { $when } · { $chat } · { $author }: «{ $text }» — { $reasons }{ $restored ->
        [1] {" "}↩️ қалпына келтірілді
       *[0] {""}
    }
spam-recent-empty = Әзірге спам болған жоқ.
cmd-spam = спам ретінде соңғы өшірілгендер, себептерімен
digest-spam = 🧹 Спам: { $caught } өшірілді, «Спам емес» батырмасымен { $restored } қалпына келтірілді

spam-reason-link = { $detail } сілтемесі
spam-reason-fake-official = ресми сайтқа ұқсатылған сілтеме: { $detail }
spam-reason-telegram-link = Telegram сілтемесі: { $detail }
spam-reason-private-invite = жабық чатқа шақыру
spam-reason-mention = @{ $detail } атауы аталған
spam-reason-mention-bot = @{ $detail } боты аталған
spam-reason-forward-channel = арнадан жіберілген
spam-reason-contact = байланыс карточкасы
spam-reason-dm-invite = жеке хатқа шақырады
spam-reason-topic = тақырыбы: { $detail ->
        [earnings] оңай табыс
        [crypto] криптовалюта
        [betting] ставкалар мен казино
        [loans] қарыз бен несие
        [documents] құжаттар мен анықтамалар
        [giveaway] ұтыс ойындары
        [offer] «ұсыныс бар»
        [ads] жарнама
        [scam] алаяқтық
        [adult] 18+ танысу
        [promotion] арна не бот жарнамасы
       *[other] { $detail }
    }
spam-reason-money-rate = күндік не айлық табыс уәдесі
spam-reason-phone = телефон нөмірі
spam-reason-emoji-run = қатар тұрған эмодзилер
spam-reason-hidden-latin = кирилл сөздердегі латын әріптері
spam-reason-spaced-letters = әріптері бөлек жазылған сөздер
spam-reason-offer-contact = ұсыныс пен сатушымен байланысу жолы
spam-reason-digit-letters = әріптің орнына цифрлар
spam-reason-invisible = сөз ішіндегі көрінбейтін таңбалар
spam-reason-phishing = мемлекеттік орган не банк атынан ақша уәде етеді не дерек сұрайды
spam-reason-repeat = жуырдағы спамның қайталануы
