"""Liveness, readiness (database, worker heartbeat, outbox lag) and Prometheus metrics."""

from datetime import timedelta

from django.db import connection

import pytest
import time_machine
from prometheus_client.parser import text_string_to_metric_families

from motcua.core import clock
from motcua.integrations import services
from motcua.integrations.models import OutboxMessage
from tests.builders.dossiers import file_dossier


def _samples(client) -> dict[tuple[str, tuple], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    found = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for s in family.samples:
            found[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return found


def test_live_answers_without_touching_the_database(client):
    response = client.get("/health/live")  # no database fixture: a query would fail the test

    assert response.status_code == 200
    assert response.json() == {"status": "live"}


def test_ready_needs_a_recent_worker_heartbeat(db, client, settings):
    settings.MOTCUA_HEALTH_WORKER_MAX_AGE_SECONDS = 120

    never = client.get("/health/ready")
    services.beat("node-1")
    fresh = client.get("/health/ready")
    with time_machine.travel(clock.now() + timedelta(seconds=300), tick=False):
        stale = client.get("/health/ready")

    assert never.status_code == 503
    assert never.json()["problems"] == ["worker: no heartbeat yet"]
    assert fresh.status_code == 200
    assert fresh.json()["status"] == "ready"
    assert stale.status_code == 503
    assert stale.json()["problems"][0].startswith("worker: last heartbeat 30")


def test_ready_reports_an_outbox_that_lags(ward_a, client, settings):
    settings.MOTCUA_HEALTH_OUTBOX_MAX_LAG_SECONDS = 600
    file_dossier(ward_a.receiving)

    with time_machine.travel(clock.now() + timedelta(seconds=900), tick=False):
        services.beat("node-1")
        response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["problems"] == ["outbox: oldest undelivered message 900 s old"]
    assert response.json()["outbox_lag_seconds"] == pytest.approx(900, abs=5)


def test_ready_is_503_when_the_database_does_not_answer(db, client, monkeypatch):
    def broken(*args, **kwargs):
        raise connection.Database.OperationalError("gone")

    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", broken)
        response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["problems"] == ["database: unavailable"]


def test_metrics_count_requests_and_read_the_outbox_and_dossiers(ward_a, client):
    before = _samples(client)
    file_dossier(ward_a.receiving)
    OutboxMessage.objects.filter(destination="sms").update(
        dead_at=OutboxMessage.objects.first().created_at
    )
    for _ in range(3):
        client.get("/health/live")

    after = _samples(client)

    key = (
        "motcua_http_requests_total",
        (("method", "GET"), ("route", "health/live"), ("status", "2xx")),
    )
    assert after[key] - before.get(key, 0) >= 3
    assert after[("motcua_dossiers", (("status", "received"),))] == 1
    assert after[("motcua_dossiers", (("status", "approved"),))] == 0
    assert after[("motcua_outbox_pending", (("destination", "national_portal"),))] == 1
    assert after[("motcua_outbox_dead_letters", (("destination", "sms"),))] == 1
    assert after[("motcua_outbox_lag_seconds", (("destination", "national_portal"),))] >= 0
    assert any(name == "motcua_http_request_duration_seconds_count" for name, _ in after)


def test_metrics_ask_for_the_token_when_one_is_set(db, client, settings):
    settings.MOTCUA_METRICS_TOKEN = "scrape-secret"

    refused = client.get("/metrics")
    allowed = client.get("/metrics", headers={"Authorization": "Bearer scrape-secret"})

    assert refused.status_code == 401
    assert allowed.status_code == 200
