# Export: open data (Open311, CSV) and an Excel workbook, the /export command.

cmd-export = [days] — an Excel workbook of appeals (the last 30 days by default)

export-usage = Give a number of days from 1 to { $max }: /export 30
export-empty = { $days ->
        [one] No appeals in the last day.
       *[other] No appeals in the last { $days } days.
    }
export-caption = 📊 Appeals { $since } – { $until }: { $count }
export-failed = The appeals could not be exported: { $error }

export-moderator = Moderator { $n }
export-moderator-former = former moderator
export-redacted = [hidden]

export-sheet-tickets = Appeals
export-sheet-summary = Summary
export-summary-title = Appeals by chat and status
export-summary-period = Period: { $since } – { $until }
export-summary-period-all = Period: all time
export-summary-period-since = Period: from { $since }
export-summary-period-until = Period: until { $until }
# The resident's answer to "Was your issue solved?" in the workbook.
export-rating-solved = solved
export-rating-unsolved = not solved
export-summary-total = Total

export-priority-normal = normal
export-priority-urgent = urgent

export-col-code = Code
export-col-chat = Chat
export-col-status = Status
export-col-resolution = Outcome
export-col-priority = Priority
export-col-received = Received
export-col-updated = Updated
export-col-due = Review deadline
export-col-first-response = First response
export-col-first-response-hours = Hours to answer
export-col-closed = Closed
export-col-assignee = Assignee
export-col-rating = Rating
export-col-lat = Latitude
export-col-long = Longitude
export-col-media = Attachment
export-col-text = Appeal text
export-col-notes = Answer or outcome

export-sheet-problems = Problems
export-col-problem = Problem
export-col-problem-title = Title
export-col-residents = Residents
export-col-problem-created = Created
export-col-problem-closed = Closed
export-closed-with-problem = Closed with problem { $problem }.
