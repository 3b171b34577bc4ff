"""Each fresh hold-out judged again as it was first met, under candidate deletion
policies (not part of the tests).

The training files after the first (``train2.jsonl`` …) were each a fresh
hold-out, written apart and measured once, before the checks learnt from them.
Leave one file out: train the classifier on the other training files, choose
the thresholds by cross-validation on those files only (as the shipped ones
are chosen on the whole seed set), then judge the file left out. Prints, per
file and policy: genuine posts deleted, spam deleted (sure recall), spam
deleted or flagged (flagged recall). The checks themselves have read every
file, so these figures flatter the checks; they compare policies fairly.

    python -m bench.spam_rounds [--policy NAME ...] [--folds 5]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.spam import choose_thresholds, cross_validated, load  # noqa: E402
from bot.intake.spam.checks import Reason, SpamChecks  # noqa: E402
from bot.intake.spam.civic import civic_signs  # noqa: E402
from bot.intake.spam.model import Example, train  # noqa: E402
from bot.intake.spam.seed import TRAINING  # noqa: E402
from bot.intake.spam.verdict import (  # noqa: E402
    Outcome,
    Policy,
    SpamJudge,
    evidence,
    harmful,
    reaches_out,
    resident_shape,
    tier,
)


def previous(reasons: Sequence[Reason], signs: Iterable[str]) -> str | None:
    """The policy of the round before: any strong sign deletes, except in a
    resident's shape with nothing reaching outside the chat."""
    signs = frozenset(signs)
    if resident_shape(signs) and not reaches_out(reasons):
        return None
    return tier(reasons, signs)


def reach_only(reasons: Sequence[Reason], signs: Iterable[str]) -> str | None:
    """Deleted only with a sign that reaches outside the chat."""
    return tier(reasons, frozenset(signs)) if reaches_out(reasons) else None


def harm_even_with_site(reasons: Sequence[Reason], signs: Iterable[str]) -> str | None:
    """The shipped policy, with a harmful topic counted even next to a link to
    the state's own site."""
    return evidence(reasons, frozenset(signs) - {"site"})


def forward_reaches(reasons: Sequence[Reason], signs: Iterable[str]) -> str | None:
    """The shipped policy, a forward from a channel counted as reaching outside."""
    if any(r.code == "forward_channel" for r in reasons):
        return tier(reasons, frozenset(signs))
    return evidence(reasons, signs)


def topics_only(reasons: Sequence[Reason], signs: Iterable[str]) -> str | None:
    """The shipped policy with harmful topics only: neither an amount of money a
    day nor an unnamed offer moved to private messages counts as harmful."""
    unnamed = {"money_rate", "dm_invite"}
    if not reaches_out(reasons) and not harmful([r for r in reasons if r.code not in unnamed]):
        return None
    return evidence(reasons, signs)


POLICIES: dict[str, Policy] = {
    "previous": previous,
    "reach_only": reach_only,
    "shipped": evidence,
    "topics_only": topics_only,
    "harm_with_site": harm_even_with_site,
    "forward_reaches": forward_reaches,
}


@dataclass(frozen=True)
class Measured:
    """One file left out: its posts scored by a model that never saw it, and
    the other files' cross-validated scores (to choose thresholds on)."""

    name: str
    held: list[Example]
    held_scored: list[tuple[float, tuple[Reason, ...]]]
    rest: list[Example]
    rest_scored: list[tuple[float, tuple[Reason, ...]]]


def fresh_files(folder: Path = TRAINING) -> list[Path]:
    """The training files that were fresh hold-outs once (all but the first)."""
    return [p for p in sorted(folder.glob("train*.jsonl")) if p.name != "train.jsonl"]


def measure(held: Path, checks: SpamChecks, folds: int = 5) -> Measured:
    others = [p for p in sorted(held.parent.glob("train*.jsonl")) if p != held]
    rest = [e for path in others for e, _ in load(path)]
    examples = [e for e, _ in load(held)]
    model = train(rest, checks)
    reasons = [tuple(checks.reasons(e.post)) for e in examples]
    probabilities = model.probabilities([e.text for e in examples], reasons)
    held_scored = [(float(p), r) for p, r in zip(probabilities, reasons, strict=True)]
    return Measured(held.stem, examples, held_scored, rest, cross_validated(rest, checks, folds))


def row(measured: Measured, policy: Policy, checks: SpamChecks) -> tuple[int, int, float, float]:
    """Genuine deleted, genuine posts, sure recall, flagged recall."""
    thresholds = choose_thresholds(measured.rest, measured.rest_scored, policy=policy)
    judge = SpamJudge(checks, thresholds, policy=policy)
    outcomes = [
        (e.spam, judge.outcome(p, r, civic_signs(e.text)))
        for e, (p, r) in zip(measured.held, measured.held_scored, strict=True)
    ]
    spam = sum(1 for s, _ in outcomes if s) or 1
    deleted = sum(1 for s, o in outcomes if not s and o is Outcome.SURE)
    genuine = sum(1 for s, _ in outcomes if not s)
    sure = sum(1 for s, o in outcomes if s and o is Outcome.SURE) / spam
    flagged = sum(1 for s, o in outcomes if s and o is not Outcome.GENUINE) / spam
    return deleted, genuine, sure, flagged


def table(measured: Sequence[Measured], policies: dict[str, Policy], checks: SpamChecks) -> None:
    print(f"{'policy':<16} {'file':<8} {'genuine deleted':>16} {'sure recall':>12} {'flagged':>8}")
    for name, policy in policies.items():
        total_deleted = total_genuine = 0
        for m in measured:
            deleted, genuine, sure, flagged = row(m, policy, checks)
            total_deleted += deleted
            total_genuine += genuine
            counted = f"{deleted} of {genuine}"
            print(f"{name:<16} {m.name:<8} {counted:>16} {sure:>12.3f} {flagged:>8.3f}")
        print(f"{name:<16} {'all':<8} {f'{total_deleted} of {total_genuine}':>16}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--policy", action="append", choices=sorted(POLICIES))
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    checks = SpamChecks()
    measured = [measure(path, checks, args.folds) for path in fresh_files()]
    chosen = {name: POLICIES[name] for name in args.policy or POLICIES}
    table(measured, chosen, checks)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
