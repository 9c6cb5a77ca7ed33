"""Community digital team helpers: registered with their own consent by the centre or their
ward's leader only; they file for residents with the residents' recorded consent; the dossier
keeps both, and the centre sees each helper's volume."""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from motcua.documents.pdf import blank_pdf
from motcua.identity.models import CommunityHelper
from motcua.identity.services import create_official
from tests.builders.dossiers import WARD_B, birth_payload, client_for, committee, make_ward, upload

WARD_C = "00004"
TEAM = "Tổ công nghệ số cộng đồng tổ dân phố 5"


def _register(actor, username: str, unit: str = WARD_B, **consent):
    body = {"username": username, "unit": unit, "team": TEAM}
    if consent:
        body["consent"] = consent
    return client_for(actor).post("/api/v1/helpers/", body, format="json")


def test_a_helper_files_for_a_resident_only_with_consent(db):
    ward = make_ward(WARD_B)
    other = make_ward(WARD_C)
    centre = create_official("dieuphoi", role="coordinator")
    helper = get_user_model().objects.create_user("tcns.ngocha.01")  # the member's own account
    consent = {"method": "vneid_confirmation"}
    register = {"username": "tcns.ngocha.01", "unit": WARD_B, "team": TEAM, "consent": consent}

    refused = client_for(other.approver).post("/api/v1/helpers/", register, format="json")
    made = client_for(ward.approver).post("/api/v1/helpers/", register, format="json")
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
    assert volume.json()["results"] == [
        {
            "helper": "tcns.ngocha.01",
            "team": TEAM,
            "unit": WARD_B,
            "dossiers": 1,
            "applicants": 1,
        }
    ]
    assert by_citizen.status_code == 403
    assert committee(WARD_B).code == filed.json()["handling_agency"]


@pytest.fixture
def wards(db):
    return make_ward(WARD_B), make_ward(WARD_C)


def test_only_the_centre_or_the_wards_own_leader_registers_and_with_the_members_consent(wards):
    ward, other = wards
    centre = create_official("dieuphoi", role="coordinator")
    member = get_user_model().objects.create_user("tcns.ngocha.02")
    form = upload(ward.approver, blank_pdf("Phiếu đồng ý tham gia Tổ công nghệ số"))
    given = timezone.localtime().replace(microsecond=0) - timedelta(days=1)

    refused = [
        _register(user, "tcns.ngocha.02", method="vneid_confirmation").status_code
        for user in (ward.handling, ward.receiving, other.approver, other.handling)
    ]
    without_consent = _register(ward.approver, "tcns.ngocha.02")
    without_form = _register(ward.approver, "tcns.ngocha.02", method="signed_form")
    made = _register(
        ward.approver,
        "tcns.ngocha.02",
        method="signed_form",
        file=form,
        given_at=given.isoformat(),
        note="Phiếu số 15/2026",
    )
    by_centre = _register(centre, "tcns.ngocha.02", method="recorded_call")

    assert refused == [403, 403, 403, 403]
    assert without_consent.status_code == 400
    assert "consent" in without_consent.json()["error"]["fields"]
    assert without_form.status_code == 400
    assert made.status_code == 201, made.content
    assert made.json()["consent"] == {
        "method": "signed_form",
        "given_at": given.isoformat(),
        "recorded_by": ward.approver.username,
    }
    assert by_centre.status_code == 201
    helper = CommunityHelper.objects.get(user=member)
    assert (helper.consent_method, helper.registered_by) == ("recorded_call", centre)


def test_nobody_creates_an_account_by_registering_a_helper(wards):
    ward, _other = wards
    centre = create_official("dieuphoi", role="coordinator")
    accounts = get_user_model().objects.count()

    by_leader = _register(ward.approver, "ai.do.moi", method="vneid_confirmation")
    by_centre = _register(centre, "ai.do.moi", method="vneid_confirmation")

    assert (by_leader.status_code, by_centre.status_code) == (422, 422)
    assert by_leader.json()["error"]["code"] == "no_such_account"
    assert get_user_model().objects.count() == accounts
    assert not CommunityHelper.objects.exists()


def test_no_ward_takes_another_wards_helper(wards):
    ward, other = wards
    centre = create_official("dieuphoi", role="coordinator")
    member = get_user_model().objects.create_user("tcns.ngocha.03")
    assert (
        _register(ward.approver, "tcns.ngocha.03", method="vneid_confirmation").status_code == 201
    )

    taken = _register(other.approver, "tcns.ngocha.03", WARD_C, method="vneid_confirmation")
    moved = _register(centre, "tcns.ngocha.03", WARD_C, method="vneid_confirmation")

    assert taken.status_code == 409
    assert taken.json()["error"]["code"] == "helper_of_another_ward"
    assert moved.status_code == 201  # the centre registers for every ward
    assert CommunityHelper.objects.get(user=member).unit.code == WARD_C


def test_a_consent_given_in_the_future_is_refused(wards):
    ward, _other = wards
    get_user_model().objects.create_user("tcns.ngocha.04")
    later = datetime.now().astimezone() + timedelta(days=2)

    response = _register(
        ward.approver, "tcns.ngocha.04", method="vneid_confirmation", given_at=later.isoformat()
    )

    assert response.status_code == 400
    assert not CommunityHelper.objects.exists()
