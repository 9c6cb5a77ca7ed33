"""The preconditions of the officials' and applicants' actions beyond the state machine: the
once-only and timing rules, each stated once, as pure functions of the dossier and the moment.

`actions.REGISTRY` gives each action its precondition; `work.allowed_actions` offers an action
only while it holds, and the services refuse what it refuses (one rule, every path).
"""

from datetime import datetime

from motcua.dossiers import deadlines
from motcua.dossiers.models import Dossier, Task


def always(dossier: Dossier, now: datetime) -> bool:
    """No rule beyond the state machine's (the status, the role and the expected version)."""
    return True


def can_request_supplement(dossier: Dossier, now: datetime) -> bool:
    """DOMAIN P1: supplementation is asked for once; another round only after a partial one
    (the applicant did not supply everything asked)."""
    return not (dossier.supplement_rounds and dossier.last_supplement_complete)


def can_apologize(dossier: Dossier, now: datetime) -> bool:
    """DOMAIN T8/I6: an apology is offered once, while it is still lawful: at least 1 day before
    the due moment (Decree 118/2025 Art 19(6)). The service still records a late one through
    the API, marked late, so that it is counted."""
    return (
        dossier.apologized_at is None
        and dossier.due_at is not None
        and not deadlines.apology_is_late(dossier.due_at, now)
    )


def can_evaluate(dossier: Dossier, now: datetime) -> bool:
    """The applicant rates the service once."""
    return dossier.evaluation_score is None


def can_assess_fee(dossier: Dossier, now: datetime) -> bool:
    """The fee is set until it is paid, not after."""
    return dossier.fee_paid_at is None


def can_forward(dossier: Dossier, now: datetime) -> bool:
    """There is a later step of the process to forward to."""
    return any(t.state == Task.State.PENDING for t in dossier.tasks.all())
