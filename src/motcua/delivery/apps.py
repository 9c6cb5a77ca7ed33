from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "motcua.delivery"
    verbose_name = _("Results by post")

    def ready(self) -> None:
        from motcua.delivery.services import deliver_order, open_order
        from motcua.dossiers.services import fee_listeners as listeners
        from motcua.integrations.models import Destination
        from motcua.integrations.senders import HANDLERS

        if open_order not in listeners.RESULT_SIGNED:
            listeners.RESULT_SIGNED.append(open_order)
        HANDLERS[Destination.POSTAL_OPERATOR] = deliver_order
