from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

EXAMPLE = Path(__file__).parent.parent / "config.example.toml"
TOKEN = "123456:ABCDEFGHIJKLMNOP"

MINIMAL = """
[telegram]
api_base = "https://api.telegram.org"
[storage]
path = "data/appeals.sqlite3"
[locale]
default = "ru"
timezone = "Asia/Almaty"
[staff]
chat_id = -1001000000000
moderators = [111, 222]
head = [333]
[[chats]]
key = "akimat"
title = "Акимат Сарыарка"
chat_id = -1001000000001
prefix = "A"
[[chats]]
key = "law_order"
title = "Правопорядок"
chat_id = -1001000000002
prefix = "L"
[[chats]]
key = "housing"
title = "ЖКХ"
chat_id = -1001000000003
prefix = "H"
[digest]
time = "09:00"
[deadlines]
first_response_hours = 24
resolve_working_days = 15
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_settings(write(tmp_path, text))
    return info.value.problems


@pytest.fixture(autouse=True)
def token(monkeypatch):
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    for name in ("AKIMAT_STORAGE__PATH", "AKIMAT_LOCALE__DEFAULT"):
        monkeypatch.delenv(name, raising=False)


def test_example_config_is_valid():
    settings = load_settings(EXAMPLE)
    assert {chat.key for chat in settings.chats} == {"akimat", "law_order", "housing"}
    assert settings.token.get_secret_value() == TOKEN


def test_minimal_contract_config_starts_with_defaults(tmp_path):
    settings = load_settings(write(tmp_path, MINIMAL))
    assert settings.intake.min_text_length == 10
    assert settings.intake.ack == "reply"
    assert settings.chat("housing").prefix == "H"
    assert settings.staff.members == {111, 222, 333}
    assert str(settings.digest.time) == "09:00:00"


def test_token_is_secret_and_required(tmp_path, monkeypatch):
    settings = load_settings(write(tmp_path, MINIMAL))
    assert TOKEN not in repr(settings)
    monkeypatch.delenv("BOT_TOKEN")
    lines = problems(tmp_path, MINIMAL)
    assert len(lines) == 1 and "BOT_TOKEN" in lines[0]
    # Commands that never talk to Telegram (status) do not need it.
    assert load_settings(write(tmp_path, MINIMAL), require_token=False).telegram.token is None


def test_token_in_file_also_works(tmp_path, monkeypatch):
    monkeypatch.delenv("BOT_TOKEN")
    text = MINIMAL.replace("[telegram]\n", f'[telegram]\ntoken = "{TOKEN}"\n')
    assert load_settings(write(tmp_path, text)).token.get_secret_value() == TOKEN


def test_environment_overrides_file(tmp_path, monkeypatch):
    monkeypatch.setenv("AKIMAT_STORAGE__PATH", "/srv/desk.sqlite3")
    monkeypatch.setenv("AKIMAT_LOCALE__DEFAULT", "kk")
    settings = load_settings(write(tmp_path, MINIMAL))
    assert str(settings.storage.path) == "/srv/desk.sqlite3"
    assert settings.locale.default == "kk"


def test_missing_file_and_bad_toml(tmp_path):
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path / "absent.toml")
    assert info.value.problems == [
        f"{tmp_path / 'absent.toml'}: file not found (write it with `python -m bot setup`, "
        f"or copy config.example.toml to {tmp_path / 'absent.toml'} and edit it)"
    ]
    lines = problems(tmp_path, "[staff\nchat_id = 1")
    assert len(lines) == 1 and "not valid TOML" in lines[0] and "line 1" in lines[0]


def test_each_field_problem_is_one_line(tmp_path):
    text = (
        MINIMAL.replace('timezone = "Asia/Almaty"', 'timezone = "UTC+5"')
        .replace("moderators = [111, 222]", "moderators = []")
        .replace('prefix = "L"', 'prefix = "l1"')
        .replace("resolve_working_days = 15", "resolve_working_days = 15\nresolve_days = 3")
    )
    lines = problems(tmp_path, text)
    assert len(lines) == 4, lines
    assert all(line.startswith(str(tmp_path / "config.toml") + ": ") for line in lines)
    joined = "\n".join(lines)
    assert "locale.timezone: 'UTC+5' is not an IANA time zone name" in joined
    assert "staff.moderators:" in joined
    assert "chats[1].prefix: 'l1': use 1 to 3 Latin capital letters" in joined
    assert "deadlines.resolve_days: unknown setting" in joined


def test_cross_checks_between_chats(tmp_path):
    text = (
        MINIMAL.replace('key = "housing"', 'key = "akimat"')
        .replace("chat_id = -1001000000002", "chat_id = -1001000000001")
        .replace('prefix = "H"', 'prefix = "A"')
    )
    lines = problems(tmp_path, text)
    joined = "\n".join(lines)
    assert "no entry with key = 'housing'" in joined
    assert "key 'akimat' is used by more than one chat" in joined
    assert "chat_id -1001000000001 is used by more than one chat" in joined
    assert "prefix 'A' is used by more than one chat" in joined
    assert len(lines) == 4


def test_staff_chat_missing(tmp_path):
    text = MINIMAL.replace("chat_id = -1001000000000\n", "")
    assert any(
        "staff.chat_id: required setting is missing" in line for line in problems(tmp_path, text)
    )


def test_lists_in_the_environment_as_commas_or_json(tmp_path, monkeypatch):
    config = write(tmp_path, MINIMAL)
    for value in ("111,222, 444", "[111, 222, 444]"):
        monkeypatch.setenv("AKIMAT_STAFF__MODERATORS", value)
        assert load_settings(config).staff.moderators == [111, 222, 444]
    monkeypatch.setenv("AKIMAT_STAFF__MODERATORS", "[111,")
    with pytest.raises(ConfigError) as info:
        load_settings(config)
    assert info.value.problems == [
        "environment variable AKIMAT_STAFF__MODERATORS: not valid JSON (Expecting value: "
        "line 1 column 6 (char 5)); write a list as 111,222 or [111, 222]"
    ]


def test_a_misspelt_environment_variable_is_named_as_such(tmp_path, monkeypatch):
    monkeypatch.setenv("AKIMAT_STORAGE__PAHT", "/tmp/x.sqlite3")
    assert problems(tmp_path, MINIMAL) == [
        "environment variable AKIMAT_STORAGE__PAHT: storage.paht: unknown setting "
        "(check the variable's name against config.example.toml)"
    ]


def test_ack_reaction_must_be_one_telegram_allows(tmp_path):
    lines = problems(tmp_path, MINIMAL + '[intake]\nack_reaction = "abc"\n')
    assert len(lines) == 1 and "intake.ack_reaction: 'abc' is not a reaction Telegram" in lines[0]
    # A keyboard's variation selector is not a different emoji.
    ok = load_settings(write(tmp_path, MINIMAL + '[intake]\nack_reaction = "✍\ufe0f"\n'))
    assert ok.intake.ack_reaction == "✍"


def test_relative_database_path_is_beside_the_config(tmp_path, monkeypatch):
    (tmp_path / "etc").mkdir()
    monkeypatch.chdir(tmp_path)
    settings = load_settings(write(tmp_path / "etc", MINIMAL))
    assert settings.storage.path == tmp_path / "etc" / "data" / "appeals.sqlite3"
    monkeypatch.setenv("AKIMAT_STORAGE__PATH", "var/d.sqlite3")  # the environment: from here
    settings = load_settings(tmp_path / "etc" / "config.toml")
    assert settings.storage.path == tmp_path / "var" / "d.sqlite3"


def test_a_database_left_where_the_old_rule_put_it_is_not_silently_replaced(tmp_path, monkeypatch):
    (tmp_path / "etc").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "appeals.sqlite3").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    lines = problems(tmp_path / "etc", MINIMAL)
    assert len(lines) == 1 and "the desk's database is at" in lines[0]
    assert str(tmp_path / "data" / "appeals.sqlite3") in lines[0]


def test_a_config_that_still_sets_sure_weak_loads_with_a_warning(tmp_path, caplog):
    """Weak signs alone no longer delete, so their threshold is gone; a config
    written before keeps loading, and says the key is unused."""
    text = MINIMAL + "[spam]\nsure = 0.6\nsure_alone = 0.7\nsure_weak = 0.9\n"
    with caplog.at_level("WARNING"):
        settings = load_settings(write(tmp_path, text))
    assert settings.spam.sure == 0.6 and not hasattr(settings.spam, "sure_weak")
    assert any("sure_weak" in r.getMessage() for r in caplog.records)
