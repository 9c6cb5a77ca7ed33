"""National data is matched on the person a document is about (DOMAIN C4): a birth
registration's birth certificate is the child's, never the applicant's (the mother's own birth
record); a child not known yet is "not yet matched", and the result carries the child's number."""

import io
import unicodedata

from django.test import Client

from pypdf import PdfReader

from motcua.dossiers.models import DossierDocument
from motcua.identity.connectors import sandbox_registry
from motcua.identity.models import DataAccess
from tests.builders.dossiers import (
    BIRTH_FORM,
    ID_NUMBER,
    WARD_A,
    act,
    birth_payload,
    client_for,
    file_dossier,
)

CERTIFICATE = "Giấy chứng sinh"


def _certificate(code: str) -> DossierDocument:
    return DossierDocument.objects.get(
        dossier__code=code, requirement__name__startswith=CERTIFICATE
    )


def _page(user, code: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client.get(f"/workspace/dossiers/{code}/").content.decode()


def test_a_newborns_birth_certificate_is_not_matched_on_the_mothers_record(ward_a, ward_b):
    mothers_own = sandbox_registry.people()[ID_NUMBER].birth_registration
    dossier = file_dossier(ward_a.receiving)  # the applicant files for a child with no number
    certificate = _certificate(dossier["code"])
    page = _page(ward_b.handling, dossier["code"])

    assert certificate.requirement.subject == "child"
    assert certificate.match_status == "unmatched"
    assert certificate.facts == {}
    assert not DataAccess.objects.filter(source="civil_status_db").exists()  # nobody looked up
    assert mothers_own not in page
    assert "Chưa đối chiếu" in page


def test_a_childs_certificate_is_matched_on_the_child_and_the_result_carries_the_number(
    citizen, ward_a, ward_b
):
    child = next(
        p for p in sandbox_registry.people().values() if p.id_number != ID_NUMBER
    )  # a child the registries already hold (a late registration)
    form = {**BIRTH_FORM, "child_id_number": child.id_number}
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}", form=form)
    certificate = _certificate(dossier["code"])
    looked_up = DataAccess.objects.get(source="civil_status_db")

    dossier = act(ward_b.handling, dossier, "accept").json()
    dossier = act(ward_b.approver, dossier, "approve").json()
    assert act(ward_b.approver, dossier, "sign-result").status_code == 200
    response = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/result.pdf")
    pdf = b"".join(response.streaming_content)
    text = unicodedata.normalize(
        "NFC", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    )

    assert certificate.match_status == "matched"
    assert certificate.subject_id_number == child.id_number
    assert certificate.facts["birth_registration"] == child.birth_registration
    assert looked_up.id_number == child.id_number  # the log names whose record was read
    assert "Số định danh cá nhân" in text
    assert child.id_number in text


def test_a_number_that_is_not_one_is_refused_naming_the_form_field(citizen, ward_b):
    form = {**BIRTH_FORM, "child_id_number": "12345"}

    response = client_for(citizen).post(
        "/api/v1/dossiers/", birth_payload(citizen, channel="online", form=form), format="json"
    )

    assert response.status_code == 400
    assert "child_id_number" in response.json()["error"]["fields"]["form"]
