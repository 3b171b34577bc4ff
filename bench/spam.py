"""How well the spam verdict separates spam from genuine appeals, and what it
costs per post (not part of the tests).

Trains the classifier on the seed set shipped with the desk (the spam corpus's
training part: every tests/data/spam/train*.jsonl), then judges every post of
a labelled file (by default the old hold-out, tests/data/spam/holdout.jsonl)
as a newcomer's first post and prints:

- precision and recall of "sure" (the post is deleted): targets precision
  >= 0.995 (no more than one genuine appeal deleted in 200) and recall >= 0.90;
- the same for "flagged" (sure or unsure: unsure posts become appeals whose
  card says why they look like spam), and the figures per language;
- the cost per post of the checks alone and of the whole verdict, against the
  per-post reading intake already does (the urgency keywords) measured in
  the same run, and the training time.

    python -m bench.spam [--holdout-file PATH] [--repeat 20] [--show-errors]
        [--cross-validate [--choose-thresholds]]

The thresholds are not tuned on a hold-out: they are chosen on cross-validated
scores of the seed set (``--cross-validate`` prints those figures,
``--choose-thresholds`` the thresholds they call for).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.config import ChatSettings  # noqa: E402
from bot.intake.spam.checks import Post, Reason, SpamChecks  # noqa: E402
from bot.intake.spam.civic import civic_signs, names_a_house  # noqa: E402
from bot.intake.spam.model import Example, seed_examples, train  # noqa: E402
from bot.intake.spam.verdict import (  # noqa: E402
    Outcome,
    Policy,
    SpamJudge,
    Thresholds,
    evidence,
)
from bot.reading.normalize import fold  # noqa: E402
from bot.reading.urgency import is_urgent  # noqa: E402

HOLDOUT = ROOT / "tests" / "data" / "spam" / "holdout.jsonl"


def load(path: Path) -> list[tuple[Example, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            example = Example(
                str(row["text"]),
                bool(row["spam"]),
                bool(row.get("forward_from_channel", False)),
                bool(row.get("contact", False)),
            )
            out.append((example, row.get("lang", "?")))
    return out


def scores(pairs: list[tuple[bool, bool]]) -> tuple[float, float, int, int, int]:
    """precision, recall, true positives, false positives, missed."""
    tp = sum(1 for spam, caught in pairs if spam and caught)
    fp = sum(1 for spam, caught in pairs if not spam and caught)
    fn = sum(1 for spam, caught in pairs if spam and not caught)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def line(label: str, pairs: list[tuple[bool, bool]]) -> str:
    p, r, tp, fp, fn = scores(pairs)
    return (
        f"{label:<26} precision {p:.3f}  recall {r:.3f}  (caught {tp}, wrongly {fp}, missed {fn})"
    )


def per_post_seconds(function, posts: list[Post], repeat: int) -> float:
    """Median over ``repeat`` rounds of the time per post, caches cleared."""
    rounds = []
    for _ in range(repeat):
        fold.cache_clear()
        names_a_house.cache_clear()
        start = time.perf_counter()
        for post in posts:
            function(post)
        rounds.append((time.perf_counter() - start) / len(posts))
    return statistics.median(rounds)


def cross_validated(
    examples: list[Example], checks: SpamChecks, folds: int = 5, seed: int = 1
) -> list[tuple[float, tuple[Reason, ...]]]:
    """Each example's score and reasons from a model that did not learn from it."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    out: list[tuple[float, tuple[Reason, ...]]] = [(0.0, ())] * len(examples)
    for k in range(folds):
        test = [i for n, i in enumerate(order) if n % folds == k]
        model = train([examples[i] for n, i in enumerate(order) if n % folds != k], checks)
        reasons = [tuple(checks.reasons(examples[i].post)) for i in test]
        scores = model.probabilities([examples[i].text for i in test], reasons)
        for i, score, found in zip(test, scores, reasons, strict=True):
            out[i] = (float(score), found)
    return out


def cross_validate(show_errors: bool, choose: bool) -> None:
    """Figures of the seed set by 5-fold cross-validation; with ``choose``, the
    thresholds that catch the most spam there without deleting a genuine post."""
    examples, checks = seed_examples(), SpamChecks()
    scored = cross_validated(examples, checks)
    judge = SpamJudge(checks)
    outcomes = [
        judge.outcome(p, r, civic_signs(e.text)) for e, (p, r) in zip(examples, scored, strict=True)
    ]
    print(f"seed set, 5-fold cross-validation ({len(examples)} posts)")
    print(
        line(
            "  sure (deleted)",
            [(e.spam, o is Outcome.SURE) for e, o in zip(examples, outcomes, strict=True)],
        )
    )
    flagged = [(e.spam, o is not Outcome.GENUINE) for e, o in zip(examples, outcomes, strict=True)]
    print(line("  flagged (sure or unsure)", flagged))
    if show_errors:
        for e, o, (p, r) in zip(examples, outcomes, scored, strict=True):
            if (o is Outcome.SURE) != e.spam:
                print(
                    f"  {'spam' if e.spam else 'genuine'} -> {o.value} p={p:.2f} "
                    f"{[str(x) for x in r]}: {e.text[:90]}"
                )
    if choose:
        chosen = choose_thresholds(examples, scored)
        print("thresholds chosen on these scores:", chosen)
        against = counted_against(examples, scored, chosen)
        print(f"  genuine posts counted against the 1-in-200 allowance: {len(against)}")
        for e, p in against:
            print(f"    p={p:.2f}: {e.text[:90]}")


# How far below a threshold the nearest genuine post must score. Genuine posts
# in wordings the model has never seen score higher than cross-validation
# shows (a fresh hold-out's did, by up to 0.4), so the margin is wide.
MARGIN = 0.2
# The target: at most one genuine post in 200 of those deleted. A genuine post
# the classifier is sure of (0.8 or more, no threshold short of "never" keeps a
# margin from it) forbade every threshold of its tier and, as ``sure <=
# sure_alone``, of the tier above too: one post emptied both. Such a post now
# counts against the target instead; any other genuine post must still score
# ``margin`` below the threshold.
PRECISION = 0.995


def choose_thresholds(
    examples: list[Example],
    scored: list[tuple[float, tuple[Reason, ...]]],
    margin: float = MARGIN,
    policy: Policy = evidence,
    precision: float = PRECISION,
) -> Thresholds:
    """The thresholds that make the most spam sure (then put the fewest
    genuine posts at risk), in ``unsure <= sure <= sure_alone`` from 0.5 up:
    no genuine post within ``margin`` below them, but for those scored ``1 -
    margin`` or more, which count against the ``precision`` target. ``unsure``
    then flags all but 2% of spam. A threshold of 1.0 means never."""
    by_kind: dict[str, list[tuple[float, bool]]] = {"two": [], "one": []}
    for e, (p, r) in zip(examples, scored, strict=True):
        tier = policy(r, civic_signs(e.text))
        if tier in by_kind:  # "sign" is sure at any score
            by_kind[tier].append((p, e.spam))

    def caught(kind: str, at: float) -> tuple[int, int] | None:
        """Spam sure at ``at`` and the genuine posts the classifier is sure of
        that ``at`` puts at risk; None if any other genuine post is at risk."""
        rows = by_kind[kind]
        if at >= 1.0:
            return 0, 0  # never sure
        risk = [p for p, spam in rows if not spam and p >= at - margin]
        if any(p < 1 - margin for p in risk):
            return None
        return sum(1 for p, spam in rows if spam and p >= at), len(risk)

    grid = [x / 100 for x in range(50, 101)]
    best: tuple[tuple[int, int], Thresholds] = ((-1, 0), Thresholds())
    counts = {kind: {at: caught(kind, at) for at in grid} for kind in by_kind}
    for sure in grid:
        for alone in (a for a in grid if a >= sure):
            found = (counts["two"][sure], counts["one"][alone])
            if found[0] is None or found[1] is None:
                continue
            spam, risk = found[0][0] + found[1][0], found[0][1] + found[1][1]
            if risk <= (spam + risk) * (1 - precision) and (spam, -risk) > best[0]:
                best = ((spam, -risk), Thresholds(sure, alone, 0.0))
    chosen = best[1]
    spam_scores = sorted(p for e, (p, _) in zip(examples, scored, strict=True) if e.spam)
    unsure = min(round(spam_scores[int(len(spam_scores) * 0.02)], 2), chosen.sure)
    return Thresholds(chosen.sure, chosen.sure_alone, unsure)


def counted_against(
    examples: list[Example],
    scored: list[tuple[float, tuple[Reason, ...]]],
    chosen: Thresholds,
    margin: float = MARGIN,
    policy: Policy = evidence,
) -> list[tuple[Example, float]]:
    """The genuine posts ``chosen`` puts at risk (within ``margin`` below their
    tier's threshold, or above it): the ones counted against the target."""
    at = {"two": chosen.sure, "one": chosen.sure_alone}
    out = []
    for e, (p, r) in zip(examples, scored, strict=True):
        threshold = at.get(policy(r, civic_signs(e.text)), 1.0)
        if not e.spam and threshold < 1.0 and p >= threshold - margin:
            out.append((e, p))
    return out


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--holdout",
        "--holdout-file",
        dest="holdout",
        type=Path,
        default=HOLDOUT,
        metavar="PATH",
        help="a labelled file (one JSON object a line: text, spam, optional lang,"
        " forward_from_channel, contact) judged as newcomers' first posts",
    )
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--show-errors", action="store_true", help="print misjudged posts")
    parser.add_argument("--cross-validate", action="store_true")
    parser.add_argument(
        "--choose-thresholds",
        action="store_true",
        help="with --cross-validate: the thresholds the seed set's scores call for",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    checks = SpamChecks()
    start = time.perf_counter()
    model = train(seed_examples(), checks)
    trained = time.perf_counter() - start
    judge = SpamJudge(checks, model=model)
    holdout = load(args.holdout)
    verdicts = [(e, lang, judge.judge(e.post)) for e, lang in holdout]

    spam = sum(e.spam for e, _ in holdout)
    print(f"{args.holdout.name}: {len(holdout)} posts, {spam} spam, {len(holdout) - spam} genuine")
    print(line("sure (deleted)", [(e.spam, v.outcome is Outcome.SURE) for e, _, v in verdicts]))
    flagged = [(e.spam, v.outcome is not Outcome.GENUINE) for e, _, v in verdicts]
    print(line("flagged (sure or unsure)", flagged))
    for lang in sorted({lang for _, lang in holdout}):
        pairs = [(e.spam, v.outcome is Outcome.SURE) for e, la, v in verdicts if la == lang]
        print(line(f"  sure, {lang}", pairs))
    print("outcomes:", dict(Counter((e.spam, v.outcome.value) for e, _, v in verdicts)))
    if args.show_errors:
        for e, _, v in verdicts:
            wrong = (v.outcome is Outcome.SURE) != e.spam
            if wrong:
                p = f"{v.probability:.2f}" if v.probability is not None else "-"
                print(
                    f"  {'spam' if e.spam else 'genuine'} -> {v.outcome.value} p={p} "
                    f"{[str(r) for r in v.reasons]}: {e.text[:90]}"
                )

    posts = [e.post for e, _ in holdout]
    chat = ChatSettings(key="housing", title="Housing", chat_id=-1, prefix="H")
    baseline = per_post_seconds(lambda p: is_urgent(p.text, chat), posts, args.repeat)
    only_checks = per_post_seconds(checks.reasons, posts, args.repeat)
    whole = per_post_seconds(judge.judge, posts, args.repeat)
    print("cost per post (median of rounds, same run):")
    print(f"  baseline: urgency keywords   {baseline * 1e6:9.1f} µs")
    print(
        f"  spam checks                  {only_checks * 1e6:9.1f} µs  "
        f"({only_checks / baseline:.1f}x baseline)"
    )
    print(
        f"  whole verdict (with model)   {whole * 1e6:9.1f} µs  ({whole / baseline:.1f}x baseline)"
    )
    print(
        f"training on the seed set ({len(seed_examples())} posts): {trained:.2f} s, "
        f"model {len(model.to_bytes()) / 1024:.0f} KiB"
    )
    if args.cross_validate:
        cross_validate(args.show_errors, args.choose_thresholds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
