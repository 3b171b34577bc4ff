"""Settings: a TOML file plus the environment, validated into typed models.

The file is read with ``tomllib`` (so a syntax error names its line), then the
environment (``AKIMAT_<SECTION>__<KEY>``) overrides it and ``BOT_TOKEN`` gives
the token. Every problem becomes one readable line in :class:`ConfigError`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)

from bot.config_problems import ProblemsSettings
from bot.config_reading import ReadingSettings, SpamSettings
from bot.config_roadmap import RoadmapSettings
from bot.config_sources import (
    ENV_PREFIX,
    Environment,
    describe,
    from_environment,
    undecodable_environment,
)
from bot.config_sources import Section as _Section
from bot.delivery.pacing import Limits
from bot.reactions import allowed_reaction

ChatKey = Literal["akimat", "law_order", "housing"]
CHAT_KEYS: tuple[str, ...] = ("akimat", "law_order", "housing")
Locale = Literal["ru", "kk", "en"]
AckMode = Literal["reply", "reaction", "none"]

DEFAULT_CONFIG_PATH = "config.toml"
TOKEN_ENV = "BOT_TOKEN"  # noqa: S105 - the variable's name, not a token
CONFIG_ENV = "BOT_CONFIG"
_TOKEN_RE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{10,}$")


class ConfigError(Exception):
    """Configuration that cannot run; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class TelegramSettings(_Section):
    token: SecretStr | None = None
    api_base: str = "https://api.telegram.org"
    polling_timeout: Annotated[int, Field(ge=1, le=50)] = 30

    @field_validator("api_base")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError("must be an http(s) URL such as https://api.telegram.org")
        return value.rstrip("/")


class StorageSettings(_Section):
    path: Path = Path("data/appeals.sqlite3")


class LocaleSettings(_Section):
    default: Locale = "ru"
    timezone: str = "Asia/Almaty"

    @field_validator("timezone")
    @classmethod
    def _iana_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{value!r} is not an IANA time zone name (for example Asia/Almaty)"
            ) from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class StaffSettings(_Section):
    chat_id: int
    moderators: Annotated[list[int], Field(min_length=1)]
    head: list[int] = []

    @property
    def members(self) -> frozenset[int]:
        """Everyone who works for the district: their posts are never appeals."""
        return frozenset(self.moderators) | frozenset(self.head)


class ChatSettings(_Section):
    key: ChatKey
    title: Annotated[str, Field(min_length=1)]
    chat_id: int
    prefix: str
    staff_topic_id: int | None = None
    locale: Locale | None = None
    # Words that make a post urgent (None: the defaults for this chat, ru and kk).
    urgent_keywords: list[str] | None = None

    @field_validator("prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Z]{1,3}", value):
            raise ValueError(f"{value!r}: use 1 to 3 Latin capital letters, such as H")
        return value


class IntakeSettings(_Section):
    min_text_length: Annotated[int, Field(ge=0, le=1000)] = 10
    # Posts by one resident within this many seconds of their appeal are its
    # follow-ups, not new appeals (a flood of twenty posts is one appeal).
    flood_seconds: Annotated[int, Field(ge=0, le=3600)] = 120
    # The same text posted again in another chat within this many hours is the
    # same appeal, linked to each post.
    same_text_hours: Annotated[int, Field(ge=0, le=24 * 7)] = 24
    ack: AckMode = "reply"
    ack_reaction: str = "👀"
    # When this many replies wait to go out in one chat, one message acknowledges
    # them all (each code with its author); 0: always one reply per post.
    ack_together_from: Annotated[int, Field(ge=0, le=20)] = 3

    @field_validator("ack_reaction")
    @classmethod
    def _reaction(cls, value: str) -> str:
        return allowed_reaction(value)


class NoticeSettings(_Section):
    close_in_chat: bool = True


class DigestSettings(_Section):
    time: dt.time = dt.time(9, 0)


class DeadlineSettings(_Section):
    first_response_hours: Annotated[int, Field(ge=1, le=24 * 30)] = 24
    resolve_working_days: Annotated[int, Field(ge=1, le=60)] = 15
    # Remind the assignee this long before the first-response deadline.
    remind_before_hours: Annotated[float, Field(gt=0)] = 2.0
    check_every_minutes: Annotated[float, Field(gt=0)] = 5.0


class DeliverySettings(_Section):
    retry_base_seconds: Annotated[float, Field(gt=0)] = 1.0
    retry_max_seconds: Annotated[float, Field(gt=0)] = 300.0
    shutdown_flush_seconds: Annotated[float, Field(ge=0)] = 5.0
    # Telegram's sending limits, kept under rather than hit.
    global_per_second: Annotated[float, Field(gt=0)] = 30.0
    chat_per_second: Annotated[float, Field(gt=0)] = 1.0
    chat_burst: Annotated[int, Field(ge=1)] = 3
    group_per_minute: Annotated[int, Field(ge=1)] = 20
    group_window_seconds: Annotated[float, Field(gt=0)] = 60.0
    backlog_warning_seconds: Annotated[float, Field(gt=0)] = 300.0

    @property
    def limits(self) -> Limits:
        return Limits(
            global_per_second=self.global_per_second,
            chat_per_second=self.chat_per_second,
            chat_burst=self.chat_burst,
            group_per_window=self.group_per_minute,
            group_window_seconds=self.group_window_seconds,
        )


class Settings(BaseSettings):
    """The whole configuration, as ``config.example.toml`` documents it."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="forbid", frozen=True
    )

    telegram: TelegramSettings = TelegramSettings()
    storage: StorageSettings = StorageSettings()
    locale: LocaleSettings = LocaleSettings()
    staff: StaffSettings
    chats: list[ChatSettings]
    intake: IntakeSettings = IntakeSettings()
    spam: SpamSettings = SpamSettings()
    notices: NoticeSettings = NoticeSettings()
    digest: DigestSettings = DigestSettings()
    deadlines: DeadlineSettings = DeadlineSettings()
    delivery: DeliverySettings = DeliverySettings()
    reading: ReadingSettings = ReadingSettings()
    roadmap: RoadmapSettings = RoadmapSettings()
    problems: ProblemsSettings = ProblemsSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The file's content arrives as init data; the environment overrides it.
        return (Environment(settings_cls), init_settings)

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        problems: list[str] = []
        keys = [chat.key for chat in self.chats]
        for key in CHAT_KEYS:
            if key not in keys:
                problems.append(f"chats: no entry with key = {key!r} (all three chats are needed)")
        for label, values in (
            ("key", keys),
            ("chat_id", [chat.chat_id for chat in self.chats]),
            ("prefix", [chat.prefix for chat in self.chats]),
        ):
            for value in sorted({v for v in values if values.count(v) > 1}, key=str):
                problems.append(f"chats: {label} {value!r} is used by more than one chat")
        if self.staff.chat_id in {chat.chat_id for chat in self.chats}:
            problems.append("staff.chat_id: must differ from every resident chat's chat_id")
        for chat in self.chats:
            if chat.chat_id >= 0:
                problems.append(f"chats[{chat.key}].chat_id: group chat ids are negative")
        if self.staff.chat_id >= 0:
            problems.append("staff.chat_id: group chat ids are negative (e.g. -1001234567890)")
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def chat(self, key: str) -> ChatSettings:
        return next(chat for chat in self.chats if chat.key == key)

    def chat_by_id(self, chat_id: int) -> ChatSettings | None:
        return next((chat for chat in self.chats if chat.chat_id == chat_id), None)

    def chat_locale(self, chat: ChatSettings) -> str:
        return chat.locale or self.locale.default

    @property
    def token(self) -> SecretStr:
        assert self.telegram.token is not None  # guaranteed by load_settings
        return self.telegram.token


def resolve_config_path(cli_value: str | None) -> Path:
    return Path(cli_value or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_PATH)


def load_settings(path: Path, *, require_token: bool = True) -> Settings:
    """Read and validate ``path``; raise :class:`ConfigError` listing every problem."""
    where = str(path)
    if not path.is_file():
        raise ConfigError(
            [
                f"{where}: file not found (write it with `python -m bot setup`, or copy "
                f"config.example.toml to {where} and edit it)"
            ]
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{where}: not valid TOML: {exc}"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{where}: cannot be read: {exc}"]) from None

    token = os.environ.get(TOKEN_ENV, "").strip()
    if token:
        data.setdefault("telegram", {})
        if isinstance(data["telegram"], dict):
            data["telegram"]["token"] = token
    try:
        settings = Settings(**data)
    except ValidationError as exc:
        raise ConfigError(describe(where, exc)) from None
    except SettingsError as exc:
        # Only the environment is decoded by pydantic-settings: a value there is not JSON.
        raise ConfigError(undecodable_environment() or [f"environment: {exc}"]) from None
    settings = _beside(settings, path)

    problems = []
    if require_token:
        if settings.telegram.token is None:
            problems.append(
                f"{where}: no bot token: set the {TOKEN_ENV} environment variable "
                "(the token BotFather gave you)"
            )
        elif not _TOKEN_RE.match(settings.telegram.token.get_secret_value()):
            problems.append(
                f"{TOKEN_ENV}: does not look like a bot token (expected 123456789:ABC...)"
            )
    if problems:
        raise ConfigError(problems)
    return settings


def _beside(settings: Settings, config: Path) -> Settings:
    """A relative database path from the file is relative to the file's folder, not to
    wherever the bot was started; one from the environment, to the current directory."""
    path = settings.storage.path
    if path.is_absolute() or str(path) == ":memory:":
        return settings
    base = Path.cwd() if from_environment(("storage", "path")) else config.parent
    resolved = (base / path).absolute()
    old = path.absolute()  # where earlier versions looked: the current directory
    if resolved != old and not resolved.exists() and old.is_file():
        # Starting on an empty database beside the config would hide every appeal.
        raise ConfigError(
            [
                f"{config}: storage.path: {path} is relative to this file's folder now "
                f"({resolved}, not there), but the desk's database is at {old}: "
                "write that absolute path in [storage] path"
            ]
        )
    storage = settings.storage.model_copy(update={"path": resolved})
    return settings.model_copy(update={"storage": storage})
