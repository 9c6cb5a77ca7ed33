"""Liveness, readiness and Prometheus metrics for load balancers and monitoring.

`/health/live` answers while the process serves requests (no database: a slow database must not
get healthy processes restarted). `/health/ready` answers 503 with its reasons when the
database does not answer, no worker has beaten recently, the outbox lags, or a periodic job
has not succeeded for too long (what other apps add through `motcua.core.health`).
"""

import hmac
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from motcua.core import clock
from motcua.core import health as contributed
from motcua.integrations import metrics as exported
from motcua.integrations import selectors


@never_cache
@require_GET
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "live"})


def _problems() -> tuple[list[str], dict[str, Any]]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure of the database means "not ready"; the reason is shown
        return ["database: unavailable"], {}
    problems = []
    now = clock.now()
    beat = selectors.newest_heartbeat()
    beat_age = (now - beat).total_seconds() if beat else None
    if beat_age is None:
        problems.append("worker: no heartbeat yet")
    elif beat_age > settings.MOTCUA_HEALTH_WORKER_MAX_AGE_SECONDS:
        problems.append(f"worker: last heartbeat {int(beat_age)} s ago")
    lag = selectors.outbox_lag_seconds(now)
    if lag > settings.MOTCUA_HEALTH_OUTBOX_MAX_LAG_SECONDS:
        problems.append(f"outbox: oldest undelivered message {int(lag)} s old")
    figures: dict[str, Any] = {"worker_heartbeat_age_seconds": beat_age, "outbox_lag_seconds": lag}
    for check in contributed.readiness_checks():  # the task queue's jobs (motcua.worker)
        more, numbers = check(now)
        problems += more
        figures.update(numbers)
    return problems, figures


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    problems, figures = _problems()
    body = {"status": "not ready" if problems else "ready", "problems": problems, **figures}
    return JsonResponse(body, status=503 if problems else 200)


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    token = settings.MOTCUA_METRICS_TOKEN
    if token and not hmac.compare_digest(
        request.headers.get("Authorization", "").encode(), f"Bearer {token}".encode()
    ):
        return HttpResponse(status=401)
    body, content_type = exported.exposition()
    return HttpResponse(body, content_type=content_type)
