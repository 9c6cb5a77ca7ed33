"""What the applicant, the public tracking page and the officials see of a dossier's postal
orders (reads only)."""

from typing import Any

from motcua.delivery import rules
from motcua.delivery.models import CostPayer, OrderStatus, PostalOrder
from motcua.dossiers.models import Dossier


def tracking(dossier: Dossier) -> list[dict[str, Any]]:
    """The dossier's postal orders, oldest first, in words: tracking number, status, postage
    and who pays it, each status heard, the proof of delivery."""
    orders = PostalOrder.objects.filter(dossier=dossier).prefetch_related("events")
    return [
        {
            "attempt": order.attempt,
            "status": order.status,
            "status_label": OrderStatus(order.status).label,
            "tracking_number": order.tracking_number,
            "cost_vnd": order.cost_vnd,
            "cost_text": f"{order.cost_vnd:,}".replace(",", ".") if order.cost_vnd else "0",
            "city_pays": order.cost_payer == CostPayer.CITY,
            "cost_source": rules.source_wording(order.cost_source),
            "delivered_at": order.delivered_at,
            "received_by": (order.proof or {}).get("received_by", ""),
            "returned": order.status == OrderStatus.RETURNED,
            "events": [
                (event.at, OrderStatus(event.status).label, event.note)
                for event in order.events.all()
            ],
        }
        for order in orders
    ]
