import html
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.card.keyboards import card_keyboard, extend_keyboard
from bot.card.render import CardData, Renderer, post_link
from bot.config import Settings
from bot.textfit import CAPTION_LIMIT, MESSAGE_LIMIT, cut, utf16_len, visible_length
from bot.texts import LOCALES, LOCALES_DIR, Html, Texts
from storage.models import Answer, Priority, Resolution, Status, Ticket
from storage.reads import TicketFacts

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def settings() -> Settings:
    return Settings(
        staff={"chat_id": -1009, "moderators": [111]},
        chats=[
            {
                "key": "akimat",
                "title": "Акимат <Сарыарка>",
                "chat_id": -1001000000001,
                "prefix": "A",
            },
            {"key": "law_order", "title": "Правопорядок", "chat_id": -1001000000002, "prefix": "L"},
            {"key": "housing", "title": "ЖКХ", "chat_id": -1001000000003, "prefix": "H"},
        ],
    )


def ticket(**kw) -> Ticket:
    base = dict(
        id=1,
        code="A-1",
        chat_key="akimat",
        number=1,
        source_chat_id=-1001000000001,
        source_message_id=55,
        source_thread_id=None,
        author_id=5001,
        author_name='Ерлан "<b>boss</b>"',
        author_username="erlan_&",
        author_language="ru",
        text="Когда починят <script>alert(1)</script> & свет?",
        media_type=None,
        media_file_id=None,
        media_group_id=None,
        attachments=0,
        status=Status.new,
        resolution=None,
        assignee_id=None,
        priority=Priority.normal,
        card_chat_id=None,
        card_message_id=None,
        card_digest=None,
        ack_message_id=None,
        followups=0,
        created_at=NOW,
        updated_at=NOW,
        first_response_at=None,
        answered_at=None,
        closed_at=None,
        response_due_at=NOW + timedelta(hours=24),
        resolve_due_at=NOW + timedelta(days=21),
    )
    base.update(kw)
    return Ticket(**base)


def plain(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", html_text))


@pytest.fixture
def renderer() -> Renderer:
    return Renderer(settings(), Texts())


def test_card_escapes_everything_from_users(renderer):
    card = renderer.card(CardData(ticket()), NOW)
    assert "<script>" not in card and "&lt;script&gt;" in card
    assert "<b>boss</b>" not in card
    assert "Акимат &lt;Сарыарка&gt;" in card
    text = plain(card)
    assert 'Ерлан "<b>boss</b>"' in text and "@erlan_&" in text
    assert "Когда починят <script>alert(1)</script> & свет?" in text
    assert "A-1" in text and "27.11.2026 14:30" in text  # local time, UTC+5
    assert 'href="https://t.me/c/1000000001/55"' in card


def test_long_text_is_cut_to_fit_with_a_marker(renderer):
    long = ticket(text="а" * 3000 + "😀" * 1000 + "<&>" * 100)
    card = renderer.card(CardData(long), NOW)
    assert visible_length(card) <= MESSAGE_LIMIT
    assert visible_length(card) > MESSAGE_LIMIT - 10
    assert "текст сокращён" in plain(card)


def test_photo_card_fits_a_caption(renderer):
    photo = ticket(text="б" * 2000, media_type="photo", media_file_id="AgAD")
    assert renderer.card_has_photo(photo)
    card = renderer.card(CardData(photo), NOW)
    assert visible_length(card) <= CAPTION_LIMIT
    assert "фото" in plain(card)


def test_card_states(renderer):
    closed = ticket(status=Status.closed, resolution=Resolution.spam, assignee_id=111)
    text = plain(renderer.card(CardData(closed, assignee_name="Модератор"), NOW))
    assert "закрыто" in text and "спам" in text and "Модератор" in text
    assert "Ответ до" not in text  # no deadline line once closed
    late = ticket(priority=Priority.urgent, followups=2)
    facts = TicketFacts(
        last_followup={"text": "ещё <фото>"},
        answers=1,
        last_answer=Answer(1, 1, 111, "", "photo", "AgAD", False, NOW),
        notes=2,
        last_note=Answer(2, 1, 111, "позвонить <в ЖЭК>", None, None, True, NOW),
        delete_error="message can't be deleted",
    )
    text = plain(renderer.card(CardData(late, facts), NOW + timedelta(days=2)))
    assert text.startswith("🔴") and "«ещё <фото>»" in text
    assert "просрочено на 1 дн." in text  # the first answer was due a day after receipt
    assert "Ответов: 1 · последний: [фото]" in text
    assert "Заметок: 2 · последняя: «позвонить <в ЖЭК>»" in text
    assert "Не удалось удалить сообщение: message can't be deleted" in text


def test_keyboard_by_state_and_callback_size(renderer):
    def actions(status):
        markup = card_keyboard(ticket(status=status, id=2**62), renderer.texts, "ru")
        return [b.callback_data for row in markup.inline_keyboard for b in row]

    assert [d.split(":")[1] for d in actions(Status.new)] == [
        "take",
        "assign",
        "answer",
        "close",
        "spam",
        "urgent",
        "extend",
        "recategorize",
        "readdress",
        "make",
    ]
    assert [d.split(":")[1] for d in actions(Status.answered)] == [
        "assign",
        "answer",
        "close",
        "spam",
        "urgent",
        "extend",
        "recategorize",
        "readdress",
        "make",
    ]
    assert actions(Status.closed) == [
        f"t:reopen:{2**62}",
        f"t:recategorize:{2**62}",
        f"t:readdress:{2**62}",
    ]
    assert all(len(d.encode()) <= 64 for d in actions(Status.new))
    # The longest argument: a chosen deadline on the largest id still fits 64 bytes.
    markup = extend_keyboard(
        2**63 - 1, [date(2026, 12, 31)], date(2027, 1, 26), renderer.texts, "ru"
    )
    assert all(len(b.callback_data.encode()) <= 64 for row in markup.inline_keyboard for b in row)
    assert markup.inline_keyboard[0][0].callback_data == f"t:extend:{2**63 - 1}:20261231"


def test_ack_names_code_due_date_and_emergency_line(renderer):
    s = renderer.settings
    ack = renderer.ack(ticket(), s.chat("akimat"), "ru", "desk_bot")
    assert 'href="https://t.me/desk_bot?start=t_A-1"' in ack  # follow it privately
    ack = plain(ack)
    assert "A-1" in ack and "18.12.2026" in ack and "112" not in ack
    law = renderer.ack(ticket(code="L-3", chat_key="law_order"), s.chat("law_order"), "kk", "b")
    assert "L-3" in law and "102" in law and "112" in law and "тіркелді" in law


def test_post_links_only_for_supergroups():
    assert post_link(-1001234567890, 7) == "https://t.me/c/1234567890/7"
    assert post_link(-4567, 7) is None


def test_cut_counts_utf16_and_keeps_surrogate_pairs():
    text = "😀" * 10
    out = cut(text, 7, "…")
    assert utf16_len(out) <= 7 and out.endswith("…")
    out.encode("utf-8")  # would raise on a lone surrogate
    assert cut("short", 10, "…") == "short"


def test_catalogues_are_complete_and_escape_arguments():
    texts = Texts()
    assert texts.keys("en") == texts.keys("ru")
    assert texts.keys("kk") <= texts.keys("ru")
    for locale in LOCALES:
        out = texts.get(locale, "ack-reply", code="<A-1>", due="1 & 2")
        assert "&lt;A-1&gt;" in out and "1 &amp; 2" in out
    assert texts.get("ru", "card-media", media=Html("<i>x</i>")) == "📎 <i>x</i>"
    with pytest.raises(KeyError):
        texts.get("ru", "no-such-message")
    # An unknown locale falls back to Russian rather than failing.
    assert texts.get("de", "status-new") == "новое"


def test_photo_card_with_long_names_and_history_still_fits(renderer):
    long = "Слово " * 60
    crowded = ticket(
        author_name="А" * 64 + " " + "Б" * 64,
        text="Фото подъезда, лифт не работает",
        media_type="photo",
        media_file_id="AgAC",
        status=Status.answered,
        assignee_id=111,
        followups=2,
        resolve_due_at=NOW - timedelta(days=1),
    )
    facts = TicketFacts(
        last_followup={"text": long},
        answers=1,
        last_answer=Answer(1, 1, 111, long, None, None, False, NOW),
        notes=1,
        last_note=Answer(2, 1, 111, long, None, None, True, NOW),
    )
    card = renderer.card(CardData(crowded, facts, "Асель Модераторова-Сейітқызы " * 3), NOW)
    assert visible_length(card) <= CAPTION_LIMIT
    assert "лифт не работает" in plain(card)  # the appeal itself is never squeezed out
    # A long appeal keeps a readable share of the caption however full the history is.
    crowded = replace(crowded, text="Описание проблемы. " * 100)
    card = plain(renderer.card(CardData(crowded, facts, "Асель"), NOW))
    assert card.count("Описание проблемы.") >= 300 // len("Описание проблемы. ")


def test_every_message_in_every_language_with_the_same_placeholders():
    from fluent.syntax import FluentParser, ast, visitor

    class Placeholders(visitor.Visitor):
        def __init__(self) -> None:
            super().__init__()
            self.names: set[str] = set()

        def visit_VariableReference(self, node) -> None:
            self.names.add(node.id.name)

    def catalogue(locale: str) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for path in sorted((LOCALES_DIR / locale).glob("*.ftl")):
            resource = FluentParser().parse(path.read_text(encoding="utf-8"))
            junk = [e for e in resource.body if isinstance(e, ast.Junk)]
            assert not junk, f"{path}: unparsable {junk[0].content[:80]!r}"
            for entry in resource.body:
                if isinstance(entry, ast.Message):
                    assert entry.id.name not in found, f"{entry.id.name} twice in {locale}"
                    names = Placeholders()
                    names.visit(entry)
                    found[entry.id.name] = names.names
        return found

    russian = catalogue("ru")
    for locale in ("kk", "en"):
        other = catalogue(locale)
        assert other.keys() == russian.keys(), locale
        for key, names in russian.items():
            assert other[key] == names, f"{locale} {key}: {other[key]} != {names}"
    # Kazakh written with its own letters, not Russian look-alikes.
    texts = Texts()
    kazakh = " ".join(texts.get("kk", key) for key in russian if not russian[key])
    assert set("әғқңөұүі") <= set(kazakh)  # (һ is rare: loanwords only)


def test_overdue_is_the_earliest_binding_deadline():
    t = ticket(status=Status.assigned)
    due = t.response_due_at
    assert t.overdue_since(due) is None and t.overdue_since(due + timedelta(seconds=1)) == due
    # Once answered, only the resolution deadline binds; closed, none does.
    answered = replace(t, first_response_at=due - timedelta(hours=1), status=Status.answered)
    assert answered.overdue_since(due + timedelta(days=1)) is None
    late = t.resolve_due_at + timedelta(minutes=1)
    assert answered.overdue_since(late) == t.resolve_due_at
    assert replace(t, status=Status.closed).overdue_since(late) is None
