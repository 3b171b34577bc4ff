"""The reader against the labelled training posts: a regression guard.

Every ``train*.jsonl`` is read twice: by the rules alone and as a new desk
reads (the rules and the models shipped, learnt from these very posts). The
thresholds sit a little below what each reaches (``python -m bench.reading``
prints the figures); a change that makes reading worse fails here. The
hold-out is not read by the tests: it is for measuring, not for tuning.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from bot.reading.normalize import fold
from bot.reading.reader import Reader
from bot.reading.seed import training_rows, with_shipped_models

# The batches joined last, written apart and read below the rest (streets outside the
# list, labels a duty officer might argue): every guard below holds on all training posts,
# and the older batches also keep the level they had before these joined.
NEWEST = (
    "train13.jsonl",
    "train14.jsonl",
    "train15.jsonl",
    "train16.jsonl",
    "train17.jsonl",
    "train18.jsonl",
    "train19.jsonl",
)


def _older(readings) -> list:
    folder = Path(__file__).parent / "data" / "reading"
    newest = {
        json.loads(line)["text"]
        for name in NEWEST
        for line in (folder / name).read_text(encoding="utf-8").splitlines()
        if line
    }
    older = [(row, r) for row, r in readings if row["text"] not in newest]
    assert len(readings) - len(older) >= 800  # the newest batches are there
    return older


def _read(reader: Reader) -> list:
    return [
        (row, reader.read(row["text"], row["chat"], date.fromisoformat(row["date"])))
        for row in training_rows()
    ]


@pytest.fixture(scope="module")
def rules():
    return _read(Reader())


@pytest.fixture(scope="module")
def shipped_reader():
    return _read(with_shipped_models(Reader()))


def _urgency(readings) -> tuple[float, float]:
    flagged = [(row, r) for row, r in readings if r.urgency.urgent]
    urgent = [row for row, _ in readings if row["urgent"]]
    hits = [row for row, _ in flagged if row["urgent"]]
    # Every urgent reading says why.
    assert all(r.urgency.reason for _, r in flagged)
    return len(hits) / len(urgent), len(hits) / len(flagged)


def _accuracy(readings) -> float:
    return sum(r.category.value == row["category"] for row, r in readings) / len(readings)


def test_the_corpus_is_big_enough_to_mean_something(rules):
    assert len(rules) >= 700
    assert sum(row["urgent"] for row, _ in rules) >= 200
    for lang in ("ru", "kk", "kk_translit", "mixed"):
        assert sum(row["lang"] == lang for row, _ in rules) >= 60, lang


def test_urgency_recall_and_precision(rules, shipped_reader):
    # Precision re-based from 0.998: train13 (written apart) labels two posts calm that
    # the rules read by a written convention: a dead traffic light at rush hour ("уже одна
    # авария") and cold water off since noon in a private sector; 0.997 on all training
    # posts, recall 0.999. The traffic light is read calm since train15 joined (rush hour
    # alone is no near miss: the data README's conventions); 0.997 / 0.999 with train15.
    # Re-based to 0.993 / 0.991 on all training posts: train16 (295 posts written apart, 110
    # urgent) joined, of which the rules alone miss 8 and read 8 calm ones urgent (a street
    # flooding into ice, "ГАЗ" in a hall, an open lift shaft, a crash that was at a dark
    # light; +27 and too hot, a planned cut asked about, a fire "как порох", a motorbike's
    # "взрывы"): recall 0.994 / precision 0.992 reached
    # (0.997 / 0.992 with the models); the older batches keep their level below.
    # Re-based to 0.987 / 0.991 on all training posts: train17, train18 and train19 (928 posts
    # written apart, 372 urgent) joined; the rules alone miss 6, 4 and 6 of their dangers
    # (a bare "Помогите лифт", a hob shut with its smell, typos such as "кудык капкагы") and
    # read 0.988 / 0.992 on all training posts, the models 0.997 / 0.991. With the urgency
    # model flagging from 0.8, not 0.9 (bench.urgency_confidence), it flags one more calm post
    # of the older batches: 0.997 precision there with the models (0.998 by the rules).
    for readings in (rules, shipped_reader):
        recall, precision = _urgency(readings)
        assert recall >= 0.987 and precision >= 0.991
        recall, precision = _urgency(_older(readings))  # 0.999 / 0.998 reached (rules)
        assert recall >= 0.998 and precision >= 0.997


def test_category_accuracy(rules, shipped_reader):
    # Re-based from 0.94: train7 (368 posts written apart, where the rules
    # alone read 0.90) joined the corpus; the older sets read as before.
    # Re-based from 0.935: train8 (303 posts written apart, where the rules
    # alone read 0.87) joined the corpus; the older sets read as before.
    # Raised from 0.925 / 0.965: train10 joined, and the rules read more of its categories
    # by what the danger is (0.933 / 0.974 reached on all training posts).
    # Re-based from 0.93 for the rules alone: train11 (290 posts written apart, whose
    # categories the rules alone read 0.89, run-together and Latin-typed words among them)
    # joined the corpus; 0.929 is reached on all training posts, 0.972 with the models.
    # Re-based from 0.925 for the rules alone: train13 and train14 (576 posts written apart,
    # whose categories the rules alone read 0.901 and 0.918) joined the corpus; the older
    # sets read 0.927 (0.928 before), 0.924 on all training posts, 0.971 with the models.
    # Re-based from 0.97 with the models: train15 (297 posts written apart, whose categories
    # the rules alone read 0.882) joined the corpus; the models read 0.968 of all training
    # posts and 0.973 of the batches before train13, which keep their level below.
    # Re-based from 0.92 for the rules alone: train16 (295 posts written apart, whose
    # categories the rules alone read 0.837) joined; 0.917 on all training posts, the older
    # batches 0.929 (0.928 before).
    # Re-based from 0.915 for the rules alone and 0.965 with the models: train17-19 (928
    # posts written apart, whose categories the rules alone read 0.84-0.91) joined; 0.909
    # and 0.959 on all training posts, the older batches 0.930 and 0.974 (as before).
    assert _accuracy(rules) >= 0.905
    assert _accuracy(_older(rules)) >= 0.925  # 0.930 reached
    assert _accuracy(shipped_reader) >= 0.955
    assert _accuracy(_older(shipped_reader)) >= 0.97


def _street_and_house(readings) -> float:
    named = [(row, r) for row, r in readings if row["street"]]
    right = sum(
        r.address is not None
        and fold(r.address.street.name) == fold(row["street"])
        and r.address.house == row["house"]
        for row, r in named
    )
    return right / len(named)


def test_street_and_house(rules):
    # Re-based from 0.99: train7 (246 posts naming a street, 0.96 of them
    # read right, with Kazakh endings and outside names) joined the corpus.
    # Re-based from 0.985: train8 (210 posts naming a street, 0.957 of them
    # read right) joined the corpus; the older sets read as before.
    # Re-based from 0.978: train10 (219 posts naming a street, 0.959 of them read
    # right: "Сарыарка 2 мкр" read as a house, run-together "коктал2 д18") joined the
    # corpus; the older sets read as before.
    # Re-based from 0.975: train11 (204 posts naming a street, 0.931 of them read right:
    # streets outside the list, Latin-typed names, blocks of a complex) joined the corpus;
    # the older sets read as before (0.976), 0.970 on all training posts.
    # Raised from 0.965: train12 joined (185 naming a street, 0.946 read right before
    # its round), and a house said apart ("у 30 дома", "40-шы үйінде"), a time with a
    # dot and "Сарыарка 2 мкр" are read now: 0.974 on all training posts.
    # Re-based from 0.97: train13 and train14 joined (440 posts naming a street, 0.953 and
    # 0.946 of them read right: streets outside the list, declined and run-together names);
    # the older sets read as before (0.974), 0.969 on all training posts.
    assert _street_and_house(rules) >= 0.965
    assert _street_and_house(_older(rules)) >= 0.97  # 0.974 reached


@pytest.mark.parametrize("name", ["holdout.jsonl", "holdout_fresh.jsonl", "holdout_fresh2.jsonl"])
def test_no_training_post_is_in_a_hold_out(name):
    """The hold-outs measure words the reader has not learnt from (a short question two
    writers happened to word alike, but for one capital letter, may be in both)."""
    train = {row["text"] for row in training_rows()}
    path = Path(__file__).parent / "data" / "reading" / name
    holdout = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(holdout) >= 170 and train.isdisjoint(holdout)
