"""One access rule: the official at the service point the applicant chose to collect the result
at has a role on the dossier and sees it (API, workspace, papers); other officials still 404."""

from django.test import Client

from motcua.dossiers import selectors
from motcua.dossiers.models import Dossier
from tests.builders.dossiers import WARD_C, client_for, file_dossier


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def test_the_delivery_points_official_sees_what_their_role_allows(ward_a, ward_b, ward_c):
    dossier = file_dossier(
        ward_a.receiving, delivery={"method": "counter", "point": f"MC-{WARD_C}"}
    )  # received at A, resolved by B, collected at C
    code = dossier["code"]
    row = Dossier.objects.get(code=code)
    document = row.documents.exclude(upload=None).first()
    at_c = ward_c.receiving

    listed = [d["code"] for d in client_for(at_c).get("/api/v1/dossiers/").json()["results"]]
    detail = client_for(at_c).get(f"/api/v1/dossiers/{code}/")
    page = signed_in(at_c).get(f"/workspace/dossiers/{code}/")
    paper = signed_in(at_c).get(f"/workspace/dossiers/{code}/files/{document.pk}/")

    assert selectors.roles_on(at_c, row) == {"receiving_officer"}
    assert code in listed
    assert detail.status_code == 200
    assert detail.json()["applicant"]["id_number"].startswith("*")  # not a handling official
    assert page.status_code == 200
    assert paper.status_code == 200  # an official who acts on it (returns the result)


def test_other_officials_still_get_a_404(ward_a, ward_b, ward_c):
    dossier = file_dossier(
        ward_a.receiving, delivery={"method": "counter", "point": f"MC-{WARD_C}"}
    )
    code = dossier["code"]

    assert client_for(ward_c.handling).get(f"/api/v1/dossiers/{code}/").status_code == 404
    assert signed_in(ward_c.approver).get(f"/workspace/dossiers/{code}/").status_code == 404
    assert selectors.roles_on(ward_c.handling, Dossier.objects.get(code=code)) == set()
