"""What other apps add to /health/ready and /metrics without being imported by them.

`/health/ready` and `/metrics` are served by `motcua.integrations.health`; an app above it (the
worker, which owns the task queue) registers here, in its AppConfig.ready(), a readiness check
and a Prometheus collector. The endpoints ask this module, so the arrows keep pointing down.
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

# now -> (problems, figures): each problem one short line, figures merged into the body
ReadinessCheck = Callable[[datetime], tuple[list[str], dict[str, Any]]]

_checks: dict[str, ReadinessCheck] = {}
_collectors: dict[str, Any] = {}  # prometheus_client collectors (objects with .collect())


def add_readiness_check(name: str, check: ReadinessCheck) -> None:
    _checks[name] = check


def add_collector(name: str, collector: Any) -> None:
    _collectors[name] = collector


def readiness_checks() -> Iterable[ReadinessCheck]:
    return list(_checks.values())


def collectors() -> Iterable[Any]:
    return list(_collectors.values())
