# The private chat with a resident, and the resident's side of a ticket.

ack-follow = 🔔 Follow the answer in a private chat

start-greeting = Hello! I am the district akimat's bot.
    
    Post your appeals in the district's open chats:
    • <b>Akimat</b> — general questions to the district akimat;
    • <b>Law &amp; Order</b> — public safety, police liaison;
    • <b>Housing</b> — housing cooperatives, utilities, heating, lifts, courtyards.
    
    Every post becomes an appeal with a number (such as H-42). District staff answer in the chat under your post, and I send you a copy of the answer here and tell you when the appeal is closed. An appeal is dealt with within 15 working days.
    
    Commands: /my — my appeals, /ticket H-42 — one appeal, /help — help, /language — language.
    Choose your language:
language-choose = Choose your language:
language-set = Language saved: English.
help = The district chats are for appeals to the akimat: post in the open chat on your topic (Akimat, Law &amp; Order or Housing); the answer comes under your post and here.
    
    🚨 In an emergency call <b>102</b> — police, <b>101</b> — fire and rescue, <b>103</b> — ambulance, <b>112</b> — the emergency line. The chat does not replace emergency services.
    
    /my — my appeals · /ticket H-42 — an appeal with its answers · /language — language
private-hint = Appeals are taken in the district's open chats, so that everyone sees the answer. Post there — I will send you the answer here too. /help — more.
follow-ok = 🔔 You will get answers and updates on this appeal here.
ticket-not-yours = There is no such appeal among yours. Answers go only to the appeal's author.
resident-ticket-usage = Give the number: /ticket H-42 (it is in the bot's reply under your post).
my-empty = You have no appeals yet. Post in a district chat and it will appear here.
my-title = Your appeals ({ $count }):
my-line = <b>{ $code }</b> · { $chat } · { $date } · { $status } · answer: { $answer }
ticket-view = <b>{ $code }</b> · { $chat } · { $date }
    Status: <b>{ $status }</b>
ticket-view-resolution = Outcome: { $resolution }
ticket-view-no-answers = No answer yet.
ticket-view-answer = 💬 { $when }: { $text }

rate-question = Was your issue solved?
rate-yes = 👍 Yes, solved
rate-no = 👎 No
rate-thanks = Thank you for your answer!
rate-reopened = The appeal is open again — staff will come back to it.
rate-already = You have already answered this question.
rate-unavailable = This question no longer applies: the appeal has changed since.
disputed-staff = ⚠️ The author of <b>{ $code }</b> ({ $author }) says the issue is not solved: the appeal is open again.
card-solved = 👍 Resident: solved
card-disputed = 👎 Resident: not solved
event-rated = resident: solved
event-disputed = resident: not solved
event-attachment = one more photo or file of the album

cmd-private-start = start and choose the language
cmd-private-my = my appeals
cmd-private-ticket = H-42 — an appeal with its answers
cmd-private-help = help and emergency numbers
cmd-private-language = language
staff-help = You are on the district's staff list: this bot helps residents file appeals and helps you keep track of them.

    <b>The akim and deputies</b> get here:
    🔴 an urgent appeal (gas, fire, flooding, no heating, violence, a child in danger) — at once;
    ⚠️ an overdue appeal: no first answer, or the review deadline has passed — once per deadline;
    📊 the digest of the past day with a chart — every day at { $time }.
    /digest — yesterday's digest, /digest YYYY-MM-DD — a past day · /stats — today so far

    <b>Moderators</b>: appeals arrive as cards with buttons in the staff chat; there too: /open, /mine, /ticket H-42, /find, /history H-42, /digest and /stats.
