"""The spam corpus: the seed set shipped with the desk is the corpus's training
part (every train*.jsonl), and the verdict's cross-validated figures on it stay
where they are (no genuine post deleted and sure-spam recall 0.910 on 3804 posts
when these thresholds were chosen, deleting only with a sign that reaches
outside the chat or a harmful offer; the floors leave room for a retrained
model's noise, not for a regression)."""

import json
import tomllib
from pathlib import Path

import pytest

from bench.spam import arguments, cross_validated, load, scores
from bot.config import SpamSettings
from bot.intake.spam.checks import SpamChecks
from bot.intake.spam.civic import civic_signs
from bot.intake.spam.model import seed_examples
from bot.intake.spam.seed import TRAINING, training_rows
from bot.intake.spam.verdict import Outcome, SpamJudge, Thresholds, judge_from_settings

DATA = Path(__file__).parent / "data" / "spam"


def test_the_seed_set_is_the_training_corpus_without_its_notes():
    rows = training_rows()
    seed = seed_examples()
    assert [(e.text, e.spam, e.forwarded_from_channel, e.has_contact) for e in seed] == [
        (r["text"], r["spam"], r["forward_from_channel"], r["contact"]) for r in rows
    ]
    assert len(seed) >= 1300 and sum(e.spam for e in seed) >= 500
    assert DATA.resolve() == TRAINING and len(list(DATA.glob("train*.jsonl"))) >= 2


@pytest.mark.parametrize("name", ["holdout.jsonl", "holdout_fresh.jsonl"])
def test_no_training_post_is_in_a_hold_out(name):
    train = {row["text"] for row in training_rows()}
    holdout = {e.text for e, _ in load(DATA / name)}
    assert len(holdout) >= 270 and train.isdisjoint(holdout)


@pytest.mark.parametrize("kind", ["spam", "hard genuine"])
def test_the_corpus_has_many_of_each_kind(kind):
    rows = training_rows()
    if kind == "spam":
        assert len({r["kind"] for r in rows if r["spam"]}) >= 10
    else:
        assert sum(1 for r in rows if not r["spam"] and r["hard"]) >= 250


def test_cross_validated_figures_on_the_training_corpus():
    examples = seed_examples()
    scored = cross_validated(examples, SpamChecks())
    judge = SpamJudge(SpamChecks())
    pairs = [
        (e.spam, judge.outcome(p, r, civic_signs(e.text)) is Outcome.SURE)
        for e, (p, r) in zip(examples, scored, strict=True)
    ]
    precision, recall, _, deleted, _ = scores(pairs)
    assert deleted <= 1 and precision >= 0.998
    assert recall >= 0.88


def test_the_bench_reads_any_labelled_file(tmp_path):
    path = tmp_path / "fresh.jsonl"
    rows = [{"text": "Займ без отказа, пишите", "spam": True}, {"text": "Нет воды", "spam": False}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    assert arguments(["--holdout-file", str(path)]).holdout == path
    assert arguments([]).holdout == DATA / "holdout.jsonl"
    loaded = load(path)
    assert [(e.text, e.spam, e.has_contact, lang) for e, lang in loaded] == [
        ("Займ без отказа, пишите", True, False, "?"),
        ("Нет воды", False, False, "?"),
    ]


def test_a_desk_judges_with_the_thresholds_chosen_on_the_seed_set():
    """The thresholds the bench measured (chosen by cross-validation, written in the
    example config) are the ones a desk with no [spam] thresholds of its own uses."""
    example = tomllib.loads((DATA.parents[2] / "config.example.toml").read_text())["spam"]
    chosen = Thresholds(**{k: example[k] for k in ("sure", "sure_alone", "unsure")})
    assert judge_from_settings(SpamSettings()).thresholds == chosen == Thresholds()
