"""Settings of what the desk reads in residents' posts: the district's street
list and the spam checks. Sections of :class:`bot.config.Settings`."""

from __future__ import annotations

import csv
import logging
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from bot.config_sources import Section

_DOMAIN_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}$")
_USERNAME_RE = re.compile(r"^[a-z][a-z0-9_]{3,31}$")
log = logging.getLogger(__name__)


class SpamSettings(Section):
    """Spam checks on the resident chats (bot/intake/spam)."""

    enabled: bool = True
    # A member's posts are checked until this many have become genuine appeals
    # (or a moderator answered them, or restored a post of theirs as "Not spam").
    checked_posts: Annotated[int, Field(ge=1, le=100)] = 3
    # What happens to the author of sure spam in every resident chat: "restrict"
    # (a soft ban: they stay, read-only, until a moderator's "Not spam"), "ban"
    # or "none". A moderator can still ban with 🔨.
    action: Literal["restrict", "ban", "none"] = "restrict"
    # Domains residents may link to, on top of the shipped ones (maps, gov.kz,
    # egov.kz, eotinish.kz): a whole domain and its subdomains.
    allowed_domains: list[str] = []
    # Telegram usernames the district runs (its channel, its bots), without "@".
    allowed_usernames: list[str] = []
    # Extra words per topic (earnings, crypto, betting, loans, documents,
    # giveaway, offer, ads, scam, adult, promotion, or a new one; "invitations" for phrases
    # inviting to private messages, "calls" for calls to get in touch): word
    # beginnings or phrases.
    vocabulary: dict[str, list[str]] = {}
    # The classifier's score a post needs to be deleted: with two strong signs
    # from the checks, with one (weak signs alone, such as a phone and an
    # invitation to write privately, never delete). Below "unsure" (and with a
    # sign) it is an appeal like any. The defaults are the thresholds
    # chosen on the seed set (python -m bench.spam --cross-validate
    # --choose-thresholds); the verdict's own defaults are these.
    sure: Annotated[float, Field(gt=0, le=1)] = 0.5
    sure_alone: Annotated[float, Field(gt=0, le=1)] = 0.51
    unsure: Annotated[float, Field(gt=0, le=1)] = 0.45

    @field_validator("allowed_domains")
    @classmethod
    def _domains(cls, values: list[str]) -> list[str]:
        out = []
        for value in values:
            domain = value.strip().lower().removeprefix("www.")
            if not _DOMAIN_RE.match(domain):
                raise ValueError(f"{value!r} is not a domain such as astana.gov.kz (no https://)")
            out.append(domain)
        return out

    @field_validator("allowed_usernames")
    @classmethod
    def _usernames(cls, values: list[str]) -> list[str]:
        out = []
        for value in values:
            name = value.strip().lower().removeprefix("@")
            if not _USERNAME_RE.match(name):
                raise ValueError(f"{value!r} is not a Telegram username such as saryarka_akimat")
            out.append(name)
        return out

    @model_validator(mode="before")
    @classmethod
    def _retired(cls, data: object) -> object:
        """``sure_weak`` (weak signs of two kinds) is gone: weak signs alone never
        delete. A config that still sets it loads, with a warning."""
        if isinstance(data, dict) and "sure_weak" in data:
            data = {k: v for k, v in data.items() if k != "sure_weak"}
            log.warning("[spam] sure_weak is no longer used (weak signs never delete); remove it")
        return data

    @model_validator(mode="after")
    def _ordered(self) -> SpamSettings:
        if not self.unsure <= self.sure <= self.sure_alone:
            raise ValueError("thresholds must satisfy unsure <= sure <= sure_alone")
        return self


class ReadingSettings(Section):
    # The district's street list (name, aliases, kind; tab-separated): None for
    # the shipped one (the Saryarka district of Astana).
    streets: Path | None = None

    @field_validator("streets")
    @classmethod
    def _streets(cls, value: Path | None) -> Path | None:
        if value is None:
            return None
        if not value.is_file():
            raise ValueError(f"{value}: file not found")
        from bot.reading.streets import StreetList

        try:
            if not StreetList.load(value).longest:
                raise ValueError("no streets in it")
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise ValueError(f"{value}: cannot be read as a street list: {exc}") from None
        return value
