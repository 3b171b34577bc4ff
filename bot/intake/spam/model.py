"""The classifier moderators teach: char n-grams of the folded text, word
stems, the checks' reasons and the signs of a civic appeal, in one logistic
regression.

Char n-grams of ``fold(text)`` survive the spammer's tricks (look-alike
letters, Kazakh typed with Russian letters, endings); the reasons let the
model learn how much a link or an invitation weighs against the words around
it, so a forward or a contact card on a genuine post is weighed, not obeyed.

scikit-learn is imported only inside :func:`train` and :func:`SpamModel.load`:
both run in a worker thread, never at the bot's start-up or on the event loop.
A trained model is serialised to bytes and stored with the desk's database.
"""

from __future__ import annotations

import json
import pickle  # the model's bytes come only from this desk's own database
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from typing import Any

from bot.intake.spam.checks import Post, Reason, SpamChecks
from bot.intake.spam.civic import civic_signs
from bot.reading.normalize import fold, stems

# 2: the checks found phishing, a house of the district and warnings (new features).
FORMAT = 3
# Weight of a reason's column against the n-gram columns (each row of those has
# unit length): strong enough to matter, small enough that words still count.
REASON_WEIGHT = 0.3


@dataclass(frozen=True)
class Example:
    """One labelled post: from the seed set or from a moderator's decision."""

    text: str
    spam: bool
    forwarded_from_channel: bool = False
    has_contact: bool = False

    @property
    def post(self) -> Post:
        return Post(
            self.text,
            forwarded_from_channel=self.forwarded_from_channel,
            has_contact=self.has_contact,
        )


def seed_examples() -> list[Example]:
    """The labelled posts shipped with the desk (the spam corpus's training
    part, every ``train*.jsonl``: see ``seed.py``)."""
    lines = resources.files(__package__).joinpath("data/seed.jsonl").read_text("utf-8")
    return [_example(json.loads(line)) for line in lines.splitlines() if line.strip()]


def _example(row: dict[str, Any]) -> Example:
    return Example(
        text=str(row["text"]),
        spam=bool(row["spam"]),
        forwarded_from_channel=bool(row.get("forward_from_channel", False)),
        has_contact=bool(row.get("contact", False)),
    )


def reason_features(reasons: Iterable[Reason]) -> list[str]:
    """The reasons as feature names (a topic keeps its name, a domain does not)."""
    return sorted({f"topic:{r.detail}" if r.code == "topic" else r.code for r in reasons})


def stem_terms(text: str) -> list[str]:
    """Word stems and pairs of adjacent stems: the word-level view of a post."""
    found = stems(text)
    return found + [f"{a} {b}" for a, b in pairwise(found)]


class SpamModel:
    """A trained classifier: ``probability(post)`` is how likely it is spam."""

    def __init__(self, vectorizers: tuple[Any, Any, Any], estimator: Any) -> None:
        self._vectorizers = vectorizers
        self._estimator = estimator

    def probability(self, text: str, reasons: Sequence[Reason]) -> float:
        return float(self.probabilities([text], [reasons])[0])

    def probabilities(self, texts: Sequence[str], reasons: Sequence[Sequence[Reason]]) -> Any:
        matrix = _features(self._vectorizers, texts, reasons, fit=False)
        return self._estimator.predict_proba(matrix)[:, 1]

    def to_bytes(self) -> bytes:
        return pickle.dumps((FORMAT, self._vectorizers, self._estimator))

    @classmethod
    def load(cls, data: bytes) -> SpamModel | None:
        """The model stored as ``data``; None when it was written by another
        format or library version (the desk then trains a fresh one)."""
        try:
            fmt, vectorizers, estimator = pickle.loads(data)  # noqa: S301 - our own bytes
        except Exception:  # any unpickling failure means: retrain
            return None
        return cls(vectorizers, estimator) if fmt == FORMAT else None


def _features(
    vectorizers: tuple[Any, Any, Any],
    texts: Sequence[str],
    reasons: Sequence[Sequence[Reason]],
    *,
    fit: bool,
) -> Any:
    from scipy.sparse import hstack

    chars, words, signs = vectorizers
    folded = [fold(text) for text in texts]
    rows = [
        dict.fromkeys([*reason_features(r), *civic_signs(text)], REASON_WEIGHT)
        for text, r in zip(texts, reasons, strict=True)
    ]
    inputs = ((chars, folded), (words, list(texts)), (signs, rows))
    if fit:
        return hstack([vec.fit_transform(data) for vec, data in inputs]).tocsr()
    return hstack([vec.transform(data) for vec, data in inputs]).tocsr()


def train(examples: Sequence[Example], checks: SpamChecks) -> SpamModel:
    """Fit a model on ``examples`` (both labels needed). About a second of CPU
    for the seed set: call it in a worker thread."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    labels = [e.spam for e in examples]
    if len(set(labels)) < 2:
        raise ValueError("training needs both spam and genuine examples")
    vectorizers = (
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
        TfidfVectorizer(analyzer=stem_terms, sublinear_tf=True),
        DictVectorizer(),
    )
    reasons = [checks.reasons(e.post) for e in examples]
    matrix = _features(vectorizers, [e.text for e in examples], reasons, fit=True)
    estimator = LogisticRegression(C=20.0, class_weight="balanced", max_iter=3000)
    estimator.fit(matrix, labels)
    return SpamModel(vectorizers, estimator)
