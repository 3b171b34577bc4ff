"""Settings of problems (one issue at one place grouping many appeals): when
a problem's appeals come fast enough to be an outage the akim must hear of.
A section of :class:`bot.config.Settings`."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from bot.config_sources import Section


class ProblemsSettings(Section):
    # A problem that gains this many appeals within alert_minutes is an outage:
    # the akim and deputies are told at once, once per problem in that window.
    alert_appeals: Annotated[int, Field(ge=2, le=1000)] = 10
    alert_minutes: Annotated[int, Field(ge=5, le=24 * 60)] = 60
    # How often the desk looks for such problems.
    alert_check_seconds: Annotated[float, Field(ge=5, le=3600)] = 60.0
