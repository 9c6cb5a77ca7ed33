"""The pages printed on documents: the receipt's QR (tracking) and the verification link."""

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.documents.pdf import blank_pdf
from tests.builders.dossiers import (
    ID_NUMBER,
    WARD_A,
    WARD_B,
    act,
    client_for,
    file_dossier,
    make_ward,
)


def test_the_qr_address_shows_status_and_dates_and_nothing_personal(client, citizen):
    make_ward(WARD_A)
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    url = f"/track/{dossier['code']}"  # exactly what the receipt's QR holds

    ask = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    wrong = client.get(url, {"id_last4": "0000"}, HTTP_ACCEPT_LANGUAGE="vi")
    right = client.get(url, {"id_last4": ID_NUMBER[-4:]}, HTTP_ACCEPT_LANGUAGE="vi")
    page = right.content.decode()

    assert ask.status_code == 200
    assert "4 số cuối" in ask.content.decode()
    assert wrong.status_code == 404
    assert "Không có hồ sơ" in wrong.content.decode()
    assert right.status_code == 200
    assert "Đã tiếp nhận" in page
    assert "Thủ tục đăng ký khai sinh" in page
    assert "Nguyễn Văn An" not in page  # the applicant's name
    assert ID_NUMBER not in page


def test_the_tracking_page_speaks_the_pages_language_in_plain_words(client, citizen):
    make_ward(WARD_A)
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    url = f"/track/{dossier['code']}"

    english = client.get(url, {"id_last4": ID_NUMBER[-4:]}, HTTP_ACCEPT_LANGUAGE="en")
    page = english.content.decode()

    assert english.status_code == 200
    assert "Birth registration" in page  # the procedure's English name, as on the receipt
    assert "Thủ tục đăng ký khai sinh" not in page
    assert "The dossier was received." in page  # what happened, not the action's verb
    assert ">Receive<" not in page


def test_the_verification_page_tells_a_genuine_result_from_a_changed_one(client, citizen):
    ward_b = make_ward(WARD_B)
    make_ward(WARD_A)
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    dossier = act(ward_b.handling, dossier, "accept").json()
    dossier = act(ward_b.approver, dossier, "approve").json()
    act(ward_b.approver, dossier, "sign-result")
    response = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/result.pdf")
    pdf = b"".join(response.streaming_content)
    changed = pdf.replace(b"/Producer", b"/Producex", 1)

    genuine = client.post(
        "/verify/", {"file": SimpleUploadedFile("kq.pdf", pdf)}, HTTP_ACCEPT_LANGUAGE="vi"
    )
    forged = client.post(
        "/verify/", {"file": SimpleUploadedFile("kq.pdf", changed)}, HTTP_ACCEPT_LANGUAGE="en"
    )
    unsigned = client.post(
        "/verify/", {"file": SimpleUploadedFile("x.pdf", blank_pdf("x"))}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert "Hợp lệ" in genuine.content.decode()
    assert "Ủy ban nhân dân phường Ngọc Hà" in genuine.content.decode()
    assert dossier["code"] in genuine.content.decode()
    assert "Changed after signing" in forged.content.decode()
    assert "no digital signature" in unsigned.content.decode()
