"""Fee rules by channel, date and applicant group, over HTTP (issue 25 item 2; DOMAIN F1, N5, C2):
Resolution 77/2025/NQ-HĐND makes the fees the city sets free online from 1/1/2026; the counter
still pays; a dossier keeps the rule of its filing day; the receipt says why an amount is 0."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.catalog.models import Fee, FeeRule, ProcedureVersion
from motcua.payments.models import PaymentRequest
from tests.builders.dossiers import ID_NUMBER, WARD_A, WARD_B, act, client_for, upload
from tests.documents.test_papers import pages, text_of

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
MARITAL = "1.004873"  # its only line: Hanoi's 3,000 VND (set by the city's People's Council)
WAIVED = "miễn theo Nghị quyết 77/2025/NQ-HĐND"


@pytest.fixture(autouse=True)
def _marital_fee_confirmed(db):
    """The curated rate is unverified until an official confirms it (tests/payments)."""
    Fee.objects.filter(version__procedure__code=MARITAL).update(state="curated", source="admin")


def file_marital(user, channel: str, **extra: Any) -> dict[str, Any]:
    version = ProcedureVersion.objects.get(procedure__code=MARITAL, status="published")
    documents = [
        {"requirement": d.pk, "from_data": True}
        if d.replaceable_by
        else {"requirement": d.pk, "file": upload(user)}
        for d in version.documents.all()
        if d.required
    ]
    body = {
        "procedure": MARITAL,
        "channel": channel,
        "receiving_point": f"MC-{WARD_A}",
        "competent_unit": WARD_B,
        "applicant": {
            "id_number": ID_NUMBER,
            "full_name": "Nguyễn Văn An",
            "date_of_birth": "1990-05-01",
            "address": "Số 5 phố Đội Cấn, phường Ngọc Hà",
        },
        "documents": documents,
        "form": {"marital_status": "Chưa đăng ký kết hôn với ai", "purpose": "Đăng ký kết hôn"},
        **extra,
    }
    response = client_for(user).post("/api/v1/dossiers/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def receipt_text(user, code: str, tmp_path) -> str:
    response = client_for(user).get(f"/api/v1/dossiers/{code}/receipt.pdf")
    assert response.status_code == 200
    return text_of(pages(b"".join(response.streaming_content), tmp_path))


def on(y, m, d, hh=10):
    return time_machine.travel(datetime(y, m, d, hh, tzinfo=HANOI), tick=False)


def test_the_city_fee_is_free_online_with_the_legal_reason_on_the_receipt(
    citizen, ward_a, tmp_path
):
    with on(2026, 3, 4):
        dossier = file_marital(citizen, "online")
        text = receipt_text(citizen, dossier["code"], tmp_path)

    assert dossier["fee"]["amount_vnd"] == 0
    rule = dossier["fee"]["at_filing"]["rule"]
    assert rule["legal_source"] == "Nghị quyết 77/2025/NQ-HĐND"
    assert dossier["fee"]["at_filing"]["catalog_amount_vnd"] == 3000
    assert f"Phí, lệ phí: 0 đồng ({WAIVED})" in text
    assert not PaymentRequest.objects.filter(dossier__code=dossier["code"]).exists()
    payment = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/payment/")
    assert payment.status_code != 200 or payment.json()["amount_vnd"] == 0


def test_the_same_procedure_at_the_counter_costs_the_amount(ward_a, tmp_path):
    with on(2026, 3, 4):
        dossier = file_marital(ward_a.receiving, "counter")
        text = receipt_text(ward_a.receiving, dossier["code"], tmp_path)

    assert dossier["fee"]["amount_vnd"] == 3000
    assert dossier["fee"]["at_filing"]["rule"] is None
    assert "Phí, lệ phí: 3.000 đồng." in text
    assert "77/2025" not in text


def test_a_dossier_filed_before_the_effective_date_keeps_the_old_amount(citizen, ward_b):
    with on(2025, 12, 29):
        before = file_marital(citizen, "online")
    with on(2026, 1, 5):
        after = file_marital(citizen, "online")
        # An official assesses the lines later, in 2026: the filing day's rules still apply.
        accepted = act(ward_b.handling, before, "accept").json()
        fee = Fee.objects.get(version__procedure__code=MARITAL)
        assessed = act(ward_b.handling, accepted, "assess-fee", lines=[{"fee": fee.pk}])

    assert before["fee"]["amount_vnd"] == 3000
    assert before["fee"]["at_filing"]["on"] == "2025-12-29"
    assert assessed.status_code == 200, assessed.content
    assert assessed.json()["fee"]["amount_vnd"] == 3000
    assert after["fee"]["amount_vnd"] == 0


def test_the_dossier_keeps_the_rule_of_its_filing_when_the_rule_changes_later(citizen):
    with on(2026, 3, 4):
        dossier = file_marital(citizen, "online")
    FeeRule.objects.filter(legal_source="Nghị quyết 77/2025/NQ-HĐND").update(
        reason="đã sửa", effective_until=date(2026, 3, 31)
    )
    with on(2026, 4, 6):
        later = file_marital(citizen, "online")
    kept = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/").json()

    assert kept["fee"]["amount_vnd"] == 0
    assert kept["fee"]["at_filing"]["rule"]["reason"] == WAIVED
    assert later["fee"]["amount_vnd"] == 3000


def test_an_exempt_group_pays_nothing_at_the_counter_and_a_subsidy_takes_its_share(ward_a):
    FeeRule.objects.create(
        name="Miễn lệ phí hộ tịch cho người thuộc hộ nghèo",
        legal_source="Nghị quyết 06/2020/NQ-HĐND",
        reason="miễn cho người thuộc hộ nghèo theo Nghị quyết 06/2020/NQ-HĐND",
        set_by="city",
        group="poor_household",
        effective_from=date(2020, 7, 1),
    )
    FeeRule.objects.create(
        name="Hỗ trợ lệ phí nộp qua bưu chính (thử nghiệm)",
        legal_source="Quyết định thử nghiệm",
        reason="hỗ trợ 50% theo Quyết định thử nghiệm",
        channel="post",
        percent_off=50,
        effective_from=date(2026, 1, 1),
    )
    with on(2026, 3, 4):
        poor = file_marital(ward_a.receiving, "counter", fee_group="poor_household")
        other = file_marital(ward_a.receiving, "counter")
        posted = file_marital(ward_a.receiving, "postal")

    assert poor["fee"]["amount_vnd"] == 0
    assert poor["fee"]["at_filing"]["rule"]["legal_source"] == "Nghị quyết 06/2020/NQ-HĐND"
    assert other["fee"]["amount_vnd"] == 3000
    assert posted["fee"]["amount_vnd"] == 1500


def test_an_unverified_city_fee_is_never_asked_for_and_online_it_is_waived(citizen, ward_a):
    Fee.objects.filter(version__procedure__code=MARITAL).update(state="unverified")
    with on(2026, 3, 4):
        counter = file_marital(ward_a.receiving, "counter")
        online = file_marital(citizen, "online")

    assert counter["fee"]["amount_vnd"] == 0
    assert counter["fee"]["at_filing"]["amount_vnd"] is None  # waits for an official
    assert online["fee"]["amount_vnd"] == 0
    assert online["fee"]["at_filing"]["rule"]["reason"] == WAIVED
