"""The directive flow end to end through the workspace pages: the coordinator assigns, the
assignees report, the worker urges the overdue by e-mail once a day, the centre compiles the
difficulties into a workbook that openpyxl (and LibreOffice, when installed) opens."""

import csv
import shutil
import subprocess
import tempfile
from datetime import timedelta
from io import BytesIO
from pathlib import Path

from django.core import mail
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from motcua.directives import services as directive_services
from motcua.directives.models import Assignment, Directive, ProgressReport, Urge
from motcua.geography.models import Agency
from motcua.integrations import delivery
from tests.builders.dossiers import WARD_A, WARD_B, WARD_C, committee


def _issue(client, *, title, theme, deadline, wards):
    return client.post(
        "/workspace/directives/new/",
        {
            "title": title,
            "body": "",
            "theme": theme,
            "issued_by": "centre",
            "deadline": deadline.isoformat(),
            "agencies": [committee(w).pk for w in wards],
        },
    )


def _report(client, assignment, percent, difficulties="", proposals=""):
    return client.post(
        f"/workspace/assignments/{assignment.pk}/",
        {
            "progress_percent": percent,
            "progress": "Đang triển khai",
            "difficulties": difficulties,
            "proposals": proposals,
        },
    )


@pytest.fixture
def centre(client, coordinator):
    client.force_login(coordinator)
    return client


def test_assign_report_urge_and_compile(centre, ward_a, ward_b, ward_c, client_for_official):
    today = timezone.localdate()
    fees = _issue(
        centre,
        title="Đăng ký tài khoản thu phí",
        theme="Thu phí",
        deadline=today - timedelta(days=3),
        wards=[WARD_A, WARD_B, WARD_C],
    )
    train = _issue(
        centre,
        title="Tập huấn cán bộ",
        theme="Tập huấn",
        deadline=today + timedelta(days=10),
        wards=[WARD_B],
    )
    assert fees.status_code == 302
    assert train.status_code == 302
    a, b, c = (
        Assignment.objects.get(directive__title="Đăng ký tài khoản thu phí", agency=committee(w))
        for w in (WARD_A, WARD_B, WARD_C)
    )

    b_user = ward_b.handling
    b_user.email = "cb.ngocha@example.invalid"
    b_user.save()
    ward_c.approver.email = "ld.badinh@example.invalid"
    ward_c.approver.save()
    done = _report(client_for_official(ward_a.handling), a, 100)
    partial = _report(
        client_for_official(b_user),
        b,
        50,
        difficulties="Kho bạc chưa cấp mã chương",
        proposals="Đề nghị Sở Tài chính hướng dẫn",
    )
    trained = _report(
        client_for_official(b_user),
        Assignment.objects.get(directive__title="Tập huấn cán bộ"),
        30,
        difficulties="Thiếu máy tính",
        proposals="Bổ sung 5 máy tính",
    )
    assert (done.status_code, partial.status_code, trained.status_code) == (302, 302, 302)

    # The coordinator's list: the overdue assignments (B, C) first.
    page = centre.get("/workspace/directives/")
    html = page.content.decode()
    b_at, c_at, a_at = (html.index(committee(w).name) for w in (WARD_B, WARD_C, WARD_A))
    assert max(b_at, c_at) < a_at
    assert page.content.decode().count("Quá hạn") >= 2

    # The worker urges B and C (not A, done; not the training, not yet due), once a day.
    first = directive_services.urge_overdue()
    again = directive_services.urge_overdue()
    delivery.deliver_outbox()
    assert (first.urged, again.urged) == (2, 0)
    assert set(Urge.objects.values_list("assignment_id", flat=True)) == {b.pk, c.pk}
    urged_to = sorted(m.to[0] for m in mail.outbox if "Đăng ký tài khoản thu phí" in m.body)
    assert urged_to == ["cb.ngocha@example.invalid", "ld.badinh@example.invalid"]
    to_b = next(m for m in mail.outbox if m.to == ["cb.ngocha@example.invalid"])
    assert f"/workspace/assignments/{b.pk}/" in to_b.body
    assert to_b.subject.startswith("Nhiệm vụ quá hạn: Đăng ký tài khoản thu phí / Overdue task")

    # The compiled report: every difficulty, grouped by theme then agency.
    response = centre.get("/workspace/directives/difficulties.xlsx")
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    rows = [r for r in book.worksheets[0].iter_rows(values_only=True)]
    themed = [r for r in rows[1:] if r[1]]
    assert [(r[0], r[6], r[7]) for r in themed] == [
        ("Thu phí", "Kho bạc chưa cấp mã chương", "Đề nghị Sở Tài chính hướng dẫn"),
        ("Tập huấn", "Thiếu máy tính", "Bổ sung 5 máy tính"),
    ]
    assert [r[0] for r in rows[1:] if not r[1]] == ["Thu phí", "Tập huấn"]  # group headings
    summary = {r[0]: r[3:] for r in book.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert summary["Đăng ký tài khoản thu phí"] == (3, 1, 2)
    _opens_in_libreoffice(response.content, themed_rows=2)


# LibreOffice's CSV filter: comma-separated, double-quoted, UTF-8 (its character set 76).
CSV_UTF8 = "csv:Text - txt - csv (StarCalc):44,34,76"


def _opens_in_libreoffice(content: bytes, *, themed_rows: int) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        return  # LibreOffice is not installed here; openpyxl has read the file above
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.xlsx"
        source.write_bytes(content)
        subprocess.run(
            [office, "--headless", "--convert-to", CSV_UTF8, "--outdir", tmp, str(source)],
            check=True,
            timeout=120,
            capture_output=True,
        )
        rows = list(csv.reader((Path(tmp) / "report.csv").open(encoding="utf-8")))
    assert len([r for r in rows[1:] if len(r) > 1 and r[1]]) == themed_rows


def test_an_assignee_may_not_report_for_another_agency_nor_issue(
    client, ward_a, ward_b, coordinator, client_for_official
):
    directive = directive_services.issue_directive(
        actor=coordinator,
        title="Cấu hình thủ tục",
        body="",
        theme="Cấu hình",
        issued_by="centre",
        deadline=timezone.localdate(),
        agencies=[committee(WARD_B)],
    )
    assignment = directive.assignments.get()
    outsider = client_for_official(ward_a.handling)

    report = _report(outsider, assignment, 100)
    issue = outsider.get("/workspace/directives/new/")
    compile_ = outsider.get("/workspace/directives/difficulties.xlsx")

    assert report.status_code == 404  # not even visible to another ward
    assert issue.status_code == 403
    assert compile_.status_code == 403
    assert not ProgressReport.objects.exists()
    assert Directive.objects.count() == 1


def test_a_directive_without_assignees_is_refused(centre):
    response = centre.post(
        "/workspace/directives/new/",
        {"title": "X", "theme": "Y", "issued_by": "centre", "deadline": "2025-07-25"},
    )

    assert response.status_code == 200
    assert not Directive.objects.exists()


def test_every_ward_assigns_one_task_to_each_ward_committee(centre):
    response = centre.post(
        "/workspace/directives/new/",
        {
            "title": "Tập huấn cán bộ tại tất cả điểm phục vụ",
            "theme": "Tập huấn",
            "issued_by": "city",
            "deadline": "2025-07-25",
            "every_ward": "on",
        },
    )

    assert response.status_code == 302
    wards = Agency.objects.filter(kind="commune_committee").count()
    assert Assignment.objects.count() == wards == 126
