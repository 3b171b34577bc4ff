"""The seed set shipped with the desk: the spam corpus's training part.

``data/seed.jsonl`` holds every post of ``tests/data/spam/train*.jsonl``
(text, label, forward, contact: the notes stay in the repository). The desk
trains its first classifier on it. After changing the training posts, write
it again from a checkout of the repository:

    python -m bot.intake.spam.seed

A test checks that the shipped seed is the training corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

SEED = Path(__file__).resolve().parent / "data" / "seed.jsonl"
# The training posts, in a checkout of the repository (not in the package).
TRAINING = Path(__file__).resolve().parents[3] / "tests" / "data" / "spam"
_FIELDS = ("text", "spam", "forward_from_channel", "contact")


def training_rows(folder: Path = TRAINING) -> list[dict]:
    """The labelled training posts, every ``train*.jsonl`` file by file."""
    return [
        json.loads(line)
        for path in sorted(folder.glob("train*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def build(folder: Path = TRAINING) -> int:
    """Write the seed from the training posts; how many were written."""
    rows = training_rows(folder)
    lines = (json.dumps({k: r.get(k, False) for k in _FIELDS}, ensure_ascii=False) for r in rows)
    SEED.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    print(f"{SEED}: {build()} posts")
