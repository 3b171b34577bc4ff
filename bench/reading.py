"""How well the desk reads appeals, on the labelled corpus (not part of the tests).

For the training posts and the hold-out separately: urgency precision and
recall, category accuracy with the commonest confusions, and the street-and-
house exact-match rate over posts that name one; the same without the
models (the rules alone); then the reader's cost per post, with and without
the models, beside the old keyword check, measured in the same run. The
reader is the one a new desk has: the rules and the models shipped in the
package, learnt from the training posts (bot/reading/seed.py), so on the
training posts the models have seen every post.

    python -m bench.reading [--holdout] [--holdout-file PATH] [--repeat 5] [--confusions 8]

Without --holdout only the training posts are read: the hold-out is for
milestones, not for tuning. ``--holdout-file`` reads any file labelled the same
way (tests/data/reading/README.md) and prints the same figures for it.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.reading.normalize import fold
from bot.reading.reader import Reader
from bot.reading.seed import training_rows, with_shipped_models
from bot.reading.streets import StreetList

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "reading"

# The keyword check the desk used before the reader (commit 65a4285), kept
# here only as the baseline for recall, precision and cost.
_DANGER = [
    "пожар",
    "горит",
    "задымлени",
    "газ",
    "взрыв",
    "авари",
    "дтп",
    "өрт",
    "жанып жатыр",
    "түтін",
    "жарылыс",
    "апат",
]
_LEGACY: dict[str, list[str]] = {
    "akimat": _DANGER,
    "law_order": [
        *_DANGER,
        "насили",
        "драк",
        "нападени",
        "избиени",
        "угрожа",
        "нож",
        "оружи",
        "ребёнок в опасности",
        "ребенок в опасности",
        "пропал ребён",
        "пропал ребен",
        "зорлық",
        "төбелес",
        "шабуыл",
        "пышақ",
        "қару",
        "бала жоғалды",
        "бала қауіпте",
    ],
    "housing": [
        *_DANGER,
        "запах газа",
        "утечка газа",
        "нет отопления",
        "не топят",
        "батареи холодные",
        "затопил",
        "прорвал",
        "потоп",
        "кипят",
        "лифт застрял",
        "застрял в лифте",
        "газ иісі",
        "жылу жоқ",
        "жылытпайды",
        "су басты",
        "құбыр жарылды",
        "лифтте қалды",
    ],
}


def _legacy_pattern(keywords: list[str]) -> re.Pattern[str]:
    parts = [re.escape(k.casefold()) + (r"\w{0,2}(?!\w)" if len(k) <= 4 else "") for k in keywords]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")")


_LEGACY_PATTERNS = {chat: _legacy_pattern(words) for chat, words in _LEGACY.items()}


def legacy_is_urgent(text: str, chat: str) -> bool:
    return bool(_LEGACY_PATTERNS[chat].search(text.casefold()))


@dataclass
class Figures:
    posts: int
    precision: float
    recall: float
    legacy_precision: float
    legacy_recall: float
    accuracy: float
    confusions: list[tuple[tuple[str, str], int]]
    addressed: int
    address_rate: float
    misses: list[str]


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def measure(rows: list[dict], reader: Reader) -> Figures:
    tp = fp = fn = ltp = lfp = lfn = right = addressed = found = 0
    confusions: Counter[tuple[str, str]] = Counter()
    misses: list[str] = []
    for row in rows:
        reading = reader.read(row["text"], row["chat"], date.fromisoformat(row["date"]))
        urgent, old = reading.urgency.urgent, legacy_is_urgent(row["text"], row["chat"])
        tp += urgent and row["urgent"]
        fp += urgent and not row["urgent"]
        fn += row["urgent"] and not urgent
        ltp += old and row["urgent"]
        lfp += old and not row["urgent"]
        lfn += row["urgent"] and not old
        if reading.category.value == row["category"]:
            right += 1
        else:
            confusions[(row["category"], reading.category.value)] += 1
        if row["street"]:
            addressed += 1
            got = reading.address
            if got and fold(got.street.name) == fold(row["street"]) and got.house == row["house"]:
                found += 1
    return Figures(
        posts=len(rows),
        precision=_ratio(tp, tp + fp),
        recall=_ratio(tp, tp + fn),
        legacy_precision=_ratio(ltp, ltp + lfp),
        legacy_recall=_ratio(ltp, ltp + lfn),
        accuracy=_ratio(right, len(rows)),
        confusions=confusions.most_common(),
        addressed=addressed,
        address_rate=_ratio(found, addressed),
        misses=misses,
    )


def cost(rows: list[dict], reader: Reader, repeat: int) -> tuple[float, float]:
    """Median µs per post for the reader and for the old keyword check."""
    texts = [(r["text"], r["chat"], date.fromisoformat(r["date"])) for r in rows]
    ours, old = [], []
    for _ in range(repeat):
        fold.cache_clear()  # every post is new to a running desk
        StreetList.fuzzy.cache_clear()
        start = time.perf_counter()
        for text, chat, when in texts:
            reader.read(text, chat, when)
        ours.append((time.perf_counter() - start) / len(texts) * 1e6)
        start = time.perf_counter()
        for text, chat, _ in texts:
            legacy_is_urgent(text, chat)
        old.append((time.perf_counter() - start) / len(texts) * 1e6)
    return statistics.median(ours), statistics.median(old)


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def report(
    name: str, rows: list[dict], readers: tuple[Reader, Reader], args: argparse.Namespace
) -> None:
    shipped, rules = readers
    f, alone = measure(rows, shipped), measure(rows, rules)
    print(f"== {name}: {f.posts} posts")
    print(
        f"urgency   precision {f.precision:.3f}  recall {f.recall:.3f}"
        f"   (old keywords: precision {f.legacy_precision:.3f}  recall {f.legacy_recall:.3f})"
    )
    print(f"category  accuracy {f.accuracy:.3f}")
    for (want, got), n in f.confusions[: args.confusions]:
        print(f"          {n:3d} × {want} read as {got}")
    print(
        f"address   street and house right {f.address_rate:.3f} of {f.addressed} posts naming one"
    )
    print(
        f"rules alone (no model): urgency precision {alone.precision:.3f}"
        f"  recall {alone.recall:.3f}, category accuracy {alone.accuracy:.3f}"
    )
    ours, old = cost(rows, shipped, args.repeat)
    bare, _ = cost(rows, rules, args.repeat)
    print(
        f"cost      {ours:.0f} µs per post (rules alone {bare:.0f} µs;"
        f" old keyword check {old:.1f} µs; ratio {ours / old:.0f}×)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdout", action="store_true", help="also read the hold-out")
    parser.add_argument(
        "--holdout-file",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="also read this labelled file (repeatable)",
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--confusions", type=int, default=8)
    args = parser.parse_args()
    sets = [("train", training_rows(DATA))]
    if args.holdout:
        sets.append(("holdout", load(DATA / "holdout.jsonl")))
    sets.extend((str(path), load(path)) for path in args.holdout_file)
    # As a new desk reads: the rules and the models shipped, learnt from the
    # training posts (so on "train" the models have seen every post).
    shipped = with_shipped_models(Reader())
    for name, rows in sets:
        report(name, rows, (shipped, Reader()), args)


if __name__ == "__main__":
    main()
