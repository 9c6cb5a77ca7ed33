"""The dossiers' periodic jobs (collected by `motcua.worker`; see motcua.core.jobs)."""

import logging

from motcua.core.jobs import DEADLINES, DEFAULT, Job
from motcua.dossiers import participants, services
from motcua.dossiers.services import intake_watch
from motcua.dossiers.services.sweep import SweepResult

logger = logging.getLogger(__name__)


def sweep() -> SweepResult:
    """Flag the dossiers past their due moment, close those waiting too long for a supplement."""
    result = services.sweep()
    logger.info("worker_sweep", extra={"flagged": result.flagged, "closed": result.closed})
    return result


JOBS = (
    Job("dossiers.sweep", sweep, queue=DEADLINES),
    # the 2-hour alert and the 8-working-hour flag of online dossiers nobody opened
    Job("dossiers.intake_watch", intake_watch.check, queue=DEADLINES),
    # documents a national database did not answer for: asked again
    Job("dossiers.retry_matches", services.retry_pending_matches, queue=DEFAULT),
    # joint dossiers' parts on other systems: their results fetched back (issue 24)
    Job("dossiers.participant_results", participants.collect_results, queue=DEFAULT),
)
