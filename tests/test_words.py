"""Words a Kazakh and a Russian reader corrected: each message as people read it."""

from __future__ import annotations

import pytest

from bot.texts import Texts


@pytest.fixture(scope="module")
def t() -> Texts:
    return Texts()


def test_unreachable_heads_counted_and_asked_to_send_start(t):
    for key in ("urgent-head-unreachable", "digest-head-unreachable"):
        one = t.get("ru", key, count=1)
        assert "заместители: 1" not in one and "запустил бота" in one and "/start" in one
        assert "Руководители (всего 3) ещё не запустили" in t.get("ru", key, count=3)
        kk = t.get("kk", key, count=2)
        assert "жеке хабарламада" in kk and "/start жіберуін сұраңыз" in kk
        assert "Старт" not in one and "Бастау" not in kk
        assert "has not started" in t.get("en", key, count=1)
        assert "3 heads (the akim, deputies) have not started" in t.get("en", key, count=3)


def test_russian_fixes(t):
    assert t.get("ru", "press-answer-prompt") == (
        "Нажмите «Ответить» на сообщении бота и напишите ответ."
    )
    assert t.get("ru", "press-taken-by", code="H-1", name="Асель") == (
        "H-1 уже в работе, исполнитель: Асель."
    )
    unreadable = t.get("ru", "unreadable-update", chat="ЖКХ", author="a", link="", text="x")
    assert "обращение по нему не создано" in unreadable and "заявка" not in unreadable
    assert "appeal" in t.get("en", "unreadable-update", chat="c", author="a", link="", text="x")
    assert t.get("ru", "export-empty", days=1) == "За последний 1 день обращений нет."
    assert t.get("ru", "export-empty", days=3) == "За последние 3 дня обращений нет."
    assert t.get("ru", "export-empty", days=30) == "За последние 30 дней обращений нет."
    assert t.get("en", "export-empty", days=1) == "No appeals in the last day."
    assert "не дольше 5 ч" in t.get("ru", "digest-response", median="1 ч", p90="5 ч", count=3)
    assert t.get("ru", "duration-days", days=2, hours=3) == "2 дн. 3 ч"
    assert "единый номер экстренных служб" in t.get("ru", "help")
    assert "жедел қызметтердің бірыңғай нөмірі" in t.get("kk", "help")


def test_kazakh_fixes(t):
    assert "ол чатқа жетпейді" in t.get("kk", "chat-unreachable", chat="ЖКХ", error="e")
    assert t.get("kk", "card-overdue", age="2 күн") == "⚠️ мерзімі өткеніне 2 күн"
    assert t.get("kk", "press-wrong-state", code="H-1", status="жабық").startswith("Мүмкін емес")
    item = t.get(
        "kk", "digest-item", mark="", code="H-1", chat="ТКШ", assignee="—", created="1.12", due="2"
    )
    assert "түсті: 1.12" in item and "бастап" not in item
    assert "(күн ішінде)" in t.get("kk", "digest-moderators")


def test_one_term_for_the_review_deadline(t):
    card = {locale: t.get(locale, "card-due", response="a", resolve="b") for locale in ["ru", "kk"]}
    assert "срок рассмотрения" in card["ru"] and "қарау мерзімі" in card["kk"]
    assert t.get("ru", "export-col-due") == "Срок рассмотрения"
    assert t.get("kk", "export-col-due") == "Қарау мерзімі"


def test_english_fixes(t):
    assert t.get("en", "press-urgent", code="H-1").endswith("the akim has been notified.")
    assert "updates on this appeal" in t.get("en", "follow-ok")
