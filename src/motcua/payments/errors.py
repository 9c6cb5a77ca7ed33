"""The payments app's errors (Vietnamese and English through gettext)."""

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict, DomainError, NotFound


class InvalidAccount(DomainError):
    code = "invalid_fee_account"
    message = _("The fee-collection account is not valid.")


class NoFee(NotFound):
    code = "no_fee"
    message = _("This dossier has no fee to pay.")


class NothingToCollect(Conflict):
    code = "nothing_to_collect"
    message = _("This dossier has no unpaid fee to collect.")


class CallbackReplayed(Conflict):
    code = "callback_replayed"
    message = _("This payment confirmation was already received.")


class PortalPaymentUnsettled(Conflict):
    code = "portal_payment_unsettled"
    message = _(
        "The payment made on the national portal does not settle this dossier's fee; it is "
        "listed for review."
    )
