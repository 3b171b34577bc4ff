"""The ticket policy: who may do what to a ticket, from which state, changing what.

Every action on a ticket is declared here once. Three places ask it, and only
it: the write transaction (:meth:`storage.tickets.TicketRepository.apply`
checks the state it has just read, so two people pressing at once cannot both
succeed), the card's keyboard (it shows exactly the actions allowed), and the
handlers (they refuse before showing a choice of moderators or resolutions).

Adding an action is its entry in :data:`RULES`, its handler and its texts.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from enum import StrEnum

from storage.models import OPEN, Resolution, Status


class Change(StrEnum):
    """Everything that may be done to a ticket. The order is the card's button order."""

    ban = "ban"  # ban a spam post's author from the resident chat
    take = "take"
    assign = "assign"
    answer = "answer"
    close = "close"
    spam = "spam"  # close as spam and remove the post
    reopen = "reopen"
    urgent = "urgent"  # urgent, or back to normal
    extend = "extend"  # a later resolution deadline, with its reason
    note = "note"  # an internal note, by reply with "!"
    rate = "rate"  # the author: "was it solved?" -> yes
    dispute = "dispute"  # the author: "was it solved?" -> no, which reopens it
    recategorize = "recategorize"  # a moderator corrects the category (a list)
    readdress = "readdress"  # a moderator corrects the address (by reply)
    make = "make"  # a new problem of this appeal (and the matching ones offered)
    attach = "attach"  # to a problem (offered on the card when one matches)
    detach = "detach"  # from its problem: the appeal is worked on its own again
    # A post removed as spam is, for these rules, an appeal closed as spam
    # (storage.spam.policy_state): its line's "Not spam" and 🔨 ask them too.
    not_spam = "not_spam"  # restore an appeal judged spam


class Role(StrEnum):
    moderator = "moderator"
    head = "head"  # the akim and deputies
    author = "author"  # the resident who wrote the appeal


class Refusal(StrEnum):
    """Why the policy said no."""

    role = "role"  # not this person's to do
    state = "state"  # not from the ticket's status, or its condition does not hold
    repeated = "repeated"  # once only, and done already
    stale = "stale"  # asked about a closing that is not the latest


ANY = frozenset(Status)
CLOSED = frozenset({Status.closed})
STAFF = frozenset({Role.moderator})
AUTHOR = frozenset({Role.author})


@dataclass(frozen=True, slots=True)
class State:
    """What the policy looks at: the ticket's status and the few facts some rules need."""

    status: Status
    resolution: Resolution | None = None
    banned: bool = False  # the author of this spam post is banned already
    closings: int = 0  # how many times it was closed; the latest is number ``closings``
    rated: bool = False  # the author answered "was it solved?" for the latest closing
    attached: bool = False  # belongs to a problem
    offered: bool = False  # grouping offered a problem to join (shown on its card)


def _assigned(_: Status) -> Status:
    return Status.assigned


def _assigned_if_new(status: Status) -> Status:
    return Status.assigned if status is Status.new else status


def _answered(_: Status) -> Status:
    return Status.answered


def _closed(_: Status) -> Status:
    return Status.closed


def _new(_: Status) -> Status:
    return Status.new


def _spam(state: State) -> bool:
    return state.resolution is Resolution.spam


def _banable(state: State) -> bool:
    return state.resolution is Resolution.spam and not state.banned


def _resolved(state: State) -> bool:
    return state.resolution is Resolution.resolved


def _alone(state: State) -> bool:
    """An appeal that may join a problem: in none yet, and not spam."""
    return not state.attached and not _spam(state)


@dataclass(frozen=True, slots=True)
class Rule:
    states: frozenset[Status]  # allowed from
    roles: frozenset[Role]  # who may
    becomes: Callable[[Status], Status] | None = None  # the status after; None: unchanged
    when: Callable[[State], bool] | None = None  # a condition beyond the status
    event: str | None = None  # its kind in the audit log, if not the action's name
    button: bool = False  # shown on the card while allowed
    once_per_closing: bool = False  # only the latest closing, and only once

    def becomes_from(self, status: Status) -> Status:
        return self.becomes(status) if self.becomes else status


RULES: dict[Change, Rule] = {
    Change.ban: Rule(CLOSED, STAFF, when=_banable, event="author_banned", button=True),
    Change.take: Rule(frozenset({Status.new}), STAFF, _assigned, button=True),
    Change.assign: Rule(OPEN, STAFF, _assigned_if_new, button=True),
    Change.answer: Rule(OPEN, STAFF, _answered, button=True),
    Change.close: Rule(OPEN, STAFF, _closed, button=True),
    Change.spam: Rule(OPEN, STAFF, _closed, event="close", button=True),
    Change.reopen: Rule(CLOSED, STAFF, _assigned, button=True),
    Change.urgent: Rule(OPEN, STAFF, event="priority", button=True),
    Change.extend: Rule(OPEN, STAFF, button=True),
    Change.note: Rule(ANY, STAFF),
    Change.rate: Rule(CLOSED, AUTHOR, when=_resolved, event="rated", once_per_closing=True),
    Change.dispute: Rule(
        CLOSED, AUTHOR, _assigned, when=_resolved, event="reopen", once_per_closing=True
    ),
    Change.recategorize: Rule(ANY, STAFF, when=lambda s: not _spam(s), button=True),
    Change.readdress: Rule(ANY, STAFF, when=lambda s: not _spam(s), button=True),
    Change.make: Rule(OPEN, STAFF, when=_alone, event="problem_made", button=True),
    Change.attach: Rule(OPEN, STAFF, when=lambda s: _alone(s) and s.offered, button=True),
    Change.detach: Rule(ANY, STAFF, when=lambda s: s.attached, button=True),
    Change.not_spam: Rule(CLOSED, STAFF, _new, when=_spam),
}


def refusal(
    change: Change, state: State, roles: Collection[Role], *, closing: int | None = None
) -> Refusal | None:
    """Why ``roles`` may not make ``change`` in ``state`` now; None if they may.

    ``closing``: for the author's answers, the closing the question was asked for.
    """
    rule = RULES[change]
    if rule.roles.isdisjoint(roles):
        return Refusal.role
    if state.status not in rule.states or (rule.when is not None and not rule.when(state)):
        return Refusal.state
    if rule.once_per_closing:
        if closing != state.closings:
            return Refusal.stale
        if state.rated:
            return Refusal.repeated
    return None


def allowed(
    change: Change, state: State, roles: Collection[Role], *, closing: int | None = None
) -> bool:
    return refusal(change, state, roles, closing=closing) is None


def buttons(state: State, roles: Collection[Role]) -> list[Change]:
    """The actions a card shows, in order: those with a button that are allowed now."""
    return [
        change for change, rule in RULES.items() if rule.button and allowed(change, state, roles)
    ]


def status_after(change: Change, status: Status) -> Status:
    """The status a ticket has after ``change`` (already checked as allowed)."""
    return RULES[change].becomes_from(status)


def event_kind(change: Change) -> str:
    return RULES[change].event or change.value


# ---- problems ------------------------------------------------------------------


class ProblemChange(StrEnum):
    """Everything that may be done to a problem. The order is its card's button order."""

    take = "take"
    assign = "assign"
    answer = "answer"  # by reply to the card: every open appeal in it is answered
    close = "close"  # every open appeal in it is closed with the same resolution
    reopen = "reopen"
    merge = "merge"  # into another open problem: this one closes as its duplicate
    detach = "detach"  # one of its appeals (a list of the newest)
    retitle = "retitle"  # by reply to a prompt under the card
    attach = "attach"  # an appeal joins it (intake, or a moderator's choice)


@dataclass(frozen=True, slots=True)
class ProblemState:
    """What the policy looks at on a problem."""

    status: Status
    merged: bool = False  # closed as the duplicate of another problem


@dataclass(frozen=True, slots=True)
class ProblemRule:
    states: frozenset[Status]
    roles: frozenset[Role]
    becomes: Callable[[Status], Status] | None = None
    when: Callable[[ProblemState], bool] | None = None
    button: bool = False

    def becomes_from(self, status: Status) -> Status:
        return self.becomes(status) if self.becomes else status


def _not_merged(state: ProblemState) -> bool:
    return not state.merged


PROBLEM_RULES: dict[ProblemChange, ProblemRule] = {
    ProblemChange.take: ProblemRule(frozenset({Status.new}), STAFF, _assigned, button=True),
    ProblemChange.assign: ProblemRule(OPEN, STAFF, _assigned_if_new, button=True),
    ProblemChange.answer: ProblemRule(OPEN, STAFF, _answered, button=True),
    ProblemChange.close: ProblemRule(OPEN, STAFF, _closed, button=True),
    ProblemChange.reopen: ProblemRule(CLOSED, STAFF, _assigned, _not_merged, button=True),
    ProblemChange.merge: ProblemRule(OPEN, STAFF, button=True),
    ProblemChange.detach: ProblemRule(OPEN, STAFF, button=True),
    ProblemChange.retitle: ProblemRule(ANY, STAFF, when=_not_merged, button=True),
    ProblemChange.attach: ProblemRule(OPEN, STAFF),
}


def problem_refusal(
    change: ProblemChange, state: ProblemState, roles: Collection[Role]
) -> Refusal | None:
    """Why ``roles`` may not make ``change`` to a problem in ``state`` now; None if they may."""
    rule = PROBLEM_RULES[change]
    if rule.roles.isdisjoint(roles):
        return Refusal.role
    if state.status not in rule.states or (rule.when is not None and not rule.when(state)):
        return Refusal.state
    return None


def problem_buttons(state: ProblemState, roles: Collection[Role]) -> list[ProblemChange]:
    """The actions a problem's card shows, in order."""
    return [
        change
        for change, rule in PROBLEM_RULES.items()
        if rule.button and problem_refusal(change, state, roles) is None
    ]


def problem_status_after(change: ProblemChange, status: Status) -> Status:
    return PROBLEM_RULES[change].becomes_from(status)


# ---- the roadmap: a problem's plan ------------------------------------------------


class PlanStatus(StrEnum):
    """Where a problem stands on the roadmap. The order is the roadmap's."""

    new = "new"  # no decision yet
    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    not_planned = "not_planned"  # with a reason


class PlanChange(StrEnum):
    """What may be done to a problem's plan. The order is the card's button order."""

    plan = "plan"  # who, what, by when, paid from where: new -> planned
    start = "start"  # planned -> in progress
    finish = "finish"  # -> done
    decline = "decline"  # -> not planned, with a reason
    replan = "replan"  # a declined or finished plan is planned again


PLANNERS = frozenset({Role.moderator, Role.head})
_PLANNABLE = frozenset({PlanStatus.new, PlanStatus.planned, PlanStatus.in_progress})


@dataclass(frozen=True, slots=True)
class PlanRule:
    states: frozenset[PlanStatus]
    becomes: PlanStatus | None  # None: unchanged
    needs_plan: bool = False  # an organisation and a measure must be set first


PLAN_RULES: dict[PlanChange, PlanRule] = {
    PlanChange.plan: PlanRule(_PLANNABLE, None),
    PlanChange.start: PlanRule(frozenset({PlanStatus.planned}), PlanStatus.in_progress, True),
    PlanChange.finish: PlanRule(
        frozenset({PlanStatus.planned, PlanStatus.in_progress}), PlanStatus.done, True
    ),
    PlanChange.decline: PlanRule(_PLANNABLE, PlanStatus.not_planned),
    PlanChange.replan: PlanRule(
        frozenset({PlanStatus.done, PlanStatus.not_planned}), PlanStatus.planned, True
    ),
}


def plan_refusal(
    change: PlanChange, status: PlanStatus, roles: Collection[Role], *, has_plan: bool
) -> Refusal | None:
    """Why ``roles`` may not make ``change`` to a plan in ``status``; None if they may.
    ``has_plan``: an organisation and a measure are set."""
    rule = PLAN_RULES[change]
    if PLANNERS.isdisjoint(roles):
        return Refusal.role
    if status not in rule.states or (rule.needs_plan and not has_plan):
        return Refusal.state
    return None


def plan_status_after(change: PlanChange, status: PlanStatus, *, has_plan: bool) -> PlanStatus:
    """The plan's status after ``change`` (already checked as allowed): setting the
    details of a new problem's plan makes it planned."""
    rule = PLAN_RULES[change]
    if rule.becomes is not None:
        return rule.becomes
    return PlanStatus.planned if status is PlanStatus.new and has_plan else status


def plan_buttons(
    status: PlanStatus, roles: Collection[Role], *, has_plan: bool
) -> list[PlanChange]:
    """The plan actions a problem's card shows now, in order."""
    return [
        change
        for change in PLAN_RULES
        if plan_refusal(change, status, roles, has_plan=has_plan) is None
    ]
