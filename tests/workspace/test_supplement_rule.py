"""A supplement request may not ask on paper for what national data holds (DOMAIN C4, P1): the
API, the workspace's form and the admin all meet the one service rule, which refuses and records
the `extra_document_request` integrity event."""

from django.test import Client

import pytest

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier, Pause
from motcua.integrity.models import IntegrityEvent
from tests.builders.dossiers import act, birth_payload, client_for

RESIDENCE = "Giấy tờ chứng minh thông tin về cư trú"


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


@pytest.fixture
def matched(ward_a, ward_b):
    """An accepted birth registration whose proof of residence was matched in the population DB."""
    version = ProcedureVersion.objects.get(procedure__code="1.001193", status="published")
    residence = version.documents.get(name__startswith=RESIDENCE)
    body = birth_payload(ward_a.receiving)
    body["documents"].append({"requirement": residence.pk, "from_data": True})
    dossier = client_for(ward_a.receiving).post("/api/v1/dossiers/", body, format="json").json()
    form = version.documents.order_by("position").first()
    return act(ward_b.handling, dossier, "accept").json(), residence, form


def _events() -> list[list[int]]:
    return [
        e.details["held_by_data"]
        for e in IntegrityEvent.objects.filter(kind="extra_document_request")
    ]


def test_the_workspace_form_neither_offers_nor_lets_through_a_matched_document(matched, ward_b):
    dossier, residence, form = matched
    url = f"/workspace/dossiers/{dossier['code']}/"
    page = signed_in(ward_b.handling).get(url).content.decode()

    posted = signed_in(ward_b.handling).post(
        f"{url}act/request-supplement/",
        {
            "version": dossier["version"],
            f"item_{residence.pk}": "on",
            f"reason_{residence.pk}": "Nộp bản sao sổ hộ khẩu",
            f"item_{form.pk}": "on",
            f"reason_{form.pk}": "Thiếu chữ ký",
        },
    )

    assert f'name="item_{residence.pk}"' not in page  # not offered
    assert f'name="item_{form.pk}"' in page
    assert "Lấy từ cơ sở dữ liệu quốc gia" in page  # shown as taken from national data
    assert posted.status_code == 400
    assert "Chỉ được yêu cầu giấy tờ có trong thành phần hồ sơ" in posted.content.decode()
    assert Dossier.objects.get(code=dossier["code"]).status == "in_progress"  # nothing asked
    assert not Pause.objects.filter(dossier__code=dossier["code"]).exists()
    assert _events() == [[residence.pk]]  # recorded as the API records it


def test_the_api_refuses_the_same_demand_with_the_same_event(matched, ward_b):
    dossier, residence, _form = matched

    response = act(
        ward_b.handling,
        dossier,
        "request-supplement",
        items=[{"requirement": residence.pk, "reason": "Nộp bản sao sổ hộ khẩu"}],
    )

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "extra_document_not_allowed"
    assert _events() == [[residence.pk]]


def test_the_admin_offers_no_way_around_the_services(matched, admin_client_vi):
    dossier, _residence, _form = matched
    pk = Dossier.objects.get(code=dossier["code"]).pk

    changed = admin_client_vi.post(
        f"/admin/dossiers/dossier/{pk}/change/", {"status": "waiting_supplement"}
    )
    pause_admin = admin_client_vi.get("/admin/dossiers/pause/add/")

    assert changed.status_code == 403
    assert pause_admin.status_code == 404  # pauses (supplement requests) are not in the admin
    assert Dossier.objects.get(pk=pk).status == "in_progress"
