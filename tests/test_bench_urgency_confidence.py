"""bench/urgency_confidence.py: the figures it chooses the model's confidence by."""

from __future__ import annotations

import pytest

from bench.urgency_confidence import Read, figures

READS = [
    Read(urgent=True, rules=True, score=0.1),  # the rules find it
    Read(urgent=True, rules=False, score=0.85),  # only a confident model does
    Read(urgent=True, rules=False, score=0.6),  # only a lenient one does
    Read(urgent=False, rules=False, score=0.7),  # a lenient model's false alarm
    Read(urgent=False, rules=True, score=0.0),  # the rules' false alarm
    Read(urgent=False, rules=False, score=0.2),
]


@pytest.mark.parametrize(
    ("confidence", "expected"),
    [
        (None, (1 / 2, 1 / 3)),  # the rules alone
        (0.9, (1 / 2, 1 / 3)),  # the model sure of nothing the rules missed
        (0.8, (2 / 3, 2 / 3)),
        (0.6, (3 / 5, 3 / 3)),
    ],
)
def test_the_model_flags_only_what_the_rules_read_calm_at_its_confidence(confidence, expected):
    assert figures(READS, confidence) == pytest.approx(expected)


def test_no_post_flagged_and_no_danger_read_as_nothing_found():
    calm = [Read(urgent=False, rules=False, score=0.1)]
    assert figures(calm, 0.8) == (0.0, 0.0)
