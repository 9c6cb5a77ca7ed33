"""A signed document that was added to after signing is never "valid": the attacks are made with
pyHanko's incremental writer, and every verdict of /api/v1/verify/ and of the /verify/ page is
checked against poppler's pdfsig ("Total document signed" / "Not total document signed")."""

import io
import re
import subprocess
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields

from motcua.documents import pki, signing
from motcua.documents.pdf import blank_pdf
from tests.builders.dossiers import client_for
from tests.builders.papers import pdfsig, tool

WARD = pki.AgencyIdentity("H26.50.00008", "Ủy ban nhân dân phường Ngọc Hà")
JUSTICE = pki.AgencyIdentity("H26.50", "Sở Tư pháp thành phố Hà Nội")
PAGE = (0, 0, 595, 842)  # blank_pdf's A4 page


def _signed() -> bytes:
    return signing.sign_pdf(blank_pdf("Trích lục khai sinh"), agency=WARD, reason="Kết quả")


def _cover(writer: IncrementalPdfFileWriter) -> generic.IndirectObject:
    """An appearance that paints the whole page black: whatever it hides, a reader shows it."""
    box = generic.ArrayObject(generic.NumberObject(n) for n in PAGE)
    stream = generic.StreamObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/XObject"),
            generic.NameObject("/Subtype"): generic.NameObject("/Form"),
            generic.NameObject("/BBox"): box,
        },
        stream_data=b"0 0 0 rg 0 0 595 842 re f",
    )
    return writer.add_object(stream)


def _write(writer: IncrementalPdfFileWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _field_over_the_page(pdf: bytes) -> bytes:
    """An unsigned signature field added in a new revision, its appearance over the page."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fields.append_signature_field(writer, fields.SigFieldSpec("Signature2", box=PAGE))
    field = next(
        f.get_object()
        for f in writer.root["/AcroForm"]["/Fields"]
        if f.get_object().get("/T") == "Signature2"
    )
    field[generic.NameObject("/AP")] = generic.DictionaryObject(
        {generic.NameObject("/N"): _cover(writer)}
    )
    writer.update_container(field)
    return _write(writer)


def _annotation_over_the_page(pdf: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    annotation = writer.add_object(
        generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Annot"),
                generic.NameObject("/Subtype"): generic.NameObject("/Square"),
                generic.NameObject("/Rect"): generic.ArrayObject(
                    generic.NumberObject(n) for n in PAGE
                ),
                generic.NameObject("/F"): generic.NumberObject(4),  # printed
                generic.NameObject("/AP"): generic.DictionaryObject(
                    {generic.NameObject("/N"): _cover(writer)}
                ),
            }
        )
    )
    page[generic.NameObject("/Annots")] = generic.ArrayObject([annotation])
    writer.update_container(page)
    return _write(writer)


def _metadata_only(pdf: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    info = generic.DictionaryObject(
        {
            generic.NameObject("/Title"): generic.TextStringObject("Trích lục (bản đã sửa)"),
            generic.NameObject("/Author"): generic.TextStringObject("Người khác"),
        }
    )
    writer.set_info(writer.add_object(info))
    forged = _write(writer)
    assert forged != pdf
    return forged


def _appended(pdf: bytes) -> bytes:
    return pdf + b"\n% added after %%EOF\n9 0 obj\n(Trich luc gia)\nendobj\n"


ATTACKS = [
    ("field", _field_over_the_page, "signature_field"),
    ("annotation", _annotation_over_the_page, "annotation"),
    ("metadata", _metadata_only, "metadata"),
    ("appended", _appended, "appended_bytes"),
]
LABELS = {
    "signature_field": (
        "an unsigned signature field, which can show anything over the page",
        "một ô chữ ký chưa được ký, có thể hiển thị bất cứ nội dung gì đè lên trang",
    ),
    "annotation": (
        "an annotation drawn over a page (a comment, stamp, drawing or link)",
        "một chú thích vẽ đè lên trang (ghi chú, con dấu, hình vẽ hoặc liên kết)",
    ),
    "metadata": (
        "the document&#x27;s properties (title, author, dates)",
        "thuộc tính của tài liệu (tiêu đề, tác giả, ngày tháng)",
    ),
    "appended_bytes": (
        "data after the end of the signed file",
        "dữ liệu nối thêm sau phần cuối của tệp đã ký",
    ),
}


def _api(pdf: bytes) -> dict:
    response = client_for(None).post(
        "/api/v1/verify/", {"file": SimpleUploadedFile("ket-qua.pdf", pdf)}, format="multipart"
    )
    assert response.status_code == 200, response.content
    return response.json()


def _page(pdf: bytes, language: str) -> str:
    response = client_for(None).post(
        "/verify/",
        {"file": SimpleUploadedFile("ket-qua.pdf", pdf)},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    return response.content.decode()


def _poppler(pdf: bytes, tmp_path: Path, nss: Path) -> list[str]:
    """pdfsig's report, one block per signature field."""
    path = tmp_path / "ket-qua.pdf"
    path.write_bytes(pdf)
    return re.split(r"\nSignature #\d+:", pdfsig(path, nss))[1:]


def _dark_share(pdf: bytes, tmp_path: Path) -> float:
    path = tmp_path / "hien-thi.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [tool("pdftoppm"), "-r", "20", "-png", "-singlefile", str(path), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    page = Image.open(tmp_path / "p.png").convert("L")
    return sum(1 for v in page.getdata() if v < 64) / (page.width * page.height)


def test_an_unmodified_signed_document_is_valid_and_covers_the_whole_file(
    db, tmp_path, nss_trusting_demo_root
):
    pdf = _signed()

    answer = _api(pdf)
    (block,) = _poppler(pdf, tmp_path, nss_trusting_demo_root)

    assert answer["verdict"] == "valid"
    assert answer["valid"] is True
    assert answer["signatures"][0]["whole_document"] is True
    assert answer["signatures"][0]["changed_after"] == []
    assert "Total document signed" in block
    assert "Signature is Valid." in block
    assert "Certificate is Trusted." in block
    assert "Hợp lệ" in _page(pdf, "vi")


@pytest.mark.parametrize(("name", "attack", "change"), ATTACKS, ids=[a[0] for a in ATTACKS])
def test_a_document_added_to_after_signing_is_modified_with_what_was_added(
    db, tmp_path, nss_trusting_demo_root, name, attack, change
):
    forged = attack(_signed())

    answer = _api(forged)
    blocks = _poppler(forged, tmp_path, nss_trusting_demo_root)
    vietnamese, english = _page(forged, "vi"), _page(forged, "en")

    assert answer["verdict"] == "modified"
    assert answer["valid"] is False
    first = answer["signatures"][0]
    assert first["whole_document"] is False
    assert change in first["changed_after"]
    # pdfsig agrees: the signed bytes are intact, but they are not the whole document
    assert "Signature is Valid." in blocks[0]
    assert "Not total document signed" in blocks[0]
    assert "Total document signed" not in blocks[0].replace("Not total document signed", "")
    assert "Đã bị thay đổi sau khi ký: không sử dụng văn bản này." in vietnamese
    assert "Changed after signing: do not rely on this document." in english
    assert LABELS[change][1] in vietnamese
    assert LABELS[change][0] in english
    assert "Hợp lệ" not in vietnamese
    if name == "field":
        assert first["changed_after"] == ["signature_field", "metadata"]  # pyHanko's ModDate
        assert "The signature form field is not signed." in blocks[1]
        assert _dark_share(forged, tmp_path) > 0.9  # what a reader shows: the cover


def test_a_countersignature_by_a_trusted_agency_keeps_the_document_valid(
    db, tmp_path, nss_trusting_demo_root
):
    countersigned = signing.sign_pdf(_signed(), agency=JUSTICE, reason="Chứng thực")

    answer = _api(countersigned)
    first, second = _poppler(countersigned, tmp_path, nss_trusting_demo_root)
    page = _page(countersigned, "vi")

    assert answer["verdict"] == "valid"
    assert [s["signer"] for s in answer["signatures"]] == [WARD.name, JUSTICE.name]
    assert [s["verdict"] for s in answer["signatures"]] == ["valid", "valid"]
    assert [s["whole_document"] for s in answer["signatures"]] == [False, True]
    assert answer["signatures"][0]["changed_after"] == ["signature", "metadata"]
    assert answer["signatures"][1]["changed_after"] == []
    assert "Not total document signed" in first
    assert "Signature is Valid." in first
    assert "Total document signed" in second
    assert "Not total" not in second
    assert "Signature is Valid." in second
    assert "Hợp lệ" in page
    assert "Được thêm vào sau chữ ký này" in page
    assert "một chữ ký số khác" in page


def test_a_countersignature_that_also_draws_over_the_page_is_modified(
    db, tmp_path, nss_trusting_demo_root
):
    covered = _annotation_over_the_page(_signed())
    countersigned = signing.sign_pdf(covered, agency=JUSTICE, reason="Chứng thực")

    answer = _api(countersigned)
    first, second = _poppler(countersigned, tmp_path, nss_trusting_demo_root)

    assert answer["verdict"] == "modified"
    assert answer["signatures"][0]["verdict"] == "modified"
    assert answer["signatures"][0]["changed_after"] == ["signature", "annotation", "metadata"]
    assert answer["signatures"][1]["verdict"] == "valid"  # it signed what it saw
    assert "Not total document signed" in first
    assert "Total document signed" in second


def test_a_countersignature_from_an_unknown_authority_is_not_valid(
    db, settings, tmp_path, nss_trusting_demo_root
):
    pdf = _signed()
    trusted = settings.MOTCUA_PKI_DIR
    settings.MOTCUA_PKI_DIR = tmp_path / "rogue-ca"
    countersigned = signing.sign_pdf(pdf, agency=JUSTICE, reason="Chứng thực")
    settings.MOTCUA_PKI_DIR = trusted

    answer = _api(countersigned)
    _, second = _poppler(countersigned, tmp_path, nss_trusting_demo_root)

    assert answer["verdict"] == "unknown_signer"
    assert answer["valid"] is False
    assert [s["verdict"] for s in answer["signatures"]] == ["valid", "unknown_signer"]
    assert answer["signatures"][0]["changed_after"] == ["signature", "metadata"]
    assert "Certificate is Trusted." not in second
