"""The sandbox national public service portal: a receiver for the demo and the tests.

It is served over HTTP at `/sandbox-portal/events` (the HTTP adapter posts there in the demo)
and called in process by the sandbox adapter. It keeps each event once by its event id (a resend
is answered "duplicate" and counted) and can be told to misbehave: down (503), slow (answers
after MOTCUA_SANDBOX_PORTAL_SLOW_SECONDS, past the sender's timeout) or garbage (200 with a body
that is no acknowledgement). The mode lives in the database so that every process sees it.
"""

import json
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from motcua.core import clock
from motcua.integrations.models import SandboxPortalEvent, SandboxPortalMode, SandboxPortalState

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


def _store(body: dict[str, Any]) -> str:
    try:
        with transaction.atomic():
            SandboxPortalEvent.objects.create(
                event_id=body["event_id"],
                key=body["key"][:80],
                topic=body["topic"][:60],
                payload=body["payload"],
                received_at=clock.now(),
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
    expected = f"Bearer {settings.MOTCUA_NATIONAL_PORTAL_TOKEN}"
    if request.headers.get("Authorization", "") != expected:
        return JsonResponse({"error": "unauthorised"}, status=401)
    try:
        body = json.loads(request.body)
    except ValueError:
        body = None
    answer = receive(body, wait=True)
    if answer.json is None:
        return HttpResponse(GARBAGE, status=answer.status, content_type="text/html")
    return JsonResponse(answer.json, status=answer.status)
