"""Monitoring's periodic jobs (collected by `motcua.worker`; see motcua.core.jobs)."""

from motcua.core.jobs import DEADLINES, DEFAULT, Job
from motcua.monitoring import directive_services
from motcua.monitoring import services as monitoring

JOBS = (
    # the rollups catch up from their watermark on each run
    Job("monitoring.rollups", monitoring.refresh_rollups, queue=DEFAULT),
    # overdue directive assignments: their agency reminded at most once a day
    Job("monitoring.urge_overdue", directive_services.urge_overdue, queue=DEADLINES),
)
