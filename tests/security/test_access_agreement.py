"""One access computation per (user, dossier) (issue 20 item 2): the API, the workspace and
the resident's pages answer from the same scope object (`dossiers.selectors.AccessScope`), so
for every user × dossier they agree on who sees it and on whether the applicant's ID number is
shown whole or masked."""

from django.contrib.auth import get_user_model
from django.test import Client

import pytest

from motcua.core import clock
from motcua.dossiers import selectors
from motcua.dossiers.models import Dossier
from motcua.identity.models import Citizen
from motcua.identity.services import create_official
from motcua.integrations import sandbox_portal
from tests.builders.dossiers import (
    ID_NUMBER,
    WARD_A,
    WARD_B,
    WARD_C,
    client_for,
    file_dossier,
    make_ward,
)
from tests.integrations.test_national_inbound import _signed_post


@pytest.fixture
def world(db, client):
    a, b, c = make_ward(WARD_A), make_ward(WARD_B), make_ward(WARD_C)
    filer_a = get_user_model().objects.create_user("filer-a", password="x")
    filer_b = get_user_model().objects.create_user("filer-b", password="x")
    dossiers = [
        # filed online by a resident, received at ward A, resolved by ward B (boundary-free)
        file_dossier(filer_a, channel="online", point=f"MC-{WARD_A}", unit=WARD_B)["code"],
        # taken at ward C's counter, resolved there
        file_dossier(c.receiving, point=f"MC-{WARD_C}", unit=WARD_C)["code"],
    ]
    body = sandbox_portal.dossier_body("ok", 7)  # filed on the national portal, for ward B
    dossiers.append(_signed_post(client, body).json()["code"])
    resident = get_user_model().objects.create_user("cd-portal")
    Citizen.objects.create(
        user=resident, id_number=body["applicant"]["id_number"], verified_at=clock.now()
    )
    users = {
        "filer_a": filer_a,
        "filer_b": filer_b,
        "portal_resident": resident,
        "coordinator": create_official("coord", role="coordinator"),
        "inspector": create_official("insp", role="inspector"),
    }
    for name, ward in (("a", a), ("b", b), ("c", c)):
        users |= {
            f"receiving_{name}": ward.receiving,
            f"handling_{name}": ward.handling,
            f"approver_{name}": ward.approver,
        }
    return users, dossiers


def _workspace(user, code: str) -> tuple[int, bool | None]:
    """The workspace's answer: its status and, when shown, whether the number is masked."""
    page = Client()
    page.force_login(user)
    answer = page.get(f"/workspace/dossiers/{code}/")
    if answer.status_code != 200:
        return answer.status_code, None
    number = Dossier.objects.get(code=code).applicant_id_number
    return 200, number not in answer.content.decode()


def _api(user, code: str) -> tuple[int, bool | None]:
    answer = client_for(user).get(f"/api/v1/dossiers/{code}/")
    if answer.status_code != 200:
        return answer.status_code, None
    number = Dossier.objects.get(code=code).applicant_id_number
    return 200, answer.json()["applicant"]["id_number"] != number


def _mine(user, code: str) -> int:
    page = Client()
    page.force_login(user)
    return page.get(f"/my/dossiers/{code}/").status_code


def test_the_api_the_workspace_and_the_residents_pages_agree_for_every_user_and_dossier(world):
    users, codes = world
    checked = 0
    for name, user in users.items():
        scope = selectors.access_scope(user)
        official = scope.sees_everything or bool(scope.roles_at_agency or scope.points)
        for code in codes:
            dossier = Dossier.objects.get(code=code)
            api = _api(user, code)
            expected = (
                (200, not scope.shows_applicant(dossier)) if scope.sees(dossier) else (404, None)
            )
            assert api == expected, (name, code)
            if official:
                assert _workspace(user, code) == api, (name, code)
            else:
                assert _mine(user, code) == api[0], (name, code)
                assert api[1] in (False, None), (name, code)  # their own, shown whole
            checked += 1
    assert checked == len(users) * len(codes)


def test_the_portals_resident_owns_the_dossier_filed_there_in_their_name(world):
    users, codes = world
    resident, filed_there = users["portal_resident"], codes[2]

    scope = selectors.access_scope(resident)
    dossier = Dossier.objects.get(code=filed_there)

    assert scope.owns(dossier)
    assert "applicant" in scope.roles_on(dossier)
    assert [d.code for d in selectors.own_dossiers(resident)] == [filed_there]
    assert dossier.applicant_id_number != ID_NUMBER  # not the counter dossiers' applicant
