"""Files that hold residents' names and texts are the operator's alone; phone
numbers in every usual spelling are hidden in exports."""

from __future__ import annotations

import os

import pytest

from bot.reports.export import _PHONE
from storage.db import Database


@pytest.fixture
def loose_umask():
    old = os.umask(0o022)  # the usual one: files world-readable
    yield
    os.umask(old)


async def test_the_database_and_its_wal_files_are_private(tmp_path, loose_umask):
    path = tmp_path / "data" / "desk.sqlite3"
    db = await Database.open(path)
    try:
        await db.write(lambda conn: conn.execute("INSERT INTO meta VALUES ('k', 'v')"))
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        assert all(f.exists() for f in files)
        assert {f.name: f.stat().st_mode & 0o777 for f in files} == {f.name: 0o600 for f in files}
    finally:
        await db.close()


async def test_an_existing_world_readable_database_is_made_private(tmp_path, loose_umask):
    path = tmp_path / "desk.sqlite3"
    db = await Database.open(path)
    await db.close()
    os.chmod(path, 0o644)
    db = await Database.open(path)
    await db.close()
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "phone",
    [
        "+7 701 123 45 67",
        "8 (7172) 21-00-21",
        "8.701.123.45.67",
        "+7.701.123.45.67",
        "8\u00a0701\u00a0123\u00a045\u00a067",
        "+7\u202f701\u202f1234567",
        "87011234567",
    ],
)
def test_phone_numbers_in_any_spelling_are_found(phone):
    assert _PHONE.fullmatch(phone), phone
    text = f"Звоните {phone}, ответим"
    assert _PHONE.sub("[скрыт]", text) == "Звоните [скрыт], ответим"


@pytest.mark.parametrize("kept", ["12.03.2024", "дом 12, кв. 45", "в 9.30 и 18.45"])
def test_dates_and_addresses_are_not_phone_numbers(kept):
    assert _PHONE.search(kept) is None
