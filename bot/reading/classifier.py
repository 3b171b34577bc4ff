"""A model learnt from the moderators' own labels, for when the rules are unsure.

Character n-grams of the folded text (so "жылу жоқ" and "жылу жок", and
every case ending, share features), weighted by TF-IDF, and a linear model.
It is trained off the event loop (``train_in_thread``) on the labelled
examples the desk keeps, only once there are enough of them, and stored in
the database as bytes: plain arrays (numpy's format, read without pickle),
not a pickled estimator, so a stored model survives a scikit-learn upgrade
and loading one cannot run code.

scikit-learn is imported only when a model is trained or loaded, never when
the bot starts.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from bot.reading.normalize import fold

MIN_EXAMPLES = 40  # labelled examples before a model is worth having
MIN_PER_LABEL = 2  # a label seen once is left to the rules
CONFIDENCE = 0.45  # below this probability the model abstains
NGRAMS = (2, 4)
MAX_FEATURES = 30000
FORMAT = 1


class Model:
    """A trained text classifier: ``predict(text)`` gives a label or None."""

    def __init__(self, vectorizer: Any, linear: Any, threshold: float = CONFIDENCE) -> None:
        self._vectorizer = vectorizer
        self._linear = linear
        self.threshold = threshold

    @property
    def labels(self) -> list[str]:
        return [str(c) for c in self._linear.classes_]

    def scores(self, text: str) -> dict[str, float]:
        """The probability of each label for ``text``."""
        x = self._vectorizer.transform([fold(text)])
        probabilities = self._linear.predict_proba(x)[0]
        return {str(c): float(p) for c, p in zip(self._linear.classes_, probabilities, strict=True)}

    def predict(self, text: str) -> Any:
        """The likeliest label, or None when the model is not confident. The
        label comes back as the type it was trained with when that is a
        ``Category`` (see ``label_type``)."""
        scores = self.scores(text)
        label, p = max(scores.items(), key=lambda kv: kv[1])
        if p < self.threshold:
            return None
        return _as_label(label)

    def to_bytes(self) -> bytes:
        """The model as bytes to store: TF-IDF vocabulary and weights and the
        linear model's coefficients, as numpy arrays."""
        import numpy as np

        vocabulary = sorted(self._vectorizer.vocabulary_, key=self._vectorizer.vocabulary_.get)
        meta = {
            "format": FORMAT,
            "ngrams": list(self._vectorizer.ngram_range),
            "labels": self.labels,
            "threshold": self.threshold,
            "vocabulary": vocabulary,
        }
        out = io.BytesIO()
        np.savez_compressed(
            out,
            meta=np.frombuffer(json.dumps(meta, ensure_ascii=False).encode(), dtype=np.uint8),
            idf=self._vectorizer.idf_.astype(np.float32),
            coef=self._linear.coef_.astype(np.float32),
            intercept=self._linear.intercept_.astype(np.float32),
        )
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> Model:
        """A model stored with ``to_bytes``; ValueError if it is not one."""
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
                meta = json.loads(arrays["meta"].tobytes().decode())
                idf, coef, intercept = arrays["idf"], arrays["coef"], arrays["intercept"]
        except (OSError, KeyError, ValueError) as error:
            raise ValueError(f"not a stored model: {error}") from error
        if meta.get("format") != FORMAT:
            raise ValueError(f"stored model format {meta.get('format')!r}, expected {FORMAT}")
        vectorizer = _vectorizer()
        vectorizer.ngram_range = tuple(meta["ngrams"])
        vectorizer.vocabulary_ = {term: i for i, term in enumerate(meta["vocabulary"])}
        vectorizer.idf_ = idf.astype(np.float64)
        linear = LogisticRegression()
        linear.classes_ = np.array(meta["labels"])
        linear.coef_ = coef.astype(np.float64)
        linear.intercept_ = intercept.astype(np.float64)
        return cls(vectorizer, linear, float(meta["threshold"]))


def _vectorizer() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=NGRAMS,
        sublinear_tf=True,
        min_df=1,
        max_features=MAX_FEATURES,
    )


def _as_label(label: str) -> Any:
    from bot.reading.category import Category

    return Category(label) if label in Category.__members__ else label


def enough(labels: Sequence[str]) -> bool:
    """Whether these labels are enough to train on: ``MIN_EXAMPLES`` in all
    and at least two labels seen ``MIN_PER_LABEL`` times."""
    counts = Counter(labels)
    usable = sum(n for n in counts.values() if n >= MIN_PER_LABEL)
    return usable >= MIN_EXAMPLES and sum(1 for n in counts.values() if n >= MIN_PER_LABEL) >= 2


def train(texts: Sequence[str], labels: Sequence[str]) -> Model | None:
    """A model of ``labels`` from ``texts``, or None while there are too few.
    CPU-bound: call it off the event loop (``train_in_thread``)."""
    if len(texts) != len(labels):
        raise ValueError("one label per text")
    counts = Counter(labels)
    pairs = [
        (fold(text), str(label))
        for text, label in zip(texts, labels, strict=True)
        if counts[label] >= MIN_PER_LABEL
    ]
    if not enough([label for _, label in pairs]):
        return None
    from sklearn.linear_model import LogisticRegression

    vectorizer = _vectorizer()
    x = vectorizer.fit_transform([t for t, _ in pairs])
    linear = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced")
    linear.fit(x, [label for _, label in pairs])
    return Model(vectorizer, linear)


async def train_in_thread(texts: Sequence[str], labels: Sequence[str]) -> Model | None:
    """``train`` in a worker thread, so the bot keeps answering meanwhile."""
    return await asyncio.to_thread(train, list(texts), list(labels))
