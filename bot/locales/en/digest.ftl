# The akim's daily digest and the /digest, /stats commands.
digest-title = 📊 <b>Appeals digest for { $day }</b>
digest-title-running = 📊 <b>Appeals on { $day }, as of { $time }</b>
digest-chat = <b>{ $chat }</b>: new { $new } · answered { $answered } · closed { $closed } · open { $open } · overdue { $overdue }
digest-total = Total
digest-response = ⏱ First response: median { $median }, 90% within { $p90 } ({ $count } answers)
digest-response-none = ⏱ No first responses to residents that day.
digest-in-time = ✅ Answered in time: { $done } of { $due } ({ $share }%)
digest-urgent = 🔴 <b>Urgent, open</b> ({ $count }):
digest-overdue = ⚠️ <b>Overdue</b> ({ $count }):
digest-problems = ⚡ <b>The day's largest problems</b> (one problem, many appeals):
digest-problem = <b>{ $code }</b> "{ $title }" — { $today ->
        [one] { $today } appeal
       *[other] { $today } appeals
    } that day, { $total } in all · { $status }
digest-problem-new = not taken yet
digest-problem-assigned = in progress
digest-problem-answered = answered
digest-problem-closed = closed
digest-oldest = 🕰 <b>Oldest open</b> ({ $count } open):
digest-item = { $mark }<b>{ $code }</b> · { $chat } · { $assignee } · since { $created } · due { $due }
digest-unassigned = unassigned
digest-more = …and { $count } more
digest-moderators = 👥 <b>Staff that day</b>:
digest-moderator = { $name }: { $answered } answered, { $closed } closed
digest-ratings = ⭐ Residents' ratings: solved { $solved }, not solved { $unsolved }
digest-state-at = Open, overdue and the lists as of { $at }.
digest-caption = 📊 Digest for { $day }: { $new } new, { $closed } closed, { $open } open, { $overdue } overdue.
digest-chart-title = Appeals over 14 days: new and closed
digest-chart-new = new
digest-chart-closed = closed
digest-head-unreachable = ⚠️ { $count ->
        [1] The akim or a deputy has not started the bot privately yet, so the digest came here. Ask them to send /start to the bot.
       *[other] { $count } heads (the akim, deputies) have not started the bot privately yet, so the digest came here. Ask them to send /start to the bot.
    }
digest-no-head = ℹ️ No akim is configured ([staff] head), so the digest came here.
digest-bad-date = Give a past day as YYYY-MM-DD, for example: /digest { $example }. Today's figures: /stats.
digest-building = Building the digest for { $day }…
digest-failed = The digest could not be built; the bot's log says why.
duration-minutes = { $minutes } min
duration-hours = { $hours } h { $minutes } min
duration-days = { $days } d { $hours } h
cmd-digest = Digest for a day (yesterday by default)
cmd-stats = Today's figures
digest-before-start = ℹ️ The desk started on { $since }: there is nothing for earlier days, so the digest shows zeros. Today so far: /stats.
