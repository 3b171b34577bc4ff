"""A model learnt from labelled posts, for when the rules are unsure.

Character n-grams of the folded text (so "жылу жоқ" and "жылу жок", and
every case ending, share features), weighted by TF-IDF, and a linear model.
The package ships one learnt from the seed corpus (``bot/reading/seed.py``);
the desk learns it again with the moderators' own corrections added, off the
event loop (``train_in_thread``), and keeps it in the database as bytes: plain arrays
(numpy's format, read without pickle), not a pickled estimator, so a stored
model survives a scikit-learn upgrade and loading one cannot run code.

scikit-learn is imported only to train. A post is read by this module's own
arithmetic over the stored arrays (the same n-grams, weights and softmax as
scikit-learn's), because scikit-learn's per-call overhead is about a
millisecond and a post must cost the desk far less.
"""

from __future__ import annotations

import asyncio
import io
import json
import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from bot.reading.normalize import fold

MIN_EXAMPLES = 40  # labelled examples before a model is worth having
MIN_PER_LABEL = 2  # a label seen once is left to the rules
CONFIDENCE = 0.3  # below this probability the model abstains
NGRAMS = (2, 4)
MAX_FEATURES = 30000
FORMAT = 1
KNOWN_WORDS = 50000  # words whose n-grams are remembered


class Model:
    """A trained text classifier: ``predict(text)`` gives a label or None."""

    def __init__(
        self,
        vocabulary: dict[str, int],
        idf: Any,
        coef: Any,
        intercept: Any,
        labels: Sequence[str],
        threshold: float = CONFIDENCE,
        examples: int = 0,
        seed: str = "",
    ) -> None:
        import numpy as np

        self._vocabulary = vocabulary
        self._idf = idf
        self._coef = coef
        self._by_feature = np.ascontiguousarray(coef.T)  # a feature's weights side by side
        self._words: dict[str, list[int]] = {}
        self._intercept = intercept
        self.labels = [str(label) for label in labels]
        self.threshold = threshold
        self.examples = examples  # how many labelled posts it was learnt from
        self.seed = seed  # the digest of the seed corpus it was learnt from

    def scores(self, text: str) -> dict[str, float]:
        """The probability of each label for ``text``."""
        import numpy as np

        found = self._features(fold(text))
        logits = self._intercept.copy()
        if found:
            columns, counts = np.unique(np.array(found), return_counts=True)
            weights = (1.0 + np.log(counts)) * self._idf[columns]  # sublinear tf × idf
            weights /= np.sqrt(weights @ weights)
            logits += weights @ self._by_feature[columns]
        if len(self.labels) == 2:  # a binary model has one row: the second label's odds
            p = 1.0 / (1.0 + math.exp(-float(logits[0])))
            return {self.labels[0]: 1.0 - p, self.labels[1]: p}
        exp = np.exp(logits - logits.max())
        return dict(zip(self.labels, (exp / exp.sum()).tolist(), strict=True))

    def _features(self, folded: str) -> list[int]:
        """The vocabulary index of each n-gram; residents' words repeat, so
        each word's are looked up once."""
        found: list[int] = []
        cache = self._words
        for word in folded.split():
            ids = cache.get(word)
            if ids is None:
                known = self._vocabulary.get
                ids = [i for gram in ngrams(word) if (i := known(gram)) is not None]
                if len(cache) >= KNOWN_WORDS:
                    cache.clear()
                cache[word] = ids
            found.extend(ids)
        return found

    def predict(self, text: str) -> Any:
        """The likeliest label, or None when the model is not confident. The
        label comes back as a ``Category`` when it is one's code."""
        scores = self.scores(text)
        label, p = max(scores.items(), key=lambda kv: kv[1])
        if p < self.threshold:
            return None
        return _as_label(label)

    def to_bytes(self) -> bytes:
        """The model as bytes to store: TF-IDF vocabulary and weights and the
        linear model's coefficients, as numpy arrays."""
        import numpy as np

        meta = {
            "format": FORMAT,
            "ngrams": list(NGRAMS),
            "labels": self.labels,
            "threshold": self.threshold,
            "examples": self.examples,
            "seed": self.seed,
            "vocabulary": sorted(self._vocabulary, key=self._vocabulary.__getitem__),
        }
        out = io.BytesIO()
        np.savez_compressed(
            out,
            meta=np.frombuffer(json.dumps(meta, ensure_ascii=False).encode(), dtype=np.uint8),
            idf=self._idf.astype(np.float32),
            coef=self._coef.astype(np.float32),
            intercept=self._intercept.astype(np.float32),
        )
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> Model:
        """A model stored with ``to_bytes``; ValueError if it is not one."""
        import numpy as np

        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
                meta = json.loads(arrays["meta"].tobytes().decode())
                idf, coef, intercept = arrays["idf"], arrays["coef"], arrays["intercept"]
        except (OSError, KeyError, ValueError) as error:
            raise ValueError(f"not a stored model: {error}") from error
        if meta.get("format") != FORMAT or tuple(meta.get("ngrams", ())) != NGRAMS:
            raise ValueError(f"stored model format {meta.get('format')!r}, expected {FORMAT}")
        return cls(
            {term: i for i, term in enumerate(meta["vocabulary"])},
            idf.astype(np.float64),
            coef.astype(np.float64),
            intercept.astype(np.float64),
            meta["labels"],
            float(meta["threshold"]),
            int(meta.get("examples", 0)),
            str(meta.get("seed", "")),
        )


def ngrams(folded: str) -> list[str]:
    """The character n-grams of each word padded with a space, as
    scikit-learn's ``char_wb`` analyser makes them."""
    low, high = NGRAMS
    grams: list[str] = []
    for word in folded.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) < n:
                break
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


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
    vectorizer, linear = fit([t for t, _ in pairs], [label for _, label in pairs])
    return Model(
        dict(vectorizer.vocabulary_),
        vectorizer.idf_,
        linear.coef_,
        linear.intercept_,
        linear.classes_,
        examples=len(texts),
    )


def fit(folded: Sequence[str], labels: Sequence[str]) -> tuple[Any, Any]:
    """scikit-learn's TF-IDF and logistic regression fitted to folded texts."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(
        analyzer=ngrams, sublinear_tf=True, min_df=1, max_features=MAX_FEATURES
    )
    x = vectorizer.fit_transform(folded)
    linear = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced")
    linear.fit(x, list(labels))
    return vectorizer, linear


async def train_in_thread(texts: Sequence[str], labels: Sequence[str]) -> Model | None:
    """``train`` in a worker thread, so the bot keeps answering meanwhile."""
    return await asyncio.to_thread(train, list(texts), list(labels))
