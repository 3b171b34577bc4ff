"""Settings of grouping appeals into problems (bot/problems/grouping.py): how
near, how recent and how alike a new appeal must be to join a problem. A
section of :class:`bot.config.Settings`."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from bot.config_sources import Section


class ProblemsSettings(Section):
    # Off: every appeal stands alone, as before problems existed.
    grouping: bool = True
    # Two places this near (metres) are one place when a post carries coordinates.
    radius_m: Annotated[float, Field(gt=0, le=2000)] = 150.0
    # An outage (heating, water, power, gas, sewerage, a lift) gathers its appeals
    # within this many minutes of the latest one; after that a new post of the
    # same kind at the same place needs alike words to join it.
    outage_minutes: Annotated[int, Field(ge=1, le=24 * 60)] = 60
    # Slow problems (a broken lamp, an uncleared yard) gather appeals over days.
    slow_days: Annotated[float, Field(gt=0, le=90)] = 7.0
    # Open appeals with no problem this recent may be offered as a new problem.
    pair_days: Annotated[float, Field(gt=0, le=90)] = 3.0
    # A post naming no place ("у нас тоже") joins the one problem of its
    # category that its chat heard about within this many minutes.
    reply_minutes: Annotated[int, Field(ge=0, le=24 * 60)] = 30
    # Scores (0..1) from which a match attaches at once, or is only suggested.
    attach_score: Annotated[float, Field(gt=0, le=1)] = 0.75
    suggest_score: Annotated[float, Field(gt=0, le=1)] = 0.45

    @model_validator(mode="after")
    def _ordered(self) -> ProblemsSettings:
        if self.suggest_score > self.attach_score:
            raise ValueError("thresholds must satisfy suggest_score <= attach_score")
        return self
