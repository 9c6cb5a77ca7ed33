"""Over real HTTP against the sandbox national portal (the live test server) with the HTTP
adapter: a dossier filed there arrives at the competent ward within a minute, once although
delivered twice, with both codes; its statuses arrive back in order in the national schema; one
with an unknown procedure code is refused with the reason and listed for the centre; a pull
fetches the pending ones, their documents, and acknowledges them (issue 23)."""

import time

import pytest
import requests
from rest_framework.authtoken.models import Token

from motcua.dossiers.models import Dossier
from motcua.integrations import delivery, sandbox_portal
from motcua.integrations.models import SandboxFiling
from motcua.nationalportal import inbound
from tests.builders.dossiers import WARD_B, make_ward
from tests.builders.reference import reload_reference_data

pytestmark = pytest.mark.usefixtures("reference_data_restored")


@pytest.fixture
def live(transactional_db, live_server, settings):
    reload_reference_data()
    settings.MOTCUA_NATIONAL_PORTAL_CONNECTOR = (
        "motcua.integrations.connectors.http.HttpNationalPortal"
    )
    settings.MOTCUA_NATIONAL_PORTAL_URL = f"{live_server.url}/sandbox-portal/events"
    settings.MOTCUA_NATIONAL_PORTAL_API_URL = f"{live_server.url}/sandbox-portal"
    return live_server.url


def _session(user) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Token {Token.objects.get_or_create(user=user)[0].key}"
    return session


def _portal(url: str) -> dict:
    token = {"Authorization": "Bearer sandbox-only"}
    return requests.get(f"{url}/sandbox-portal/", headers=token, timeout=10).json()


def test_filed_twice_on_the_portal_received_once_and_its_statuses_come_back_in_order(live):
    ward = make_ward(WARD_B)
    started = time.monotonic()

    first, second = sandbox_portal.file("duplicate", target=live)
    elapsed = time.monotonic() - started

    assert (first.answer_status, second.answer_status) == (201, 200)
    assert first.answer == second.answer
    assert elapsed < 60
    dossier = Dossier.objects.get(national_code=first.national_code)
    assert dossier.code == first.answer["code"]
    assert dossier.competent_unit.code == WARD_B
    assert Dossier.objects.count() == 1

    official = _session(ward.handling)
    url = f"{live}/api/v1/dossiers/{dossier.code}/"
    shown = official.get(url, timeout=10).json()
    assert (shown["national_code"], shown["source"]) == (first.national_code, "national_portal")
    accepted = official.post(
        f"{url}actions/accept/", json={"expected_version": shown["version"]}, timeout=10
    )
    assert accepted.status_code == 200, accepted.text
    run = delivery.deliver_outbox()

    assert run.delivered >= 2
    held = _portal(live)["dossiers"][dossier.code]
    assert held["statuses"] == ["received", "in_progress"]
    record = held["current"]
    assert (record["MaHoSo"], record["SoBienNhan"]) == (first.national_code, dossier.code)
    assert record["MaTTHC"] == sandbox_portal.PROCEDURE
    assert record["MaDonVi"] == dossier.handling_agency.code
    assert record["TrangThaiHoSo"] == "4"
    for name in ("NgayTiepNhan", "NgayHenTra"):
        assert len(record[name]) == 14  # yyyyMMddHHmmss
    assert [step["NoiDungXuLy"] for step in record["QuaTrinhXuLy"]] == ["receive", "accept"]


def test_an_unknown_procedure_code_is_refused_back_and_listed_for_the_centre(live, coordinator):
    (filing,) = sandbox_portal.file("unknown_procedure", target=live)

    listed = _session(coordinator).get(
        f"{live}/api/v1/national-portal/dossiers/", params={"state": "refused"}, timeout=10
    )

    assert filing.answer_status == 422
    assert "9.999999" in filing.answer["error"]["message"]
    assert not Dossier.objects.exists()
    rows = listed.json()["results"]
    assert [(r["national_code"], r["procedure_code"]) for r in rows] == [
        (filing.national_code, "9.999999")
    ]
    shown = _portal(live)["filings"]
    assert [(f["national_code"], f["answer_status"]) for f in shown] == [
        (filing.national_code, 422)
    ]


def test_a_pull_over_http_fetches_the_documents_and_acknowledges(live):
    sandbox_portal.file("ok")
    sandbox_portal.file("missing_document")

    received = inbound.pull()

    assert received == 2
    dossier = Dossier.objects.get()
    assert dossier.documents.filter(upload__isnull=False).count() >= 1
    answers = dict(SandboxFiling.objects.values_list("scenario", "answer"))
    assert answers["ok"] == {
        "national_code": dossier.national_code,
        "status": "accepted",
        "code": dossier.code,
    }
    assert answers["missing_document"]["status"] == "refused"
    assert sandbox_portal.pending() == []
