# Problems: one incident at one place, many residents' appeals.

## The acknowledgement in a resident chat when the appeal joined a problem
ack-problem = Appeal received, number <b>{ $code }</b>. { $residents } { $residents ->
        [one] resident has
       *[other] residents have
    } written about this — it is problem <b>{ $problem }</b>, the akimat's staff are working on it and will answer here, under your message. Deadline: { $due }.
ack-problem-state = Its state now: { $status }.

## The problem's card
problem-card-header = 📌 { $badge } <b>{ $code }</b> · { $title }
problem-card-counts = 👥 Residents: <b>{ $residents }</b> · appeals: { $appeals } (open: { $open })
problem-card-merged = 🔗 Merged into another problem: its appeals moved there.
problem-card-newest = Newest appeals:
problem-card-line = { $mark }{ $code } · { $author }: { $text }
problem-card-reply = ↩️ A reply to this card reaches every resident with an open appeal, under their own post.
card-in-problem = 📌 In problem <b>{ $code }</b> (residents: { $residents })

## Buttons
btn-make = 📌 Make a problem
btn-make-pair = 📌 Problem of { $codes } and this
btn-attach = 📌 To a problem
btn-attach-to = 📌 Attach to { $code } ({ $residents } residents)?
btn-detach = ✂️ Detach from problem
btn-problem-merge = 🔗 Merge
btn-problem-detach = ✂️ Detach an appeal
btn-problem-retitle = ✏️ Title

## Answers to presses
press-problem-made = Problem { $code } made.
press-problem-attached = { $ticket } attached to { $code }.
press-problem-detached = { $ticket } detached from { $code }: it has its own card again.
press-problem-choose-merge = Merge { $code } into which problem? Or reply to the card: "merge P-7".
press-problem-no-merge = There is no other open problem to merge { $code } into.
press-problem-merged = { $code } merged into { $into }.
press-problem-choose-detach = Which appeal should leave { $code }?
press-problem-nothing-to-detach = { $code } has no appeals.
press-problem-retitle = Reply to the bot's message with the new title.
press-problem-wrong-state = Not possible: problem { $code } is "{ $status }" now.
press-problem-unknown = There is no such problem.
press-problem-stale = This card is out of date: work on the latest card of { $code }.
press-problem-gone = This appeal is no longer in the problem.

## Prompts and answers in the staff chat
problem-answer-prompt = ✍️ { $moderator }, the answer on problem <b>{ $code }</b>: reply to this message. Every resident with an open appeal gets it, under their own post, and privately if they started the bot.
problem-retitle-prompt = ✏️ { $moderator }, the new title of problem <b>{ $code }</b>: reply to this message.
problem-answered = The answer on { $code } went to residents: { $count }.
problem-answer-none = { $code } has no open appeals: there is no one to answer.
problem-answer-closed = { $code } is closed: reopen it (↩️) to answer.
problem-title-needed = The title must be text.
problem-retitle-refused = The title of { $code } was not changed.
problem-merge-unknown = There is no open problem { $into }.
problem-merge-refused = { $code } could not be merged into { $into }.
problem-detach-unknown = { $code } has no appeal { $ticket }.

## An appeal's history
event-attach = attached to a problem
event-detach = detached from its problem
event-problem_merged = its problem merged into another
event-problem_made = made a problem
event-problem_suggested = offered to join a problem
