"""Organisations and enterprises as applicants (issue 22), over HTTP."""

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.identity.connectors.business import DEMO_ORGANISATIONS
from motcua.identity.models import Citizen, DataAccess
from tests.builders.dossiers import BIRTH, WARD_A, birth_payload, client_for, upload

SINGLE_MEMBER_LLC = "2.001583"  # registration of a single-member LLC: enterprises may file it
HOUSEHOLD = DEMO_ORGANISATIONS[2]  # Hộ kinh doanh Bánh cuốn Bà Bình, owner 001195004321
OWNER = HOUSEHOLD["representative"]


def person(user, id_number: str, name: str):
    Citizen.objects.create(
        user=user, id_number=id_number, full_name=name, verified_at=timezone.now()
    )
    return user


@pytest.fixture
def owner(db):
    user = get_user_model().objects.create_user(f"cd-{OWNER['id_number']}")
    return person(user, OWNER["id_number"], OWNER["full_name"])


@pytest.fixture
def clerk(db):
    """Someone the household business authorised with a letter."""
    user = get_user_model().objects.create_user("cd-031085111222")
    return person(user, "031085111222", "Hoàng Quốc Huy")


def organisation(**extra):
    return {
        "kind": "organisation",
        "org_kind": HOUSEHOLD["org_kind"],
        "enterprise_code": HOUSEHOLD["enterprise_code"],
        "name": HOUSEHOLD["name"],
        "address": HOUSEHOLD["address"],
        "representative": {
            "id_number": OWNER["id_number"],
            "full_name": OWNER["full_name"],
            "phone": "0912000111",
        },
        **extra,
    }


def llc_body(user, applicant, *, certificate=True):
    version = ProcedureVersion.objects.get(procedure__code=SINGLE_MEMBER_LLC, status="published")
    return {
        "procedure": SINGLE_MEMBER_LLC,
        "channel": "online",
        "receiving_point": f"MC-{WARD_A}",
        "applicant": applicant,
        "documents": [
            {"requirement": d.pk, "from_data": True}
            if d.replaceable_by
            else {"requirement": d.pk, "file": upload(user, name=f"{d.pk}.pdf")}
            for d in version.documents.all()
            if d.required or (certificate and d.replaceable_by == "business_registry")
        ],
    }


def post(user, body):
    return client_for(user).post("/api/v1/dossiers/", body, format="json")


def test_an_authorised_person_files_for_a_household_business_its_certificate_from_data(clerk):
    letter = upload(clerk, name="uy-quyen.pdf")
    applicant = organisation(authorisation={"method": "letter", "file": letter})

    response = post(clerk, llc_body(clerk, applicant))

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["applicant"]["kind"] == "organisation"
    assert body["applicant"]["enterprise_code"] == "8012345677"
    assert body["applicant"]["name"] == "Hộ kinh doanh Bánh cuốn Bà Bình"
    assert body["applicant"]["filer_role"] == "authorised"
    assert body["applicant"]["registry"]["status"] == "found"
    dossier = Dossier.objects.get(code=body["code"])
    assert (dossier.applicant_kind, dossier.enterprise_code) == ("organisation", "8012345677")
    certificate = DossierDocument.objects.get(
        dossier=dossier, requirement__replaceable_by="business_registry"
    )
    # the household business registration certificate: the registry's data, not a paper
    assert certificate.upload_id is None
    assert certificate.match_status == "matched"
    assert certificate.facts["name"] == "Hộ kinh doanh Bánh cuốn Bà Bình"
    assert DataAccess.objects.filter(source="business_registry", id_number="8012345677").exists()


def test_the_legal_representative_files_without_an_authorisation(owner):
    response = post(owner, llc_body(owner, organisation()))

    assert response.status_code == 201, response.content
    assert response.json()["applicant"]["filer_role"] == "representative"
    listed = client_for(owner).get("/api/v1/dossiers/?applicant_kind=organisation").json()
    assert [d["applicant"]["enterprise_code"] for d in listed["results"]] == ["8012345677"]
    assert client_for(owner).get("/api/v1/dossiers/?applicant_kind=citizen").json()["count"] == 0


def test_someone_else_without_an_authorisation_is_refused(clerk):
    response = post(clerk, llc_body(clerk, organisation()))

    assert response.status_code == 400
    assert "authorisation" in response.json()["error"]["fields"]["applicant"]


@pytest.mark.parametrize("code", ["8012345670", "80123456", "8012345677-000"])
def test_a_wrong_enterprise_code_is_a_400_naming_the_field_in_both_languages(owner, code):
    response = post(owner, llc_body(owner, organisation(enterprise_code=code)))

    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["fields"]["applicant"]) == ["enterprise_code"]
    assert error["message"] != error["message_en"]


def test_the_check_digit_message_says_so(owner):
    response = post(owner, llc_body(owner, organisation(enterprise_code="8012345670")))

    (message,) = response.json()["error"]["fields"]["applicant"]["enterprise_code"]
    assert "10" in message


def test_a_citizen_only_procedure_refuses_an_organisation(ward_a):
    body = birth_payload(ward_a.receiving, applicant=organisation())

    response = post(ward_a.receiving, body)

    assert response.status_code == 400
    assert "kind" in response.json()["error"]["fields"]["applicant"]
    assert not Dossier.objects.filter(enterprise_code="8012345677").exists()


def test_an_organisation_only_procedure_refuses_a_citizen(ward_a):
    version = ProcedureVersion.objects.get(procedure__code=BIRTH, status="published")
    version.applicants = ["enterprises", "cooperatives"]
    version.save(update_fields=["applicants"])

    response = post(ward_a.receiving, birth_payload(ward_a.receiving))

    assert response.status_code == 400
    assert "kind" in response.json()["error"]["fields"]["applicant"]


def test_a_citizen_body_without_kind_is_still_a_citizen(ward_a):
    response = post(ward_a.receiving, birth_payload(ward_a.receiving))

    assert response.status_code == 201, response.content
    assert response.json()["applicant"]["kind"] == "citizen"


def test_an_organisation_needs_its_name_and_representative(owner):
    applicant = {"kind": "organisation", "org_kind": "enterprise", "enterprise_code": "0108765438"}

    response = post(owner, llc_body(owner, applicant))

    assert response.status_code == 400
    assert {"name", "representative"} <= set(response.json()["error"]["fields"]["applicant"])


def _text(response) -> str:
    import io
    import unicodedata

    from pypdf import PdfReader

    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = unicodedata.normalize("NFC", "".join(page.extract_text() for page in pages))
    return " ".join(text.split())  # justified lines: one space between words


def test_the_receipt_the_result_and_the_officials_page_name_the_organisation(owner, client):
    from django.db import transaction

    from motcua.dossiers import services
    from motcua.identity.services import create_official
    from tests.builders.dossiers import act

    handling = create_official("cb-dkkd", role="handling_officer", agency="H26.03.01")
    approver = create_official("ld-dkkd", role="approver", agency="H26.03.01")
    body = llc_body(owner, organisation())
    body["form"] = {
        "company_name": "Công ty TNHH Bánh cuốn Bà Bình",
        "head_office": "5 Hàng Bông, phường Hoàn Kiếm, Hà Nội",
        "charter_capital": "500.000.000 đồng",
    }
    dossier = post(owner, body).json()
    code = dossier["code"]

    receipt = _text(client_for(owner).get(f"/api/v1/dossiers/{code}/receipt.pdf"))
    assert "Hộ kinh doanh Bánh cuốn Bà Bình" in receipt
    assert "Mã số doanh nghiệp: 8012345677" in receipt

    client.force_login(handling)
    page = client.get(f"/workspace/dossiers/{code}/").content.decode()
    assert "Hộ kinh doanh Bánh cuốn Bà Bình" in page
    assert "8012345677" in page

    dossier = act(handling, dossier, "accept").json()
    row = Dossier.objects.get(code=code)
    if row.fee_amount_vnd:
        with transaction.atomic():
            services.note_payment(
                row, amount_vnd=row.fee_amount_vnd, provider="bank", reference="T1", receipt="R1"
            )
        dossier = client_for(handling).get(f"/api/v1/dossiers/{code}/").json()
    dossier = act(approver, dossier, "approve").json()
    signed = act(approver, dossier, "sign-result")
    assert signed.status_code == 200, signed.content

    result = _text(client_for(owner).get(f"/api/v1/dossiers/{code}/result.pdf"))
    assert "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP" in result.upper()
    assert "Mã số doanh nghiệp" in result
    assert "8012345677" in result
    assert "Hộ kinh doanh Bánh cuốn Bà Bình" in result


def test_the_indicators_count_dossiers_by_applicant_kind(owner, ward_a):
    from datetime import timedelta

    from motcua.monitoring import selectors as monitoring
    from motcua.monitoring import services as rollups

    assert post(owner, llc_body(owner, organisation())).status_code == 201
    assert post(ward_a.receiving, birth_payload(ward_a.receiving)).status_code == 201
    rollups.refresh_until_current()

    today = timezone.localdate()
    scope = monitoring.scope_for(None, start=today - timedelta(days=1), end=today)
    figures = monitoring.totals(scope).as_dict()["received_by_applicant_kind"]

    assert figures == {
        "citizen": 1,
        "organisation": 1,
        "organisation_online": 1,
        "organisation_online_share": 100.0,
    }


def test_filing_for_many_unrelated_organisations_is_a_broker_signal(db):
    from motcua.identity.connectors.sandbox_registry import people
    from motcua.identity.organisations import make_enterprise_code
    from motcua.integrity.models import Flag, KeyKind

    broker = get_user_model().objects.create_user("dichvu-dn")
    codes = [
        code
        for n in range(100)
        for code in [_code_or_none(make_enterprise_code, f"0109{n:05d}")]
        if code
    ][:8]
    held = list(people().values())[20:28]  # people the population database holds
    for serial, (code, person) in enumerate(zip(codes, held, strict=True)):
        applicant = organisation(
            org_kind="enterprise",
            enterprise_code=code,
            name=f"Công ty TNHH Số {serial}",
            representative={"id_number": person.id_number, "full_name": person.full_name},
        )
        # not converting a household business: no registration certificate
        assert post(broker, llc_body(broker, applicant, certificate=False)).status_code == 201

    flag = Flag.objects.get(key_kind=KeyKind.ACCOUNT, key_value=str(broker.pk))
    assert "applicants" in [r["code"] for r in flag.reasons]


def _code_or_none(make, first_nine):
    try:
        return make(first_nine)
    except ValueError:
        return None


def test_a_legal_representative_filing_for_their_own_company_is_not(owner):
    from motcua.integrity.models import Flag, SubmitterActivity

    for _ in range(8):
        assert post(owner, llc_body(owner, organisation())).status_code == 201

    assert not Flag.objects.exists()
    assert not SubmitterActivity.objects.exists()
