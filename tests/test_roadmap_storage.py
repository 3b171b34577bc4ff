"""Plans on problems: the policy, the audit, and the roadmap's order and pages."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from storage.db import Database
from storage.models import Outgoing
from storage.problems import ProblemRepository
from storage.roadmap import Funding, PlanEdit, RoadmapRepository
from storage.rules import (
    PLAN_RULES,
    PlanChange,
    PlanStatus,
    Refusal,
    Role,
    plan_buttons,
    plan_refusal,
)
from tests.roadmap_data import NOW, TODAY, problem_id, seed_roadmap

STAFF = {Role.moderator}
HEAD = {Role.head}
STRANGER: set[Role] = set()


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "desk.sqlite3")
    await database.write(lambda conn: None)
    yield database
    await database.close()


@pytest.fixture
async def seeded(db):
    await db.query(seed_roadmap)
    return db


def roadmap(db: Database) -> RoadmapRepository:
    return RoadmapRepository(db, lambda: NOW)


async def pid(db: Database, number: int) -> int:
    return await db.query(lambda conn: problem_id(conn, number))


async def events(db: Database, problem: int) -> list[tuple[str, dict, int | None]]:
    rows = await db.query(
        lambda conn: conn.execute(
            "SELECT kind, payload, actor_id FROM problem_events WHERE problem_id = ? ORDER BY id",
            (problem,),
        ).fetchall()
    )
    return [(kind, json.loads(payload), actor) for kind, payload, actor in rows]


def test_every_plan_change_from_every_status_for_every_role():
    for change, rule in PLAN_RULES.items():
        for status in PlanStatus:
            for has_plan in (False, True):
                assert plan_refusal(change, status, STRANGER, has_plan=has_plan) is Refusal.role
                assert plan_refusal(change, status, {Role.author}, has_plan=has_plan) is (
                    Refusal.role
                )
                for roles in (STAFF, HEAD):
                    ok = status in rule.states and (has_plan or not rule.needs_plan)
                    got = plan_refusal(change, status, roles, has_plan=has_plan)
                    assert got is (None if ok else Refusal.state), (change, status, has_plan)
                    shown = change in plan_buttons(status, roles, has_plan=has_plan)
                    assert shown is ok


async def test_a_moderator_plans_a_new_problem_in_steps_and_each_step_is_audited(seeded):
    repo = roadmap(seeded)
    water = await pid(seeded, 21)
    assert (await repo.plan(water)).status is PlanStatus.new
    # An organisation alone is not a plan yet: the problem stays new.
    first = await repo.change(water, PlanChange.plan, 111, STAFF, PlanEdit(organisation="water"))
    assert first.done and first.plan.status is PlanStatus.new
    second = await repo.change(
        water,
        PlanChange.plan,
        333,
        HEAD,
        PlanEdit(measure=" Замена трубы ", due_on=TODAY + timedelta(days=5)),
    )
    assert second.plan.status is PlanStatus.planned and second.before is PlanStatus.new
    assert second.plan.measure == "Замена трубы"
    third = await repo.change(
        water, PlanChange.plan, 111, STAFF, PlanEdit(funding=Funding.needs_funding)
    )
    assert third.plan.funding is Funding.needs_funding and third.plan.organisation == "water"
    started = await repo.change(water, PlanChange.start, 111, STAFF)
    assert started.plan.status is PlanStatus.in_progress
    finished = await repo.change(water, PlanChange.finish, 111, STAFF)
    assert finished.plan.status is PlanStatus.done
    log = await events(seeded, water)
    assert [e[0] for e in log] == ["plan"] * 5
    assert [e[1]["status"] for e in log] == [
        ["new", "new"],
        ["new", "planned"],
        ["planned", "planned"],
        ["planned", "in_progress"],
        ["in_progress", "done"],
    ]
    assert log[0][1]["organisation"] == "water" and log[1][1]["due_on"] == "2026-12-02"
    assert "organisation" not in log[1][1] and log[2][1] == {
        "change": "plan",
        "status": ["planned", "planned"],
        "funding": "needs_funding",
    }
    assert [e[2] for e in log] == [111, 333, 111, 111, 111]


async def test_refusals_change_nothing_and_write_no_event(seeded):
    repo = roadmap(seeded)
    water = await pid(seeded, 21)
    stranger = await repo.change(water, PlanChange.plan, 5009, STRANGER, PlanEdit(measure="x"))
    assert stranger.refusal is Refusal.role
    # Starting needs a plan; declining needs a reason; done is not started again.
    assert (await repo.change(water, PlanChange.start, 111, STAFF)).refusal is Refusal.state
    assert (await repo.change(water, PlanChange.decline, 111, STAFF)).refusal is Refusal.state
    done = await pid(seeded, 5)
    assert (await repo.change(done, PlanChange.start, 111, STAFF)).refusal is Refusal.state
    assert await events(seeded, water) == [] and await events(seeded, done) == []
    assert (await repo.plan(water)).status is PlanStatus.new
    assert (await repo.change(99999, PlanChange.plan, 111, STAFF)).plan is None


async def test_declined_with_a_reason_then_planned_again(seeded):
    repo = roadmap(seeded)
    lights = await pid(seeded, 7)
    no = await repo.change(
        lights, PlanChange.decline, 111, STAFF, PlanEdit(reason="Нет опор, нужен проект")
    )
    assert no.plan.status is PlanStatus.not_planned and no.plan.reason == "Нет опор, нужен проект"
    again = await repo.change(lights, PlanChange.replan, 333, HEAD)
    assert again.plan.status is PlanStatus.planned


async def test_a_change_queues_its_messages_in_its_own_transaction(seeded):
    repo = roadmap(seeded)
    lights = await pid(seeded, 7)

    def tell(plan, before):
        return [Outgoing.send("sendMessage", -100, {"text": f"{before}->{plan.status}"})]

    await repo.change(lights, PlanChange.start, 111, STAFF, deliver=tell)
    await repo.change(lights, PlanChange.start, 111, STAFF, deliver=tell)  # refused
    rows = await seeded.query(
        lambda conn: conn.execute("SELECT payload FROM outbox WHERE chat_id = -100").fetchall()
    )
    assert [json.loads(r[0])["params"]["text"] for r in rows] == ["planned->in_progress"]


async def test_the_roadmap_puts_overdue_plans_first_then_by_status_and_date(seeded):
    repo = roadmap(seeded)
    page = await repo.page(TODAY, 0, 20)
    # Duplicates are not on the roadmap; a problem closed as solved without a plan is done.
    assert [i.code for i in page.items] == ["P-12", "P-7", "P-3", "P-21", "P-9", "P-5", "P-14"]
    assert page.total == 7 and page.pages == 1
    first = page.items[0]
    assert first.overdue and first.appeals == 4 and first.residents == 3
    assert [i.overdue for i in page.items] == [True] + [False] * 6  # done is never overdue
    assert page.items[-1].status is PlanStatus.done
    counts = await repo.counts()
    assert counts == {
        "new": 1,
        "planned": 2,
        "in_progress": 1,
        "done": 2,
        "not_planned": 1,
    }


async def test_pages_and_filters(seeded):
    repo = roadmap(seeded)
    pages = [await repo.page(TODAY, n, 3) for n in range(3)]
    assert [len(p.items) for p in pages] == [3, 3, 1] and {p.pages for p in pages} == {3}
    codes = [i.code for p in pages for i in p.items]
    assert codes == [i.code for i in (await repo.page(TODAY, 0, 50)).items]
    assert (await repo.page(TODAY, 99, 3)).page == 2  # past the end: the last page
    planned = await repo.page(TODAY, 0, 10, statuses=[PlanStatus.planned])
    assert [i.code for i in planned.items] == ["P-7", "P-3"]
    akimat = await repo.page(TODAY, 0, 10, chat_key="akimat")
    assert [i.code for i in akimat.items] == ["P-5"]


async def test_overdue_is_found_once_and_again_after_the_date_moves(seeded):
    repo = roadmap(seeded)
    found = await repo.overdue_unalerted(TODAY)
    assert [i.code for i in found] == ["P-12"]
    alert = Outgoing.send("sendMessage", 333, {"text": "overdue"})
    assert await repo.mark_overdue(found[0], [alert]) is True
    assert await repo.mark_overdue(found[0], [alert]) is False
    assert await repo.overdue_unalerted(TODAY) == []
    heating = found[0].problem_id
    await repo.change(
        heating, PlanChange.plan, 111, STAFF, PlanEdit(due_on=TODAY + timedelta(days=1))
    )
    assert await repo.overdue_unalerted(TODAY) == []
    later = await repo.overdue_unalerted(TODAY + timedelta(days=2))
    assert [i.code for i in later] == ["P-12"]
    kinds = [e[0] for e in await events(seeded, heating)]
    assert kinds == ["plan_overdue", "plan"]
    sent = await seeded.query(
        lambda conn: conn.execute("SELECT COUNT(*) FROM outbox WHERE chat_id = 333").fetchone()
    )
    assert sent[0] == 1


async def test_a_merged_problem_brings_its_plan_and_followers_unless_a_plan_is_there(seeded):
    repo = roadmap(seeded)
    problems = ProblemRepository(seeded, lambda: NOW)
    lights, water, yard, heating = [await pid(seeded, n) for n in (7, 21, 3, 12)]
    assert await repo.follow(lights, 9001, True) and await repo.follow(water, 9002, True)
    assert await repo.follow(lights, 9002, True)
    # Kabanbay 11 has no plan: Imanova 7's plan and its followers come with its appeals.
    outcome = await problems.merge(lights, water, actor_id=111)
    assert outcome is not None and outcome.done
    moved = await repo.plan(water)
    assert moved.status is PlanStatus.planned and moved.measure == "Восемь новых фонарей во дворе"
    assert sorted(await repo.followers(water)) == [9001, 9002]
    assert await repo.followers(lights) == []
    absorbed = [e for e in await events(seeded, water) if e[0] == "absorbed"]
    assert absorbed[0][1]["plan"] is True and absorbed[0][1]["followers"] == 1
    # Kenesary 40's plan already under way stays; Syganak 18's is not forced on it.
    assert await repo.follow(yard, 9003, True)
    assert (await problems.merge(yard, heating, actor_id=111)).done
    kept = await repo.plan(heating)
    assert kept.status is PlanStatus.in_progress and kept.measure == "Замена задвижки на вводе"
    assert await repo.followers(heating) == [9003]
    absorbed = [e for e in await events(seeded, heating) if e[0] == "absorbed"]
    assert absorbed[0][1]["plan"] is False and absorbed[0][1]["followers"] == 1
