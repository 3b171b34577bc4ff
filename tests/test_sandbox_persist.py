"""The demo's Telegram keeps its chats between runs (``--data``), as Telegram does."""

from __future__ import annotations

from bot.sandbox import FakeTelegram
from bot.sandbox.persist import load_world, save_world
from tests.conftest import HOUSING, RESIDENT, populate


def test_chats_files_and_pending_updates_survive_a_restart(tmp_path):
    before = FakeTelegram()
    populate(before)
    post = before.post(HOUSING, RESIDENT, "Во дворе третий день не вывозят мусор")
    photo = before.post(HOUSING, RESIDENT, photo=True, caption="вот фото")
    before.uploads[photo["photo"][-1]["file_id"]] = b"\x89PNG-bytes"
    save_world(before, tmp_path / "sandbox.json")

    after = FakeTelegram()
    assert load_world(after, tmp_path / "sandbox.json")
    assert after.messages(HOUSING) == before.messages(HOUSING)
    assert after.uploads == before.uploads and after.users == before.users
    assert after.updates.take(10) == before.updates.take(10)  # not yet seen by the desk
    again = after.post(HOUSING, RESIDENT, "и ещё", reply_to=post["message_id"])
    assert again["message_id"] == photo["message_id"] + 1
    assert after.post(HOUSING, RESIDENT, photo=True)["photo"][0]["file_id"] not in before.files


def test_an_unreadable_file_starts_afresh(tmp_path):
    (tmp_path / "sandbox.json").write_text("{not json", encoding="utf-8")
    fake = FakeTelegram()
    assert not load_world(fake, tmp_path / "sandbox.json")
    assert fake.chats == {} and fake.users == {}
    assert not load_world(fake, tmp_path / "missing.json")
