"""Resolution 77/2025/NQ-HĐND also subsidises national fees online (issue 25 item 2): a fee the
Ministry of Finance sets (the copy of a birth extract, Circular 281/2016/TT-BTC) costs the
applicant 0 online from 1/1/2026, the reason saying the city pays it; at the counter it costs
the amount; a dossier filed before 1/1/2026 keeps the old amount; appraisal fees are left out."""

from datetime import date

import pytest

from motcua.catalog import fees
from motcua.catalog.models import Fee
from tests.builders.dossiers import BIRTH, act, file_dossier
from tests.dossiers.test_fee_rules import on

SUBSIDY = "Thành phố hỗ trợ 100% theo Nghị quyết 77/2025/NQ-HĐND"


@pytest.fixture
def copy_fee(db) -> Fee:
    fee = Fee.objects.get(
        version__procedure__code=BIRTH,
        version__status="published",
        name__startswith="Phí cấp bản sao",
    )
    assert fee.set_by == "national"
    Fee.objects.filter(pk=fee.pk).update(state="curated", source="admin")
    fee.refresh_from_db()
    return fee


def _assessed(user, official, channel: str, fee: Fee) -> dict:
    dossier = file_dossier(user, channel=channel)
    dossier = act(official, dossier, "accept").json()
    response = act(official, dossier, "assess-fee", lines=[{"fee": fee.pk}])
    assert response.status_code == 200, response.content
    return response.json()


def test_a_national_fee_is_subsidised_online_and_paid_at_the_counter(
    citizen, ward_a, ward_b, copy_fee
):
    with on(2026, 3, 4):
        online = _assessed(citizen, ward_b.handling, "online", copy_fee)
        counter = _assessed(ward_a.receiving, ward_b.handling, "counter", copy_fee)

    assert online["fee"]["amount_vnd"] == 0
    line = online["fee"]["lines"][0]
    assert (line["rule"]["reason"], line["rule"]["kind"]) == (SUBSIDY, "subsidy")
    assert counter["fee"]["amount_vnd"] == 8000
    assert "rule" not in counter["fee"]["lines"][0]


def test_a_dossier_filed_before_the_effective_date_keeps_the_old_national_amount(
    citizen, ward_b, copy_fee
):
    with on(2025, 12, 30):
        dossier = file_dossier(citizen, channel="online")
    with on(2026, 1, 5):
        dossier = act(ward_b.handling, dossier, "accept").json()
        assessed = act(ward_b.handling, dossier, "assess-fee", lines=[{"fee": copy_fee.pk}])

    assert assessed.json()["fee"]["amount_vnd"] == 8000


def test_the_city_waiver_and_the_national_subsidy_leave_appraisal_fees_out(copy_fee):
    appraisal = Fee(
        version=copy_fee.version, name="Phí thẩm định hồ sơ", amount_vnd=50000, set_by="city"
    )
    city = Fee(version=copy_fee.version, name="Lệ phí (Hà Nội)", amount_vnd=5000, set_by="city")

    assert fees.price(appraisal, channel="online", on=date(2026, 3, 4))["amount_vnd"] == 50000
    waived = fees.price(city, channel="online", on=date(2026, 3, 4))
    assert (waived["amount_vnd"], waived["rule"]["kind"]) == (0, "waiver")
