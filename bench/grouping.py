"""How well the desk groups appeals into problems, on the labelled corpus
(tests/data/grouping, not part of the tests; tests/test_grouping_corpus.py
guards the figures on the training posts).

The posts are streamed in order, each at its minute, through the real reader
(bot/reading: category and address; a Telegram location is the post's own)
and the real :class:`~bot.problems.grouping.Grouper` against a real database,
as the desk would see them. The reader is the one a new desk reads with: its
rules, and the category and urgency models shipped in the package where the
rules are unsure (``--rules`` reads with the rules alone). The simulated
moderator:

- lets every ``attach`` stand, right or wrong (that is what the desk does by
  itself);
- declines every ``suggest`` (so the figures are what grouping does without
  a moderator's help);
- accepts a ``pair`` offer when the new post and most of the offered appeals
  share a problem label: a problem is made of the new post and the offered
  appeals with that label (a careful moderator leaves the others out).

A post with the same text as its author's post in another chat within
``[intake] same_text_hours`` is the same appeal linked twice (as intake
treats it): it is grouped as its first post is.

Measures, over all the posts of the file:

- **grouped** (recall): for each problem label, the share of its posts that
  end up in the desk's largest problem made for that label; summed over
  labels: Σ largest / Σ posts with a label.
- **wrongly grouped** (1 − precision): the share of posts in the desk's
  problems whose label is not the label the problem was made for (posts with
  no label included): wrong / all posts in problems.
- **offers**: how many ``suggest`` decisions were made and how many named the
  post's own problem; how many ``pair`` offers and how many were accepted.
- **posts naming no place** (no street in the label, no location): how many of
  those with a label end up in their label's largest problem, and how many
  of all of them are in a problem not theirs.

``--truth`` reads the labelled street, house and category instead of the
reader, to tell the reader's errors from grouping's.

    python -m bench.grouping [--holdout | --file PATH] [--truth | --rules] [--verbose]
    python -m bench.grouping --scale [--appeals 100000] [--problems 5000]

Without --holdout only the training posts are used: the hold-out is for the
reported figure, not for tuning.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.problems.grouping import Grouper, Match, MatchKind
from bot.reading import seed
from bot.reading.address import Address, Street
from bot.reading.reader import Reader, reader_for
from storage.db import Database
from storage.models import Draft, Priority, to_db_time
from storage.tickets import TicketRepository

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "grouping"
START = datetime(2026, 1, 12, 3, 0, tzinfo=UTC)  # a Monday, 08:00 in Astana
CHATS = {"akimat": ("A", -1001), "law_order": ("L", -1002), "housing": ("H", -1003)}


def load(holdout: bool = False, path: Path | None = None) -> list[dict[str, Any]]:
    """The posts of ``path``, else of the hold-out or the training file."""
    path = path or DATA / ("holdout.jsonl" if holdout else "train.jsonl")
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def desk_settings(**problems: Any) -> Settings:
    """A desk's settings with the default grouping (or ``problems`` changed)."""
    return Settings(
        staff={"chat_id": -100, "moderators": [1]},
        chats=[
            {"key": key, "title": key, "chat_id": chat_id, "prefix": prefix}
            for key, (prefix, chat_id) in CHATS.items()
        ],
        problems=problems,
    )


@dataclass
class Figures:
    posts: int = 0
    labelled: int = 0
    grouped: int = 0  # labelled posts in their label's largest problem
    in_problems: int = 0
    wrong: int = 0
    attached: int = 0
    attached_right: int = 0
    suggested: int = 0
    suggested_right: int = 0
    paired: int = 0
    paired_right: int = 0
    # Posts naming no street and carrying no location ("у нас тоже", "3-й подъезд").
    placeless: int = 0  # of them with a problem label
    placeless_grouped: int = 0  # in their label's largest problem
    placeless_wrong: int = 0  # in a problem not theirs
    mistakes: list[str] = field(default_factory=list)
    decisions: dict[str, str] = field(default_factory=dict)  # post id -> what was decided

    @property
    def recall(self) -> float:
        return self.grouped / self.labelled if self.labelled else 0.0

    @property
    def wrong_share(self) -> float:
        return self.wrong / self.in_problems if self.in_problems else 0.0

    def lines(self) -> list[str]:
        return [
            f"posts {self.posts}, with a problem label {self.labelled}",
            f"grouped with their problem: {self.recall:.3f} ({self.grouped}/{self.labelled})",
            f"wrongly grouped: {self.wrong_share:.3f} ({self.wrong}/{self.in_problems})",
            f"attach decisions: {self.attached}, right {self.attached_right}",
            f"suggest offered: {self.suggested}, right {self.suggested_right}",
            f"pair offered: {self.paired}, accepted {self.paired_right}",
            f"posts naming no place: {self.placeless} with a label, grouped "
            f"{self.placeless_grouped}; wrongly grouped {self.placeless_wrong}",
        ]


class Stream:
    """The posts of one file through the reader, the grouper and a careful moderator."""

    def __init__(self, db: Database, settings: Settings, truth: bool, models: bool = True) -> None:
        self.db = db
        self.grouper = Grouper(db, settings)
        self.tickets = TicketRepository(db, lambda: START)
        self.reader = desk_reader(settings, models)
        self.truth = truth
        self.same_text = timedelta(hours=settings.intake.same_text_hours)
        self.label: dict[int, str | None] = {}  # ticket id -> the post's problem label
        self.problem_of: dict[int, int] = {}  # ticket id -> desk problem id
        self.made_for: dict[int, str] = {}  # desk problem id -> label it was made for
        self.posts: list[tuple[dict[str, Any], int]] = []  # (post, ticket id)
        self.figures = Figures()

    async def run(self, posts: list[dict[str, Any]]) -> Figures:
        for number, post in enumerate(posts, start=1):
            draft = self.draft(post, number)
            original = self.cross_post(post, draft)
            if original is not None:
                self.posts.append((post, original))
                continue
            match = await self.grouper.match(draft)
            ticket_id = (await self.tickets.create(draft)).ticket.id
            self.label[ticket_id] = post["problem"]
            self.posts.append((post, ticket_id))
            await self.moderate(post, ticket_id, match)
        return self.tally()

    def draft(self, post: dict[str, Any], number: int) -> Draft:
        at = START + timedelta(minutes=post["minute"])
        prefix, chat_id = CHATS[post["chat"]]
        # The danger is the reader's either way: the labels say nothing of it.
        reading = self.reader.read(post["text"], post["chat"], at.date())
        category, address = reading.category.value, reading.address
        if self.truth:
            category = post["category"]
            address = (
                Address(Street(post["street"], "street"), post["house"]) if post["street"] else None
            )
        urgent = reading.urgency.urgent
        return Draft(
            chat_key=post["chat"],
            prefix=prefix,
            source_chat_id=chat_id,
            source_message_id=number,
            source_thread_id=None,
            author_id=post["author"],
            author_name=str(post["author"]),
            author_username=None,
            author_language=None,
            text=post["text"],
            media_type=None,
            media_file_id=None,
            created_at=at,
            category=category,
            address=address.text if address else None,
            address_key=address.key if address else None,
            lat=post["lat"],
            lon=post["long"],
            priority=Priority.urgent if urgent else Priority.normal,
            urgency_reason=reading.urgency.reason if urgent else None,
        )

    def cross_post(self, post: dict[str, Any], draft: Draft) -> int | None:
        """The ticket of the author's same text in another chat, if recent (intake's rule)."""
        for earlier, ticket_id in reversed(self.posts):
            at = START + timedelta(minutes=earlier["minute"])
            if draft.created_at - at > self.same_text:
                return None
            if (
                earlier["author"] == post["author"]
                and earlier["text"].strip() == post["text"].strip()
                and earlier["chat"] != post["chat"]
            ):
                return ticket_id
        return None

    async def moderate(self, post: dict[str, Any], ticket_id: int, match: Match) -> None:
        label, figures = post["problem"], self.figures
        figures.decisions[post["id"]] = f"{match.kind} {match.score:.2f} {match.why}"
        if match.kind is MatchKind.attach:
            assert match.problem_id is not None
            figures.attached += 1
            figures.attached_right += label is not None and self.made_for[match.problem_id] == label
            await self.attach(match.problem_id, [ticket_id])
            if label != self.made_for[match.problem_id]:
                figures.mistakes.append(f"attach {post['id']} to {self.made_for[match.problem_id]}")
        elif match.kind is MatchKind.suggest:
            assert match.problem_id is not None
            figures.suggested += 1
            figures.suggested_right += (
                label is not None and self.made_for[match.problem_id] == label
            )
        elif match.kind is MatchKind.pair:
            figures.paired += 1
            theirs = [t for t in match.ticket_ids if self.label.get(t) == label]
            if label is not None and len(theirs) * 2 >= len(match.ticket_ids):
                figures.paired_right += 1
                problem_id = await self.make_problem([ticket_id, *theirs])
                self.made_for[problem_id] = label

    async def make_problem(self, ticket_ids: list[int]) -> int:
        def make(conn: Any) -> int:
            # The problem is where and what its first appeal the reader was sure of says.
            rows = [
                conn.execute(
                    "SELECT category, address, address_key, lat, lon FROM tickets WHERE id = ?",
                    (ticket_id,),
                ).fetchone()
                for ticket_id in ticket_ids
            ]
            row = next((r for r in rows if r[0] != "other" and r[2]), rows[0])
            now = to_db_time(START)
            [(problem_id,)] = conn.execute(
                "INSERT INTO problems (number, title, category, address, address_key, lat, lon,"
                " created_at, updated_at) VALUES ((SELECT COALESCE(MAX(number), 0) + 1"
                " FROM problems), 'problem', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (*tuple(row), now, now),
            ).fetchall()
            return problem_id

        problem_id = await self.db.write(make)
        await self.attach(problem_id, ticket_ids)
        return problem_id

    async def attach(self, problem_id: int, ticket_ids: list[int]) -> None:
        rows = [(problem_id, t) for t in ticket_ids]
        await self.db.write(
            lambda conn: conn.executemany("UPDATE tickets SET problem_id = ? WHERE id = ?", rows)
        )
        for ticket_id in ticket_ids:
            self.problem_of[ticket_id] = problem_id

    def tally(self) -> Figures:
        figures = self.figures
        figures.posts = len(self.posts)
        sizes: dict[str, Counter[int]] = defaultdict(Counter)
        for post, ticket_id in self.posts:
            label, problem = post["problem"], self.problem_of.get(ticket_id)
            figures.labelled += label is not None
            figures.placeless += label is not None and _placeless(post)
            if problem is None:
                continue
            figures.in_problems += 1
            if label != self.made_for[problem]:
                figures.wrong += 1
                figures.placeless_wrong += _placeless(post)
            elif label is not None:
                sizes[label][problem] += 1
        figures.grouped = sum(max(counts.values()) for counts in sizes.values())
        largest = {label: counts.most_common(1)[0][0] for label, counts in sizes.items()}
        figures.placeless_grouped = sum(
            1
            for post, ticket_id in self.posts
            if post["problem"] is not None
            and _placeless(post)
            and self.problem_of.get(ticket_id) == largest.get(post["problem"])
        )
        return figures


def desk_reader(settings: Settings, models: bool = True) -> Reader:
    """The reader a new desk so configured reads with (bot/app.py): its rules, and,
    unless ``models`` is false, the models shipped in the package that
    bot.reading.learning puts in it before the first post."""
    reader = reader_for(settings)
    return seed.with_shipped_models(reader) if models else reader


def _placeless(post: dict[str, Any]) -> bool:
    return post["street"] is None and post["lat"] is None


async def measure(
    posts: list[dict[str, Any]],
    settings: Settings | None = None,
    truth: bool = False,
    models: bool = True,
) -> Figures:
    """The figures for ``posts`` streamed through a fresh desk (see the module's doc);
    ``models=False`` reads with the reader's rules alone."""
    db = await Database.open(":memory:")
    try:
        return await Stream(db, settings or desk_settings(), truth, models).run(posts)
    finally:
        await db.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdout", action="store_true", help="the hold-out posts")
    parser.add_argument("--file", type=Path, help="any labelled file (e.g. train2.jsonl)")
    parser.add_argument("--truth", action="store_true", help="labelled places, not the reader")
    parser.add_argument("--rules", action="store_true", help="the reader's rules, no models")
    parser.add_argument("--verbose", action="store_true", help="list the wrong attachments")
    parser.add_argument("--scale", action="store_true", help="matching cost, 1k vs 100k appeals")
    parser.add_argument("--appeals", type=int, default=100_000)
    parser.add_argument("--problems", type=int, default=5_000)
    args = parser.parse_args(argv)
    if args.scale:
        from bench.grouping_scale import main as scale

        scale(args.appeals, args.problems)
        return
    name = args.file.stem if args.file else "holdout" if args.holdout else "train"
    posts = load(args.holdout, args.file)
    figures = asyncio.run(measure(posts, truth=args.truth, models=not args.rules))
    print(f"{name}, {_how(args.truth, args.rules)}:")
    for line in figures.lines():
        print("  " + line)
    if args.verbose:
        for line in figures.mistakes:
            print("  " + line)
        for post in posts:
            said = figures.decisions.get(post["id"], "cross-post")
            if post["problem"] and not said.startswith("attach"):
                print(f"  {post['id']} {post['problem']}: {said} | {post['text'][:60]}")


def _how(truth: bool, rules: bool) -> str:
    if truth:
        return "labelled places"
    return "read by the reader's rules alone" if rules else "read by the reader with its models"


if __name__ == "__main__":
    main()
