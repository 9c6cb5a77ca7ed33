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

        from motcua.dossiers.services import national_updates
        from motcua.payments.services import settle_portal_payment

        if settle_portal_payment not in national_updates.PAYMENT_HANDLERS:
            national_updates.PAYMENT_HANDLERS.append(settle_portal_payment)
