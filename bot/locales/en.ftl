# English.

ack-reply = Your appeal is registered as <b>{ $code }</b>. District staff will review it and answer here, under your message. It will be dealt with by { $due }.
ack-emergency = 🚨 If you need urgent help, call 102 (police) or 112 — this chat does not replace emergency services.

card-header = { $badge } <b>{ $code }</b> · { $chat }
card-author = 👤 { $author } · { $when }
card-open-post = ↗ open the message
card-media = 📎 { $media }
card-status = Status: <b>{ $status }</b> · Assignee: { $assignee }
card-unassigned = —
card-due = ⏰ Answer by { $response } · resolve by { $resolve }
card-overdue = ⚠️ overdue
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

intake-failed = ⚠️ A message could not be registered as an appeal. Please handle it by hand: { $link }
    Author: { $author }
    Text: { $text }
