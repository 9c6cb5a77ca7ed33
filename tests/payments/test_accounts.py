"""Fee-collection accounts: registered by the agency, approved or returned by the centre; only
approved accounts ever appear on a payment request; the audit flags agencies without one."""

from django.utils import timezone

from motcua.catalog import selectors as catalog
from motcua.dossiers.models import Dossier
from motcua.payments import vietqr
from tests.builders.dossiers import WARD_B, client_for, committee, make_ward
from tests.builders.payments import MARITAL, approved_account, file_marital, register


def test_an_agency_registers_and_the_centre_approves_or_returns(ward_b, centre, db):
    other_ward = make_ward("00004")
    agency = committee(WARD_B).code

    submitted = register(ward_b.approver, agency)
    foreign = register(other_ward.approver, agency)
    bad = register(ward_b.approver, agency, bank_bin="123456", budget_chapter="8", tax_code="12")
    by_official = client_for(ward_b.approver).post(
        f"/api/v1/fee-accounts/{submitted.json()['id']}/approve/"
    )
    returned = client_for(centre).post(
        f"/api/v1/fee-accounts/{submitted.json()['id']}/return/",
        {"reason": "Tên chủ tài khoản không khớp"},
        format="json",
    )
    again = client_for(centre).post(f"/api/v1/fee-accounts/{submitted.json()['id']}/approve/")

    assert submitted.status_code == 201
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["account_name"] == "UBND PHUONG NGOC HA"  # as the bank prints it
    assert submitted.json()["bank_name"] == "VPBank"
    assert foreign.status_code == 403
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"bank_bin", "budget_chapter", "tax_code"}
    assert by_official.status_code == 403
    assert returned.json()["status"] == "returned"
    assert returned.json()["reason"] == "Tên chủ tài khoản không khớp"
    assert again.status_code == 409


def test_unapproved_accounts_never_appear_on_a_payment_request(ward_b, centre, citizen):
    dossier = file_marital(citizen)
    url = f"/api/v1/dossiers/{dossier['code']}/payment/"
    register(ward_b.approver, committee(WARD_B).code, account_number="9999999999")

    before = client_for(citizen).get(url).json()
    account = approved_account(ward_b, centre)
    after = client_for(citizen).get(url).json()
    newer = register(ward_b.approver, committee(WARD_B).code, account_number="5555555555").json()
    client_for(centre).post(f"/api/v1/fee-accounts/{newer['id']}/approve/")
    replaced = client_for(citizen).get(url).json()
    read = vietqr.parse(after["vietqr"])

    assert before["status"] == "no_account"
    assert before["account"] is None
    assert before["vietqr"] == ""
    assert before["qr_svg_url"] is None
    assert after["status"] == "pending"
    assert after["amount_vnd"] == 3000
    assert after["account"]["account_number"] == account["account_number"] == "1234567890"
    assert (read.bank_bin, read.account, read.amount) == ("970432", "1234567890", 3000)
    assert read.purpose == dossier["code"]  # the note carries the dossier code
    assert replaced["account"]["account_number"] == "5555555555"  # the old one was superseded
    assert "9999999999" not in str([before, after, replaced])
    svg = client_for(citizen).get(after["qr_svg_url"])
    png = client_for(citizen).get(after["qr_png_url"])
    assert svg["Content-Type"] == "image/svg+xml"
    assert png.content.startswith(b"\x89PNG")


def test_the_audit_flags_a_fee_with_no_approved_account(ward_b, centre):
    def finding() -> str:
        report = catalog.audit_report()
        audit = next(a for a in report.procedures if a.code == MARITAL)
        return next((f.detail for f in audit.findings if f.barrier == "no_fee_account"), "")

    before = finding()
    approved_account(ward_b, centre)
    after = finding()
    free = next(a for a in catalog.audit_report().procedures if a.code == "1.004746")  # no fee

    assert before == "commune_committee: 126"
    assert after == "commune_committee: 125"
    assert "no_fee_account" not in {f.barrier for f in free.findings}


def test_the_centre_sees_who_missed_the_deadline(ward_b, centre):
    register(ward_b.approver, committee(WARD_B).code)
    made = client_for(centre).post(
        "/api/v1/payments/deadlines/",
        {"due_on": timezone.localdate().isoformat(), "title": "Đăng ký tài khoản"},
        format="json",
    )
    by_official = client_for(ward_b.approver).post(
        "/api/v1/payments/deadlines/", {"due_on": "2025-07-22", "title": "x"}, format="json"
    )
    listing = client_for(centre).get("/api/v1/payments/deadlines/").json()["results"]
    late = {a["code"] for a in listing[0]["late"]}

    assert made.status_code == 201
    assert by_official.status_code == 403
    assert committee(WARD_B).code not in late
    assert committee("00004").code in late
    assert listing[0]["submitted_in_time"] == 1


def test_no_fee_no_payment(citizen, ward_b):
    from tests.builders.dossiers import file_dossier

    dossier = file_dossier(citizen, channel="online")  # on-time birth registration is free

    response = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/payment/")

    assert Dossier.objects.get(code=dossier["code"]).fee_amount_vnd == 0
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "no_fee"


def test_officials_assess_which_fee_lines_apply(ward_b, centre, citizen):
    from motcua.catalog.models import ProcedureVersion
    from tests.builders.dossiers import act, file_dossier

    approved_account(ward_b, centre)
    dossier = file_dossier(citizen, channel="online")  # birth registration: on time, free
    fees = ProcedureVersion.objects.get(procedure__code="1.001193", status="published").fees.all()
    late, copy = fees[1], fees[2]  # 5,000 late registration; 8,000 per extra copy

    by_citizen = act(citizen, dossier, "assess-fee", lines=[{"fee": late.pk}])
    unknown = act(ward_b.handling, dossier, "assess-fee", lines=[{"fee": 999999}])
    assessed = act(
        ward_b.handling,
        dossier,
        "assess-fee",
        lines=[{"fee": late.pk}, {"fee": copy.pk, "quantity": 2}],
    )
    payment = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/payment/").json()

    assert by_citizen.status_code == 403
    assert unknown.status_code == 400
    assert assessed.status_code == 200, assessed.content
    assert assessed.json()["fee"]["amount_vnd"] == 5000 + 2 * 8000
    assert [line["quantity"] for line in assessed.json()["fee"]["lines"]] == [1, 2]
    assert payment["amount_vnd"] == 21000
    assert vietqr.parse(payment["vietqr"]).amount == 21000
