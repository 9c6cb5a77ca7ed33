"""Messages that are no question about a procedure, and follow-ups that keep their topic."""

import pytest

from motcua.assistant import services


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("question", "lang", "kind"),
    [
        ("xin chào", "vi", "greeting"),
        ("chào bạn", "vi", "greeting"),
        ("hello", "en", "greeting"),
        ("cảm ơn nhiều", "vi", "thanks"),
        ("thank you!", "en", "thanks"),
    ],
)
def test_greetings_and_thanks_get_a_short_answer_and_no_procedure(question, lang, kind):
    reply = services.ask(question, lang=lang)

    assert reply.kind == kind
    assert reply.procedures == ()
    assert len(reply.answer.split()) < 30


@pytest.mark.django_db
@pytest.mark.parametrize(
    "question",
    ["tôi muốn khiếu nại cán bộ phường gây khó dễ", "I want to complain about an official"],
)
def test_a_complaint_intent_gets_the_complaint_form(question):
    reply = services.ask(question)

    assert reply.kind == "complaint"
    assert "/complaints/new/" in reply.answer
    assert reply.procedures == ()


@pytest.mark.django_db
@pytest.mark.parametrize("question", ["gia hạn tạm trú", "đăng ký tạm trú ở Gia Lâm"])
def test_gia_is_not_read_as_price(question):
    reply = services.ask(question)

    assert "fees" not in services.selectors.current_index().analyse(question).aspects
    assert "Giấy tờ cần nộp:" in reply.answer  # the whole answer, not the fees alone


@pytest.mark.django_db
def test_a_follow_up_keeps_the_topic_until_another_procedure_is_named():
    first = services.ask("đăng ký kết hôn")
    then = services.ask("vậy cần mang gì", conversation_id=first.conversation)
    other = services.ask("còn đăng ký khai tử thì sao", conversation_id=first.conversation)

    assert first.procedures[0].code == "1.000894"
    assert then.kind == "follow_up"
    assert then.sources[0].code == "1.000894"
    assert "Giấy tờ cần nộp:" in then.answer
    assert other.sources[0].code == "1.000656"


@pytest.mark.django_db
def test_will_in_an_english_follow_up_is_no_testament():
    first = services.ask("birth registration", lang="en")
    fee = services.ask("what will it cost?", lang="en", conversation_id=first.conversation)

    assert fee.kind == "follow_up"
    assert fee.sources[0].code == "1.001193"
    assert "Fees:" in fee.answer
