"""`motcua worker`: the periodic jobs (dossier sweep, outbox delivery, heartbeat, ...)."""

import logging
import signal
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from motcua.dossiers import participants, services
from motcua.dossiers.services import intake_watch
from motcua.integrations import delivery, inbound, reconciliation
from motcua.integrations import services as integrations
from motcua.integrity import services as integrity
from motcua.monitoring import directive_services
from motcua.monitoring import services as monitoring

logger = logging.getLogger(__name__)


def _guarded(job: Callable[[], Any]) -> None:
    """Run one job; its failure is logged and the others still run."""
    try:
        job()
    except Exception:  # the loop must survive any one failure; it is logged
        logger.exception("worker_job_failed", extra={"job": job.__qualname__})


class Command(BaseCommand):
    help = "Run the periodic jobs every MOTCUA_WORKER_INTERVAL_SECONDS until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run the jobs once and exit")

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = False

        def stop(*_args: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not stopping:
            try:
                result = services.sweep()
                logger.info(
                    "worker_sweep", extra={"flagged": result.flagged, "closed": result.closed}
                )
                services.retry_pending_matches()
            except Exception:  # the loop must survive any one failure; it is logged
                logger.exception("worker_job_failed")
            _guarded(integrity.run_nightly_scan)  # once a night (ScanRun)
            _guarded(monitoring.refresh_rollups)  # the rollups catch up on the next run
            _guarded(directive_services.urge_overdue)
            _guarded(inbound.pull)  # the national portal's dossiers (also pushed to the API)
            _guarded(intake_watch.check)  # the 2-hour alert, the 8-working-hour flag
            _guarded(reconciliation.reconcile_yesterday)  # once a day
            _guarded(delivery.deliver_outbox)
            _guarded(participants.collect_results)  # joint dossiers' parts on other systems
            _guarded(integrations.beat)
            if options["once"]:
                return
            close_old_connections()  # between runs, like a request boundary
            for _ in range(settings.MOTCUA_WORKER_INTERVAL_SECONDS):
                if stopping:
                    break
                time.sleep(1)
