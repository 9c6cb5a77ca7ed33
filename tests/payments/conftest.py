"""A marital-status certificate (fee 3,000 VND) filed online at Ngọc Hà, and the centre."""

from typing import Any

import pytest

from motcua.catalog.models import Fee, FeeRule, ProcedureVersion
from motcua.identity.services import create_official
from tests.dossiers.conftest import (
    ID_NUMBER,
    WARD_A,
    WARD_B,
    Ward,
    client_for,
    committee,
    make_ward,
    upload,
)

MARITAL = "1.004873"


@pytest.fixture(autouse=True)
def _marital_fee_confirmed(request):
    """The curated Hanoi rates (marital status 3,000 VND; late birth registration, copies) are
    unverified, so never asked for until an official confirms them (test_unverified.py); these
    tests start after one confirmed them in the admin."""
    if "db" not in request.fixturenames:
        return
    request.getfixturevalue("db")
    Fee.objects.filter(version__procedure__code__in=[MARITAL, "1.001193"]).update(
        state="curated", source="admin", source_detail="ward official, confirmed"
    )
    # Resolution 77/2025/NQ-HĐND makes this city fee free online (tests/dossiers/
    # test_fee_rules.py); these tests are about collecting a fee online, so they run without it.
    FeeRule.objects.filter(legal_source="Nghị quyết 77/2025/NQ-HĐND").delete()


@pytest.fixture
def ward_b(db) -> Ward:
    return make_ward(WARD_B)


@pytest.fixture
def centre(db):
    return create_official("dieuphoi", role="coordinator")


def file_marital(user) -> dict[str, Any]:
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
        "channel": "online",
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
    }
    response = client_for(user).post("/api/v1/dossiers/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def register(official, agency_code: str, **extra: Any):
    body = {
        "agency": agency_code,
        "purpose": "charges",
        "bank_bin": "970432",
        "account_number": "1234567890",
        "account_name": "UBND phường Ngọc Hà",
        "tax_code": "0101234567",
        "budget_chapter": "800",
        "budget_subitem": "2660",
        **extra,
    }
    return client_for(official).post("/api/v1/fee-accounts/", body, format="json")


def approved_account(ward: Ward, centre) -> dict[str, Any]:
    account = register(ward.approver, committee(WARD_B).code).json()
    response = client_for(centre).post(f"/api/v1/fee-accounts/{account['id']}/approve/")
    assert response.status_code == 200, response.content
    return response.json()
