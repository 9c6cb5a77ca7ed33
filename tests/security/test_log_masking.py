"""A full scenario with logging at DEBUG through the project's handler: no ID number, phone or
e-mail address of a person appears in any line (message or extra field)."""

import io
import json
import logging
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.utils.module_loading import import_string

import pytest

from motcua.core.logs import MaskPersonalData
from motcua.payments import providers
from tests.builders.dossiers import ID_NUMBER, act, client_for, file_dossier
from tests.builders.payments import approved_account, file_marital

PHONE = "0912345678"  # the applicant's, in tests/builders/dossiers.py
EMAIL = "nguyen.van.an@example.vn"
OTHER_ID, OTHER_PHONE = "001190054321", "0987654321"  # in the assistant question
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def captured():
    """The root logger at DEBUG through the filter and formatter of settings.LOGGING."""
    config = settings.LOGGING
    handler = logging.StreamHandler(io.StringIO())
    handler.setFormatter(import_string(config["formatters"]["json"]["()"])())
    for name in config["handlers"]["console"]["filters"]:
        handler.addFilter(import_string(config["filters"][name]["()"])())
    root = logging.getLogger()
    saved = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler.stream
    root.removeHandler(handler)
    root.setLevel(saved)


def _callback(code: str) -> None:
    body = json.dumps(
        {
            "event_id": "ev-mask",
            "order_id": code,
            "transaction_id": "PG-mask",
            "amount": 3000,
            "paid_at": "2026-11-23T10:00:00+07:00",
            "status": "success",
        }
    ).encode()
    stamp = str(int(time.time()))
    signature = providers.sign(settings.MOTCUA_PAYGOV_SECRET, stamp, body)
    response = client_for(None).post(
        "/api/v1/payments/providers/paygov/callback/",
        body,
        content_type="application/json",
        HTTP_X_MOTCUA_TIMESTAMP=stamp,
        HTTP_X_MOTCUA_SIGNATURE=signature,
    )
    assert response.status_code == 200, response.content


def test_a_full_scenario_logs_no_id_number_phone_or_email(
    captured, settings, ward_a, ward_b, centre, citizen
):
    settings.MOTCUA_PAYGOV_SECRET = "paygov-test-secret"
    approved_account(ward_b, centre)
    # Online filing with a phone and an e-mail, and its payment confirmed by the platform.
    online = file_marital(citizen)
    client_for(citizen).get(f"/api/v1/dossiers/{online['code']}/payment/")
    _callback(online["code"])
    # Counter intake: the identity is matched against national data; then the whole way through.
    counter = file_dossier(
        ward_a.receiving,
        applicant={
            "id_number": ID_NUMBER,
            "full_name": "Nguyễn Văn An",
            "date_of_birth": "1990-05-01",
            "phone": PHONE,
            "email": EMAIL,
        },
    )
    browser = Client()
    browser.force_login(ward_a.receiving)
    lookup = browser.post(
        "/workspace/intake/lookup/", {"procedure": "1.001193", "id_number": ID_NUMBER}
    )
    assert lookup.status_code == 200
    steps = [
        (ward_b.handling, "accept", {}),
        (
            ward_b.handling,
            "request-supplement",
            {"items": [{"requirement": counter["documents"][0]["requirement"], "reason": "Ký"}]},
        ),
    ]
    dossier = counter
    for actor, action, body in steps:
        response = act(actor, dossier, action, **body)
        assert response.status_code == 200, response.content
        dossier = response.json()
    supplied = [
        {"requirement": d["requirement"], "file": d["file"]}
        if d["file"]
        else {"requirement": d["requirement"], "from_data": True}
        for d in dossier["documents"]
    ]
    dossier = act(ward_a.receiving, dossier, "supplement", documents=supplied).json()
    for actor, action in ((ward_b.approver, "approve"), (ward_b.approver, "sign-result")):
        response = act(actor, dossier, action)
        assert response.status_code == 200, response.content
        dossier = response.json()
    # Public tracking, wrong digits then right; a question that carries someone's numbers.
    public = client_for(None)
    assert public.get(f"/api/v1/track/{counter['code']}/", {"id_last4": "0000"}).status_code == 404
    tracked = public.get(f"/api/v1/track/{counter['code']}/", {"id_last4": ID_NUMBER[-4:]})
    assert tracked.status_code == 200
    question = f"Hồ sơ của CCCD {OTHER_ID}, số điện thoại {OTHER_PHONE}, đến đâu rồi?"
    asked = public.post("/api/v1/assistant/ask", {"question": question}, format="json")
    assert asked.status_code == 200

    lines = captured.getvalue().splitlines()

    events = {json.loads(line)["event"] for line in lines}
    assert {"dossier_received", "national_data_access", "upload_stored"} <= events
    leaks = [
        line
        for line in lines
        for secret in (ID_NUMBER, PHONE, EMAIL, OTHER_ID, OTHER_PHONE)
        if secret in line
    ]
    assert leaks == []


def test_personal_data_nested_in_extra_fields_is_masked_too(captured):
    logging.getLogger("motcua.test").info(
        "lookup_failed", extra={"fields": {"id_number": [ID_NUMBER]}, "contact": (PHONE, EMAIL)}
    )

    line = json.loads(captured.getvalue().splitlines()[-1])

    assert line["fields"] == {"id_number": ["001******345"]}
    assert line["contact"] == ["091*****678", "n***@example.vn"]


def test_djangos_request_log_keeps_the_url_but_not_its_query_values(captured, db):
    query = {"id_number": OTHER_ID, "phone": OTHER_PHONE, "id_last4": "4321"}

    response = Client().get("/api/v1/no-such-thing/", query)

    assert response.status_code == 404
    logged = [json.loads(line) for line in captured.getvalue().splitlines()]
    request_lines = [line for line in logged if line["logger"] == "django.request"]
    assert request_lines[0]["request"] == (
        "<WSGIRequest: GET '/api/v1/no-such-thing/?id_number=***&phone=***&id_last4=***'>"
    )
    text = captured.getvalue()
    assert OTHER_ID not in text
    assert OTHER_PHONE not in text
    assert "4321" not in text


def test_an_exception_is_masked_whichever_formatter_writes_it(captured):
    plain = logging.StreamHandler(io.StringIO())
    plain.setFormatter(logging.Formatter("%(message)s"))  # what a console or file handler uses
    plain.addFilter(MaskPersonalData())
    logger = logging.getLogger("motcua.test")
    logger.addHandler(plain)
    try:
        try:
            raise ValueError(f"no citizen {OTHER_ID}, phone {OTHER_PHONE}")
        except ValueError as exc:
            logger.exception("lookup_failed", extra={"error": exc})
    finally:
        logger.removeHandler(plain)

    for text in (plain.stream.getvalue(), captured.getvalue()):
        assert "ValueError: no citizen 001******321" in text
        assert OTHER_ID not in text
        assert OTHER_PHONE not in text
    assert json.loads(captured.getvalue().splitlines()[-1])["error"] == (
        "no citizen 001******321, phone 098*****321"
    )


def _make_run_gunicorn(port: int) -> list[str]:
    """The gunicorn command of `make run`, as the Makefile spells it (one worker)."""
    makefile = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    line = next(line for line in makefile.splitlines() if "$(BIN)/gunicorn " in line)
    words = shlex.split(line[line.index("$(BIN)/gunicorn ") :])
    command = [str(Path(sys.executable).parent / "gunicorn"), *words[1:]]
    command = [word.replace("$(PORT)", str(port)) for word in command]
    return [*command, "--workers", "1"]


def test_the_access_log_of_make_run_writes_no_query_value_nor_personal_data(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "MOTCUA_VAR_DIR": str(tmp_path), "DATABASE_URL": "sqlite://:memory:"}
    server = subprocess.Popen(
        _make_run_gunicorn(port),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    query = f"id_number={OTHER_ID}&phone={OTHER_PHONE}&id_last4=4321&email={EMAIL}"
    referrer = f"http://127.0.0.1:{port}/track/H26/?id_last4=4321"
    try:
        for _ in range(300):  # up to 30 s for the worker to boot
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/health/live?{query}", headers={"Referer": referrer}
                )
                with urllib.request.urlopen(request, timeout=5) as answer:
                    assert answer.status == 200
                break
            except OSError:
                time.sleep(0.1)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        log = server.communicate(timeout=30)[0].decode()

    access = [line for line in log.splitlines() if '"GET /health/live' in line]
    assert access, log[-2000:]
    assert "/health/live?id_number=***&phone=***&id_last4=***&email=***" in access[0]
    assert "/track/H26/?id_last4=***" in access[0]
    for secret in (OTHER_ID, OTHER_PHONE, "4321", EMAIL):
        assert secret not in log
