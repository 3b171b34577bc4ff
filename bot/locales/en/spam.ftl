## Spam: the moderators' line, reasons, /spam

spam-line = 🧹 <b>Removed as spam</b> · { $chat }
    👤 { $author } (id { $user_id })
    «{ $text }»
    Why: { $reasons }
spam-line-restored = ↩️ <b>Not spam: restored as { $code }</b> · { $chat }
    👤 { $author } (id { $user_id })
    «{ $text }»
spam-line-banned = 🔨 Author banned
btn-not-spam = ↩️ Not spam
press-not-spam = Restored as appeal { $code }.
press-spam-done = Already done.
press-spam-banned = Author banned in every chat.
card-spam-signs = ⚠️ Looks like spam: { $reasons }

spam-recent-title = 🧹 Latest posts removed as spam:
spam-recent-line = { $when } · { $chat } · { $author }: «{ $text }» — { $reasons }{ $restored ->
        [1] {" "}↩️ restored
       *[0] {""}
    }
spam-recent-empty = No spam so far.
cmd-spam = latest posts removed as spam, with reasons
digest-spam = 🧹 Spam: { $caught } removed, { $restored } restored with "Not spam"

spam-reason-link = link to { $detail }
spam-reason-fake-official = link posing as an official site: { $detail }
spam-reason-telegram-link = Telegram link { $detail }
spam-reason-private-invite = invitation to a private chat
spam-reason-mention = mentions @{ $detail }
spam-reason-mention-bot = mentions the bot @{ $detail }
spam-reason-forward-channel = forwarded from a channel
spam-reason-contact = contact card
spam-reason-dm-invite = invites to private messages
spam-reason-topic = topic: { $detail ->
        [earnings] easy money
        [crypto] crypto
        [betting] betting and casinos
        [loans] loans and credit
        [documents] documents and certificates
        [giveaway] giveaways
        [offer] an unnamed offer
        [ads] advertising
        [scam] scam
        [adult] adult dating
        [promotion] a channel or bot advertised
       *[other] { $detail }
    }
spam-reason-money-rate = earnings per day or month
spam-reason-phone = phone number
spam-reason-emoji-run = run of emoji
spam-reason-hidden-latin = Latin letters inside Cyrillic words
spam-reason-spaced-letters = spaced-out letters
spam-reason-offer-contact = an offer and a way to reach the seller
spam-reason-digit-letters = digits for letters
spam-reason-invisible = invisible characters inside words
spam-reason-phishing = poses as an official body or a bank and asks for money or data
spam-reason-repeat = repeats recent spam
