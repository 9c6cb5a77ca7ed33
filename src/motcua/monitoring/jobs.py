"""Monitoring's periodic jobs (collected by `motcua.worker`; see motcua.core.jobs)."""

from motcua.core.jobs import DEFAULT, Job
from motcua.monitoring import services as monitoring

JOBS = (
    # the rollups catch up from their watermark on each run
    Job("monitoring.rollups", monitoring.refresh_rollups, queue=DEFAULT),
)
