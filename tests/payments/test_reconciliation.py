"""A bank statement reconciles: exact transfers pay their dossier (once), the rest go to review;
each payment gets a signed e-receipt; the report adds it all up."""

import io
import unicodedata

from django.core.files.uploadedfile import SimpleUploadedFile

from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from motcua.documents import signing
from motcua.dossiers.models import Dossier
from motcua.identity.services import create_official
from motcua.payments.models import Payment, ReviewItem
from tests.builders.dossiers import client_for
from tests.builders.payments import approved_account, file_marital


def _statement(rows: list[list[str]], name: str = "sao-ke.csv") -> SimpleUploadedFile:
    header = "Ngày giao dịch;Số tham chiếu;Số tiền ghi có;Nội dung\n"
    body = "".join(";".join(row) + "\n" for row in rows)
    return SimpleUploadedFile(name, (header + body).encode("utf-8-sig"))


def _import(user, file):
    return client_for(user).post("/api/v1/payments/statements/", {"file": file}, format="multipart")


def test_exact_under_duplicate_and_unknown_give_one_paid_and_three_reviews(ward_b, centre, citizen):
    approved_account(ward_b, centre)
    paid, short = file_marital(citizen), file_marital(citizen)
    for dossier in (paid, short):
        client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/payment/")
    squeezed = paid["code"].replace(".", "").replace("-", "")  # banks drop punctuation
    rows = [
        ["23/11/2026 09:10:00", "FT001", "3.000", f"NGUYEN VAN AN CK {squeezed}"],
        ["23/11/2026 09:20:00", "FT002", "2.000", f"{short['code']} nop le phi"],
        ["23/11/2026 09:30:00", "FT003", "3.000", f"{paid['code']} chuyen lai"],
        ["23/11/2026 09:40:00", "FT004", "50.000", "ung ho quy vac xin"],
        ["23/11/2026 09:50:00", "FT005", "-1.000", "phi SMS"],  # a debit: not read
    ]

    first = _import(centre, _statement(rows))
    same_file = _import(centre, _statement(rows))
    overlapping = _import(centre, _statement(rows[:2], "sao-ke-2.csv"))
    dossier = client_for(citizen).get(f"/api/v1/dossiers/{paid['code']}/").json()
    events = client_for(citizen).get(f"/api/v1/dossiers/{paid['code']}/events/").json()["results"]

    assert first.status_code == 201, first.content
    assert first.json()["paid"] == [paid["code"]]
    assert sorted(r["kind"] for r in first.json()["review"]) == [
        "duplicate",
        "underpaid",
        "unknown",
    ]
    assert same_file.status_code == 409
    assert overlapping.json() == {"paid": [], "review": [], "already_recorded": 2}
    assert Payment.objects.count() == 1
    assert ReviewItem.objects.count() == 3
    assert (dossier["fee"]["amount_vnd"], dossier["fee"]["paid"]) == (3000, True)
    assert dossier["fee"]["lines"] == []
    assert (
        client_for(citizen).get(f"/api/v1/dossiers/{short['code']}/").json()["fee"]["paid"] is False
    )
    assert [e["action"] for e in events].count("pay") == 1
    unknown = next(r for r in first.json()["review"] if r["kind"] == "unknown")
    settled = client_for(centre).post(
        f"/api/v1/payments/reviews/{unknown['id']}/resolve/",
        {"resolution": "Hoàn trả cho người chuyển ngày 24/11"},
        format="json",
    )
    assert settled.status_code == 200
    assert client_for(centre).get("/api/v1/payments/reviews/").json()["count"] == 2
    assert (
        client_for(citizen)
        .post(f"/api/v1/payments/reviews/{unknown['id']}/resolve/", {"resolution": "x"})
        .status_code
        == 403
    )
    assert (
        client_for(citizen).get(f"/api/v1/dossiers/{paid['code']}/events/verify/").json()["valid"]
    )


def test_each_payment_gets_a_signed_e_receipt_numbered_per_agency_while_the_provider_is_down(
    ward_b, centre, citizen, settings
):
    settings.MOTCUA_SANDBOX_RECEIPTS_DOWN = True  # our own numbers: test_e_receipts.py
    approved_account(ward_b, centre)
    dossiers = [file_marital(citizen) for _ in range(2)]
    for dossier in dossiers:
        client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/payment/")
    rows = [["23/11/2026 10:00", f"FT1{i}", "3000", d["code"]] for i, d in enumerate(dossiers)]
    _import(centre, _statement(rows))

    payment = client_for(citizen).get(f"/api/v1/dossiers/{dossiers[1]['code']}/payment/").json()
    response = client_for(citizen).get(payment["receipt_url"])
    pdf = b"".join(response.streaming_content)
    text = " ".join(
        unicodedata.normalize(
            "NFC", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        ).split()
    )

    assert payment["status"] == "paid"
    assert sorted(Payment.objects.values_list("receipt_number", flat=True)) == [
        "BL-26/0000001",
        "BL-26/0000002",
    ]
    assert [c.verdict for c in signing.verify_pdf(pdf)] == ["valid"]
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in text
    assert "Nguyễn Văn An" in text
    assert "Ba nghìn đồng" in text
    assert "0101234567" in text  # the collecting agency's tax code
    assert dossiers[1]["code"] in text


def test_an_xlsx_statement_and_the_report(ward_b, centre, citizen):
    approved_account(ward_b, centre)
    dossier = file_marital(citizen)
    client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/payment/")
    book = Workbook()
    book.active.append(["Ngày", "Mã giao dịch", "Số tiền", "Diễn giải"])
    book.active.append(["23/11/2026", "VPB-778", 3000, f"HS {dossier['code']}"])
    book.active.append(["23/11/2026", "VPB-779", 7000, "khong ro noi dung"])
    out = io.BytesIO()
    book.save(out)

    imported = _import(centre, SimpleUploadedFile("sao-ke.xlsx", out.getvalue()))
    report = client_for(centre).get(
        "/api/v1/payments/report/", {"start": "2026-11-01", "end": "2026-11-30"}
    )
    xlsx = client_for(centre).get(
        "/api/v1/payments/report/", {"start": "2026-11-01", "end": "2026-11-30", "export": "xlsx"}
    )
    sheets = load_workbook(io.BytesIO(xlsx.content))
    by_citizen = client_for(citizen).get("/api/v1/payments/report/")
    by_ward = client_for(ward_b.approver).get("/api/v1/payments/report/").json()

    assert imported.json()["paid"] == [dossier["code"]]
    assert report.json()["by_agency_day"] == [
        {"agency": dossier["handling_agency"], "day": "2026-11-23", "count": 1, "amount_vnd": 3000}
    ]
    assert report.json()["by_procedure"] == [
        {"procedure": "1.004873", "count": 1, "amount_vnd": 3000}
    ]
    assert [r["reference"] for r in report.json()["unreconciled"]] == ["VPB-779"]
    assert list(sheets["Theo đơn vị, ngày"].values)[1] == (
        dossier["handling_agency"],
        "2026-11-23",
        1,
        3000,
    )
    assert list(sheets["Cần đối soát"].values)[1][2] == "VPB-779"
    assert by_citizen.status_code == 403
    assert by_ward["unreconciled"] == []  # the unknown transfer names none of its dossiers
    assert len(by_ward["by_procedure"]) == 1


def test_only_the_centre_or_the_system_imports_statements(ward_b, citizen):
    response = _import(ward_b.approver, _statement([["23/11/2026", "X1", "1000", "x"]]))

    assert response.status_code == 403
    assert create_official("hethong", role="system")
    assert Dossier.objects.count() == 0


def test_the_payers_account_of_a_statement_line_is_kept_for_the_integrity_oversight(
    ward_b, centre, citizen
):
    approved_account(ward_b, centre)
    dossier = file_marital(citizen)
    client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/payment/")
    header = "Ngày giao dịch;Số tham chiếu;Số tiền ghi có;Nội dung;Tài khoản đối ứng\n"
    line = f"23/11/2026 09:10:00;FT009;3.000;{dossier['code']};19033735252234\n"
    statement = SimpleUploadedFile("sao-ke.csv", (header + line).encode("utf-8-sig"))

    imported = _import(centre, statement)

    assert imported.json()["paid"] == [dossier["code"]]
    assert Payment.objects.get().payer_account == "19033735252234"
