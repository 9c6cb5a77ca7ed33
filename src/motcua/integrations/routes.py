"""Which destinations each outbox topic goes to (one outbox row per destination, so that a
failing SMS gateway never holds back the national portal, and each keeps its own order)."""

from typing import Any

from motcua.integrations import notices
from motcua.integrations.models import Destination

DOSSIER_STATUS = "dossier.status"
DIRECTIVE_URGE = "directive.urge"
COMPLAINT_ANSWERED = "complaint.answered"
DOSSIER_EVENT = "dossier.event"  # every event of a dossier's log, to webhook subscribers only
PAYMENT_RECEIPT = "payment.receipt"  # a fallback receipt to replace by the provider's
DOSSIER_RESYNC = "dossier.resync"  # a dossier sent again to the national portal (reconciliation)
DOSSIER_PART = "dossier.part"  # a joint dossier's part to a participating agency's system
INTAKE_ALERT = "dossier.intake_alert"  # an online dossier not seen, or not accepted, in time
POSTAL_ORDER = "postal.order"  # a paper result to hand to the postal operator (delivery app)
DOSSIER_POSTAL = "dossier.postal"  # the applicant told: result posted, or returned undelivered
NATIONAL_SCHEMA = (DOSSIER_STATUS, DOSSIER_RESYNC)  # the portal gets them in its schema


# Topics that always go to the same destinations.
FIXED = {
    DOSSIER_RESYNC: (Destination.NATIONAL_PORTAL,),
    DIRECTIVE_URGE: (Destination.EMAIL,),
    INTAKE_ALERT: (Destination.EMAIL,),
    DOSSIER_PART: (Destination.PARTICIPANT_SYSTEM,),
    PAYMENT_RECEIPT: (Destination.RECEIPT_PROVIDER,),
    POSTAL_ORDER: (Destination.POSTAL_OPERATOR,),
    DOSSIER_POSTAL: (Destination.EMAIL, Destination.SMS),
    COMPLAINT_ANSWERED: (Destination.EMAIL, Destination.SMS),  # an e-mail address or a phone
}


def destinations(topic: str, payload: dict[str, Any]) -> list[str]:
    """Return the destinations of a message; an unknown topic is a programming error."""
    if topic == DOSSIER_STATUS:
        found = [Destination.NATIONAL_PORTAL.value]
        if notices.kind_of(payload):
            found += [Destination.EMAIL.value, Destination.SMS.value]
        return found
    if topic == DOSSIER_EVENT:  # the subscriptions that want it: services.enqueue
        return []
    if topic in FIXED:
        return [d.value for d in FIXED[topic]]
    raise ValueError(f"no route for outbox topic {topic!r}")
