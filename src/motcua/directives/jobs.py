"""Directives' periodic jobs (collected by `motcua.worker`; see motcua.core.jobs)."""

from motcua.core.jobs import DEADLINES, Job
from motcua.directives import services

JOBS = (
    # overdue assignments: their agency reminded at most once a day
    Job("directives.urge_overdue", services.urge_overdue, queue=DEADLINES),
)
