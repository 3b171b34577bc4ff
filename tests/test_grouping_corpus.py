"""Grouping on the labelled training posts must not fall below what it reaches
now (bench/grouping.py defines the measures), on the training files (train2,
train3 and train4 were hold-outs measured once, then given to development).
The hold-out is not used here: it is for the reported figure, not for a test
the rules are tuned to pass."""

from __future__ import annotations

import pytest

from bench.grouping import DATA, load, measure
from bench.grouping_scale import run as scale


async def test_grouping_through_the_reader_keeps_its_figures() -> None:
    # Read as a new desk reads (its rules, and the shipped models where they are
    # unsure): 157 of 170 (two posts read under other categories than the rules'
    # guesses: a car stuck in a snowy yard as parking, a yard lamp as the yard).
    figures = await measure(load())
    assert figures.recall >= 0.92, figures.lines()
    assert figures.wrong_share <= 0.01, figures.lines()
    assert figures.labelled == 170 and figures.posts == 240
    # With the rules alone. Raised when kin categories (one outage read as lighting
    # and electricity) and strong words in the chat came in: 158 of 170; one wrongly
    # grouped since icicles are kept apart from an icy yard; 159 since a house's own words
    # for a street's unlit lamps join them.
    rules = await measure(load(), models=False)
    assert rules.recall >= 0.93, rules.lines()
    assert rules.wrong_share <= 0.01, rules.lines()


async def test_grouping_on_the_labelled_places_keeps_its_figures() -> None:
    figures = await measure(load(), truth=True)
    assert figures.recall >= 0.94, figures.lines()
    assert figures.wrong_share <= 0.01, figures.lines()


# The training files that were hold-outs first: (file, posts, labelled, floors through the
# reader with its models and with its rules alone, floor on the labelled places, most
# wrongly grouped). Each was measured once as a hold-out with the rules alone, then given
# to development: train2 0.812 / 0.016 through the reader, 0.889 / 0.008 on the labelled
# places; train3 0.776 / 0.022 and 0.810 / 0.020; train4 0.891 / 0.035 and 0.933 / 0.026;
# train5 0.884 / 0.009 and 0.934 / 0.009; train6 0.824 / 0.009 and 0.936 / 0.008; train7
# 0.926 / 0.026 and 0.934 / 0.017; train8 and train9 were measured once with the shipped
# models: train8 0.938 / 0.032 (places 0.977 / 0.031), train9 0.890 / 0.028 (0.932 / 0.027),
# all their wrong attachments a second trouble at a problem's own place; now none wrongly
# grouped on train8 and one on train9 (a lift stuck in a power cut: the writers disagree).
# Now (models, rules, places, of the labelled):
# train2 138, 138, 143 of 144; train3 106, 105, 112 of 116; train4 111, 111, 114 of 119;
# train5 113, 114, 119 of 121; train6 114, 112, 122 of 125; train7 114, 114, 115 of 121,
# with one wrongly grouped there (a location 900 m from the street placed by its words),
# one on train2 and one on train3 (a location at a bus stop's lamp placed by its chat);
# train8 123, 125, 128 of 130; train9 109, 109, 114 of 118. train10 was measured once
# with the shipped models: 0.885 / 0.000 (rules alone the same, places 0.908 / 0.000); now
# 126, 126, 126 of 131 (a resident's own follow-up days later, a reply to the desk's one
# live outage from a quiet chat, a tree read as the yard, "Дом 31" read as a street).
LATER_FILES = [
    ("train2.jsonl", 178, 144, 0.955, 0.955, 0.99, 0.01),
    ("train3.jsonl", 144, 116, 0.91, 0.90, 0.96, 0.01),
    ("train4.jsonl", 149, 119, 0.93, 0.93, 0.95, 0.01),
    ("train5.jsonl", 154, 121, 0.93, 0.94, 0.98, 0.01),
    ("train6.jsonl", 155, 125, 0.91, 0.89, 0.97, 0.01),
    ("train7.jsonl", 150, 121, 0.94, 0.94, 0.95, 0.01),
    ("train8.jsonl", 161, 130, 0.945, 0.96, 0.98, 0.01),
    # 0.02 wrongly grouped since the reading models learnt train18 and train19: they read
    # "и здесь холодно", sent with a location 450 m from a heating outage, as heating (the
    # rules read it as nothing), and it joins the outage; its writer labelled it apart.
    ("train9.jsonl", 148, 118, 0.92, 0.92, 0.96, 0.02),
    ("train10.jsonl", 160, 131, 0.96, 0.96, 0.96, 0.01),
]


@pytest.mark.parametrize(
    ("name", "posts", "labelled", "read_floor", "rules_floor", "truth_floor", "wrong"),
    LATER_FILES,
)
async def test_grouping_keeps_its_figures_on_the_later_training_files(
    name, posts, labelled, read_floor, rules_floor, truth_floor, wrong
) -> None:
    rows = load(path=DATA / name)
    read, truth = await measure(rows), await measure(rows, truth=True)
    rules = await measure(rows, models=False)
    assert read.labelled == labelled and read.posts == posts
    assert read.recall >= read_floor and read.wrong_share <= wrong, read.lines()
    assert rules.recall >= rules_floor and rules.wrong_share <= wrong, rules.lines()
    assert truth.recall >= truth_floor and truth.wrong_share <= wrong, truth.lines()


async def test_grouping_off_groups_nothing() -> None:
    from bench.grouping import desk_settings

    figures = await measure(load(), desk_settings(grouping=False), truth=True)
    assert figures.in_problems == 0 and figures.attached == 0 and figures.paired == 0


async def test_the_scale_bench_runs_in_a_small_mode(capsys) -> None:
    await scale(appeals=3000, problems=150, posts=40)
    out = capsys.readouterr().out
    assert out.count("µs per post") == 4 and "ratio to the young desk" in out
    assert "300 open appeals" in out and "'attach': 10" in out


async def test_every_post_left_out_of_its_problem_has_a_cause() -> None:
    from bench.grouping import desk_settings
    from bench.grouping_misses import _Reading, misses
    from storage.db import Database

    db = await Database.open(":memory:")
    try:
        stream = _Reading(db, desk_settings(), False)
        figures = await stream.run(load())
    finally:
        await db.close()
    causes, lines = misses(stream)
    assert causes.total() == len(lines) == figures.labelled - figures.grouped
    assert causes["cross-post"] >= 1  # the parking cross-post is one appeal linked twice
