"""The dossier services' refusals, each with a stable code (shared/API.md error body)."""

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict, DomainError, Forbidden, NotFound, RuleViolation


class InvalidDossier(DomainError):
    code = "invalid_dossier"
    message = _("The dossier is not valid. See the fields.")


def invalid(field: str, message: str) -> InvalidDossier:
    """The dossier refused for one field, with the reason."""
    return InvalidDossier(fields={field: [message]})


class StaleVersion(Conflict):
    code = "stale_version"
    message = _("Someone else changed this dossier. Reload it and try again.")


class NotYourRole(Forbidden):
    code = "role_not_allowed"
    message = _("Your role does not allow this action on this dossier.")


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"
    message = _("This Idempotency-Key was already used with a different request.")


class ExtraDocumentNotAllowed(RuleViolation):
    code = "extra_document_not_allowed"
    message = _(
        "Only documents listed by the procedure, or corrections of submitted ones, may be "
        "requested. The request was recorded."
    )


class SupplementRoundLimit(RuleViolation):
    code = "supplement_round_limit"
    message = _(
        "Supplementation was already requested and the applicant supplied everything asked. "
        "Another request is not allowed. The request was recorded."
    )


class AlreadyDone(RuleViolation):
    code = "already_done"
    message = _("This has already been done for this dossier and may be done only once.")


class AssigneeNotInAgency(RuleViolation):
    code = "assignee_not_in_agency"
    message = _("The assignee is not an official of the handling agency.")


class PaymentRequired(RuleViolation):
    code = "payment_required"
    message = _("This procedure's fees (%(amount)s VND) must be paid before approval.")


class AssuranceTooLow(Forbidden):
    code = "assurance_too_low"
    message = _(
        "Filing this procedure online needs a level-%(level)s electronic identity (VNeID); "
        "sign in again at that level."
    )


class UnknownAction(NotFound):
    code = "unknown_action"
    message = _("There is no such action on a dossier. The actions are: %(actions)s.")
