"""How sure the learnt urgency model must be before it flags a post the rules read
calm, measured on batches that neither the rules nor the model had learnt (not part
of the tests).

Each fresh batch in tests/data/reading/ was measured once by the reader as it stood
before the batch was learnt from (the commits in ``MEASURED_AT``). This bench reads
each batch again with *that* commit's rules and an urgency model learnt, by this
checkout's classifier, from *that* commit's training posts, and prints the reader's
urgency precision and recall with the model flagging at each confidence, the rules
alone last, per batch and pooled.
``URGENT_CONFIDENCE`` in bot/reading/reader.py is chosen from these figures: a
confidence chosen on the desk's own training posts would be chosen on posts the rules
were written from, where the rules miss almost nothing and the model seems worth
nothing.

    python -m bench.urgency_confidence [--batch N ...]

Each commit is unpacked with ``git archive`` into a temporary folder and read there
by a child process (about half a minute in all).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bot.reading.classifier import Model, train
from bot.reading.seed import training_rows

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "reading"
# The commit each batch was measured at, before the reader learnt from it.
MEASURED_AT = {
    12: "2339621",
    13: "75fd575",
    14: "75fd575",
    15: "de4c94b",
    16: "bcab06a",
    17: "09be55c",
    18: "b8b96b0",
    19: "b8b96b0",
}
CONFIDENCES = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


@dataclass(frozen=True)
class Read:
    """One labelled post as a reader of the time read it."""

    urgent: bool  # the label
    rules: bool  # urgent by the rules
    score: float  # how sure the model is that it is urgent


def figures(reads: list[Read], confidence: float | None) -> tuple[float, float]:
    """Urgency precision and recall when the model flags what the rules read calm
    at ``confidence`` or above (None: the rules alone)."""
    flagged = [r for r in reads if r.rules or (confidence is not None and r.score >= confidence)]
    hits = sum(r.urgent for r in flagged)
    urgent = sum(r.urgent for r in reads)
    return (hits / len(flagged) if flagged else 0.0, hits / urgent if urgent else 0.0)


def read_here(paths: list[str]) -> None:
    """In a checkout of a commit: print one JSON line per post of ``paths``, its label
    and whether the checkout's own rules read it urgent."""
    from datetime import date

    from bot.reading.reader import Reader

    reader = Reader()
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line:
                continue
            row = json.loads(line)
            reading = reader.read(row["text"], row["chat"], date.fromisoformat(row["date"]))
            read = {"text": row["text"], "urgent": row["urgent"], "rules": reading.urgency.urgent}
            print(json.dumps({"path": path, **read}, ensure_ascii=False))


def urgency_model(rows: list[dict]) -> Model:
    """The urgency model this checkout learns from labelled ``rows``."""
    model = train([r["text"] for r in rows], ["urgent" if r["urgent"] else "normal" for r in rows])
    assert model is not None, "too few training posts"
    return model


def read_at(commit: str, paths: list[Path]) -> dict[str, list[Read]]:
    """``paths`` read by the rules of ``commit`` and a model learnt from its training
    posts (see the module)."""
    archive = subprocess.run(
        ["git", "archive", commit], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        env = {**os.environ, "PYTHONPATH": folder}
        out = subprocess.run(
            [sys.executable, __file__, "--here", *map(str, paths)],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        model = urgency_model(training_rows(Path(folder) / "tests" / "data" / "reading"))
    found: dict[str, list[Read]] = {str(p): [] for p in paths}
    for line in out.splitlines():
        row = json.loads(line)
        score = model.scores(row["text"]).get("urgent", 0.0)
        found[row["path"]].append(Read(row["urgent"], row["rules"], score))
    return found


def _line(name: str, reads: list[Read]) -> str:
    cells = ["{:.3f} / {:.3f}".format(*figures(reads, c)) for c in (*CONFIDENCES, None)]
    urgent = sum(r.urgent for r in reads)
    return f"| {name} ({len(reads)}, {urgent}) | " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batch", type=int, action="append", choices=sorted(MEASURED_AT))
    parser.add_argument("--here", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.here:
        read_here(args.here)
        return 0
    batches = args.batch or sorted(MEASURED_AT)
    by_commit: dict[str, list[int]] = {}
    for n in batches:
        by_commit.setdefault(MEASURED_AT[n], []).append(n)
    head = " | ".join(f"≥ {c}" for c in CONFIDENCES)
    print(f"| batch (posts, urgent) | {head} | rules alone |")
    print("| --- " * (len(CONFIDENCES) + 2) + "|")
    pooled: list[Read] = []
    for commit, numbers in by_commit.items():
        paths = [DATA / f"train{n}.jsonl" for n in numbers]
        for path, reads in read_at(commit, paths).items():
            print(_line(f"{Path(path).stem} at {commit}", reads), flush=True)
            pooled.extend(reads)
    print(_line("pooled", pooled))
    return 0


if __name__ == "__main__":
    sys.exit(main())
