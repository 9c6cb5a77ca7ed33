from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "motcua.payments"
    verbose_name = _("Fees and payments")

    def ready(self) -> None:
        from motcua.dossiers.services import fee_listeners as fees
        from motcua.payments.services import prepare_payment_request

        if prepare_payment_request not in fees.FEE_SET:
            fees.FEE_SET.append(prepare_payment_request)

        from motcua.integrations.models import Destination
        from motcua.integrations.senders import HANDLERS
        from motcua.payments.services import deliver_receipt

        HANDLERS[Destination.RECEIPT_PROVIDER] = deliver_receipt
