"""Numbered migrations. Each is a list of statements applied in one transaction
together with ``PRAGMA user_version``; never edit a released migration, add one."""

MIGRATIONS: list[list[str]] = [
    # 1: tickets, their audit log, the messages that belong to them, and the outbox.
    [
        """
        CREATE TABLE tickets (
            id                INTEGER PRIMARY KEY,
            code              TEXT    NOT NULL UNIQUE,
            chat_key          TEXT    NOT NULL,
            number            INTEGER NOT NULL,
            source_chat_id    INTEGER NOT NULL,
            source_message_id INTEGER NOT NULL,
            source_thread_id  INTEGER,
            author_id         INTEGER NOT NULL,
            author_name       TEXT    NOT NULL,
            author_username   TEXT,
            author_language   TEXT,
            text              TEXT    NOT NULL DEFAULT '',
            media_type        TEXT,
            media_file_id     TEXT,
            media_group_id    TEXT,
            attachments       INTEGER NOT NULL DEFAULT 0,
            status            TEXT    NOT NULL DEFAULT 'new'
                              CHECK (status IN ('new', 'assigned', 'answered', 'closed')),
            resolution        TEXT
                              CHECK (resolution IN ('resolved', 'rejected', 'duplicate', 'spam')),
            assignee_id       INTEGER,
            priority          TEXT    NOT NULL DEFAULT 'normal'
                              CHECK (priority IN ('normal', 'urgent')),
            card_chat_id      INTEGER,
            card_message_id   INTEGER,
            ack_message_id    INTEGER,
            followups         INTEGER NOT NULL DEFAULT 0,
            created_at        TEXT    NOT NULL,
            updated_at        TEXT    NOT NULL,
            first_response_at TEXT,
            answered_at       TEXT,
            closed_at         TEXT,
            response_due_at   TEXT,
            resolve_due_at    TEXT,
            UNIQUE (source_chat_id, source_message_id),
            UNIQUE (chat_key, number)
        )
        """,
        "CREATE INDEX tickets_status ON tickets (status, created_at)",
        "CREATE INDEX tickets_author ON tickets (author_id, created_at)",
        "CREATE INDEX tickets_album ON tickets (source_chat_id, media_group_id)"
        " WHERE media_group_id IS NOT NULL",
        """
        CREATE TABLE events (
            id        INTEGER PRIMARY KEY,
            ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
            at        TEXT    NOT NULL,
            actor_id  INTEGER,
            kind      TEXT    NOT NULL,
            payload   TEXT    NOT NULL DEFAULT '{}'
        )
        """,
        "CREATE INDEX events_ticket ON events (ticket_id, id)",
        """
        CREATE TABLE ticket_messages (
            chat_id    INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
            role       TEXT    NOT NULL
                       CHECK (role IN ('source', 'ack', 'followup', 'card', 'prompt', 'answer',
                                       'answer_private', 'notice')),
            PRIMARY KEY (chat_id, message_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE answers (
            id                 INTEGER PRIMARY KEY,
            ticket_id          INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
            author_id          INTEGER NOT NULL,
            text               TEXT    NOT NULL DEFAULT '',
            media_type         TEXT,
            media_file_id      TEXT,
            internal           INTEGER NOT NULL DEFAULT 0,
            created_at         TEXT    NOT NULL,
            chat_message_id    INTEGER,
            private_message_id INTEGER
        )
        """,
        "CREATE INDEX answers_ticket ON answers (ticket_id, id)",
        """
        CREATE TABLE outbox (
            id              INTEGER PRIMARY KEY,
            ticket_id       INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
            kind            TEXT    NOT NULL CHECK (kind IN ('send', 'card')),
            role            TEXT,
            answer_id       INTEGER REFERENCES answers (id) ON DELETE SET NULL,
            chat_id         INTEGER NOT NULL,
            payload         TEXT    NOT NULL DEFAULT '{}',
            status          TEXT    NOT NULL DEFAULT 'pending'
                            CHECK (status IN ('pending', 'sent', 'failed')),
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT    NOT NULL,
            claimed_at      TEXT,
            last_error      TEXT,
            message_id      INTEGER,
            created_at      TEXT    NOT NULL,
            sent_at         TEXT
        )
        """,
        "CREATE INDEX outbox_pending ON outbox (chat_id, id) WHERE status = 'pending'",
        """
        CREATE TABLE residents (
            user_id    INTEGER PRIMARY KEY,
            language   TEXT,
            started_at TEXT,
            blocked_at TEXT
        )
        """,
        """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID
        """,
    ],
    # 2: residents' answers to "was your issue solved?", one per closing of a ticket.
    [
        """
        CREATE TABLE ratings (
            ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
            closing   INTEGER NOT NULL,
            user_id   INTEGER NOT NULL,
            solved    INTEGER NOT NULL CHECK (solved IN (0, 1)),
            at        TEXT    NOT NULL,
            PRIMARY KEY (ticket_id, closing)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX ratings_at ON ratings (at)",
        # What the card shows now: an edit that would change nothing is not sent.
        "ALTER TABLE tickets ADD COLUMN card_digest TEXT",
        # The deadline watch looks only at open tickets whose clock still runs.
        "CREATE INDEX tickets_response_due ON tickets (response_due_at)"
        " WHERE status != 'closed' AND first_response_at IS NULL",
        "CREATE INDEX tickets_resolve_due ON tickets (resolve_due_at) WHERE status != 'closed'",
    ],
    # 3: the daily digest reads one day out of years of tickets: every window it
    # counts has an index, so its cost follows the day's volume, not the history's.
    [
        "CREATE INDEX tickets_created ON tickets (created_at, chat_key)",
        "CREATE INDEX tickets_closed ON tickets (closed_at, chat_key) WHERE closed_at IS NOT NULL",
        "CREATE INDEX tickets_first_response ON tickets (first_response_at)"
        " WHERE first_response_at IS NOT NULL",
        "CREATE INDEX tickets_response_due_on ON tickets (response_due_at)",
        "CREATE INDEX answers_created ON answers (created_at) WHERE internal = 0",
        # Open tickets only, by chat: counted per chat without reading closed history.
        "CREATE INDEX tickets_open ON tickets (chat_key, created_at) WHERE status != 'closed'",
        # A change looks for its ticket's pending card refresh: found at once, not by
        # reading every pending row.
        "CREATE INDEX outbox_pending_card ON outbox (ticket_id)"
        " WHERE status = 'pending' AND kind = 'card'",
    ],
    # 4: what an appeal is about, where, and why it is urgent (read at intake,
    # corrected by moderators); the labelled examples their corrections make and
    # the models learnt from them.
    [
        "ALTER TABLE tickets ADD COLUMN category TEXT",
        "ALTER TABLE tickets ADD COLUMN address TEXT",
        "ALTER TABLE tickets ADD COLUMN address_key TEXT",
        "ALTER TABLE tickets ADD COLUMN lat REAL",
        "ALTER TABLE tickets ADD COLUMN lon REAL",
        "ALTER TABLE tickets ADD COLUMN urgency_reason TEXT",
        "CREATE INDEX tickets_category ON tickets (category, created_at)",
        "CREATE INDEX tickets_address ON tickets (address_key) WHERE address_key IS NOT NULL",
        """
        CREATE TABLE examples (
            id        INTEGER PRIMARY KEY,
            kind      TEXT    NOT NULL,
            text      TEXT    NOT NULL,
            label     TEXT    NOT NULL,
            ticket_id INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
            by_user   INTEGER,
            at        TEXT    NOT NULL
        )
        """,
        "CREATE INDEX examples_kind ON examples (kind, id)",
        """
        CREATE TABLE models (
            name       TEXT    PRIMARY KEY,
            data       BLOB    NOT NULL,
            examples   INTEGER NOT NULL,
            trained_at TEXT    NOT NULL
        ) WITHOUT ROWID
        """,
    ],
    # 5: spam. A post judged spam is never a ticket, but its text is kept (a
    # moderator's "Not spam" restores it); moderators' decisions are labelled
    # examples for the classifier, whose trained bytes are kept here too; members
    # are trusted after a few genuine appeals.
    [
        """
        CREATE TABLE spam_posts (
            id              INTEGER PRIMARY KEY,
            chat_key        TEXT    NOT NULL,
            chat_id         INTEGER NOT NULL,
            message_id      INTEGER NOT NULL,
            thread_id       INTEGER,
            author_id       INTEGER NOT NULL,
            author_name     TEXT    NOT NULL,
            author_username TEXT,
            author_language TEXT,
            text            TEXT    NOT NULL DEFAULT '',
            media_type      TEXT,
            media_file_id   TEXT,
            forwarded       INTEGER NOT NULL DEFAULT 0,
            contact         INTEGER NOT NULL DEFAULT 0,
            reasons         TEXT    NOT NULL DEFAULT '[]',
            probability     REAL,
            posted_at       TEXT    NOT NULL,
            judged_at       TEXT    NOT NULL,
            status          TEXT    NOT NULL DEFAULT 'removed'
                            CHECK (status IN ('removed', 'restored')),
            restored_at     TEXT,
            restored_by     INTEGER,
            ticket_id       INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
            banned_at       TEXT,
            banned_by       INTEGER,
            UNIQUE (chat_id, message_id)
        )
        """,
        "CREATE INDEX spam_posts_judged ON spam_posts (judged_at)",
        "CREATE INDEX spam_posts_restored ON spam_posts (restored_at)"
        " WHERE restored_at IS NOT NULL",
        """
        CREATE TABLE spam_examples (
            id        INTEGER PRIMARY KEY,
            text      TEXT    NOT NULL,
            spam      INTEGER NOT NULL CHECK (spam IN (0, 1)),
            forwarded INTEGER NOT NULL DEFAULT 0,
            contact   INTEGER NOT NULL DEFAULT 0,
            source    TEXT    NOT NULL,
            actor_id  INTEGER,
            at        TEXT    NOT NULL
        )
        """,
        """
        CREATE TABLE spam_model (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            trained_at TEXT    NOT NULL,
            examples   INTEGER NOT NULL,
            data       BLOB    NOT NULL
        )
        """,
        """
        CREATE TABLE members (
            user_id    INTEGER PRIMARY KEY,
            checked    INTEGER NOT NULL DEFAULT 0,
            trusted_at TEXT,
            trusted_by TEXT
        )
        """,
        # Why an appeal taken as usual looked like spam: shown on its card.
        """
        CREATE TABLE spam_signs (
            ticket_id   INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
            reasons     TEXT    NOT NULL,
            probability REAL
        )
        """,
    ],
    # 6: problems. One issue at one place grouping many appeals (code P-<number>):
    # its own card, status and assignee, its audit log; each appeal keeps its
    # own row, history and answer and points at its problem. A problem's card
    # refresh is an outbox "card" row with ``problem_id`` set. The partial
    # indexes keep matching a new post to open problems and recent open
    # appeals index-bound (by place and category; coordinates by latitude band).
    [
        """
        CREATE TABLE problems (
            id              INTEGER PRIMARY KEY,
            number          INTEGER NOT NULL UNIQUE,
            title           TEXT    NOT NULL,
            category        TEXT,
            address         TEXT,
            address_key     TEXT,
            lat             REAL,
            lon             REAL,
            status          TEXT    NOT NULL DEFAULT 'new'
                            CHECK (status IN ('new', 'assigned', 'answered', 'closed')),
            resolution      TEXT
                            CHECK (resolution IN ('resolved', 'rejected', 'duplicate', 'spam')),
            assignee_id     INTEGER,
            merged_into     INTEGER REFERENCES problems (id),
            card_chat_id    INTEGER,
            card_message_id INTEGER,
            card_digest     TEXT,
            created_at      TEXT    NOT NULL,
            updated_at      TEXT    NOT NULL,
            closed_at       TEXT
        )
        """,
        "CREATE INDEX problems_open_place ON problems (address_key, category)"
        " WHERE status != 'closed'",
        "CREATE INDEX problems_open_lat ON problems (lat)"
        " WHERE status != 'closed' AND lat IS NOT NULL",
        "CREATE INDEX problems_card ON problems (card_chat_id, card_message_id)",
        """
        CREATE TABLE problem_events (
            id         INTEGER PRIMARY KEY,
            problem_id INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
            at         TEXT    NOT NULL,
            actor_id   INTEGER,
            kind       TEXT    NOT NULL,
            payload    TEXT    NOT NULL DEFAULT '{}'
        )
        """,
        "CREATE INDEX problem_events_problem ON problem_events (problem_id, id)",
        "ALTER TABLE tickets ADD COLUMN problem_id INTEGER REFERENCES problems (id)",
        "CREATE INDEX tickets_problem ON tickets (problem_id, created_at)"
        " WHERE problem_id IS NOT NULL",
        "CREATE INDEX tickets_open_place ON tickets (address_key, category, created_at)"
        " WHERE status != 'closed' AND address_key IS NOT NULL",
        "CREATE INDEX tickets_open_lat ON tickets (lat)"
        " WHERE status != 'closed' AND lat IS NOT NULL",
        "ALTER TABLE outbox ADD COLUMN problem_id INTEGER REFERENCES problems (id)",
        "CREATE INDEX outbox_pending_problem_card ON outbox (problem_id)"
        " WHERE status = 'pending' AND kind = 'card' AND problem_id IS NOT NULL",
        # Which staff message is what to a problem (its card, a prompt under it):
        # a reply to one of them finds the problem.
        """
        CREATE TABLE problem_messages (
            chat_id    INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            problem_id INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
            role       TEXT    NOT NULL,
            PRIMARY KEY (chat_id, message_id)
        )
        """,
    ],
    # 7: the roadmap. A problem's plan: who will do what by when, paid from where,
    # and where it stands (a problem with no row is "new" on the roadmap). The
    # overdue alert remembers the due date it was sent for, so it is sent once per
    # date across restarts, and again only if the date is moved and passes again.
    # Residents who follow a problem they did not post about; the pinned public
    # roadmap per chat, and the weekly summary's last week.
    [
        """
        CREATE TABLE plans (
            problem_id    INTEGER PRIMARY KEY REFERENCES problems (id) ON DELETE CASCADE,
            status        TEXT    NOT NULL DEFAULT 'new'
                          CHECK (status IN ('new', 'planned', 'in_progress', 'done',
                                            'not_planned')),
            organisation  TEXT,
            measure       TEXT,
            due_on        TEXT,
            funding       TEXT
                          CHECK (funding IN ('budget', 'needs_funding', 'participatory')),
            reason        TEXT,
            alerted_due   TEXT,
            updated_at    TEXT    NOT NULL,
            updated_by    INTEGER
        )
        """,
        "CREATE INDEX plans_status_due ON plans (status, due_on)",
        """
        CREATE TABLE problem_followers (
            problem_id INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
            user_id    INTEGER NOT NULL,
            at         TEXT    NOT NULL,
            PRIMARY KEY (problem_id, user_id)
        )
        """,
        """
        CREATE TABLE public_roadmaps (
            chat_id     INTEGER PRIMARY KEY,
            message_id  INTEGER,
            digest      TEXT,
            edited_at   TEXT,
            summary_week TEXT
        )
        """,
    ],
]
