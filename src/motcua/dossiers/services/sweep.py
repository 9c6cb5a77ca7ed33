"""The periodic job: flag overdue dossiers, close the unsupplemented (DOMAIN T8, I6)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.dossiers import deadlines
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.processing import close_unsupplemented, flag_overdue


@dataclass(frozen=True)
class SweepResult:
    flagged: int
    closed: int


def sweep() -> SweepResult:
    """Flag each open dossier past its due moment once; close the ones waiting too long.

    Each dossier is its own transaction, so a failure leaves the others done. Several worker
    nodes may sweep at once: a dossier that another one flagged or closed first is skipped.
    """
    now = clock.now()
    late = Dossier.objects.filter(deadlines.open_overdue_q(now), overdue_flagged_at__isnull=True)
    flagged = _each(late.iterator(), flag_overdue)
    waiting = Dossier.objects.filter(deadlines.unsupplemented_q(now)).distinct()
    closed = _each(waiting.iterator(), close_unsupplemented)
    return SweepResult(flagged, closed)


def _each(dossiers: Iterable[Dossier], service: Callable[[Dossier], Dossier]) -> int:
    """Apply the service to each dossier; count those it changed, skip those done elsewhere."""
    done = 0
    for dossier in dossiers:
        try:
            service(dossier)
        except DomainError:  # flagged, closed or moved on by another node in the meantime
            continue
        done += 1
    return done
