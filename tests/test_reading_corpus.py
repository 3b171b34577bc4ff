"""The reader against the labelled training posts: a regression guard.

The thresholds sit a little below what the reader reaches (bench/reading.py
prints the figures); a change that makes reading worse fails here. The
hold-out is not read by the tests: it is for measuring, not for tuning.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from bot.reading.normalize import fold
from bot.reading.reader import Reader

TRAIN = Path(__file__).parent / "data" / "reading" / "train.jsonl"


@pytest.fixture(scope="module")
def readings():
    rows = [json.loads(line) for line in TRAIN.read_text("utf-8").splitlines() if line]
    reader = Reader()
    return [
        (row, reader.read(row["text"], row["chat"], date.fromisoformat(row["date"])))
        for row in rows
    ]


def test_the_corpus_is_big_enough_to_mean_something(readings):
    assert len(readings) >= 300
    assert sum(row["urgent"] for row, _ in readings) >= 50


def test_urgency_recall_and_precision(readings):
    flagged = [(row, r) for row, r in readings if r.urgency.urgent]
    urgent = [row for row, _ in readings if row["urgent"]]
    hits = [row for row, _ in flagged if row["urgent"]]
    assert len(hits) / len(urgent) >= 0.97  # recall
    assert len(hits) / len(flagged) >= 0.95  # precision
    # Every urgent reading says why.
    assert all(r.urgency.reason for _, r in flagged)


def test_category_accuracy(readings):
    right = sum(r.category.value == row["category"] for row, r in readings)
    assert right / len(readings) >= 0.92


def test_street_and_house(readings):
    named = [(row, r) for row, r in readings if row["street"]]
    right = sum(
        r.address is not None
        and fold(r.address.street.name) == fold(row["street"])
        and r.address.house == row["house"]
        for row, r in named
    )
    assert right / len(named) >= 0.96
