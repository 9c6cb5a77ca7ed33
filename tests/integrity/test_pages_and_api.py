"""The inspection team's pages and the flags API: the review queue with reasons in words,
confirm / dismiss with a reason / escalate, the board with its drill-down, inspection cases;
each page and menu link only for the roles that may open it."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.test import Client
from django.utils import timezone

from motcua.integrity import selectors, services
from motcua.integrity.models import CaseStatus, Flag, FlagStatus, InspectionCase, KeyKind
from tests.builders.dossiers import client_for, committee
from tests.builders.integrity import file_many

NIGHT = datetime(2026, 11, 24, 23, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def signed_in(user, language="vi") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def test_the_flags_api_gives_score_and_reasons_in_both_languages(
    broker, people, inspector, coordinator, ward_a, django_assert_num_queries
):
    file_many(broker, people[:7], at=NIGHT)

    with django_assert_num_queries(3):  # the roles, the count, the page
        listed = client_for(inspector).get("/api/v1/integrity/flags/", {"kind": "broker"})
    refused = client_for(ward_a.handling).get("/api/v1/integrity/flags/")
    centre = client_for(coordinator).get("/api/v1/integrity/flags/", {"kind": "extra_documents"})

    assert listed.status_code == 200
    account = next(f for f in listed.json()["results"] if f["key_kind"] == "account")
    assert account["label"] == "dichvu"
    assert account["status"] == "open"
    assert account["reasons"][0] == {
        "code": "applicants",
        "points": 26,
        "params": {"applicants": 7, "days": 1},
        "vi": "Nộp hồ sơ cho 7 người khác nhau trong 1 ngày",
        "en": "Filed for 7 different applicants in 1 days",
    }
    assert refused.status_code == 403
    assert centre.json()["count"] == 0


def test_the_review_queue_lists_flags_with_reasons_in_words_and_only_for_oversight(
    broker, people, inspector, ward_a
):
    file_many(broker, people[:7], at=NIGHT)

    page = signed_in(inspector).get("/workspace/integrity/flags/").content.decode()
    english = signed_in(inspector, "en").get("/workspace/integrity/flags/").content.decode()
    officer = signed_in(ward_a.handling)

    assert "Nộp hồ sơ cho 7 người khác nhau trong 1 ngày" in page
    assert "7 trên 7 hồ sơ nộp trong khoảng 22:00–06:00" in page
    assert "Filed for 7 different applicants in 1 days" in english
    assert 'href="/workspace/integrity/flags/"' in page  # the menu link
    assert officer.get("/workspace/integrity/flags/").status_code == 403
    assert officer.get("/workspace/integrity/board/").status_code == 403
    assert 'href="/workspace/integrity/flags/"' not in officer.get("/workspace/").content.decode()


def test_dismissing_needs_a_reason_and_confirming_marks_the_flag(
    broker, people, inspector, coordinator
):
    file_many(broker, people[:7], at=NIGHT, phone="0987000111")
    account, phone = Flag.objects.order_by("key_kind")
    review = signed_in(inspector)

    empty = review.post(
        f"/workspace/integrity/flags/{account.pk}/review/", {"decision": "dismiss", "note": ""}
    )
    escalated = review.post(
        f"/workspace/integrity/flags/{account.pk}/review/", {"decision": "escalate"}
    )
    confirmed = review.post(
        f"/workspace/integrity/flags/{account.pk}/review/",
        {"decision": "confirm", "note": "Người dân xác nhận phải trả 500.000 đồng"},
    )
    by_centre = signed_in(coordinator).post(
        f"/workspace/integrity/flags/{phone.pk}/review/", {"decision": "confirm"}
    )
    detail = review.get(f"/workspace/integrity/flags/{account.pk}/").content.decode()

    assert empty.status_code == 400
    assert "Hãy nêu lý do bác bỏ cảnh báo." in empty.content.decode()
    assert escalated.status_code == confirmed.status_code == 302
    account.refresh_from_db()
    assert account.status == FlagStatus.CONFIRMED
    assert account.review_note == "Người dân xác nhận phải trả 500.000 đồng"
    assert by_centre.status_code == 403  # only inspectors decide
    assert Flag.objects.get(pk=phone.pk).status == FlagStatus.OPEN
    assert "Người dân xác nhận phải trả 500.000 đồng" in detail
    assert 'name="decision"' not in detail  # decided: no more buttons
    assert "Thủ tục đăng ký khai sinh" in detail  # each dossier's procedure, by name


def test_the_board_ranks_units_and_drills_down_to_the_evidence(
    api, broker, people, inspector, ward_a
):
    file_many(broker, people[:7], at=NIGHT)
    flagged = Flag.objects.get().agency
    agency = committee("00070").code
    api.post(
        "/api/v1/complaints/",
        {"agency": agency, "category": "conduct", "text": "Gắt gỏng", "contact": "0912000999"},
        format="json",
    )
    end = timezone.now() + timedelta(minutes=1)

    rows = {r.agency.code: r for r in selectors.board(inspector, end - timedelta(days=30), end)}
    board = signed_in(inspector).get("/workspace/integrity/board/").content.decode()
    unit = signed_in(inspector).get(f"/workspace/integrity/board/{flagged.code}/").content.decode()
    complained = signed_in(inspector).get(f"/workspace/integrity/board/{agency}/").content.decode()

    assert rows[agency].complaints == 1
    assert rows[flagged.code].broker_flags == 1
    # every unit's filings of 24/11 are overdue now: a quarter each, plus its own signal
    assert rows[agency].rank_score == rows[flagged.code].rank_score == 50.0
    assert rows[committee("00008").code].rank_score == 25.0
    assert f"/workspace/integrity/board/{agency}/" in board
    assert "dichvu" in unit
    assert "Gắt gỏng" in complained
    assert signed_in(inspector).get("/workspace/integrity/board/NOPE/").status_code == 404


def test_an_inspection_case_is_opened_followed_up_and_closed(inspector, coordinator, ward_a):
    agency = committee("00070").code
    cases = signed_in(inspector)

    opened = cases.post(
        "/workspace/integrity/cases/",
        {"agency": agency, "title": "Kiểm tra bộ phận một cửa", "grounds": "3 phản ánh"},
    )
    case = InspectionCase.objects.get()
    url = f"/workspace/integrity/cases/{case.pk}/"
    closing_early = cases.post(url, {"step": "close"})
    cases.post(url, {"step": "findings", "findings": "Yêu cầu bản sao hộ khẩu trái quy định"})
    cases.post(url, {"step": "follow_up", "due_on": "2026-12-15", "action": "Kiểm tra lại quầy"})
    follow_up = case.follow_ups.get()
    cases.post(url, {"step": "done", "follow_up": follow_up.pk})
    closed = cases.post(url, {"step": "close"})
    centre = signed_in(coordinator).post(
        "/workspace/integrity/cases/", {"agency": agency, "title": "x"}
    )

    assert opened.status_code == 302
    assert closing_early.status_code == 400
    case.refresh_from_db()
    follow_up.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert closed.status_code == 302
    assert case.findings == "Yêu cầu bản sao hộ khẩu trái quy định"
    assert follow_up.due_on == date(2026, 12, 15)
    assert follow_up.done_at is not None
    assert centre.status_code == 400
    assert InspectionCase.objects.count() == 1
    page = cases.get(url).content.decode()
    assert "Kiểm tra lại quầy" in page
    assert "Yêu cầu bản sao hộ khẩu trái quy định" in page


def test_the_agency_head_gets_the_complaints_link_and_a_handling_officer_does_not(ward_a):
    head = signed_in(ward_a.approver).get("/workspace/").content.decode()
    officer = signed_in(ward_a.handling).get("/workspace/").content.decode()

    assert 'href="/workspace/complaints/"' in head
    assert 'href="/workspace/complaints/"' not in officer
    assert 'href="/workspace/integrity/board/"' not in head


def test_standings_are_registered_by_the_centre_only(coordinator, ward_a):
    import pytest

    from motcua.core.errors import Forbidden

    with pytest.raises(Forbidden):
        services.register_standing(
            [(KeyKind.PHONE, "0912")], actor=ward_a.approver, kind="lawyer", holder="A", mandate="B"
        )
    made = services.register_standing(
        [(KeyKind.PHONE, "0912 000 111")],
        actor=coordinator,
        kind="lawyer",
        holder="A",
        mandate="HĐ 1",
    )

    assert made[0].key_value == "0912000111"
