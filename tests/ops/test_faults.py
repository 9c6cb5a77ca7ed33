"""Faults of the national data sources, through the real HTTP adapter against a local server:
slow, failing, refusing connections, answering garbage. Intake goes on (the dossier waits for
data), nothing is half-written, and once the source is healthy the worker's retry converges."""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierDocument, Event, IdempotencyKey
from motcua.identity.connectors import http as http_connector
from motcua.identity.connectors import sandbox_registry
from motcua.identity.models import DataAccess
from motcua.integrations.models import OutboxMessage
from tests.builders.dossiers import ID_NUMBER, WARD_B, birth_payload, client_for, make_ward

TIMEOUT = 0.3
GARBAGE = {
    "invalid_json": (200, b'{"full_name": "Nguy'),
    "not_an_object": (200, b"[1, 2, 3]"),
    "wrong_shape": (200, json.dumps({"full_name": ["x"], "marital_status": 1}).encode()),
    "html_error_page": (200, b"<html><body>Gateway error</body></html>"),
    "server_error": (500, b'{"error": "internal"}'),
    "unavailable": (503, b""),
}


class _Source(BaseHTTPRequestHandler):
    """The data-sharing platform: GET /v1/{source}/{id_number}; `mode` says how it behaves."""

    mode = "healthy"
    hits = 0
    url = ""

    def do_GET(self):
        type(self).hits += 1
        _prefix, source, id_number = self.path.rsplit("/", 2)
        if self.mode == "slow":
            time.sleep(TIMEOUT * 4)
        if self.mode in GARBAGE:
            status, body = GARBAGE[self.mode]
        else:
            person = sandbox_registry.people().get(id_number)
            held = sandbox_registry.facts(source, person) if person else None
            status, body = (200, json.dumps(held).encode()) if held else (404, b"{}")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the slow mode's caller hung up after its timeout: expected


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@pytest.fixture
def source(settings):
    server = _Server(("127.0.0.1", 0), _Source)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.MOTCUA_NATIONAL_DATA_CONNECTOR = "motcua.identity.connectors.http.HttpNationalData"
    _Source.url = f"http://127.0.0.1:{server.server_port}/v1"
    settings.MOTCUA_NATIONAL_DATA_URL = _Source.url
    settings.MOTCUA_NATIONAL_DATA_TIMEOUT = TIMEOUT
    settings.MOTCUA_NATIONAL_DATA_RETRIES = 1
    http_connector._breakers.clear()
    _Source.mode, _Source.hits = "healthy", 0
    yield _Source
    server.shutdown()
    server.server_close()
    http_connector._breakers.clear()


@pytest.fixture
def ward_b(db):
    return make_ward(WARD_B)


def _file(user) -> tuple[int, dict, float]:
    started = time.monotonic()
    response = client_for(user).post(
        "/api/v1/dossiers/",
        birth_payload(user, channel="online"),
        format="json",
        HTTP_IDEMPOTENCY_KEY=f"fault-{time.monotonic_ns()}",
    )
    return response.status_code, response.json(), time.monotonic() - started


def _written(code: str) -> dict[str, int]:
    """Every row an intake writes, counted for one dossier."""
    return {
        "dossiers": Dossier.objects.filter(code=code).count(),
        "documents": DossierDocument.objects.filter(dossier__code=code).count(),
        "events": Event.objects.filter(dossier__code=code).count(),
        "outbox": OutboxMessage.objects.filter(key=code, destination="national_portal").count(),
        "keys": IdempotencyKey.objects.filter(dossier__code=code).count(),
    }


WHOLE = {"dossiers": 1, "documents": 3, "events": 1, "outbox": 1, "keys": 1}


@pytest.mark.parametrize("mode", ["slow", "refused", *GARBAGE])
def test_intake_goes_on_while_a_source_fails_and_the_retry_converges(
    mode, source, settings, citizen, ward_b
):
    source.mode = mode
    if mode == "refused":
        settings.MOTCUA_NATIONAL_DATA_URL = f"http://127.0.0.1:{_closed_port()}/v1"

    status, dossier, seconds = _file(citizen)
    # The newborn's birth certificate is about the child, unknown yet: "not yet matched".
    about_applicant = [
        d for d in dossier["documents"] if d["from_data"] and d["match"] != "unmatched"
    ]
    waiting = {d["requirement"]: d["match"] for d in about_applicant}
    still = services.retry_pending_matches()  # the source is still broken: nothing changes
    rows = list(
        DossierDocument.objects.filter(dossier__code=dossier["code"])
        .exclude(from_data="")
        .exclude(match_status="unmatched")
    )

    assert status == 201
    assert set(waiting.values()) == {"pending"}  # "waiting for data", no paper asked
    assert len(waiting) == 1
    assert seconds < 10 * TIMEOUT * 2 + 5  # bounded by the timeouts, never a hang
    assert _written(dossier["code"]) == WHOLE
    assert still.still_waiting == 1
    assert still.matched == 0
    assert all(row.match_status == "pending" and row.facts == {} for row in rows)  # no garbage
    assert set(DataAccess.objects.values_list("outcome", flat=True)) == {"unavailable"}

    settings.MOTCUA_NATIONAL_DATA_URL = source.url
    source.mode = "healthy"
    healed = services.retry_pending_matches()
    again = services.retry_pending_matches()
    person = sandbox_registry.people()[ID_NUMBER]
    facts = {
        row.from_data: row.facts
        for row in DossierDocument.objects.filter(dossier__code=dossier["code"])
        .exclude(from_data="")
        .exclude(match_status="unmatched")
    }

    assert healed.matched == 1
    assert (again.matched, again.still_waiting) == (0, 0)  # converged, and stays so
    assert facts == {
        "population_db": sandbox_registry.facts("population_db", person),
    }
    assert _written(dossier["code"]) == WHOLE  # the retry adds no event, no outbox row


@pytest.fixture
def slow_source_port(source):
    source.mode = "slow"
    return source


def test_an_open_circuit_keeps_intake_fast_while_a_source_hangs(slow_source_port, citizen, ward_b):
    source = slow_source_port
    # One look-up per source and intake: each source's circuit opens after FAILURES_TO_OPEN.
    first = [_file(citizen) for _ in range(http_connector.FAILURES_TO_OPEN)]
    hits = source.hits
    status, dossier, seconds = _file(citizen)

    assert all(status == 201 for status, _dossier, _seconds in first)
    assert status == 201
    # No call made: intake does not wait for a source known to be down.
    assert seconds < min(seconds for _status, _dossier, seconds in first)
    assert source.hits == hits
    assert {d["match"] for d in dossier["documents"] if d["from_data"]} == {"pending", "unmatched"}

    source.mode = "healthy"
    for circuit in http_connector._breakers.values():
        circuit.open_seconds = 0.0  # the pause is over: a trial call is let through
    healed = services.retry_pending_matches()

    assert healed.matched == http_connector.FAILURES_TO_OPEN + 1  # the mother's own document each
    assert not DossierDocument.objects.filter(match_status="pending").exists()


@pytest.mark.parametrize(
    ("source_name", "facts"),
    [
        ("population_db", {"full_name": 1}),
        ("business_registry", {}),
        ("business_registry", {"enterprises": "01012345678"}),
        ("land_db", {"parcels": ["1-2"]}),
        ("civil_status_db", "married"),
    ],
)
def test_an_answer_out_of_the_source_shape_is_never_taken_as_facts(source_name, facts):
    with pytest.raises(ValueError, match="not a|^no |other than"):
        http_connector.check_shape(source_name, facts)


def test_an_answer_in_the_source_shape_is_kept_whole():
    person = sandbox_registry.people()[ID_NUMBER]
    for name in http_connector.SHAPES:
        held = sandbox_registry.facts(name, person) or {"enterprises": [], "parcels": []}
        held = {**held, "extra": "kept"}

        assert http_connector.check_shape(name, held) == held
