"""The papers as printed: every word inside the page, on as many pages as the content needs,
read back with poppler's pdftotext (word boxes) as an independent reader would."""

import io
import os
import re
import subprocess
from datetime import datetime, timedelta

from django.utils import timezone

from pyhanko.pdf_utils.reader import PdfFileReader

from motcua.core import clock
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.receipts import receipt_document
from motcua.geography.models import Agency
from motcua.identity.models import Membership
from tests.builders.dossiers import WARD_A, WARD_B, act, client_for, committee, file_dossier
from tests.builders.papers import assert_inside, lines_of, pages, text_of, tool


def test_the_counter_receipt_fits_one_page_and_names_the_officer_not_the_login(
    citizen, ward_a, ward_b, tmp_path
):
    officer = ward_a.receiving
    officer.first_name, officer.last_name = "Thị Thu Hà", "Trần"
    officer.save()
    dossier = file_dossier(officer, channel="counter")
    response = client_for(officer).get(f"/api/v1/dossiers/{dossier['code']}/receipt.pdf")
    pdf = b"".join(response.streaming_content)
    (tmp_path / "receipt.pdf").write_bytes(pdf)
    found = pages(pdf, tmp_path)
    text = text_of(found)

    assert len(found) == 1
    assert_inside(found)
    assert "Trần Thị Thu Hà" in text
    assert "Công chức tiếp nhận hồ sơ" in text
    assert officer.get_username() not in text


def _signed_result(citizen, ward_b) -> bytes:
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    dossier = act(ward_b.handling, dossier, "accept").json()
    dossier = act(ward_b.approver, dossier, "approve").json()
    assert act(ward_b.approver, dossier, "sign-result").status_code == 200
    response = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/result.pdf")
    return b"".join(response.streaming_content)


def test_the_result_is_signed_by_position_and_name_and_names_wrap_between_words(
    citizen, ward_a, ward_b, tmp_path
):
    leader = ward_b.approver
    leader.first_name, leader.last_name = "Văn Bình", "Lê"
    leader.save()
    pdf = _signed_result(citizen, ward_b)
    (tmp_path / "result.pdf").write_bytes(pdf)
    found = pages(pdf, tmp_path)
    lines = lines_of(found)
    words = {w[4] for _, _, page in found for w in page}
    agency = Agency.objects.get(code=committee(WARD_B).code)

    assert len(found) == 1
    assert_inside(found)
    block = lines.index("TM. ỦY BAN NHÂN DÂN")
    assert lines[block + 1 : block + 3] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert "Lê Văn Bình" in lines[block + 3 :]
    assert leader.get_username() not in words
    assert set(agency.name.upper().split()) <= words  # the header breaks between words
    place = agency.name.upper()[agency.name.lower().index("phường") :]
    assert any(place in line for line in lines)  # "PHƯỜNG NGỌC HÀ" on one line


def test_the_printed_signing_time_is_the_signatures_even_for_a_past_record(
    citizen, ward_a, tmp_path, nss_trusting_demo_root
):
    dossier = file_dossier(ward_a.receiving, channel="counter")
    with clock.frozen(timezone.now() - timedelta(days=20)):  # as the demo writes its history
        issued = receipt_document(Dossier.objects.get(code=dossier["code"]))
    pdf = issued.file.read()
    path = tmp_path / "notice.pdf"
    path.write_bytes(pdf)
    printed = re.search(
        r"Thời gian ký: (\d\d/\d\d/\d{4} \d\d:\d\d:\d\d)", text_of(pages(pdf, tmp_path))
    )
    poppler = subprocess.run(
        [tool("pdfsig"), "-nssdir", f"sql:{nss_trusting_demo_root}", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TZ": "Asia/Ho_Chi_Minh"},  # pdfsig prints the local time
    ).stdout
    found = re.search(r"Signing Time: (\w{3} \d\d \d{4} \d\d:\d\d:\d\d)", poppler)
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    valid_from = signature.signer_cert.not_valid_before

    assert printed is not None
    assert found is not None, poppler
    signed_at = datetime.strptime(f"{found[1]} +0700", "%b %d %Y %H:%M:%S %z")
    assert printed[1] == f"{signed_at:%d/%m/%Y %H:%M:%S}"  # to the second, as pdfsig reads it
    assert "Signature Validation: Signature is Valid." in poppler
    assert signed_at == signature.self_reported_timestamp
    assert signed_at >= valid_from  # within the certificate's validity


def test_the_signature_block_follows_the_signers_recorded_position(
    citizen, ward_a, ward_b, tmp_path
):
    leader = ward_b.approver
    leader.first_name, leader.last_name = "Thị Minh Nguyệt", "Bùi"
    leader.save()
    Membership.objects.filter(user=leader, role="approver").update(position="Chủ tịch")
    lines = lines_of(pages(_signed_result(citizen, ward_b), tmp_path))

    block = lines.index("TM. ỦY BAN NHÂN DÂN")
    assert lines[block + 1] == "CHỦ TỊCH"  # the head signs: no "KT." line
    assert not any(line.startswith("KT.") for line in lines)
    assert "Bùi Thị Minh Nguyệt" in lines[block + 2 :]
