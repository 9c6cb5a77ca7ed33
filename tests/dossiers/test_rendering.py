"""The intake's 201 body is built without DRF (`dossiers.rendering`): it is the body
`DossierOut` gives, field for field, for any dossier and viewer."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

import time_machine
from rest_framework.renderers import JSONRenderer

from motcua.documents.models import IssuedDocument
from motcua.dossiers import rendering, selectors
from motcua.dossiers.api import DossierOut
from motcua.dossiers.models import Dossier, DossierPart
from motcua.identity.services import create_official
from tests.builders.dossiers import (
    WARD_C,
    act,
    birth_payload,
    client_for,
    committee,
    file_dossier,
)
from tests.dossiers.test_joint_scenario import group_body, officials
from tests.dossiers.test_organisations import OWNER, llc_body, organisation, person

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=HANOI)


def serialized(dossier: Dossier, viewer: selectors.Viewer = selectors.NOBODY) -> bytes:
    return JSONRenderer().render(DossierOut(dossier, context={"viewer": viewer}).data)


def assert_same(code: str, *users) -> None:
    """The plain renderer and DossierOut agree on the dossier as read, for each viewer."""
    dossier = selectors.dossier_detail(Dossier.objects.get(code=code))
    viewers = [selectors.NOBODY] + [selectors.viewer(u) for u in users]
    for viewer in viewers:
        fast = rendering.dossier_body(dossier, viewer)
        assert fast == DossierOut(dossier, context={"viewer": viewer}).data
        assert list(fast) == list(DossierOut(dossier, context={"viewer": viewer}).data)
        assert JSONRenderer().render(fast) == serialized(dossier, viewer)


def assert_answered_as_read(response, user) -> None:
    """The 201 body, built from the dossier as written, is DossierOut's of the dossier read."""
    assert response.status_code == 201, response.content
    dossier = selectors.dossier_detail(Dossier.objects.get(code=response.json()["code"]))
    # The same JSON; the order of keys inside a JSON column may differ (PostgreSQL's jsonb
    # keeps its own order), as JSON objects are unordered.
    assert response.json() == json.loads(serialized(dossier, selectors.viewer(user)))
    assert list(response.json()) == list(json.loads(serialized(dossier, selectors.viewer(user))))


def test_a_counter_filing_with_documents_from_data_and_an_upload(ward_a, ward_b):
    with time_machine.travel(at(16, 9), tick=False):
        response = client_for(ward_a.receiving).post(
            "/api/v1/dossiers/",
            birth_payload(ward_a.receiving),
            format="json",
        )
        assert_answered_as_read(response, ward_a.receiving)
        body = response.json()
        assert "matched" in [d["match"] for d in body["documents"]]  # from national data
        assert body["documents"][0]["digitised_at"] == "2026-11-16T09:00:00+07:00"
        assert_same(body["code"], ward_a.receiving, ward_b.handling, ward_a.handling)


def test_a_joint_group_dossier_with_its_parts_and_results(citizen, coordinator):
    officials()
    with time_machine.travel(at(16, 9), tick=False):
        response = client_for(citizen).post("/api/v1/dossiers/", group_body(citizen), format="json")
        assert_answered_as_read(response, citizen)
    code = response.json()["code"]
    assert len(response.json()["parts"]) == 3
    # a result for the whole and for a part: both are shown, by the same rule
    dossier = Dossier.objects.get(code=code)
    issued = [
        IssuedDocument.objects.create(
            kind="result",
            reference=code,
            agency=dossier.handling_agency,
            file=ContentFile(b"%PDF-1.7", name=f"{n}.pdf"),
            size=8,
            sha256=f"{n}" * 64,
            signer="Nguyễn Văn Lãnh Đạo",
            signed_at=at(17, 10),
            created_at=at(17, 10),
        )
        for n in (1, 2)
    ]
    Dossier.objects.filter(pk=dossier.pk).update(result_document=issued[0])
    DossierPart.objects.filter(dossier=dossier, position=1).update(
        result_document=issued[1], finished_at=at(17, 11), state="done"
    )
    with time_machine.travel(at(30, 9), tick=False):  # late parts, overdue
        assert_same(code, citizen, coordinator)


def test_an_organisation_applicant(db):
    owner = person(
        get_user_model().objects.create_user(f"cd-{OWNER['id_number']}"),
        OWNER["id_number"],
        OWNER["full_name"],
    )
    officer = create_official("tn-org", role="receiving_officer", point="MC-00070")
    response = client_for(owner).post(
        "/api/v1/dossiers/", llc_body(owner, organisation()), format="json"
    )
    assert_answered_as_read(response, owner)
    assert response.json()["applicant"]["kind"] == "organisation"
    assert_same(response.json()["code"], owner, officer)


def test_a_dossier_accepted_and_transferred(ward_a, ward_b, ward_c):
    with time_machine.travel(at(16, 9), tick=False):
        dossier = file_dossier(ward_a.receiving)
    with time_machine.travel(at(16, 9, 30), tick=False):
        dossier = act(ward_b.handling, dossier, "accept").json()
        assert_same(dossier["code"], ward_b.handling)  # with its tasks
    with time_machine.travel(at(16, 14), tick=False):
        moved = act(
            ward_b.handling, dossier, "transfer", to_agency=committee(WARD_C).code, reason="Sai"
        )
    assert moved.status_code == 200, moved.content
    with time_machine.travel(at(18, 14), tick=False):
        assert_same(dossier["code"], ward_b.handling, ward_c.handling, ward_a.receiving)


def test_a_retry_is_answered_with_the_dossier_as_it_is(ward_a):
    client = client_for(ward_a.receiving)
    body = birth_payload(ward_a.receiving)
    first = client.post("/api/v1/dossiers/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = client.post("/api/v1/dossiers/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert_answered_as_read(first, ward_a.receiving)
    assert again.status_code == 201
    assert again.json() == first.json()
