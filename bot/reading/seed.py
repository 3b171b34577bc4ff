"""What the desk's models start from before any moderator has corrected it.

``data/seed.jsonl`` is the labelled training corpus (text, category, urgent)
taken from ``tests/data/reading/train*.jsonl``; ``data/<name>.model.npz`` are
the two models learnt from it at build time ("category" and "urgent"), so a
new desk reads with them from its first post without training or downloading
anything. After changing the training posts, build them again from the
repository:

    python -m bot.reading.seed

A test checks that the shipped seed is the training corpus and that the
shipped models were learnt from this seed.
"""

from __future__ import annotations

import hashlib
import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from bot.reading.classifier import Model, train

if TYPE_CHECKING:
    from bot.reading.reader import Reader

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seed.jsonl"
KINDS = ("category", "urgent")
# The training posts, in a checkout of the repository (not in the package).
TRAINING = Path(__file__).resolve().parents[2] / "tests" / "data" / "reading"


def model_path(kind: str) -> Path:
    return DATA / f"{kind}.model.npz"


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, bool], ...]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    rows = (json.loads(line) for line in lines if line)
    return tuple((row["text"], row["category"], bool(row["urgent"])) for row in rows)


def seed(kind: str) -> list[tuple[str, str]]:
    """The shipped labelled posts as (text, label) for the model ``kind``:
    "category" (the service code) or "urgent" ("urgent" or "normal")."""
    if kind == "category":
        return [(text, category) for text, category, _ in _rows()]
    if kind == "urgent":
        return [(text, "urgent" if urgent else "normal") for text, _, urgent in _rows()]
    raise ValueError(f"no seed for {kind!r}")


@lru_cache(maxsize=1)
def digest() -> str:
    """The seed's fingerprint, kept in each model learnt from it."""
    return hashlib.sha256(SEED.read_bytes()).hexdigest()[:16]


@lru_cache(maxsize=len(KINDS))
def shipped(kind: str) -> Model | None:
    """The model of ``kind`` learnt from the seed at build time, or None when
    it is missing, unreadable or learnt from another seed."""
    try:
        model = Model.from_bytes(model_path(kind).read_bytes())
    except (OSError, ValueError) as exc:
        log.warning("shipped %s model not loaded: %s", kind, exc)
        return None
    if model.seed != digest():
        log.warning("shipped %s model was learnt from another seed", kind)
        return None
    return model


def with_shipped_models(reader: Reader) -> Reader:
    """``reader`` as a new desk reads before any moderator has taught it: with the
    category and urgency models shipped in the package (what ``Learning.start``
    puts in it). For benches and tests that measure the desk as it ships."""
    reader.model = shipped("category")
    reader.urgency_model = shipped("urgent")
    return reader


def learn(kind: str, taught: list[tuple[str, str]]) -> Model | None:
    """A model of ``kind`` from the seed and the examples moderators taught.
    CPU-bound: seconds; run it off the event loop."""
    pairs = seed(kind) + taught
    model = train([text for text, _ in pairs], [label for _, label in pairs])
    if model is not None:
        model.seed = digest()
    return model


def _batch(path: Path) -> tuple[int, str]:
    """``train.jsonl`` is batch 1, ``train10.jsonl`` batch 10 (after ``train9``,
    where a plain sort of names would put it after ``train1``)."""
    number = path.stem.removeprefix("train")
    return (int(number) if number.isdigit() else 1, path.name)


def training_rows(folder: Path = TRAINING) -> list[dict]:
    """The labelled training posts of the repository, file by file in batch order."""
    return [
        json.loads(line)
        for path in sorted(folder.glob("train*.jsonl"), key=_batch)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line
    ]


def build(folder: Path = TRAINING) -> None:
    """Write the seed from the training posts and learn the shipped models."""
    rows = training_rows(folder)
    lines = (
        json.dumps(
            {"text": r["text"], "category": r["category"], "urgent": r["urgent"]},
            ensure_ascii=False,
        )
        for r in rows
    )
    SEED.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _rows.cache_clear()
    digest.cache_clear()
    shipped.cache_clear()
    for kind in KINDS:
        model = learn(kind, [])
        if model is None:
            raise SystemExit(f"too few training posts for the {kind} model")
        model_path(kind).write_bytes(model.to_bytes())
        print(f"{model_path(kind)}: {model.examples} posts, {len(model.labels)} labels")


if __name__ == "__main__":
    build()
