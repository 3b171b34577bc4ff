"""Settings of grouping appeals into problems (bot/problems/grouping.py): how
near, how recent and how alike a new appeal must be to join a problem. A
section of :class:`bot.config.Settings`."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator, model_validator

from bot.config_sources import Section
from bot.reading.category import Category


class ProblemsSettings(Section):
    # Off: every appeal stands alone, as before problems existed.
    grouping: bool = True
    # Two posts with coordinates this near (metres) are at one place.
    radius_m: Annotated[float, Field(gt=0, le=2000)] = 150.0
    # Outages: a problem of these categories takes new appeals at once for this
    # many minutes after its newest one; later they are only suggested.
    outage_categories: list[str] = ["heating", "water", "electricity", "gas", "sewerage"]
    outage_minutes: Annotated[int, Field(ge=1, le=24 * 60)] = 60
    # After that, for this many hours, a post sharing the outage's words still joins it.
    outage_tail_hours: Annotated[float, Field(ge=0, le=72)] = 4.0
    # Every other problem (a broken lamp, an uncleared yard) for this many days.
    open_days: Annotated[float, Field(gt=0, le=90)] = 7.0
    # An outage appeal with no problem yet is offered as a pair this many hours.
    pair_hours: Annotated[float, Field(gt=0, le=24 * 30)] = 12.0
    # A post naming no place ("у нас тоже") joins the problem of its category
    # that most of its chat's appeals of the last this many minutes are about.
    reply_minutes: Annotated[int, Field(ge=0, le=24 * 60)] = 60
    # Scores (0..1) from which a match attaches at once, or is suggested.
    attach_score: Annotated[float, Field(gt=0, le=1)] = 0.75
    suggest_score: Annotated[float, Field(gt=0, le=1)] = 0.45

    @field_validator("outage_categories")
    @classmethod
    def _categories(cls, values: list[str]) -> list[str]:
        known = {c.value for c in Category}
        for value in values:
            if value not in known:
                raise ValueError(f"{value!r} is not a category ({', '.join(sorted(known))})")
        return values

    @model_validator(mode="after")
    def _ordered(self) -> ProblemsSettings:
        if self.suggest_score > self.attach_score:
            raise ValueError("thresholds must satisfy suggest_score <= attach_score")
        return self
