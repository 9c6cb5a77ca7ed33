"""Billing stops at the end: a refused or withdrawn dossier shows no fee nor VietQR, an exemption
removes the payment request, a paid dossier offers nothing more to pay, and a read never writes
(the request is made by intake and by fee assessment only)."""

from django.test import Client

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier
from motcua.payments import services
from motcua.payments.models import PaymentRequest
from tests.builders.dossiers import act, client_for, file_dossier
from tests.builders.payments import approved_account, file_marital


def _payment(user, code: str):
    return client_for(user).get(f"/api/v1/dossiers/{code}/payment/")


def test_a_refused_or_withdrawn_dossier_shows_no_fee(ward_b, centre, citizen):
    approved_account(ward_b, centre)
    refused = file_marital(citizen)
    withdrawn = file_marital(citizen)
    refused = act(ward_b.handling, refused, "accept").json()
    assert act(ward_b.approver, refused, "reject", reason="Không đủ điều kiện").status_code == 200
    assert act(citizen, withdrawn, "withdraw", reason="Tôi không cần nữa").status_code == 200
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(citizen)

    for code in (refused["code"], withdrawn["code"]):
        response = _payment(citizen, code)
        qr = client_for(citizen).get(f"/api/v1/dossiers/{code}/payment/qr.svg")
        page = client.get(f"/my/dossiers/{code}/").content.decode()
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "no_fee"
        assert qr.status_code == 404
        assert "VietQR" not in page


def test_an_exemption_removes_the_pending_request(ward_b, centre, citizen):
    approved_account(ward_b, centre)
    dossier = file_dossier(citizen, channel="online")
    late = ProcedureVersion.objects.get(procedure__code="1.001193", status="published").fees.all()[
        1
    ]
    dossier = act(ward_b.handling, dossier, "assess-fee", lines=[{"fee": late.pk}]).json()
    made = PaymentRequest.objects.filter(dossier__code=dossier["code"]).exists()

    exempted = act(ward_b.handling, dossier, "assess-fee", lines=[])

    assert made  # the assessment made it, not a read
    assert exempted.status_code == 200
    assert not PaymentRequest.objects.filter(dossier__code=dossier["code"]).exists()
    assert _payment(citizen, dossier["code"]).status_code == 404


def test_a_read_never_writes_and_a_paid_dossier_offers_nothing_to_pay(ward_b, centre, citizen):
    approved_account(ward_b, centre)
    dossier = file_marital(citizen)  # intake made the request (3,000 VND)
    before = list(PaymentRequest.objects.values_list("pk", "status", "payload"))
    _payment(citizen, dossier["code"])
    after_read = list(PaymentRequest.objects.values_list("pk", "status", "payload"))
    body, headers = services.sandbox_confirmation(
        Dossier.objects.get(code=dossier["code"]), succeed=True
    )
    services.accept_callback("sandbox", body, headers)

    paid = _payment(citizen, dossier["code"]).json()
    qr = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/payment/qr.png")

    assert len(before) == 1
    assert before == after_read
    assert paid["status"] == "paid"
    assert paid["vietqr"] == ""
    assert paid["qr_svg_url"] is None
    assert paid["qr_png_url"] is None
    assert qr.status_code == 404
