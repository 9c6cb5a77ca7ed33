"""The workspace side of joint dossiers: each agency's queue, the part actions at a desk."""

from django.test import Client

from motcua.dossiers.models import DossierPart
from tests.builders.dossiers import WARD_B, act, client_for
from tests.dossiers.test_joint_scenario import group_body, officials


def _desk(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def test_each_agency_finds_its_part_in_its_queue_and_acts_at_its_desk(citizen):
    civil, leader, police, insurance = officials()
    response = client_for(citizen).post("/api/v1/dossiers/", group_body(citizen), format="json")
    dossier = act(civil, response.json(), "accept").json()
    dossier = act(leader, dossier, "approve").json()
    code = dossier["code"]

    page = _desk(civil).get(f"/workspace/dossiers/{code}/")
    assert page.status_code == 200
    assert "Bàn giao phần việc cho cơ quan" in page.content.decode()  # hand-over offered
    moved = _desk(civil).post(
        f"/workspace/dossiers/{code}/parts/1/hand-over/", {"version": dossier["version"]}
    )

    assert moved.status_code == 302
    part = DossierPart.objects.get(dossier__code=code, position=1)
    assert part.state == "handed_over"
    queue = _desk(police).get("/workspace/parts/").content.decode()
    assert code in queue
    assert code not in _desk(insurance).get("/workspace/parts/").content.decode()
    # the police's page shows its part's documents only, and no hand-over for it
    police_page = _desk(police).get(f"/workspace/dossiers/{code}/").content.decode()
    assert "Bàn giao phần việc cho cơ quan" not in police_page
    others = part.dossier.documents.exclude(requirement_id__in=part.requirements)
    for document in others:
        url = f"/workspace/dossiers/{code}/files/{document.pk}/"
        assert _desk(police).get(url).status_code == 404
    assert WARD_B in part.dossier.competent_unit.code
