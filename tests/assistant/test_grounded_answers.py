"""Acceptance: for the whole question set, answers state only the cited procedures' facts."""

import re

from django.conf import settings

import pytest

from motcua.assistant import selectors, services
from motcua.assistant.grounding import catalog_numbers, numbers
from motcua.core.text import fold
from tests.builders.assistant import questions

NO_SOURCE = ("unsure", "declined", "greeting", "thanks", "complaint", "ask_code")
_DOCUMENT_LINE = re.compile(r"^- (?P<name>.+) \([^()]*, \d+\)(?: — .*)?$")


def _cited(reply, index):
    return [index.procedures[index.position(s.code)] for s in reply.sources]


def _documents_listed(answer: str) -> list[str]:
    return [m.group("name") for line in answer.splitlines() if (m := _DOCUMENT_LINE.match(line))]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_number_and_document_in_answers_is_in_the_cited_procedures(lang):
    index = selectors.current_index()
    every_document = {fold(d.name) for p in index.procedures for d in p.documents}
    answered = 0

    for question in questions():
        reply = services.ask(question["q"], lang=lang)
        cited = _cited(reply, index)
        allowed = catalog_numbers(cited) | {settings.MOTCUA_HOTLINE}  # the centre's, not a fact
        allowed |= {str(settings.MOTCUA_COMPLAINT_ANSWER_DAYS)}
        own = {fold(d.name) for p in cited for d in p.documents}
        own |= {fold(d.name_en) for p in cited for d in p.documents if d.name_en}

        assert reply.sources or reply.kind in NO_SOURCE, question["q"]
        assert numbers(reply.answer) <= allowed, (question["q"], numbers(reply.answer) - allowed)
        for name in _documents_listed(reply.answer):
            assert fold(name) in own, (question["q"], name)
        answer = fold(reply.answer)
        for name in every_document - own:  # another procedure's paper (unless ours contains it)
            if not any(name in ours for ours in own):
                assert name not in answer, (question["q"], name)
        answered += reply.kind == "procedure"

    assert answered >= 150


@pytest.mark.django_db
def test_an_answer_names_its_source_and_the_facts_residents_need():
    reply = services.ask("đăng ký khai sinh cho con cần những gì, lệ phí bao nhiêu, mất mấy ngày")

    assert reply.kind == "procedure"
    assert [(s.code, s.version) for s in reply.sources] == [("1.001193", 1)]
    assert "Nguồn: danh mục đã công bố, thủ tục 1.001193, phiên bản 1." in reply.answer
    assert "Giấy chứng sinh" in reply.answer
    # Only if the electronic one was received: "not needed if X" never becomes "not needed".
    assert "chỉ không cần mang nếu cơ quan lấy được từ CSDL hộ tịch điện tử" in reply.answer
    assert "5.000 đồng" in reply.answer
    assert "8.000 đồng" in reply.answer
    assert "Thời hạn giải quyết: 1 ngày làm việc." in reply.answer
    assert "/procedures/1.001193/" in reply.answer


@pytest.mark.django_db
def test_a_boundary_free_procedure_says_it_can_be_filed_anywhere_in_the_city():
    free = services.ask("nộp hồ sơ đăng ký khai sinh ở đâu")
    tied = services.ask("tách hộ nộp ở đâu")

    assert "bất kỳ điểm tiếp nhận nào trong thành phố" in free.answer
    assert "bất kỳ điểm tiếp nhận nào" not in tied.answer
    assert "Nơi cư trú" in tied.answer


@pytest.mark.django_db
def test_a_question_outside_the_catalog_is_declined_with_the_hotline():
    reply = services.ask("thời tiết hà nội hôm nay thế nào")
    english = services.ask("book a train ticket to Hai Phong", lang="en")

    assert reply.kind == "declined"
    assert reply.answer.startswith("Tôi chưa chắc")
    assert "đường dây nóng của trung tâm: 1022" in reply.answer
    assert reply.procedures == ()  # nothing offered that is not about it
    assert english.kind == "declined"
    assert english.answer.startswith("I am not sure")
    assert "hotline 1022" in english.answer
