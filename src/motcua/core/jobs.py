"""How an app declares its background jobs (Zulip's `zerver/worker/` idea: the entry layer
collects them, the apps never import it).

Each app that has periodic work lists it in its own `jobs.py` as `JOBS = (Job(...), ...)`. The
worker app (`motcua.worker`, the entry layer) collects every installed app's `JOBS`, schedules
each one on the database task queue and runs it on the job's queue, so that a slow job (the
nightly scan) never waits in front of a fast one (outbox delivery, the overdue sweep).

A job's function takes no argument, or one keyword `attempt` (1 for the first run, 2 for the
first retry, ...). It must be safe to run again after being killed half-way: each of ours works
in small transactions and skips what another run already did.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

# The queues (docs/operations.md: one worker process per queue by default).
OUTBOX = "outbox"  # deliveries to the national portal, e-mail, SMS, webhooks
DEADLINES = "deadlines"  # the overdue sweep, the intake watch, the directives' reminders
DEFAULT = "default"  # rollups, the national portal's pull, reconciliation, look-ups again
SCANS = "scans"  # the nightly scans over every dossier (long)
QUEUES = (OUTBOX, DEADLINES, DEFAULT, SCANS)


def _setting(value: float | str) -> float:
    """A number, or the name of the setting that holds it (read when needed: tests change it)."""
    return float(getattr(settings, value)) if isinstance(value, str) else float(value)


@dataclass(frozen=True)
class Job:
    """A periodic job: every `every` seconds, or once a day from the local hour `daily_from`.

    `every` and `daily_from` may name a setting instead of holding the number. `stale_after`
    (seconds) is how old the last success may be before /health/ready reports the job; by
    default three periods and a minute (26 hours for a daily job).
    """

    name: str
    run: Callable[..., Any]
    queue: str = DEFAULT
    every: float | str | None = "MOTCUA_WORKER_INTERVAL_SECONDS"
    daily_from: int | str | None = None
    max_attempts: int | str = "MOTCUA_WORKER_MAX_ATTEMPTS"
    stale_after: float | None = None

    def __post_init__(self) -> None:
        if self.queue not in QUEUES:
            raise ValueError(f"job {self.name}: unknown queue {self.queue!r}")

    @property
    def period_seconds(self) -> float:
        if self.daily_from is not None:
            return 24 * 3600.0
        assert self.every is not None
        return max(1.0, _setting(self.every))

    @property
    def daily_hour(self) -> int | None:
        return None if self.daily_from is None else int(_setting(self.daily_from))

    @property
    def attempts(self) -> int:
        return max(1, int(_setting(self.max_attempts)))

    @property
    def stale_seconds(self) -> float:
        if self.stale_after is not None:
            return self.stale_after
        if self.daily_from is not None:
            return 26 * 3600.0
        return 3 * self.period_seconds + 60
