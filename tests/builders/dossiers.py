"""Officials at three wards and helpers to file and act on dossiers through the API."""

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from rest_framework.test import APIClient

from motcua.catalog.models import ProcedureVersion
from motcua.documents.pdf import blank_pdf
from motcua.geography.models import Agency
from motcua.identity.services import create_official

PDF = blank_pdf("form")
WARD_A, WARD_B, WARD_C = "00070", "00008", "00004"  # Hoàn Kiếm, Ngọc Hà, Ba Đình
BIRTH = "1.001193"
ID_NUMBER = "001090012345"  # Hà Nội, male, born 1990


@dataclass
class Ward:
    receiving: Any
    handling: Any
    approver: Any


def committee(unit: str) -> Agency:
    return Agency.objects.get(role="commune_committee", unit__code=unit)


def make_ward(unit: str) -> Ward:
    code = committee(unit).code
    return Ward(
        create_official(f"tn{unit}", role="receiving_officer", point=f"MC-{unit}"),
        create_official(f"cb{unit}", role="handling_officer", agency=code),
        create_official(f"ld{unit}", role="approver", agency=code),
    )


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def upload(user, content: bytes = PDF, name: str = "form.pdf") -> int:
    response = client_for(user).post(
        "/api/v1/uploads/", {"file": SimpleUploadedFile(name, content)}, format="multipart"
    )
    assert response.status_code == 201, response.content
    return response.json()["id"]


# What the birth registration's own result (the extract) is drawn up from.
BIRTH_FORM = {
    "child_full_name": "Nguyễn Thị Hằng Nguyệt",
    "child_date_of_birth": "2026-10-02",
    "child_sex": "Nữ",
    "place_of_birth": "Bệnh viện Phụ sản Hà Nội",
    "mother_full_name": "Trần Thị Bích Ngọc",
    "father_full_name": "Nguyễn Văn An",
}


def birth_payload(
    user, *, point: str = f"MC-{WARD_A}", unit: str = WARD_B, channel: str = "counter", **extra: Any
) -> dict[str, Any]:
    """A complete birth registration: the form uploaded, the rest from national data."""
    docs = list(
        ProcedureVersion.objects.get(procedure__code=BIRTH, status="published").documents.order_by(
            "position"
        )
    )
    body = {
        "procedure": BIRTH,
        "channel": channel,
        "receiving_point": point,
        "competent_unit": unit,
        "applicant": {
            "id_number": ID_NUMBER,
            "full_name": "Nguyễn Văn An",
            "date_of_birth": "1990-05-01",
            "phone": "0912345678",
        },
        "documents": [
            {"requirement": docs[0].pk, "file": upload(user)},
            {"requirement": docs[1].pk, "from_data": True},
            {"requirement": docs[5].pk, "from_data": True},
        ],
        "delivery": {"method": "counter", "point": f"MC-{unit}"},
        "form": BIRTH_FORM,
    }
    body.update(extra)
    return body


def file_dossier(user, **kwargs: Any) -> dict[str, Any]:
    response = client_for(user).post(
        "/api/v1/dossiers/", birth_payload(user, **kwargs), format="json"
    )
    assert response.status_code == 201, response.content
    return response.json()


def act(user, dossier: dict[str, Any], action: str, **body: Any):
    body.setdefault("expected_version", dossier["version"])
    return client_for(user).post(
        f"/api/v1/dossiers/{dossier['code']}/actions/{action}/", body, format="json"
    )
