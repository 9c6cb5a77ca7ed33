"""The delivery app's errors (Vietnamese and English through gettext)."""

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict, DomainError, Forbidden


class CallbackRefused(Forbidden):
    code = "callback_refused"
    message = _("The postal operator's callback is not signed as it should be.")


class BadStatus(DomainError):
    code = "invalid_postal_status"
    message = _("The postal operator's status could not be read.")


class NotReturned(Conflict):
    code = "postal_not_returned"
    message = _("Only a postal item returned to the agency can be handled.")


class NoAddress(DomainError):
    code = "postal_address_required"
    message = _("Give the address the post delivers the result to.")
