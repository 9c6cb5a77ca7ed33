"""The identity services' refusals, each with a stable code (shared/API.md error body)."""

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict, DomainError, RuleViolation


class InvalidHelper(DomainError):
    code = "invalid_helper"
    message = _("The helper's registration is not valid. See the fields.")


class NoSuchAccount(RuleViolation):
    code = "no_such_account"
    message = _(
        "No account has this name. The member signs in once (with VNeID) before being registered."
    )


class HelperOfAnotherWard(Conflict):
    code = "helper_of_another_ward"
    message = _("This person is a helper of another ward; only the centre may move them.")


class InvalidPortalLink(DomainError):
    code = "invalid_portal_link"
    message = _("This ID number cannot be linked to the official account. See the fields.")
