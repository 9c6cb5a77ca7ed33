"""National data at intake: a match replaces the paper; a source that is down does not stop
intake, the match is retried by the worker, and nobody may ask for the paper meanwhile. Every
look-up is in the data-access log with its purpose and caller."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import DossierDocument
from motcua.identity.connectors import http as http_connector
from motcua.identity.connectors.base import SourceUnavailable
from motcua.identity.connectors.http import HttpNationalData
from motcua.identity.models import DataAccess
from tests.builders.dossiers import (
    ID_NUMBER,
    WARD_B,
    act,
    birth_payload,
    client_for,
    file_dossier,
    make_ward,
)


@pytest.fixture
def ward_b(db):
    return make_ward(WARD_B)


def test_a_match_replaces_the_paper_and_is_logged(citizen, ward_b):
    version = ProcedureVersion.objects.get(procedure__code="1.001193", status="published")
    residence = version.documents.get(name__startswith="Giấy tờ chứng minh thông tin về cư trú")
    body = birth_payload(citizen, channel="online")
    body["documents"].append({"requirement": residence.pk, "from_data": True})

    response = client_for(citizen).post("/api/v1/dossiers/", body, format="json")
    dossier = response.json()
    from_data = [d for d in dossier["documents"] if d["from_data"]]
    kept = DossierDocument.objects.get(dossier__code=dossier["code"], requirement=residence)
    log = list(DataAccess.objects.order_by("id"))

    assert response.status_code == 201  # no residence paper uploaded, none asked
    assert residence.replaceable_by == "population_db"
    assert kept.match_status == "matched"
    assert kept.facts["residence"].endswith("thành phố Hà Nội")  # the facts, with source and time
    assert kept.matched_at is not None

    # The birth certificate is the newborn's, not known yet: not matched, nobody looked up.
    assert sorted(d["match"] for d in from_data) == ["matched", "matched", "unmatched"]
    assert {entry.outcome for entry in log} == {"found"}
    assert len(log) == len(from_data) - 1
    assert all(entry.caller == "citizen" and entry.id_number == ID_NUMBER for entry in log)
    assert all(entry.purpose.startswith("intake 1.001193: ") for entry in log)


def test_a_source_that_is_down_never_stops_intake_nor_lets_paper_be_demanded(
    citizen, ward_b, settings
):
    settings.MOTCUA_SANDBOX_DATA_DOWN = True
    dossier = file_dossier(citizen, channel="online")  # 201 although the sources time out
    waiting = next(d for d in dossier["documents"] if d["match"] == "pending")
    accepted = act(ward_b.handling, dossier, "accept").json()

    demand = act(
        ward_b.handling,
        accepted,
        "request-supplement",
        items=[{"requirement": waiting["requirement"], "reason": "Nộp bản sao giấy tờ"}],
    )
    still_down = services.retry_pending_matches()
    settings.MOTCUA_SANDBOX_DATA_DOWN = False
    back_up = services.retry_pending_matches()
    after = client_for(citizen).get(f"/api/v1/dossiers/{dossier['code']}/").json()
    outcomes = list(DataAccess.objects.order_by("id").values_list("outcome", "caller"))

    assert waiting["match"] == "pending"
    assert demand.status_code == 422
    assert demand.json()["error"]["code"] == "extra_document_not_allowed"
    assert still_down.still_waiting == 1  # the applicant's identity; the newborn's is not known
    assert back_up.matched == 1
    assert [d["match"] for d in after["documents"] if d["from_data"]] == ["unmatched", "matched"]
    assert after["status"] == "in_progress"  # the match changed no status
    assert outcomes == [("unavailable", "citizen"), ("unavailable", "worker"), ("found", "worker")]


class _Source(BaseHTTPRequestHandler):
    mode = "found"
    hits = 0

    def do_GET(self):  # noqa: N802 - the http.server API
        type(self).hits += 1
        if type(self).mode == "found":
            self._answer(200, {"residence": "Số 5 phố Đội Cấn"})
        elif type(self).mode == "missing":
            self._answer(404, {})
        else:
            self._answer(503, {})

    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def source(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Source)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.MOTCUA_NATIONAL_DATA_URL = f"http://127.0.0.1:{server.server_port}/v1"
    settings.MOTCUA_NATIONAL_DATA_RETRIES = 2
    http_connector._breakers.clear()
    _Source.hits, _Source.mode = 0, "found"
    yield _Source
    server.shutdown()
    http_connector._breakers.clear()


def test_the_http_adapter_matches_misses_retries_and_opens_its_circuit(source):
    adapter = HttpNationalData()

    found = adapter.lookup("population_db", id_number=ID_NUMBER)
    source.mode = "missing"
    missing = adapter.lookup("population_db", id_number=ID_NUMBER)
    source.mode, source.hits = "down", 0
    for _ in range(http_connector.FAILURES_TO_OPEN):
        with pytest.raises(SourceUnavailable):
            adapter.lookup("population_db", id_number=ID_NUMBER)
    hits_while_failing = source.hits
    with pytest.raises(SourceUnavailable, match="circuit open"):
        adapter.lookup("population_db", id_number=ID_NUMBER)

    assert found.found
    assert found.facts == {"residence": "Số 5 phố Đội Cấn"}
    assert not missing.found
    assert hits_while_failing == http_connector.FAILURES_TO_OPEN * 3  # 1 call + 2 retries each
    assert source.hits == hits_while_failing  # the open circuit made no call
