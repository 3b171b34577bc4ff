"""Why posts of a problem were not grouped with it, and which attachments were
wrong (run through
``python -m bench.grouping_misses [--holdout | --file PATH] [--truth | --rules]``).

The posts stream as in bench/grouping.py. For each labelled post outside its
label's largest problem, the cause, in this order: a cross-post the desk took
as its first post's appeal; the reader's category differs from the one most
of the problem's posts were read under; the post names no place (with or
without a location); its address key differs from the problem's; the matcher
only suggested it (a window or words); no offer was made; a pair offer was
not one a careful moderator accepts. Each line shows the reader's category
and key against the labelled ones and what the matcher decided.
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from bench.grouping import Stream, desk_settings, load
from storage.db import Database
from storage.models import Draft


class _Reading(Stream):
    """The stream, remembering how each post was read."""

    read: dict[str, tuple[str | None, str | None, bool]]

    def draft(self, post: dict[str, Any], number: int) -> Draft:
        draft = super().draft(post, number)
        self.read = getattr(self, "read", {})
        self.read[post["id"]] = (draft.category, draft.address_key, draft.lat is not None)
        return draft


def _cause(stream: _Reading, post: dict[str, Any], usual: tuple[str | None, str | None]) -> str:
    said = stream.figures.decisions.get(post["id"])
    category, key, located = stream.read[post["id"]]
    if said is None:
        return "cross-post"
    if category != usual[0]:
        return "category differs"
    if key is None:
        return "location only" if located else "no place"
    if key != usual[1]:
        return "address differs"
    kind = said.split()[0]
    return {"suggest": "suggested (window or words)", "none": "no offer"}.get(kind, "pair refused")


def misses(stream: _Reading) -> tuple[Counter[str], list[str]]:
    """The causes counted, and a line per missed post."""
    members: dict[str, list[tuple[dict[str, Any], int]]] = defaultdict(list)
    for post, ticket_id in stream.posts:
        if post["problem"] is not None:
            members[post["problem"]].append((post, ticket_id))
    causes: Counter[str] = Counter()
    lines: list[str] = []
    for label, items in members.items():
        ours = Counter(
            stream.problem_of[t]
            for _, t in items
            if t in stream.problem_of and stream.made_for[stream.problem_of[t]] == label
        )
        largest = ours.most_common(1)[0][0] if ours else None
        inside = [p for p, t in items if stream.problem_of.get(t) == largest] or [items[0][0]]
        usual = tuple(Counter(stream.read[p["id"]][i] for p in inside).most_common(1)[0][0]
                      for i in (0, 1))  # fmt: skip
        for post, ticket_id in items:
            if largest is not None and stream.problem_of.get(ticket_id) == largest:
                continue
            cause = _cause(stream, post, usual)  # type: ignore[arg-type]
            causes[cause] += 1
            category, key, located = stream.read[post["id"]]
            lines.append(
                f"{post['id']} {label}: {cause}; read {category} / {key}"
                f"{' + location' if located else ''}, labelled {post['category']} /"
                f" {post['street']} {post['house'] or ''}; decided"
                f" {stream.figures.decisions.get(post['id'], 'as its first post')}"
            )
    return causes, lines


async def run(holdout: bool, truth: bool, path: Path | None = None, models: bool = True) -> None:
    db = await Database.open(":memory:")
    try:
        stream = _Reading(db, desk_settings(), truth, models)
        figures = await stream.run(load(holdout, path))
    finally:
        await db.close()
    for line in figures.lines():
        print("  " + line)
    causes, lines = misses(stream)
    print("not grouped with their problem, by cause:")
    for cause, count in causes.most_common():
        print(f"  {cause}: {count}")
    for line in lines:
        print("  " + line)
    print("wrong attachments:")
    for line in figures.mistakes:
        print("  " + line)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdout", action="store_true", help="the hold-out posts")
    parser.add_argument("--file", type=Path, help="any labelled file (e.g. train2.jsonl)")
    parser.add_argument("--truth", action="store_true", help="labelled places, not the reader")
    parser.add_argument("--rules", action="store_true", help="the reader's rules, no models")
    args = parser.parse_args(argv)
    asyncio.run(run(args.holdout, args.truth, args.file, not args.rules))


if __name__ == "__main__":
    main()
