"""The periodic job: flag overdue dossiers, close the unsupplemented (DOMAIN T8, I6)."""

from dataclasses import dataclass
from datetime import timedelta

from motcua.core import clock
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.processing import close_unsupplemented, flag_overdue
from motcua.dossiers.workflow import OPEN, Status

SUPPLEMENT_WAIT = timedelta(days=15)


@dataclass(frozen=True)
class SweepResult:
    flagged: int
    closed: int


def sweep() -> SweepResult:
    """Flag each open dossier past its due moment once; close the ones waiting too long.

    Each dossier is its own transaction, so a failure leaves the others done.
    """
    now = clock.now()
    # DOMAIN T6: while waiting for the applicant the clock stands still, so it cannot run late.
    running = [s for s in OPEN if s != Status.WAITING_SUPPLEMENT]
    late = Dossier.objects.filter(
        status__in=running, due_at__lt=now, overdue_flagged_at__isnull=True
    )
    flagged = sum(1 for dossier in late.iterator() if flag_overdue(dossier))
    waiting = Dossier.objects.filter(
        status=Status.WAITING_SUPPLEMENT,
        pauses__ended_at__isnull=True,
        pauses__started_at__lt=now - SUPPLEMENT_WAIT,
    ).distinct()
    closed = sum(1 for dossier in waiting.iterator() if close_unsupplemented(dossier))
    return SweepResult(flagged, closed)
