"""Settings of the roadmap of requests: who may be made responsible for a plan,
how the akim's list is paged, and which chats show the public roadmap.
A section of :class:`bot.config.Settings`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from bot.config_sources import Section

# Organisations a district plans with; their names are in the catalogue
# (roadmap-org-<key>) in Russian, Kazakh and English. Any other entry in the
# config is a name written as the akimat wants it shown, in every language.
KNOWN_ORGANISATIONS: tuple[str, ...] = (
    "osi",  # the block's housing cooperative or owners' association (КСК / ОСИ)
    "heating",  # the city's heating utility
    "water",  # water and sewerage
    "power",  # the power grid
    "gas",
    "akimat_housing",  # the akimat's housing and utilities department
    "akimat_roads",  # roads and transport
    "akimat_greenery",  # parks, greenery and sanitation
    "akimat_social",  # employment and social programmes
    "police",
)

RoadmapChat = Literal["akimat", "law_order", "housing"]


class RoadmapSettings(Section):
    """``[roadmap]``: plans on problems and where the roadmap is shown."""

    organisations: Annotated[list[str], Field(min_length=1, max_length=60)] = list(
        KNOWN_ORGANISATIONS
    )
    # Problems per page of /roadmap in Telegram.
    page_size: Annotated[int, Field(ge=1, le=20)] = 8
    # Chats whose pinned message lists their open problems (none by default: the
    # akimat decides when the roadmap goes public).
    public_chats: list[RoadmapChat] = []
    # The pinned roadmap is edited at most this often.
    public_edit_minutes: Annotated[float, Field(gt=0, le=24 * 60)] = 5.0

    @field_validator("organisations")
    @classmethod
    def _names(cls, values: list[str]) -> list[str]:
        cleaned = [value.strip() for value in values]
        problems = []
        for value in cleaned:
            if not value or len(value) > 80:
                problems.append(f"{value!r}: a name of 1 to 80 characters")
        for value in sorted({v for v in cleaned if cleaned.count(v) > 1}):
            problems.append(f"{value!r} is listed more than once")
        if problems:
            raise ValueError("; ".join(problems))
        return cleaned

    @field_validator("public_chats")
    @classmethod
    def _once(cls, values: list[str]) -> list[str]:
        return list(dict.fromkeys(values))
