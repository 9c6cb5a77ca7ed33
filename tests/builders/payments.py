"""A marital-status certificate (fee 3,000 VND) filed online at Ngọc Hà, and fee accounts."""

from typing import Any

from motcua.catalog.models import FeeRule, ProcedureVersion
from tests.builders.dossiers import (
    ID_NUMBER,
    WARD_A,
    WARD_B,
    Ward,
    client_for,
    committee,
    upload,
)

MARITAL = "1.004873"
RESOLUTION_77 = "Nghị quyết 77/2025"


def without_resolution_77() -> None:
    """Leave out Hanoi's Resolution 77/2025 (the city waives its fees and pays the national ones
    for an online filing; tests/dossiers/test_fee_rules.py): a journey that pays online is
    that of a province without it. Its rules come from migrations, so the test says it."""
    FeeRule.objects.filter(legal_source__startswith=RESOLUTION_77).delete()


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
