# English.

ack-reply = Your appeal is registered as <b>{ $code }</b>. District staff will review it and answer here, under your message. It will be dealt with by { $due }.
ack-emergency = 🚨 If you need urgent help, call 102 (police) or 112 — this chat does not replace emergency services.
ack-together = Appeals registered, each under its own number. District staff will answer each of you here, under your own message.
ack-together-line = <b>{ $code }</b> — { $author }
ack-together-line-problem = <b>{ $code }</b> — { $author } · issue { $problem }

card-header = { $badge } <b>{ $code }</b> · { $chat }
card-author = 👤 { $author } · { $when }
card-open-post = ↗ open the message
card-album = { $media } (album of { $count })
card-media = 📎 { $media }
card-status = Status: <b>{ $status }</b> · Assignee: { $assignee }
card-unassigned = —
card-due = ⏰ Answer by { $response } · review deadline: { $resolve }
card-overdue = ⚠️ overdue by { $age }
card-followups = 💬 Follow-ups from the resident: { $count } · latest: { $last }
card-resolution = Outcome: { $resolution }
card-cut = … [text shortened, open the message for all of it]
caption-cut = … [shortened]

status-new = new
status-assigned = in progress
status-answered = answered
status-closed = closed

resolution-resolved = resolved
resolution-rejected = rejected
resolution-duplicate = duplicate
resolution-spam = spam

media-photo = photo
media-video = video
media-document = document
media-voice = voice message
media-audio = audio
media-video_note = video message
media-location = location
media-animation = animation

btn-take = ✋ Take
btn-assign = 👤 Assign
btn-reassign = 👤 Reassign
btn-answer = ✍️ Answer
btn-close = ✅ Close
btn-spam = 🚫 Spam
btn-reopen = ↩️ Reopen

press-unavailable = This button is not available.

chat-unreachable = 🚨 The bot cannot write to “{ $chat }”: { $error }. Add the bot back as an administrator — until then acknowledgements and answers do not reach it.
staff-chat-lost = 🚨 The bot cannot write to the moderators' chat: { $error }. Appeal cards and notices are not lost: they wait, and go there as soon as the bot is added back to the chat as an administrator.
intake-failed = ⚠️ A message could not be registered as an appeal. Please handle it by hand: { $link }
    Author: { $author }
    Text: { $text }

card-answers = ✍️ Answers: { $count } · latest: { $last }
card-notes = 📝 Notes: { $count } · latest: { $last }
card-post-deleted = 🗑 Message deleted from the chat
card-delete-failed = ⚠️ Could not delete the message: { $error }
card-banned = 🔨 Author banned from the chat
card-ban-failed = ⚠️ Could not ban the author: { $error }

btn-ban = 🔨 Ban author
btn-ban-confirm = 🔨 Yes, ban
btn-back = ⬅️ Back
btn-close-resolved = ✅ Resolved
btn-close-rejected = ❌ Rejected
btn-close-duplicate = 📑 Duplicate
btn-prev = ◀️ Back
btn-next = Next ▶️

press-not-staff = Only district staff can do this.
press-wrong-chat = Card buttons work only in the staff chat.
press-unknown-ticket = There is no such appeal.
press-stale = This card is out of date: use the latest one (/ticket { $code }).
press-wrong-state = Not possible: { $code } is "{ $status }" now.
press-taken-by = { $code } is already being handled by { $name }.
press-took = You took { $code }.
press-assigned = { $code } assigned to { $name }.
press-choose-moderator = Assign { $code } to whom?
press-not-moderator-choice = This person is not on the moderators list.
press-choose-resolution = How did { $code } end?
press-closed = { $code } closed: { $resolution }.
press-reopened = { $code } is open again.
press-spam = { $code } closed as spam.
press-ban-confirm = Ban the author of { $code } from the chat?
press-banned = The author of { $code } is banned.
press-ban-failed = Could not ban: { $error }
press-answer-prompt = Write the answer as a reply to the bot's message.

answer-prompt = ✍️ { $moderator }, answer to <b>{ $code }</b>: reply to this message with text, a photo, a document or a voice message. Start with "!" to leave an internal note.
answer-public-title = 💬 Answer to appeal <b>{ $code }</b>:
answer-private-title = 💬 An answer to your appeal <b>{ $code }</b> ("{ $chat }"):
answer-unsupported = An answer can be text, a photo, a document, a video or a voice message.
answer-closed = { $code } is closed: reopen it (↩️) to answer.
answer-not-staff = Only moderators can answer appeals.
close-notice = Appeal <b>{ $code }</b> is closed: { $resolution }.
close-notice-private = Your appeal <b>{ $code }</b> ("{ $chat }") is closed: { $resolution }.
assigned-notice = 👤 Appeal <b>{ $code }</b> ("{ $chat }") is assigned to you: { $link }

open-title = Open appeals: { $total } (showing { $first }–{ $last }, oldest first)
mine-title = Your open appeals: { $total } (showing { $first }–{ $last })
open-empty = No open appeals.
open-line = <b>{ $code }</b> · { $age } · { $status } · { $assignee } · { $excerpt }
age-days = { $n } d
age-hours = { $n } h
age-minutes = { $n } min
find-usage = Say what to look for: /find words (code, text, address or street, category, author's name)
find-empty = Nothing found.
find-title = Found: { $count }
ticket-usage = Give the code: /ticket H-42
history-usage = Give the code: /history H-42
ticket-not-found = There is no appeal { $code }.
history-title = History of <b>{ $code }</b>:
history-line = { $when } · { $who } · { $what }

event-created = received
event-take = taken
event-assign = assigned
event-answer = answered
event-note = note
event-close = closed
event-reopen = reopened
event-followup = follow-up from the resident
event-edited = text edited by the author
event-post_deleted = message deleted from the chat
event-post_delete_failed = message could not be deleted
event-author_banned = author banned
event-ban_failed = author could not be banned
event-card_reposted = card moved down
event-acknowledged_together = acknowledged in one message with other appeals


cmd-open = open appeals, oldest first
cmd-mine = my open appeals
cmd-ticket = H-42 — show the card at the bottom of the chat
cmd-find = words — search text, author, code
cmd-history = H-42 — the appeal's history

btn-urgent = 🔴 Urgent
btn-not-urgent = ⚪ Not urgent
press-urgent = { $code } marked urgent: the akim has been notified.
press-not-urgent = { $code } is no longer urgent.
urgent-alert = 🔴 Urgent appeal <b>{ $code }</b> ("{ $chat }"):
    "{ $text }"
    { $link }
urgent-head-unreachable = ⚠️ { $count ->
        [1] The akim or a deputy has not started the bot privately yet, so the alert came here. Ask them to send /start to the bot.
       *[other] { $count } heads (the akim, deputies) have not started the bot privately yet, so the alert came here. Ask them to send /start to the bot.
    }
outage-alert = ⚡ Looks like an outage: { $recent ->
        [one] { $recent } appeal
       *[other] { $recent } appeals
    } within { $minutes } min about <b>{ $code }</b> "{ $title }" ({ $residents } residents in all).
    { $link }
event-priority = urgency changed

reminder = ⏰ <b>{ $code }</b>: the resident needs an answer by { $due }. Assignee: { $assignee }. { $link }
overdue-response = ⏰ First answer overdue: <b>{ $code }</b> ("{ $chat }"), it was due { $due }. Assignee: { $assignee }. { $link }
overdue-resolve = ⏰ Resolution overdue: <b>{ $code }</b> ("{ $chat }"), it was due { $due }. Assignee: { $assignee }. { $link }
event-reminder_response = reminder of the answer deadline
event-overdue_response = first answer overdue
event-overdue_resolve = resolution overdue

# ⏳ Extend: a later resolution deadline (APK RK art. 76: at most two months in all).
btn-extend = ⏳ Extend deadline
btn-extend-to = to { $day }
btn-extend-max = to { $day } (limit: 2 months)
press-extend-choose = { $code }: choose the new resolution deadline.
press-extend-max = { $code }: the deadline is already at its limit, two months from receipt.
press-extend-reason = Reply to the bot's message with the reason for the extension.
extend-prompt = { $moderator }, why is the deadline of <b>{ $code }</b> extended to { $due }? Reply to this message: the resident will receive the reason.
extend-reason-needed = Write the reason as text, in reply to the bot's message.
extend-refused = { $code } was not extended: the appeal is closed or its deadline is already later.
extend-notice-public = The deadline for appeal <b>{ $code }</b> has been extended to { $due }. Reason: { $reason }
extend-notice-private = The deadline for your appeal <b>{ $code }</b> ("{ $chat }") has been extended to { $due }.
    Reason: { $reason }
card-extended = ⏳ Deadline extended to { $due }: { $reason }
event-extend = deadline extended

# An update aiogram could not read, handed to the staff as text.
unreadable-update = ⚠️ Telegram delivered a message from "{ $chat }" that the bot could not read, so no appeal was made from it. Author: { $author }. { $link }
    Text: { $text }
