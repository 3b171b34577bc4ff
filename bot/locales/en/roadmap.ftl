# The roadmap of requests: plans on problems, the export, /roadmap, the public page.

roadmap-status-new = new
roadmap-status-planned = planned
roadmap-status-in_progress = in progress
roadmap-status-done = done
roadmap-status-not_planned = not planned

roadmap-funding-budget = current budget
roadmap-funding-needs_funding = needs funding
roadmap-funding-participatory = participatory budget

roadmap-org-osi = The block's housing cooperative / owners' association
roadmap-org-heating = City heating utility
roadmap-org-water = Water and sewerage utility
roadmap-org-power = City power grid
roadmap-org-gas = Gas service
roadmap-org-akimat_housing = Akimat housing and utilities department
roadmap-org-akimat_roads = Akimat roads and transport department
roadmap-org-akimat_greenery = Akimat public spaces and greenery department
roadmap-org-akimat_social = Employment and social programmes department
roadmap-org-police = District police

roadmap-title = Roadmap of residents' requests — { $district }
roadmap-as-of = As of { $date }
roadmap-sheet = Roadmap
roadmap-col-number = No.
roadmap-col-problem = Problem
roadmap-col-address = Address
roadmap-col-appeals = Appeals
roadmap-col-residents = Residents who asked
roadmap-col-measure = Measure
roadmap-col-due = Due
roadmap-col-responsible = Responsible
roadmap-col-status = Status
roadmap-col-funding = Funding
roadmap-col-note = Note
roadmap-overdue = overdue
roadmap-not-planned-because = Not planned: { $reason }

roadmap-page-intro = Problems residents reported in the akimat's chats, and what was decided for each: who is responsible, what will be done and by when. The page holds no residents' names or messages.
roadmap-page-total = Problems in all: { $count }
roadmap-chart-title = Problems by status
roadmap-page-empty = The roadmap has no problems yet.
roadmap-page-made = Made on { $date } by the akimat's appeals desk.

cmd-roadmap = The roadmap: problems by due date and status
roadmap-list-title = 🗺 <b>Roadmap</b> · page { $page } of { $pages } · problems: { $total }
roadmap-list-empty = The roadmap has no problems yet: they appear when residents' appeals are grouped into problems.
roadmap-list-overdue = ⚠️ overdue: { $count }
roadmap-list-count = { $status }: { $count }
roadmap-list-item = { $number }. { $mark }<b>{ $code }</b> { $title } · 👥 { $residents }
roadmap-list-plan = { $plan }
roadmap-list-measure = ↳ { $text }
roadmap-list-due = by { $date }
roadmap-list-overdue-since = was due { $date }
roadmap-overdue-alert = ⏰ <b>A plan's due date has passed: { $code }</b> { $title }
    Measure: { $measure }
    Due: { $due } · responsible: { $organisation }
    Residents who asked: { $residents }

roadmap-public-title = 🗺 <b>Roadmap: { $chat }</b>
roadmap-public-updated = Open problems residents wrote about in this chat, and what is being done. Updated { $time }.
roadmap-public-item = • <b>{ $code }</b> { $title } — { $plan } · 👥 { $residents }
roadmap-public-more = …and { $count } more
roadmap-public-empty = No open problems now.
roadmap-week = 📅 <b>The week { $since } – { $until }</b>: problems solved — { $solved }, planned — { $planned }, waiting for funding — { $waiting }.

# The plan on a problem's card.
problem-card-plan = 🗺 Plan: { $plan }
btn-plan = 🗺 Plan
btn-plan-org = 👥 Responsible
btn-plan-measure = 📝 Measure
btn-plan-due = 📅 Due date
btn-plan-fund = 💰 Funding
btn-plan-start = ▶️ Start work
btn-plan-finish = ✅ Done
btn-plan-decline = 🚫 Not planned
btn-plan-replan = 🔁 Plan again
btn-plan-due-other = ✍️ Another date (by reply)
press-plan-done = { $code }: { $status }.
press-plan-refused = Not possible for { $code } now (plan: { $status }). Set who is responsible and the measure first.
press-plan-reply = Reply to the bot's message.
plan-prompt-plan_measure = { $moderator }, reply to this message: what will be done about { $code }?
plan-prompt-plan_due = { $moderator }, reply to this message with the date { $code } will be solved by (DD.MM.YYYY).
plan-prompt-plan_reason = { $moderator }, reply to this message: why is { $code } not planned? Residents will see the reason.
plan-reply-text-needed = Reply to the bot's message with text.
plan-reply-bad-date = Give a future date as DD.MM.YYYY, for example { $example }.

# What residents are told when a problem's plan changes.
plan-told = 🗺 The problem you wrote about, <b>{ $code }</b> "{ $title }": <b>{ $status }</b>.
plan-told-chat = 🗺 Problem <b>{ $code }</b> "{ $title }": <b>{ $status }</b>.
plan-told-measure = What will be done: { $measure }
plan-told-reason = Why: { $reason }
plan-told-due = Due: by { $date }
plan-told-organisation = Responsible: { $organisation }
plan-told-residents = Residents who wrote about it: { $residents }
plan-told-more = The problem's state at any time: send /problem { $code } to the bot privately.

# A problem's state for a resident, privately: /problem P-12, /start p12, following.
cmd-private-problem = P-12 — a district problem: what was decided, and by when
problem-status = 🗺 Problem <b>{ $code }</b> "{ $title }": <b>{ $status }</b>.
problem-status-residents = Residents who asked: { $count }
problem-status-unknown = There is no such problem. Write its number like this: /problem P-12
btn-follow = 🔔 Follow
btn-unfollow = 🔕 Unfollow
follow-problem-on = You will now get news about { $code }.
follow-problem-off = You no longer follow { $code }.

# The roadmap in the akim's daily digest.
digest-roadmap = 🗺 <b>Roadmap</b>: { $counts }
digest-roadmap-overdue = ⚠️ <b>{ $code }</b> { $title } · was due { $due } · { $organisation }
roadmap-chart-weekly = 🗺 The roadmap's problems by category and status
roadmap-chart-by-category = Problems by category and status
