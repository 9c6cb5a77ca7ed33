"""Decision 766 items 5.2 (complaints handled on time) and 5.3 (satisfaction with the handling)
over complaints filed, answered and judged through the real services and the portal page.

Ward B's People's Committee, November 2026 (answers due 15 working days after receipt), the
figures read on Mon 30/11 at 12:00:

C1  about dossier D1, "delay", received Mon 2/11, answered Tue 10/11; the filer is satisfied.
C2  about the agency, received Mon 2/11 (due Mon 23/11), answered Tue 24/11: late.
C3  about the agency, received Fri 20/11 (due in December), not answered: still on time.
C4  about the agency, received Tue 3/11 (due Tue 24/11), not answered on 30/11: late.
C5  about the agency, received Thu 5/11, answered Fri 6/11; the filer is not satisfied.
C6  C1's filer again, same dossier and category, received Thu 12/11 after C1's answer: a repeat.
C7  about ward A's committee: not ward B's.
C8  about ward B, received Fri 30/10: not November's.

On time: C1, C3, C5, C6 = 4 of 6 (5.2: 66.67 % of 6 points = 4.0). Satisfactory: C1 and C3 =
2 of 6 (5.3: 33.33 % = 2.0); C2 and C4 late, C5 not satisfied, C6 a repeat.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.test import Client

import time_machine

from motcua.integrity import services
from motcua.integrity.models import Complaint
from motcua.monitoring import scoring, selectors
from motcua.monitoring.indicators import Indicators
from tests.builders.dossiers import WARD_A, WARD_B, committee
from tests.monitoring.test_indicators import NOVEMBER, ward_b_scope

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _on(month: int, day: int, hour: int = 10) -> time_machine.travel:
    return time_machine.travel(datetime(2026, month, day, hour, tzinfo=HANOI), tick=False)


def _file(contact: str, **about: str) -> str:
    data = {"category": "delay", "text": "Quá hạn mà chưa có kết quả", "contact": contact}
    return services.file_complaint({**data, **about}, actor=None).code


def _answer(code: str, official) -> None:
    services.answer_complaint(code, actor=official, answer="Đã xử lý, xin lỗi ông/bà.")


def _judge(code: str, contact: str, verdict: str) -> str:
    """The filer's verdict, given with the buttons under the answer on the portal page."""
    page = Client().post(
        "/complaints/answer/", {"code": code, "contact": contact, "verdict": verdict}
    )
    assert page.status_code == 200, page.content
    return page.content.decode()


def test_complaints_handled_on_time_and_to_the_filers_satisfaction(month):
    ward_b = month.ward_b.approver
    agency_b, agency_a = committee(WARD_B).code, committee(WARD_A).code
    d1 = month.codes["d1"]
    with _on(10, 30):
        _file("0912000008", agency=agency_b)  # C8
    with _on(11, 2):
        c1 = _file("0912000001", dossier=d1)
        c2 = _file("0912000002", agency=agency_b)
    with _on(11, 3):
        _file("0912000004", agency=agency_b)  # C4
        _file("0912000007", agency=agency_a)  # C7
    with _on(11, 5):
        c5 = _file("0912000005", agency=agency_b)
    with _on(11, 6):
        _answer(c5, ward_b)
        _judge(c5, "0912000005", "dissatisfied")
        _judge(c5, "0912000005", "satisfied")  # a change of mind, then back: the last one counts
        page = _judge(c5, "0912000005", "dissatisfied")
    assert Complaint.objects.get(code=c5).satisfied is False
    assert "Cảm ơn" in page  # the thanks, in Vietnamese by default
    with _on(11, 10):
        _answer(c1, ward_b)
        _judge(c1, "0912 000 001", "satisfied")  # the contact as the filer types it
    with _on(11, 12):
        _file("0912000001", dossier=d1)  # C6
    with _on(11, 20):
        _file("0912000003", agency=agency_b)  # C3
    with _on(11, 24):
        _answer(c2, ward_b)

    with _on(11, 30, 12):
        counts = selectors.totals(ward_b_scope()).counters
        city = selectors.by_agency(selectors.scope_for(None, start=NOVEMBER[0], end=NOVEMBER[1]))
    assert (counts["complaints"], counts["complaints_on_time"]) == (6, 4)
    assert counts["complaints_unsatisfactory"] == 4
    lines = {line.rule.code: (line.ratio, line.points) for line in scoring.score(counts).lines}
    assert lines["5.2"] == (66.67, 4.0)
    assert lines["5.3"] == (33.33, 2.0)
    by_code = {row.agency.code: row.indicators for row in city}
    assert by_code[agency_a]["complaints"] == 1  # C7
    assert by_code[agency_b].as_dict()["complaints"] == {
        "received": 6,
        "on_time_rate": 66.67,
        "satisfactory_rate": 33.33,
    }


def test_a_verdict_needs_an_answer_and_the_filers_contact(month):
    with _on(11, 2):
        code = _file("0912000001", agency=committee(WARD_B).code)
    early = Client().post(
        "/complaints/answer/", {"code": code, "contact": "0912000001", "verdict": "satisfied"}
    )
    assert early.status_code == 409  # nothing to judge yet
    with _on(11, 3):
        _answer(code, month.ward_b.approver)
    stranger = Client().post(
        "/complaints/answer/", {"code": code, "contact": "0900000000", "verdict": "dissatisfied"}
    )
    assert stranger.status_code == 404
    with _on(11, 30):
        counts = selectors.totals(ward_b_scope()).counters
    assert counts["complaints"] == 1
    assert counts["complaints_unsatisfactory"] == 0  # the stranger's verdict was not taken


def test_a_period_without_complaints_scores_full_points_on_5_2_and_5_3():
    lines = {line.rule.code: line for line in scoring.score(Indicators.of({}).counters).lines}
    assert (lines["5.2"].ratio, lines["5.2"].points) == (100.0, 6.0)
    assert (lines["5.3"].ratio, lines["5.3"].points) == (100.0, 6.0)
