"""An integrator's client, generated with openapi-python-client from the served description
(never edited), runs the whole life of a dossier against a live server: the catalog, an upload,
filing at one ward's point for another, acceptance, a supplement asked for and given, approval,
the signed result downloaded and verified (by /api/v1/verify/ and by poppler's pdfsig), the
event chain, the fee paid through the sandbox provider's signed callback, the indicators as CSV.
"""

import importlib
import io
import subprocess
import sys
import time
import uuid
from csv import DictReader
from pathlib import Path
from types import ModuleType
from typing import Any

from django.conf import settings

import httpx
import pytest
import requests
from rest_framework.authtoken.models import Token

from motcua.documents.pdf import blank_pdf
from motcua.identity.services import create_official
from motcua.monitoring.services import refresh_until_current
from motcua.payments import providers
from tests.builders.dossiers import ID_NUMBER, WARD_A, WARD_B, committee, make_ward
from tests.builders.papers import pdfsig
from tests.builders.reference import reload_reference_data

pytestmark = pytest.mark.usefixtures("reference_data_restored")

CONFIG = Path(__file__).with_name("openapi-python-client.yaml")
GENERATOR = Path(sys.executable).with_name("openapi-python-client")
MARITAL = "1.004873"  # a marital-status certificate: a fee of 3,000 VND


def generate_client(base_url: str, into: Path) -> ModuleType:
    """Generate the client from the served description and import it, as an integrator would."""
    schema = requests.get(f"{base_url}/api/v1/schema/", params={"format": "json"}, timeout=30)
    assert schema.status_code == 200
    source = into / "openapi.json"
    source.write_bytes(schema.content)
    name = f"motcua_client_{uuid.uuid4().hex[:8]}"
    run = subprocess.run(
        [GENERATOR, "generate", "--path", source, "--output-path", into / name, "--meta", "none"]
        + ["--config", CONFIG],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Unsupported" not in run.stdout + run.stderr, run.stdout + run.stderr
    sys.path.insert(0, str(into))
    return importlib.import_module(name)


def sign_sandbox_callbacks(request: httpx.Request) -> None:
    """The sandbox provider signs what it sends (the body as the client encoded it)."""
    if request.url.path.endswith("/providers/sandbox/callback/"):
        stamp = str(int(time.time()))
        request.headers["X-Motcua-Timestamp"] = stamp
        request.headers["X-Motcua-Signature"] = providers.sign(
            settings.MOTCUA_SANDBOX_PAYMENT_SECRET, stamp, request.content
        )


@pytest.fixture
def integrator(transactional_db, live_server, tmp_path):
    """The generated client and one authenticated client per official of the scenario."""
    reload_reference_data()
    api = generate_client(live_server.url, tmp_path)
    schema = requests.get(f"{live_server.url}/api/v1/schema/?format=json", timeout=30).json()
    prefix = schema["components"]["securitySchemes"]["tokenAuth"]["scheme"]  # "Token"
    ward_a, ward_b = make_ward(WARD_A), make_ward(WARD_B)
    people = {
        "counter_a": ward_a.receiving,
        "handling_b": ward_b.handling,
        "approver_b": ward_b.approver,
        "centre": create_official("dieuphoi", role="coordinator"),
    }
    hooks = {"event_hooks": {"request": [sign_sandbox_callbacks]}}
    clients = {
        who: api.AuthenticatedClient(
            base_url=live_server.url,
            token=Token.objects.create(user=user).key,
            prefix=prefix,
            raise_on_unexpected_status=True,
            httpx_args=hooks,
        )
        for who, user in people.items()
    }
    clients["public"] = api.Client(base_url=live_server.url, httpx_args=hooks)
    yield api, clients
    sys.path.remove(str(tmp_path))


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.parsed


def op(api: ModuleType, tag: str, name: str) -> ModuleType:
    return importlib.import_module(f"{api.__name__}.api.{tag}.{name}")


def pdf_file(api: ModuleType, content: bytes, name: str) -> Any:
    return api.types.File(payload=io.BytesIO(content), file_name=name, mime_type="application/pdf")


def upload(api: ModuleType, client: Any, content: bytes) -> int:
    body = op(api, "uploads", "uploads_create").sync_detailed
    models = importlib.import_module(f"{api.__name__}.models")
    made = body(client=client, body=models.UploadInRequest(file=pdf_file(api, content, "a.pdf")))
    return ok(made, 201).id


def act(api: ModuleType, client: Any, dossier: Any, action: str, **fields: Any) -> Any:
    models = importlib.import_module(f"{api.__name__}.models")
    body = models.ActionBodyDocRequest.from_dict({"expected_version": dossier.version, **fields})
    answer = op(api, "dossiers", "dossiers_actions_create").sync_detailed(
        dossier.code, models.DossiersActionsCreateAction(action), client=client, body=body
    )
    return ok(answer)


def test_a_generated_client_runs_the_life_of_a_dossier(integrator, tmp_path, request):
    api, c = integrator
    nss = request.getfixturevalue("nss_trusting_demo_root")
    models = importlib.import_module(f"{api.__name__}.models")

    # The catalog, as anyone reads it.
    found = ok(
        op(api, "procedures", "procedures_list").sync_detailed(client=c["public"], q=MARITAL)
    )
    assert MARITAL in [p.code for p in found.results]
    procedure = ok(
        op(api, "procedures", "procedures_retrieve").sync_detailed(MARITAL, client=c["public"])
    )
    required = [d for d in procedure.documents if d.required]

    # Ward B's fee account (the optional fields left to their defaults), approved by the centre.
    account = ok(
        op(api, "fee_accounts", "fee_accounts_create").sync_detailed(
            client=c["approver_b"],
            body=models.FeeAccountInRequest.from_dict(
                {
                    "agency": committee(WARD_B).code,
                    "purpose": "charges",
                    "bank_bin": "970432",
                    "account_number": "1234567890",
                    "account_name": "UBND PHUONG NGOC HA",
                }
            ),
        ),
        201,
    )
    ok(
        op(api, "fee_accounts", "fee_accounts_approve_create").sync_detailed(
            account.id, client=c["centre"]
        )
    )

    # Filed at ward A's counter for ward B (boundary-free), with the receipt slip signed.
    documents = [
        {"requirement": d.id, "from_data": True}
        if d.replaceable_by
        else {"requirement": d.id, "file": upload(api, c["counter_a"], blank_pdf("to khai"))}
        for d in required
    ]
    body = {
        "procedure": MARITAL,
        "channel": "counter",
        "receiving_point": f"MC-{WARD_A}",
        "competent_unit": WARD_B,
        "applicant": {"id_number": ID_NUMBER, "full_name": "Nguyễn Văn An", "phone": "0912345678"},
        "documents": documents,
        "form": {"marital_status": "Chưa đăng ký kết hôn với ai", "purpose": "Đăng ký kết hôn"},
    }
    dossier = ok(
        op(api, "dossiers", "dossiers_create").sync_detailed(
            client=c["counter_a"],
            body=models.DossierInRequest.from_dict(body),
            idempotency_key=uuid.uuid4().hex,
        ),
        201,
    )
    assert (dossier.receiving_point, dossier.competent_unit) == (f"MC-{WARD_A}", WARD_B)
    receipt = ok(
        op(api, "dossiers", "dossiers_receipt_pdf").sync_detailed(
            dossier.code, client=c["counter_a"]
        )
    )
    assert receipt.payload.read().startswith(b"%PDF")

    # Accepted by ward B, sent back for a supplement, supplemented at ward A's counter, approved.
    dossier = act(api, c["handling_b"], dossier, "accept")
    # Hanoi's rate for this certificate is unverified in the catalog: nothing is asked of the
    # applicant until the handling official confirms the amount.
    (fee,) = procedure.fees
    assert fee.state == "unverified"
    line = {"fee": fee.id, "confirmed_amount_vnd": 3000}
    dossier = act(api, c["handling_b"], dossier, "assess-fee", lines=[line])
    item = {"requirement": documents[0]["requirement"], "reason": "Tờ khai thiếu chữ ký"}
    dossier = act(api, c["handling_b"], dossier, "request-supplement", items=[item])
    assert dossier.status == "waiting_supplement"
    again = {
        "requirement": item["requirement"],
        "file": upload(api, c["counter_a"], blank_pdf("ky")),
    }
    dossier = act(api, c["counter_a"], dossier, "supplement", documents=[again])
    dossier = act(api, c["approver_b"], dossier, "approve")

    # Signed (the result drawn up elsewhere is uploaded by the approver), downloaded, verified.
    result_file = upload(api, c["approver_b"], blank_pdf("giay xac nhan tinh trang hon nhan"))
    dossier = act(api, c["approver_b"], dossier, "sign-result", result_file=result_file)
    assert dossier.status == "result_signed"
    signed = ok(
        op(api, "dossiers", "dossiers_result_pdf").sync_detailed(
            dossier.code, client=c["counter_a"]
        )
    )
    pdf = signed.payload.read()
    verdict = ok(
        op(api, "verify", "verify_create").sync_detailed(
            client=c["public"], body=models.UploadInRequest(file=pdf_file(api, pdf, "kq.pdf"))
        )
    )
    (tmp_path / "kq.pdf").write_bytes(pdf)
    assert (verdict.verdict, verdict.valid, verdict.dossier) == ("valid", True, dossier.code)
    assert "Signature Validation: Signature is Valid." in pdfsig(tmp_path / "kq.pdf", nss)

    # The fee, paid through the sandbox provider's signed callback.
    payment = ok(
        op(api, "dossiers", "dossiers_payment_retrieve").sync_detailed(
            dossier.code, client=c["counter_a"]
        )
    )
    assert payment.amount_vnd == 3000
    assert payment.vietqr.startswith("000201")  # an EMVCo payload
    confirmation = {
        "event_id": uuid.uuid4().hex[:20],
        "order_id": dossier.code,
        "transaction_id": "SBX0001",
        "amount": payment.amount_vnd,
        "paid_at": "2026-11-23T10:00:00+07:00",
        "status": "success",
    }
    paid = ok(
        op(api, "payments", "payments_providers_callback_create").sync_detailed(
            "sandbox",
            client=c["public"],
            body=models.PaymentsProvidersCallbackCreateBody.from_dict(confirmation),
        )
    )
    assert paid.paid == [dossier.code]
    dossier = ok(
        op(api, "dossiers", "dossiers_retrieve").sync_detailed(dossier.code, client=c["handling_b"])
    )
    assert dossier.fee.paid is True

    # The event log, page by page, and its chain.
    log = ok(
        op(api, "dossiers", "dossiers_events_list").sync_detailed(
            dossier.code, client=c["handling_b"], page_size=3
        )
    )
    events = list(log.results)
    page = 1
    while log.next_:
        page += 1
        log = ok(
            op(api, "dossiers", "dossiers_events_list").sync_detailed(
                dossier.code, client=c["handling_b"], page=page, page_size=3
            )
        )
        events += log.results
    assert [e.seq for e in events] == list(range(1, log.count + 1))
    assert [e.action for e in events] == [
        "receive",
        "accept",
        "assess-fee",
        "request-supplement",
        "supplement",
        "approve",
        "sign-result",
        "pay",
    ]
    chain = ok(
        op(api, "dossiers", "dossiers_events_verify_retrieve").sync_detailed(
            dossier.code, client=c["handling_b"]
        )
    )
    assert (chain.valid, chain.first_bad_seq) == (True, None)

    # The centre reads the indicators as a spreadsheet (the worker's rollups brought up to date).
    refresh_until_current()
    csv = ok(op(api, "indicators", "indicators_csv").sync_detailed(client=c["centre"], unit=WARD_B))
    table = list(DictReader(csv.splitlines()))
    assert [(row["agency"], row["received"]) for row in table] == [(committee(WARD_B).code, "1")]
