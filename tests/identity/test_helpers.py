"""Community digital team helpers file for residents with their recorded consent; the dossier
keeps both, and the centre sees each helper's volume."""

from django.contrib.auth import get_user_model

from motcua.documents.pdf import blank_pdf
from motcua.identity.services import create_official
from tests.dossiers.conftest import WARD_B, birth_payload, client_for, committee, make_ward, upload


def test_a_helper_files_for_a_resident_only_with_consent(db):
    ward = make_ward(WARD_B)
    other = make_ward("00004")
    centre = create_official("dieuphoi", role="coordinator")
    register = {
        "username": "tcns.ngocha.01",
        "unit": WARD_B,
        "team": "Tổ công nghệ số cộng đồng tổ dân phố 5",
    }

    refused = client_for(other.approver).post("/api/v1/helpers/", register, format="json")
    made = client_for(ward.approver).post("/api/v1/helpers/", register, format="json")
    helper = get_user_model().objects.get(username="tcns.ngocha.01")
    body = birth_payload(helper, channel="online", point=f"MC-{WARD_B}")
    without = client_for(helper).post("/api/v1/dossiers/", body, format="json")
    consent = {"method": "signed_form", "file": upload(helper, blank_pdf("Giấy đồng ý"))}
    filed = client_for(helper).post(
        "/api/v1/dossiers/", {**body, "consent": consent}, format="json"
    )
    volume = client_for(centre).get("/api/v1/helpers/")
    by_citizen = client_for(helper).get("/api/v1/helpers/")

    assert refused.status_code == 403
    assert made.status_code == 201
    assert without.status_code == 400
    assert "consent" in without.json()["error"]["fields"]
    assert filed.status_code == 201, filed.content
    assert filed.json()["helper"] == {"team": register["team"], "consent": "signed_form"}
    assert filed.json()["applicant"]["full_name"] == "Nguyễn Văn An"  # the resident
    assert volume.json() == [
        {
            "helper": "tcns.ngocha.01",
            "team": register["team"],
            "unit": WARD_B,
            "dossiers": 1,
            "applicants": 1,
        }
    ]
    assert by_citizen.status_code == 403
    assert committee(WARD_B).code == filed.json()["handling_agency"]
