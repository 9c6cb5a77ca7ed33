"""Prometheus metrics: request counts and latency shared by every process of a node, and gauges
read from the database at each scrape (outbox lag and backlog, dossiers by status).

Gunicorn runs several worker processes, so request metrics use prometheus_client's
multiprocess mode: each process writes its own file under MOTCUA_METRICS_DIR and a scrape sums
them. settings.py names the directory (PROMETHEUS_MULTIPROC_DIR) before prometheus_client is
first imported; `make run` empties it before starting the server.
"""

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.http import HttpRequest, HttpResponse

Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)

from prometheus_client import (  # noqa: E402 (the directory above comes first)
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric  # noqa: E402
from prometheus_client.registry import Collector  # noqa: E402

from motcua.core import health as contributed  # noqa: E402
from motcua.integrations import selectors  # noqa: E402

REQUESTS = Counter(
    "motcua_http_requests_total",
    "HTTP requests answered, by method, route and status class.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "motcua_http_request_duration_seconds",
    "Time to answer an HTTP request, by method and route.",
    ["method", "route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


def _route(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return match.route if match is not None and match.route else "unmatched"


class RequestMetrics:
    """Count every request and time it, labelled by the URL pattern (bounded cardinality)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        route = _route(request)
        LATENCY.labels(request.method, route).observe(time.perf_counter() - started)
        REQUESTS.labels(request.method, route, f"{response.status_code // 100}xx").inc()
        return response


class DatabaseCollector(Collector):
    """Gauges read from the database when Prometheus scrapes."""

    def collect(self) -> Iterator[Metric]:
        backlog = selectors.outbox_backlog()
        lag = GaugeMetricFamily(
            "motcua_outbox_lag_seconds",
            "Age of the oldest undelivered outbox message (dead letters apart), by destination.",
            labels=["destination"],
        )
        pending = GaugeMetricFamily(
            "motcua_outbox_pending", "Undelivered outbox messages.", labels=["destination"]
        )
        dead = GaugeMetricFamily(
            "motcua_outbox_dead_letters", "Dead-lettered outbox messages.", labels=["destination"]
        )
        for row in backlog:
            lag.add_metric([row.destination], row.lag_seconds)
            pending.add_metric([row.destination], row.pending)
            dead.add_metric([row.destination], row.dead)
        yield from (lag, pending, dead)
        dossiers = GaugeMetricFamily("motcua_dossiers", "Dossiers by status.", labels=["status"])
        for status, count in selectors.dossiers_by_status().items():
            dossiers.add_metric([status], count)
        yield dossiers


def exposition() -> tuple[bytes, str]:
    """Return the text exposition of every process's metrics and the database gauges."""
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    registry.register(DatabaseCollector())
    for collector in contributed.collectors():  # the task queue's gauges (motcua.worker)
        registry.register(collector)
    return generate_latest(registry), CONTENT_TYPE_LATEST
