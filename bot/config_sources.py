"""Where a setting came from, and how a mistake in it becomes one line.

The file is TOML; the environment is ``AKIMAT_<SECTION>__<KEY>``, where a list
may be written ``111,222`` as well as JSON. An error line names the variable
when the value came from the environment, so nobody hunts a typo in the file
that is not there.
"""

from __future__ import annotations

import json
import os

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.fields import FieldInfo
from pydantic_settings import EnvSettingsSource

ENV_PREFIX = "AKIMAT_"


class Section(BaseModel):
    """A section of the config: unknown keys are mistakes, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Environment(EnvSettingsSource):
    """``AKIMAT_…`` variables, where a list may be written ``111,222`` as well as JSON."""

    def decode_complex_value(
        self, field_name: str, field: FieldInfo | None, value: object
    ) -> object:
        try:
            return super().decode_complex_value(field_name, field, value)  # type: ignore[arg-type]
        except ValueError:
            text = str(value).strip()
            if text.startswith(("[", "{", '"')):
                raise  # meant as JSON: its error is the useful one
            return [item.strip() for item in text.split(",") if item.strip()]


def env_name(loc: tuple[int | str, ...]) -> str:
    return ENV_PREFIX + "__".join(str(part) for part in loc).upper()


def from_environment(loc: tuple[int | str, ...]) -> str | None:
    """The environment variable that set ``loc`` (or a section holding it), if any."""
    names = {name.upper(): name for name in os.environ}
    for end in range(len(loc), 0, -1):
        if any(isinstance(part, int) for part in loc[:end]):
            continue
        name = names.get(env_name(loc[:end]))
        if name is not None:
            return name
    return None


def describe(where: str, exc: ValidationError) -> list[str]:
    lines: list[str] = []
    for error in exc.errors(include_url=False):
        key = _dotted(error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        variable = from_environment(error["loc"])
        if error["type"] == "missing":
            message = "required setting is missing"
        elif error["type"] == "extra_forbidden":
            spelling = "the variable's name" if variable else "the spelling"
            message = f"unknown setting (check {spelling} against config.example.toml)"
        if variable is not None:
            prefix = f"environment variable {variable}: {key}"
        else:
            prefix = f"{where}: {key}" if key else where
        for line in message.splitlines():
            lines.append(f"{prefix}: {line}")
    return lines


def undecodable_environment() -> list[str]:
    """One line for each ``AKIMAT_…`` variable written as JSON that is not JSON."""
    lines = []
    for name, value in sorted(os.environ.items()):
        if not name.upper().startswith(ENV_PREFIX) or not value.strip().startswith(("[", "{")):
            continue
        try:
            json.loads(value)
        except ValueError as exc:
            lines.append(
                f"environment variable {name}: not valid JSON ({exc}); write a list "
                "as 111,222 or [111, 222]"
            )
    return lines


def _dotted(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
