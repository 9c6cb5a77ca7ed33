"""The sandbox national public service portal: it plays the real one for the demo and the tests.

It receives the status sync at `/sandbox-portal/events` (the HTTP adapter posts there in the
demo; the sandbox adapter calls `receive` in process), files dossiers the way the portal does
(`file`: pushed, signed, to Motcua's API, or left pending for Motcua to pull), broken ones too
(an unknown procedure code, a missing document, a duplicate delivery, a status that arrives out
of order), and shows what it holds (`/sandbox-portal/`, `holdings`).

It keeps each event once by its event id (a resend is answered "duplicate" and counted) and
can be told to misbehave: down (503), slow (answers after MOTCUA_SANDBOX_PORTAL_SLOW_SECONDS,
past the sender's timeout) or garbage (200 with a body that is no acknowledgement). The mode
lives in the database so that every process sees it.
"""

import hmac
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

import requests

from motcua.catalog import selectors as catalog
from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.documents.pdf import blank_pdf
from motcua.integrations import webhooks
from motcua.integrations.connectors.base import DeliveryFailed
from motcua.integrations.models import (
    SandboxFiling,
    SandboxPortalEvent,
    SandboxPortalMode,
    SandboxPortalState,
    SandboxUpdate,
)

GARBAGE = b"<html><body>Service temporarily replaced by a maintenance page</body></html>"


@dataclass(frozen=True)
class Answer:
    status: int
    json: Any
    slow: bool = False


def mode() -> str:
    state = SandboxPortalState.objects.first()
    return state.mode if state else SandboxPortalMode.UP


@transaction.atomic
def set_mode(value: str) -> None:
    """Make the sandbox portal behave as `value` (up, down, slow, garbage) from now on."""
    SandboxPortalMode(value)  # refuses an unknown mode
    updated = SandboxPortalState.objects.update(mode=value)
    if not updated:
        SandboxPortalState.objects.create(mode=value)


def _valid(body: Any) -> bool:
    return (
        isinstance(body, dict)
        and isinstance(body.get("event_id"), str)
        and 0 < len(body["event_id"]) <= 80
        and isinstance(body.get("key"), str)
        and isinstance(body.get("topic"), str)
        and isinstance(body.get("payload"), dict)
    )


def _at(payload: dict[str, Any]) -> str:
    return str(payload.get("at") or "")


def _store(body: dict[str, Any]) -> str:
    key = body["key"][:80]
    newest = SandboxPortalEvent.objects.filter(key=key, out_of_order=False).order_by("-id").first()
    late = newest is not None and _at(body["payload"]) < _at(newest.payload)
    try:
        with transaction.atomic():
            SandboxPortalEvent.objects.create(
                event_id=body["event_id"],
                key=key,
                topic=body["topic"][:60],
                payload=body["payload"],
                received_at=clock.now(),
                out_of_order=late,
            )
    except IntegrityError:
        SandboxPortalEvent.objects.filter(event_id=body["event_id"]).update(
            resends=F("resends") + 1
        )
        return "duplicate"
    return "accepted"


def receive(body: Any, *, wait: bool) -> Answer:
    """Accept one event as the portal would; `wait` makes a slow portal really sleep."""
    current = mode()
    if current == SandboxPortalMode.DOWN:
        return Answer(503, {"error": "down"})
    if current == SandboxPortalMode.SLOW:
        if wait:
            time.sleep(settings.MOTCUA_SANDBOX_PORTAL_SLOW_SECONDS)
        return Answer(503, {"error": "slow"}, slow=True)
    if current == SandboxPortalMode.GARBAGE:
        return Answer(200, None)
    if not _valid(body):
        return Answer(400, {"error": "not an event"})
    return Answer(200, {"event_id": body["event_id"], "status": _store(body)})


@csrf_exempt
@require_POST
def events(request: HttpRequest) -> HttpResponse:
    """The receiver's HTTP face: the bearer token of the settings, then `receive`."""
    if not settings.MOTCUA_SANDBOX_PORTAL:
        raise Http404()
    if not _authorised(request):
        return JsonResponse({"error": "unauthorised"}, status=401)
    try:
        body = json.loads(request.body)
    except ValueError:
        body = None
    answer = receive(body, wait=True)
    if answer.json is None:
        return HttpResponse(GARBAGE, status=answer.status, content_type="text/html")
    return JsonResponse(answer.json, status=answer.status)


# --- Filing: the dossiers residents file on the portal -------------------------------------

SCENARIOS = ("ok", "unknown_procedure", "missing_document", "duplicate", "out_of_order")
PROCEDURE, WARD = "1.001193", "00008"  # birth registration, at Ngọc Hà ward (the demo's)


def base_url() -> str:
    """Where the portal's files are (the file URLs of the dossiers it files)."""
    return (
        settings.MOTCUA_NATIONAL_PORTAL_API_URL or f"{settings.MOTCUA_PUBLIC_URL}/sandbox-portal"
    ).rstrip("/")


def _required(procedure: str) -> list[str]:
    try:
        version = catalog.get_published_version(procedure)
    except DomainError:  # an unknown code: the portal sends one form anyway
        return ["Tờ khai"]
    return [r.name for r in version.documents.all() if r.required]


def dossier_body(scenario: str, number: int) -> dict[str, Any]:
    """A dossier as the portal files it; `scenario` breaks it the way the portal can."""
    procedure = "9.999999" if scenario == "unknown_procedure" else PROCEDURE
    names = _required(procedure)
    if scenario == "missing_document":
        names = names[1:]
    stamp = clock.now()
    return {
        "national_code": f"G22.99.{stamp:%y%m%d}-{number:06d}",
        "procedure": procedure,
        "received_at": stamp.isoformat(),
        "competent_unit": WARD,
        "applicant": {
            "id_number": f"001090{number % 1_000_000:06d}",
            "full_name": "Trần Thị Bình",
            "date_of_birth": "1990-05-01",
            "kind": "citizen",
            "vneid_level": 2,
            "email": "binh@example.invalid",
        },
        "documents": [
            {"name": name, "file_url": f"{base_url()}/files/{index}.pdf"}
            for index, name in enumerate(names)
        ],
        "delivery": {"method": "online"},
        "payment": {"status": "not_required", "amount_vnd": 0},
    }


def _signed_post(url: str, body: dict[str, Any], message_id: str) -> tuple[int | None, Any]:
    """Post `body` signed as the portal signs its pushes; the answer's status and JSON."""
    raw = json.dumps(body).encode()
    stamp = str(int(time.time()))
    signature = webhooks.signature(
        settings.MOTCUA_NATIONAL_PORTAL_PUSH_SECRET, message_id, stamp, raw
    )
    try:
        response = requests.post(
            url,
            data=raw,
            headers={
                "Content-Type": "application/json",
                "webhook-id": message_id,
                "webhook-timestamp": stamp,
                "webhook-signature": signature,
            },
            timeout=30,
        )
    except requests.RequestException as exc:
        return None, {"error": type(exc).__name__}
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, {"error": "not JSON"}


def push(filing: SandboxFiling, target: str) -> SandboxFiling:
    """Post the filing, signed, to Motcua's `/api/v1/national-portal/dossiers/` at `target`."""
    url = f"{target.rstrip('/')}/api/v1/national-portal/dossiers/"
    status, answer = _signed_post(url, filing.body, f"filing-{filing.pk}")
    if status is None:
        filing.answer = answer
        filing.save(update_fields=["answer"])
        return filing
    filing.answer_status, filing.answer, filing.answered_at = status, answer, clock.now()
    filing.save(update_fields=["answer_status", "answer", "answered_at"])
    return filing


def file(scenario: str = "ok", *, target: str = "") -> list[SandboxFiling]:
    """File one dossier the way the portal does: pushed to `target` (Motcua's address), or left
    pending for Motcua to pull. "duplicate" delivers the same dossier twice."""
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}; one of {', '.join(SCENARIOS)}")
    number = SandboxFiling.objects.count() + 1
    body = dossier_body(scenario, number)
    times = 2 if scenario == "duplicate" else 1
    filings = [
        SandboxFiling.objects.create(
            national_code=body["national_code"], scenario=scenario, body=body, filed_at=clock.now()
        )
        for _ in range(times)
    ]
    if target:
        filings = [push(f, target) for f in filings]
    return filings


def pending() -> list[dict[str, Any]]:
    """The filings Motcua has not answered yet (what a pull gets), oldest first."""
    return [f.body for f in SandboxFiling.objects.filter(answered_at__isnull=True).order_by("id")]


def acknowledge(national_code: str, answer: dict[str, Any]) -> None:
    """Motcua's answer on a filing (pulled ones); a second answer to the same one is a no-op."""
    SandboxFiling.objects.filter(national_code=national_code, answered_at__isnull=True).update(
        answer=answer,
        answer_status=201 if answer.get("status") == "accepted" else 422,
        answered_at=clock.now(),
    )


# --- The applicants' own changes on the portal: withdrawn, paid, supplemented --------------

UPDATE_KINDS = ("withdrawn", "paid", "supplemented")


def update_body(national_code: str, kind: str, seq: int) -> dict[str, Any]:
    """A change the applicant made on the portal, as the portal sends it."""
    body: dict[str, Any] = {
        "update_id": f"upd-{national_code}-{seq}",
        "national_code": national_code,
        "seq": seq,
        "kind": kind,
        "at": clock.now().isoformat(),
    }
    if kind == "withdrawn":
        body["reason"] = "Người nộp rút hồ sơ trên Cổng Dịch vụ công quốc gia"
    elif kind == "paid":
        body["payment"] = {"transaction": f"PAYGOV-{national_code}-{seq}", "paid_at": body["at"]}
    else:
        body["documents"] = [
            {"name": name, "file_url": f"{base_url()}/files/supplement-{seq}.pdf"}
            for name in _required(PROCEDURE)[:1]
        ]
    return body


def update(
    national_code: str, kind: str, *, seq: int | None = None, target: str = "", **fields: Any
) -> SandboxUpdate:
    """Make one change to a dossier the portal filed: pushed to `target` (Motcua's address),
    or left for Motcua to pull. `seq` defaults to the next one; give it to send out of order."""
    if kind not in UPDATE_KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of {', '.join(UPDATE_KINDS)}")
    if seq is None:
        seq = SandboxUpdate.objects.filter(national_code=national_code).count() + 1
    body = {**update_body(national_code, kind, seq), **fields}
    made = SandboxUpdate.objects.create(
        update_id=body["update_id"], national_code=national_code, body=body, made_at=clock.now()
    )
    if target:
        url = f"{target.rstrip('/')}/api/v1/national-portal/updates/"
        status, answer = _signed_post(url, body, f"update-{made.pk}")
        made.answer_status, made.answer = status, answer
        made.answered_at = clock.now() if status is not None else None
        made.save(update_fields=["answer_status", "answer", "answered_at"])
    return made


def pending_updates() -> list[dict[str, Any]]:
    """The changes Motcua has not answered yet (what a pull gets), in the order they were made."""
    return [u.body for u in SandboxUpdate.objects.filter(answered_at__isnull=True).order_by("id")]


def acknowledge_update(update_id: str, answer: dict[str, Any]) -> None:
    SandboxUpdate.objects.filter(update_id=update_id, answered_at__isnull=True).update(
        answer=answer, answer_status=200, answered_at=clock.now()
    )


def document(reference: str) -> tuple[str, bytes]:
    """A filed document: the portal's files are one-page PDFs; anything else is not held."""
    name = reference.rsplit("/", 1)[-1]
    held = reference.startswith(f"{base_url()}/files/") or reference.startswith("kho:")
    if not held or not name:
        raise DeliveryFailed("the portal holds no such document")
    return (name if name.endswith(".pdf") else f"{name}.pdf"), blank_pdf(name)


def holdings(codes: list[str]) -> dict[str, dict[str, Any]]:
    """The latest record the portal holds on each dossier (by our code), in its schema."""
    held: dict[str, dict[str, Any]] = {}
    events = SandboxPortalEvent.objects.filter(key__in=codes, out_of_order=False).order_by("id")
    for event in events:
        national = event.payload.get("national") or {}
        data = national.get("data") or [{}]
        held[event.key] = data[0]
    return held


def links(code: str) -> dict[str, str]:
    """Where the portal links to a dossier it filed: the resident's page and the officials',
    through Motcua's single sign-on from the portal (docs/integrations.md)."""
    if not code:
        return {}
    start = f"{settings.MOTCUA_PUBLIC_URL}/sso/national-portal/"
    return {
        "resident": f"{start}?{urlencode({'next': f'/my/dossiers/{code}/'})}",
        "official": f"{start}?{urlencode({'next': f'/workspace/dossiers/{code}/'})}",
    }


def state() -> dict[str, Any]:
    """What the sandbox portal holds: its filings with Motcua's answers, and each dossier's
    status as synchronised (with the events that arrived out of order)."""
    filings = [
        {
            "national_code": f.national_code,
            "scenario": f.scenario,
            "filed_at": f.filed_at.isoformat(),
            "answer_status": f.answer_status,
            "answer": f.answer,
            "links": links(str((f.answer or {}).get("code") or "")),
        }
        for f in SandboxFiling.objects.order_by("id")
    ]
    dossiers: dict[str, dict[str, Any]] = {}
    for event in SandboxPortalEvent.objects.order_by("id"):
        row = dossiers.setdefault(
            event.key, {"statuses": [], "out_of_order": 0, "resends_ignored": 0}
        )
        national = (event.payload.get("national") or {}).get("data") or [{}]
        row["resends_ignored"] += event.resends
        if event.out_of_order:
            row["out_of_order"] += 1
            continue
        row["statuses"].append(event.payload.get("status"))
        row["national_code"] = event.payload.get("national_code")
        row["current"] = national[0]
    changes = [
        {"update_id": u.update_id, "body": u.body, "answer": u.answer}
        for u in SandboxUpdate.objects.order_by("id")
    ]
    return {"mode": mode(), "filings": filings, "dossiers": dossiers, "updates": changes}


def _authorised(request: HttpRequest) -> bool:
    expected = f"Bearer {settings.MOTCUA_NATIONAL_PORTAL_TOKEN}"
    given = request.headers.get("Authorization", "")
    return hmac.compare_digest(given.encode(), expected.encode())  # in constant time


def _guarded_view(request: HttpRequest) -> HttpResponse | None:
    if not settings.MOTCUA_SANDBOX_PORTAL:
        raise Http404()
    if not _authorised(request):
        return JsonResponse({"error": "unauthorised"}, status=401)
    return None


def overview(request: HttpRequest) -> HttpResponse:
    """GET /sandbox-portal/: what the sandbox portal holds (JSON)."""
    refused = _guarded_view(request)
    return refused or JsonResponse(state(), json_dumps_params={"ensure_ascii": False})


def pending_view(request: HttpRequest) -> HttpResponse:
    refused = _guarded_view(request)
    return refused or JsonResponse(pending(), safe=False)


@csrf_exempt
@require_POST
def acknowledgements_view(request: HttpRequest) -> HttpResponse:
    refused = _guarded_view(request)
    if refused:
        return refused
    try:
        body = json.loads(request.body)
        acknowledge(str(body["national_code"]), body)
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "not an acknowledgement"}, status=400)
    return JsonResponse({"status": "ok"})


@csrf_exempt
@require_POST
def holdings_view(request: HttpRequest) -> HttpResponse:
    refused = _guarded_view(request)
    if refused:
        return refused
    try:
        codes = [str(c) for c in json.loads(request.body)["codes"]][:1000]
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "not a list of codes"}, status=400)
    return JsonResponse(holdings(codes))


def file_view(request: HttpRequest, name: str) -> HttpResponse:
    refused = _guarded_view(request)
    if refused:
        return refused
    try:
        filename, content = document(f"{base_url()}/files/{name}")
    except DeliveryFailed as exc:
        raise Http404() from exc
    return HttpResponse(content, content_type="application/pdf", headers={"X-Name": filename})


def updates_view(request: HttpRequest) -> HttpResponse:
    refused = _guarded_view(request)
    return refused or JsonResponse(pending_updates(), safe=False)


@csrf_exempt
@require_POST
def update_acknowledgements_view(request: HttpRequest) -> HttpResponse:
    refused = _guarded_view(request)
    if refused:
        return refused
    try:
        body = json.loads(request.body)
        acknowledge_update(str(body["update_id"]), body)
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "not an acknowledgement"}, status=400)
    return JsonResponse({"status": "ok"})
