"""Signed results and notices: validated by pyHanko, by poppler's pdfsig and by /api/v1/verify/;
their text is exact Vietnamese; the receipt's QR leads to the tracking page."""

import io
import subprocess
import unicodedata
from datetime import timedelta
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest
import zxingcpp
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from motcua.documents import pki
from motcua.documents.models import IssuedDocument
from motcua.documents.pdf import blank_pdf
from tests.builders.dossiers import BIRTH_FORM, WARD_A, act, client_for, file_dossier, upload
from tests.builders.papers import pdfsig, tool


def _result_of(citizen, ward_b) -> tuple[dict, bytes]:
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    dossier = act(ward_b.handling, dossier, "accept").json()
    dossier = act(ward_b.approver, dossier, "approve").json()
    signed = act(ward_b.approver, dossier, "sign-result")
    assert signed.status_code == 200, signed.content
    response = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/result.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return signed.json(), b"".join(response.streaming_content)


def _pyhanko(pdf: bytes):
    context = ValidationContext(trust_roots=pki.load_trust_roots(), allow_fetching=False)
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    return validate_pdf_signature(signature, context)


def _verify(pdf: bytes, name: str = "ket-qua.pdf") -> dict:
    response = client_for(None).post(
        "/api/v1/verify/", {"file": SimpleUploadedFile(name, pdf)}, format="multipart"
    )
    assert response.status_code == 200, response.content
    return response.json()


def _text(pdf: bytes) -> str:
    """The PDF's text as a reader extracts it, whitespace folded, in NFC."""
    raw = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(unicodedata.normalize("NFC", raw).split())


@pytest.fixture
def signed(citizen, ward_a, ward_b):
    return _result_of(citizen, ward_b)


def test_a_signed_result_validates_with_pyhanko_pdfsig_and_the_verify_api(
    signed, tmp_path, nss_trusting_demo_root
):
    dossier, pdf = signed
    path = tmp_path / "ket-qua.pdf"
    path.write_bytes(pdf)

    status = _pyhanko(pdf)
    poppler = pdfsig(path, nss_trusting_demo_root)
    answer = _verify(pdf)

    assert status.bottom_line
    assert status.intact
    assert status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert "Signature Type: ETSI.CAdES.detached" in poppler  # PAdES
    assert "Signature Validation: Signature is Valid." in poppler
    assert "Certificate Validation: Certificate is Trusted." in poppler
    assert "Total document signed" in poppler
    assert answer["verdict"] == "valid"
    assert answer["signer"] == "Ủy ban nhân dân phường Ngọc Hà"
    assert answer["signatures"][0]["signer_organisation"] == dossier["handling_agency"]
    assert answer["issued_here"] is True
    assert answer["dossier"] == dossier["code"]
    signed_at = timezone.datetime.fromisoformat(answer["signed_at"])
    assert abs(signed_at - timezone.now()) < timedelta(minutes=5)
    assert dossier["result"]["sha256"] == IssuedDocument.objects.get(kind="result").sha256


def test_one_changed_byte_after_signing_is_caught_by_all_three(
    signed, tmp_path, nss_trusting_demo_root
):
    _, pdf = signed
    tampered = bytearray(pdf)
    middle = pdf.index(b"stream", len(pdf) // 4) + 20  # inside the page content, signed range
    tampered[middle] ^= 0x01
    path = tmp_path / "sua.pdf"
    path.write_bytes(bytes(tampered))

    status = _pyhanko(bytes(tampered))
    poppler = pdfsig(path, nss_trusting_demo_root)
    answer = _verify(bytes(tampered))

    assert not status.intact
    assert not status.bottom_line
    assert "Digest Mismatch" in poppler
    assert answer["verdict"] == "modified"
    assert answer["valid"] is False
    assert answer["issued_here"] is False


def test_a_document_added_to_after_signing_is_modified(signed):
    _, pdf = signed
    from pypdf import PdfWriter  # an editor appending a page as an incremental update

    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)

    assert _verify(out.getvalue())["verdict"] == "modified"


def test_a_signer_from_another_authority_is_unknown(citizen, ward_b, settings, tmp_path):
    from motcua.documents import signing

    trusted_dir = settings.MOTCUA_PKI_DIR
    settings.MOTCUA_PKI_DIR = tmp_path / "rogue-ca"  # same names, another root
    forged = signing.sign_pdf(
        blank_pdf("Trích lục giả"),
        agency=pki.AgencyIdentity("H26.50.00008", "Ủy ban nhân dân phường Ngọc Hà"),
        reason="Kết quả",
    )
    settings.MOTCUA_PKI_DIR = trusted_dir

    answer = _verify(forged)

    assert answer["verdict"] == "unknown_signer"
    assert answer["signer"] == "Ủy ban nhân dân phường Ngọc Hà"


def test_an_unsigned_pdf_and_a_non_pdf(db):
    assert _verify(blank_pdf("không ký"))["verdict"] == "unsigned"
    response = client_for(None).post(
        "/api/v1/verify/",
        {"file": SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n")},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Chỉ kiểm tra được tệp PDF có ký số."


def test_the_result_pdf_is_served_only_to_those_allowed(signed, ward_a, ward_c, coordinator, api):
    dossier, _ = signed
    url = f"/api/v1/dossiers/{dossier['code']}/result.pdf"

    assert api.get(url).status_code == 401
    assert client_for(coordinator).get(url).status_code == 403  # sees the dossier, not the paper
    assert client_for(ward_c.handling).get(url).status_code == 404  # another ward's official
    assert client_for(ward_a.receiving).get(url).status_code == 200  # it was received there


def test_the_extract_shows_the_form_in_exact_vietnamese(signed):
    dossier, pdf = signed
    text = _text(pdf)

    assert "TRÍCH LỤC KHAI SINH" in text
    assert BIRTH_FORM["child_full_name"] in text
    assert BIRTH_FORM["mother_full_name"] in text
    assert "02/10/2026" in text  # the ISO date of the form, as Vietnamese write it
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert dossier["code"] in text


def _rendered(pdf: bytes, tmp_path: Path, name: str) -> Image.Image:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [tool("pdftoppm"), "-r", "150", "-png", "-singlefile", str(path), str(tmp_path / name)],
        check=True,
        timeout=60,
    )
    return Image.open(tmp_path / f"{name}.png")


def test_the_receipt_slip_says_everything_and_its_qr_leads_to_tracking(
    citizen, ward_a, ward_b, settings, tmp_path
):
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.hanoi.gov.vn"
    dossier = file_dossier(ward_a.receiving, channel="counter")
    url = f"/api/v1/dossiers/{dossier['code']}/receipt.pdf"

    first = client_for(ward_a.receiving).get(url)
    again = client_for(ward_a.receiving).get(url)
    pdf = b"".join(first.streaming_content)
    text = _text(pdf)
    page = _rendered(pdf, tmp_path, "giay-tiep-nhan")
    codes = zxingcpp.read_barcodes(page)

    assert first.status_code == 200
    assert b"".join(again.streaming_content) == pdf  # issued once, then kept
    assert IssuedDocument.objects.filter(kind="receipt").count() == 1
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "Nguyễn Văn An" in text
    assert dossier["code"] in text
    assert "Tờ khai đăng ký khai sinh" in text
    assert "Bản chụp điện tử từ bản giấy (đã số hóa)" in text  # scanned at the counter
    assert "Khai thác từ Cơ sở dữ liệu quốc gia về dân cư (VNeID)" in text
    due = timezone.localtime(timezone.datetime.fromisoformat(dossier["due_at"]))
    assert f"{due:%H} giờ {due:%M} phút, ngày {due:%d/%m/%Y}" in text
    assert "Trung tâm Phục vụ hành chính công phường Ngọc Hà" in text  # where to collect
    assert [c.text for c in codes] == [f"https://dichvucong.hanoi.gov.vn/track/{dossier['code']}"]
    assert page.size[0] == pytest.approx(1240, abs=2)  # A4 width at 150 dpi
    assert _verify(pdf)["verdict"] == "valid"


def test_notices_list_every_item_the_reason_and_the_new_date(citizen, ward_a, ward_b):
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    form_id = dossier["documents"][0]["requirement"]
    dossier = act(ward_b.handling, dossier, "accept").json()
    new_due = timezone.localtime() + timedelta(days=7)
    dossier = act(
        ward_b.handling, dossier, "apologize", new_due_at=new_due.isoformat(), reason="Mất điện"
    ).json()
    asked = act(
        ward_b.handling,
        dossier,
        "request-supplement",
        items=[{"requirement": form_id, "reason": "Tờ khai thiếu chữ ký của người đi khai"}],
        note="Nộp lại tờ khai",
    )
    assert asked.status_code == 200, asked.content
    refusal_case = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    refused = act(
        ward_b.approver,
        refusal_case,
        "reject",
        reason="Người yêu cầu không thuộc trường hợp đăng ký khai sinh theo Điều 16 Luật Hộ tịch",
    )
    assert refused.status_code == 200, refused.content

    def notice(code: str, kind: str) -> str:
        listing = client_for(citizen).get(f"/api/v1/dossiers/{code}/documents/").json()["results"]
        found = next(item for item in listing if item["kind"] == kind)
        response = client_for(citizen).get(found["url"])
        pdf = b"".join(response.streaming_content)
        assert _verify(pdf)["verdict"] == "valid"
        return _text(pdf)

    apology = notice(dossier["code"], "apology")
    request = notice(dossier["code"], "supplement_request")
    refusal = notice(refusal_case["code"], "refusal")

    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in apology
    assert "Mất điện" in apology
    assert f"{new_due:%H} giờ {new_due:%M} phút, ngày {new_due:%d/%m/%Y}" in apology
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in request
    assert "Tờ khai đăng ký khai sinh" in request
    assert "Tờ khai thiếu chữ ký của người đi khai" in request
    assert "Nộp lại tờ khai" in request
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in refusal  # refused at intake
    assert "theo Điều 16 Luật Hộ tịch" in refusal


def test_a_result_drawn_up_elsewhere_is_uploaded_and_signed(citizen, ward_a, ward_b):
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}", form={})
    dossier = act(ward_b.handling, dossier, "accept").json()
    dossier = act(ward_b.approver, dossier, "approve").json()

    incomplete = act(ward_b.approver, dossier, "sign-result")
    made_elsewhere = upload(ward_b.approver, blank_pdf("Trích lục lập trên phần mềm hộ tịch"))
    signed = act(ward_b.approver, dossier, "sign-result", result_file=made_elsewhere)
    response = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/result.pdf")
    pdf = b"".join(response.streaming_content)

    assert incomplete.status_code == 400
    assert incomplete.json()["error"]["code"] == "result_incomplete"
    assert "form.child_full_name" in incomplete.json()["error"]["fields"]["form"]
    assert signed.status_code == 200, signed.content
    assert _verify(pdf)["verdict"] == "valid"
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Trích lục lập trên phần mềm hộ tịch"
