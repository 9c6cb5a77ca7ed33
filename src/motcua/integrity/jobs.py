"""Integrity's periodic jobs (collected by `motcua.worker`; see motcua.core.jobs)."""

from typing import Any

from motcua.core.jobs import SCANS, Job
from motcua.integrity import services


def nightly_scan(*, attempt: int = 1) -> Any:
    """The night's rescan; a retry (its first run was killed) takes over the unfinished night."""
    return services.run_nightly_scan(take_over=attempt > 1)


JOBS = (
    # over every dossier of the window: long, so on a queue of its own
    Job(
        "integrity.nightly_scan",
        nightly_scan,
        queue=SCANS,
        daily_from="MOTCUA_INTEGRITY_SCAN_HOUR",
        max_attempts=3,
    ),  # fmt: skip
)
