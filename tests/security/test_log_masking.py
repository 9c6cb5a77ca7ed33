"""A full scenario with logging at DEBUG through the project's handler: no ID number, phone or
e-mail address of a person appears in any line (message or extra field)."""

import io
import json
import logging
import time

from django.conf import settings
from django.test import Client
from django.utils.module_loading import import_string

import pytest

from motcua.payments import providers
from tests.dossiers.conftest import ID_NUMBER, act, client_for, file_dossier
from tests.payments.conftest import approved_account, file_marital

PHONE = "0912345678"  # the applicant's, in tests/dossiers/conftest.py
EMAIL = "nguyen.van.an@example.vn"
OTHER_ID, OTHER_PHONE = "001190054321", "0987654321"  # in the assistant question


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
