"""The dossier's life: one transition table (status × action → next status, and who may act).

Imports only TextChoices and gettext_lazy from Django, so it loads without a database.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict


class Status(TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING_SUPPLEMENT = "waiting_supplement", _("Waiting for the applicant's supplement")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RESULT_SIGNED = "result_signed", _("Result signed")
    RETURNED = "returned", _("Result returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed without supplement")


class Action(TextChoices):
    RECEIVE = "receive", _("Receive")
    ACCEPT = "accept", _("Accept")
    ASSIGN = "assign", _("Assign")
    DIGITISE = "digitise", _("Add scanned paper documents")
    ASSESS_FEE = "assess-fee", _("Assess the fees")
    FORWARD = "forward", _("Forward to a step")
    REQUEST_SUPPLEMENT = "request-supplement", _("Request a supplement")
    SUPPLEMENT = "supplement", _("Supplement")
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    SIGN_RESULT = "sign-result", _("Sign the result")
    RETURN_RESULT = "return-result", _("Return the result")
    WITHDRAW = "withdraw", _("Withdraw")
    APOLOGIZE = "apologize", _("Apologise for a delay")
    EVALUATE = "evaluate", _("Evaluate")
    FLAG_OVERDUE = "flag-overdue", _("Flag as overdue")
    PAY = "pay", _("Fees paid")
    CLOSE = "close", _("Close without supplement")
    WALLET_CONSENT = "wallet-consent", _("The holder let the counter reuse their wallet")
    REPLAN = "replan", _("Due date re-planned after a calendar change")
    TRANSFER = "transfer", _("Transfer to the competent agency")
    HAND_OVER = "hand-over", _("Hand a part over to its agency")
    ACKNOWLEDGE = "acknowledge", _("Acknowledge the part handed over")
    FINISH_PART = "finish-part", _("Finish the part with its result")


# Who acts, relative to the dossier: "applicant" is whoever filed it.
APPLICANT = "applicant"
RECEIVING = "receiving_officer"
HANDLING = "handling_officer"
APPROVER = "approver"
SYSTEM = "system"
# Read-only roles (in no edge): the agency that transferred a dossier on (DOMAIN N4), and a
# participating agency of a joint dossier, which acts on its own part only (part actions).
FORMER_AGENCY = "former_agency"
PARTICIPANT = "participant_officer"


@dataclass(frozen=True)
class Edge:
    to: Status
    roles: frozenset[str]


def _edge(to: Status, *roles: str) -> Edge:
    return Edge(to, frozenset(roles))


S, A = Status, Action
OPEN = (S.RECEIVED, S.IN_PROGRESS, S.WAITING_SUPPLEMENT, S.APPROVED)

TRANSITIONS: Final[Mapping[tuple[Status, Action], Edge]] = {
    # DOMAIN I3/I6: the receipt is checked, then accepted or sent back for supplementation.
    (S.RECEIVED, A.ACCEPT): _edge(S.IN_PROGRESS, RECEIVING, HANDLING, APPROVER),
    (S.RECEIVED, A.REQUEST_SUPPLEMENT): _edge(S.WAITING_SUPPLEMENT, RECEIVING, HANDLING),
    # DOMAIN P3: paper documents that arrive later (by post) are scanned in by the counter.
    (S.RECEIVED, A.DIGITISE): _edge(S.RECEIVED, RECEIVING),
    (S.IN_PROGRESS, A.DIGITISE): _edge(S.IN_PROGRESS, RECEIVING),
    # DOMAIN F1: the officials assess which lines of the fee schedule apply, before payment.
    **{(s, A.ASSESS_FEE): _edge(s, RECEIVING, HANDLING) for s in OPEN},
    # DOMAIN N4 (Decree 118/2025 Art 17(2)(a)): a misdirected dossier goes on to the competent
    # agency, which receives it anew (its clock starts then).
    (S.RECEIVED, A.TRANSFER): _edge(S.RECEIVED, RECEIVING, HANDLING),
    (S.IN_PROGRESS, A.TRANSFER): _edge(S.RECEIVED, HANDLING, APPROVER),
    # DOMAIN N4 (Decree 118/2025 Art 20): the lead hands each part over with a routing slip; the
    # participating agency (or its system) acknowledges it and finishes it with a result.
    **{(s, A.HAND_OVER): _edge(s, HANDLING, APPROVER) for s in (S.IN_PROGRESS, S.APPROVED)},
    **{(s, A.ACKNOWLEDGE): _edge(s, PARTICIPANT, SYSTEM) for s in (S.IN_PROGRESS, S.APPROVED)},
    **{(s, A.FINISH_PART): _edge(s, PARTICIPANT, SYSTEM) for s in (S.IN_PROGRESS, S.APPROVED)},
    # A participating agency asks for a supplement of its part's documents only.
    (S.APPROVED, A.REQUEST_SUPPLEMENT): _edge(S.WAITING_SUPPLEMENT, PARTICIPANT),
    # DOMAIN T7: the process steps are tasks at the competent agency.
    (S.IN_PROGRESS, A.ASSIGN): _edge(S.IN_PROGRESS, HANDLING, APPROVER),
    (S.IN_PROGRESS, A.FORWARD): _edge(S.IN_PROGRESS, HANDLING, APPROVER),
    # DOMAIN P1: one written request listing everything; the clock pauses (T6).
    (S.IN_PROGRESS, A.REQUEST_SUPPLEMENT): _edge(
        S.WAITING_SUPPLEMENT, HANDLING, APPROVER, PARTICIPANT
    ),
    (S.WAITING_SUPPLEMENT, A.SUPPLEMENT): _edge(S.IN_PROGRESS, APPLICANT, RECEIVING),
    # DOMAIN I6: a dossier closes after 15 days without the applicant's supplement.
    (S.WAITING_SUPPLEMENT, A.CLOSE): _edge(S.CLOSED, SYSTEM),
    (S.IN_PROGRESS, A.APPROVE): _edge(S.APPROVED, APPROVER),
    # DOMAIN P2: refusal states its legal reason.
    (S.RECEIVED, A.REJECT): _edge(S.REJECTED, APPROVER),
    (S.IN_PROGRESS, A.REJECT): _edge(S.REJECTED, APPROVER),
    # DOMAIN P3: the competent agency signs the result electronically.
    (S.APPROVED, A.SIGN_RESULT): _edge(S.RESULT_SIGNED, APPROVER),
    # DOMAIN N5: a paper result delivered by post is returned by the system (proof of delivery).
    (S.RESULT_SIGNED, A.RETURN_RESULT): _edge(S.RETURNED, RECEIVING, HANDLING, SYSTEM),
    # DOMAIN P2: withdrawal at the applicant's request before the result is issued.
    **{(s, A.WITHDRAW): _edge(S.WITHDRAWN, APPLICANT, RECEIVING) for s in OPEN},
    # DOMAIN T8, I6: an apology with a new appointment, once, while the dossier is open.
    **{(s, A.APOLOGIZE): _edge(s, HANDLING, APPROVER) for s in OPEN},
    **{(s, A.FLAG_OVERDUE): _edge(s, SYSTEM) for s in OPEN},
    # DOMAIN F3: a payment confirmed by a provider or a reconciled bank statement.
    **{(s, A.PAY): _edge(s, SYSTEM) for s in (*OPEN, S.RESULT_SIGNED, S.RETURNED)},
    (S.RETURNED, A.EVALUATE): _edge(S.RETURNED, APPLICANT),
    (S.REJECTED, A.EVALUATE): _edge(S.REJECTED, APPLICANT),
}
# Resolved: the clock has stopped (DOMAIN T8 compares this moment with the due moment).
FINISHED: Final = frozenset({S.REJECTED, S.RESULT_SIGNED, S.RETURNED, S.WITHDRAWN, S.CLOSED})
TERMINAL: Final = frozenset({S.REJECTED, S.RETURNED, S.WITHDRAWN, S.CLOSED})
# Resolved by the agency: these count as on time or late (withdrawn and closed do not).
RESOLVED: Final = frozenset({S.REJECTED, S.RESULT_SIGNED, S.RETURNED})


class TransitionRefused(Conflict):
    code = "transition_not_allowed"
    message = _("This action is not allowed while the dossier is %(status)s.")


def edge(current: str, action: str) -> Edge:
    """Return the transition for `action` in `current`, or raise TransitionRefused (409)."""
    found = TRANSITIONS.get((Status(current), Action(action)))
    if found is None:
        raise TransitionRefused(params={"status": Status(current).label})
    return found


def mermaid() -> str:
    """Return the transition table as a Mermaid state diagram."""
    lines = ["stateDiagram-v2", "    [*] --> received: receive"]
    for (status, action), to in TRANSITIONS.items():
        roles = ", ".join(sorted(to.roles))
        lines.append(f"    {status.value} --> {to.to.value}: {action.value} ({roles})")
    lines += [f"    {status.value} --> [*]" for status in sorted(TERMINAL)]
    return "\n".join(lines) + "\n"
