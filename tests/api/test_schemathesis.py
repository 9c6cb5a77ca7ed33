"""Schemathesis over the whole API (every path of /api/v1/schema/): never a 5xx, never off-schema.

The schema is the one the app serves, read in-process, and requests go to the WSGI app inside
the test's transaction. One test fuzzes blind (every phase: examples, coverage, fuzzing); two
steer the generated cases onto real data (dossiers in each status, fee accounts, issued documents,
review items, every official's token and the real actions), so that the 200 and 201 answers are
checked against the schema too: the operations on one dossier in one test over shared fixtures,
the others one test each. The last test replays the inputs with a NUL character that the fuzzers
found to be 500s on PostgreSQL.
"""

from datetime import datetime, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from motcua.documents.models import IssuedDocument
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import APPROVER, HANDLING, RECEIVING, TRANSITIONS
from motcua.identity.models import Role
from motcua.identity.services import create_official
from motcua.integrity.models import Flag, FlagKind, FlagSource, KeyKind
from motcua.payments.models import FeeAccount, ReviewItem
from motcua.wsgi import application
from tests.builders.dossiers import (
    ID_NUMBER,
    WARD_A,
    WARD_B,
    WARD_C,
    act,
    birth_payload,
    client_for,
    committee,
    file_dossier,
    make_ward,
)
from tests.builders.payments import approved_account, file_marital, register

CONFIG = schemathesis.Config.from_dict({"generation": {"allow-x00": True}})
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/?format=json", application, config=CONFIG
).include(path_regex=r"^/api/v1/")


def no_unexpected_server_error(ctx, response, case) -> None:
    """No 5xx, except the documented 503 of an outside system that is down (shared/API.md)."""
    if response.status_code == 503 and response.json()["error"]["code"] in UPSTREAM_DOWN:
        return None
    return not_a_server_error(ctx, response, case)


UPSTREAM_DOWN = {"payment_provider_unavailable"}  # the demo has no national payment platform
CHECKS = [no_unexpected_server_error, response_schema_conformance, status_code_conformance]
# Operations on one dossier are steered in one test over shared fixtures (filing the dossiers in
# every status is the slow part); the others in one test each.
DOSSIER_OPERATIONS = schema.include(path_regex=r"\{code\}")
OTHER_OPERATIONS = schema.exclude(path_regex=r"\{code\}")
BOUNDED = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
ACTIONS = [
    "accept", "assign", "forward", "request-supplement", "supplement", "approve", "reject",
    "sign-result", "return-result", "withdraw", "apologize", "evaluate",
]  # fmt: skip
TEXT = st.text(max_size=30)
WORDS = st.text(st.characters(categories=["L", "N", "Zs"]), min_size=1, max_size=30).filter(
    str.strip
)
JUNK = st.none() | st.booleans() | st.integers() | TEXT | st.lists(TEXT, max_size=2)


def assert_the_error_shape(response) -> None:
    """Every 4xx is the error of shared/API.md (the served schema documents no error answer)."""
    if response.status_code < 400:
        return
    content_type = response.headers.get("content-type", [""])[0]
    assert content_type.startswith("application/json"), (response.status_code, response.text)
    assert {"code", "message", "message_en", "fields"} <= set(response.json()["error"])


@pytest.fixture
def send(db):
    """Send a case to the WSGI app inside the test's transaction, as Django's test client does."""

    def send(case, token: str):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            return case.call(headers={"Authorization": f"Token {token}"})
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    return send


@pytest.fixture
def wards(db):
    return {unit: make_ward(unit) for unit in (WARD_A, WARD_B, WARD_C)}


@pytest.fixture
def tokens(wards) -> dict[str, str]:
    """Tokens by role on the dossiers below: ward A receives them, ward B resolves them."""
    people = {
        RECEIVING: wards[WARD_A].receiving,
        HANDLING: wards[WARD_B].handling,
        APPROVER: wards[WARD_B].approver,
        "outsider": wards[WARD_C].receiving,
        Role.COORDINATOR: create_official("centre", role=Role.COORDINATOR),
        Role.INSPECTOR: create_official("inspector", role=Role.INSPECTOR),
    }
    return {role: Token.objects.create(user=person).key for role, person in people.items()}


@pytest.fixture
def dossier(wards) -> dict[str, Any]:
    return file_dossier(wards[WARD_A].receiving)


@pytest.fixture
def dossiers(wards) -> list[dict[str, Any]]:
    """Dossiers received at ward A for ward B, one at each step on the way to the result."""
    a, b = wards[WARD_A], wards[WARD_B]
    steps = [
        (b.handling, "accept", {}),
        (b.approver, "assign", {"to": b.handling.username}),
        (b.approver, "approve", {}),
        (b.approver, "sign-result", {}),
        (a.receiving, "return-result", {}),
    ]
    made = []
    for n in range(len(steps) + 1):
        dossier = file_dossier(a.receiving)
        for actor, action, body in steps[:n]:
            response = act(actor, dossier, action, **body)
            assert response.status_code == 200, response.content
            dossier = response.json()
        made.append(dossier)
    form = made[2]["documents"][0]["requirement"]
    reason = {"items": [{"requirement": form, "reason": "Tờ khai thiếu chữ ký"}]}
    waiting = act(b.handling, made[2], "request-supplement", **reason)
    assert waiting.status_code == 200, waiting.content
    return [*made, waiting.json(), file_marital(a.receiving)]


@pytest.fixture
def ids(wards, tokens) -> list[int]:
    """Real ids for the {id} of the paths: fee accounts (one approved, one submitted), issued
    documents, reviews (an unknown transfer from a bank statement)."""
    centre = Token.objects.get(key=tokens[Role.COORDINATOR]).user
    approved_account(wards[WARD_B], centre)
    register(wards[WARD_B].approver, committee(WARD_A).code)
    statement = "Ngày giao dịch;Số tham chiếu;Số tiền ghi có;Nội dung\n" + (
        "23/11/2026 09:40:00;FT004;50.000;ung ho quy\n"
    )
    imported = client_for(centre).post(
        "/api/v1/payments/statements/",
        {"file": SimpleUploadedFile("sao-ke.csv", statement.encode())},
        format="multipart",
    )
    assert imported.status_code == 201, imported.content
    return sorted(
        {
            *FeeAccount.objects.values_list("pk", flat=True),
            *IssuedDocument.objects.values_list("pk", flat=True),
            *ReviewItem.objects.values_list("pk", flat=True),
            _broker_flag(),
        }
    )


FLAG_DECISIONS = ["confirm", "dismiss", "escalate", "delete"]


def _broker_flag() -> int:
    """An open broker flag (the integrity review's {id})."""
    now = timezone.now()
    return Flag.objects.create(
        kind=FlagKind.BROKER,
        key_kind=KeyKind.PHONE,
        key_value="0987654321",
        label="098*****321",
        agency=committee(WARD_A),
        score=80,
        source=FlagSource.SCAN,
        raised_at=now,
        updated_at=now,
    ).pk


@pytest.fixture
def new_dossier(wards) -> dict[str, Any]:
    """A complete body for POST /api/v1/dossiers/, its form uploaded by ward A's officer."""
    return birth_payload(wards[WARD_A].receiving)


@schema.parametrize()
@BOUNDED
def test_blind_fuzzing_finds_no_server_error_and_no_off_schema_answer(case, tokens, dossier, send):
    response = send(case, tokens[RECEIVING])

    assert_the_error_shape(response)
    case.validate_response(response, checks=CHECKS)


def _action_fields(handler: str, dossier: dict[str, Any]) -> dict[str, st.SearchStrategy]:
    """Valid values for the fields that the actions read beyond expected_version."""
    documents = dossier["documents"]
    later = st.integers(2, 60).map(lambda days: timezone.localtime() + timedelta(days=days))
    return {
        "to": st.just(handler),
        "to_step": st.integers(0, 3),
        "reason": WORDS,
        "note": WORDS,
        "comment": WORDS,
        "score": st.integers(1, 5),
        "new_due_at": later.map(datetime.isoformat),
        "items": st.lists(
            st.fixed_dictionaries({"requirement": st.just(documents[0]["requirement"])})
            | st.fixed_dictionaries({"document": st.sampled_from([d["id"] for d in documents])}),
            min_size=1,
            max_size=2,
        ).map(lambda items: [item | {"reason": "Thiếu chữ ký"} for item in items]),
        "documents": st.just(
            [
                {"requirement": d["requirement"], "file": d["file"]}
                if d["file"]
                else {"requirement": d["requirement"], "from_data": True}
                for d in documents
            ]
        ),
    }


def _steer_action(case, data, wards, tokens, dossier: dict[str, Any]) -> str:
    """Half the time an action that the status allows, by an official in a role that may act.

    What is drawn never depends on the database (Hypothesis replays draws): the choice among the
    allowed actions is an index drawn up front.
    """
    fields = _action_fields(wards[WARD_B].handling.username, dossier)
    happy, pick = data.draw(st.booleans()), data.draw(st.integers(0, 7))
    action, role = data.draw(st.sampled_from(ACTIONS)), data.draw(st.sampled_from(list(tokens)))
    valid = data.draw(st.fixed_dictionaries(fields))
    junk = data.draw(st.fixed_dictionaries({}, optional={k: v | JUNK for k, v in fields.items()}))
    current = Dossier.objects.get(code=dossier["code"])
    allowed = [
        (allowed_action, allowed_role)
        for (status, allowed_action), edge in TRANSITIONS.items()
        for allowed_role in sorted(edge.roles)
        if status == current.status and allowed_action in ACTIONS and allowed_role in tokens
    ]
    if happy and allowed:
        action, role = allowed[pick % len(allowed)]
    case.path_parameters["action"] = str(action)
    if isinstance(case.body, dict):
        body = valid if happy and allowed else junk
        case.body = {**case.body, **body, "expected_version": current.version}
    return tokens[role]


def _steer_path(case, data, dossier: dict[str, Any], ids: list[int]) -> None:
    """Real values for the path's parameters, most of the time."""
    parameters = case.path_parameters or {}
    real = data.draw(st.integers(0, 3)) > 0
    if "code" in parameters:
        parameters["code"] = dossier["code"]
    if "id" in parameters and real:
        parameters["id"] = data.draw(st.sampled_from(ids))
    if "kind" in parameters and real:
        parameters["kind"] = data.draw(st.sampled_from(["svg", "png"]))
    if "provider" in parameters and real:
        parameters["provider"] = "sandbox"


def _steer(case, data, wards, tokens, dossiers, new_dossier, ids) -> str:
    """Point the case at a real dossier with mostly real values; return the token to send."""
    dossier = data.draw(st.sampled_from(dossiers)) if dossiers else {}
    _steer_path(case, data, dossier, ids)
    if "action" in (case.path_parameters or {}) and case.path.startswith("/api/v1/dossiers/"):
        return _steer_action(case, data, wards, tokens, dossier)
    if "action" in (case.path_parameters or {}):  # an integrity flag's review
        case.path_parameters["action"] = data.draw(st.sampled_from(FLAG_DECISIONS))
    if case.query and "id_last4" in case.query:
        case.query["id_last4"] = data.draw(
            st.sampled_from([ID_NUMBER[-4:], case.query["id_last4"]])
        )
    if case.path == "/api/v1/dossiers/" and case.method == "POST" and isinstance(case.body, dict):
        generated = st.fixed_dictionaries(
            {}, optional={k: st.just(v) for k, v in case.body.items()}
        )
        case.body = {**new_dossier, **data.draw(generated)}
    return data.draw(st.sampled_from(list(tokens.values())))


@given(data=st.data())
@settings(BOUNDED, max_examples=200)
def test_fuzzing_real_dossiers_finds_no_server_error_and_no_off_schema_answer(
    data, wards, tokens, dossiers, new_dossier, ids, send
):
    case = data.draw(DOSSIER_OPERATIONS.as_strategy())
    token = _steer(case, data, wards, tokens, dossiers, new_dossier, ids)

    response = send(case, token)

    assert_the_error_shape(response)
    case.validate_response(response, checks=CHECKS)


@OTHER_OPERATIONS.given(data=st.data())
@OTHER_OPERATIONS.parametrize()
@BOUNDED
def test_fuzzing_real_data_finds_no_server_error_and_no_off_schema_answer(
    case, data, wards, tokens, new_dossier, ids, send
):
    token = _steer(case, data, wards, tokens, [], new_dossier, ids)

    response = send(case, token)

    assert_the_error_shape(response)
    case.validate_response(response, checks=CHECKS)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        pytest.param("get", "/api/v1/dossiers/?q=%00", None, id="list-q"),
        pytest.param("get", "/api/v1/dossiers/?unit=%00", None, id="list-unit"),
        pytest.param("get", "/api/v1/dossiers/?status=%00", None, id="list-status"),
        pytest.param("get", "/api/v1/dossiers/%00/", None, id="detail"),
        pytest.param("get", "/api/v1/dossiers/%00/events/", None, id="events"),
        pytest.param("get", "/api/v1/dossiers/%00/events/verify/", None, id="verify"),
        pytest.param(
            "post", "/api/v1/dossiers/%00/actions/accept/", {"expected_version": 1}, id="action"
        ),
        pytest.param("get", "/api/v1/track/%00/?id_last4=2345", None, id="track"),
        pytest.param("post", "/api/v1/dossiers/", {"form": {"note": "\x00"}}, id="form-value"),
        pytest.param("post", "/api/v1/dossiers/", {"form": {"\x00": 1}}, id="form-key"),
    ],
)
def test_a_nul_character_is_not_a_server_error(method, path, body, wards, new_dossier):
    if path == "/api/v1/dossiers/":
        body = new_dossier | body

    response = getattr(client_for(wards[WARD_A].receiving), method)(path, body, format="json")

    assert response.status_code < 500, response.content
