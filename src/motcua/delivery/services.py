"""Results by post (DOMAIN N5): the postal order of a paper result, through the outbox to the
postal operator; its statuses (signed callback or pull); the proof of delivery on the dossier;
a returned item handled (sent again, or collected at the counter). docs/delivery.md.

Creating the order is crash-safe: the order row and its outbox message are written in the
transaction that signs the result; the operator is called by the outbox (outside any
transaction) with the order's key, so a resend gets the same parcel.
"""

import hmac
import json
import logging
import time
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from motcua.core import clock
from motcua.core.errors import Forbidden, NotFound
from motcua.core.text import is_ascii_number
from motcua.delivery import rules
from motcua.delivery.errors import BadStatus, CallbackRefused, NoAddress, NotReturned
from motcua.delivery.models import CostPayer, Handling, OrderStatus, PostalEvent, PostalOrder
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.results import delivered_by_post, note_postal
from motcua.dossiers.workflow import HANDLING, RECEIVING, Status
from motcua.integrations import connectors, routes
from motcua.integrations.connectors.base import ParcelOrder, ParcelStatus, parcel_status, sign
from motcua.integrations.models import OutboxMessage
from motcua.integrations.services import enqueue

logger = logging.getLogger(__name__)
MAX_SKEW_SECONDS = 300
OPEN = (OrderStatus.ACCEPTED, OrderStatus.IN_TRANSIT, OrderStatus.UNDELIVERABLE)
FINAL = (OrderStatus.DELIVERED, OrderStatus.RETURNED, OrderStatus.HANDLED)


def state(order: PostalOrder) -> dict[str, Any]:
    """What the dossier keeps of its postal order (shown to the applicant and the officials)."""
    return {
        "attempt": order.attempt,
        "status": order.status,
        "tracking_number": order.tracking_number,
        "cost_vnd": order.cost_vnd,
        "cost_payer": order.cost_payer,
        "cost_source": order.cost_source,
        "delivered_at": order.delivered_at.isoformat() if order.delivered_at else None,
        "proof": order.proof,
    }


def _create(dossier: Dossier, address: str, attempt: int) -> PostalOrder:
    payer, source = rules.postage(dossier)
    agency = dossier.handling_agency
    applicant = dossier.applicant or {}
    version = dossier.procedure_version
    order = PostalOrder.objects.create(
        dossier=dossier,
        attempt=attempt,
        key=f"{settings.MOTCUA_PROVINCE}-{dossier.code}-{attempt}",
        status=OrderStatus.PENDING,
        sender={"name": agency.name, "agency": agency.code, "point": dossier.receiving_point.name},
        recipient={
            "name": applicant.get("full_name", dossier.applicant_name),
            "phone": applicant.get("phone", ""),
            "address": address,
        },
        item={
            "description": f"Kết quả giải quyết TTHC: {version.result or version.name}"[:300],
            "dossier": dossier.code,
            "document_sha256": dossier.result_document.sha256 if dossier.result_document else "",
        },
        cost_payer=payer,
        cost_source=source,
        created_at=clock.now(),
    )
    enqueue(routes.POSTAL_ORDER, key=dossier.code, payload={"order": order.pk})
    note_postal(dossier, postal=state(order))
    return order


def open_order(dossier: Dossier) -> None:
    """A paper result to deliver by post: open its postal order (inside the signing
    transaction, the dossier's row locked). Results delivered otherwise have none."""
    delivery = dossier.delivery or {}
    if delivery.get("method") != "postal" or dossier.postal_orders.exists():
        return
    _create(dossier, str(delivery.get("address", "")), 1)


def deliver_order(message: OutboxMessage) -> None:
    """The outbox's delivery of a postal order: the operator creates the parcel (outside any
    transaction; the same key gives the same parcel), then its tracking number and postage
    are written and the applicant is told. Raises DeliveryFailed to be retried."""
    order = PostalOrder.objects.select_related("dossier").filter(pk=message.payload.get("order"))
    found = order.first()
    if found is None or found.tracking_number:
        return
    payer = "sender" if found.cost_payer == CostPayer.CITY else "recipient"
    parcel = connectors.postal_operator().create(
        ParcelOrder(found.key, found.sender, found.recipient, found.item, payer)
    )
    with transaction.atomic():
        locked = PostalOrder.objects.select_for_update().get(pk=found.pk)
        if locked.tracking_number:
            return
        dossier = Dossier.objects.select_for_update().get(pk=locked.dossier_id)
        locked.tracking_number, locked.cost_vnd = parcel.tracking_number, parcel.cost_vnd
        locked.status, locked.accepted_at = OrderStatus.ACCEPTED, clock.now()
        locked.save()
        note_postal(dossier, postal=state(locked))
        enqueue(
            routes.DOSSIER_POSTAL,
            key=dossier.code,
            payload={"kind": "posted", "tracking_number": locked.tracking_number},
        )
    logger.info("postal_order_accepted", extra={"dossier": dossier.code})


def _apply(status: ParcelStatus, source: str) -> bool:
    """Record one status once (by its event id) and act on it; return whether it was new."""
    order = (
        PostalOrder.objects.select_for_update()
        .filter(tracking_number=status.tracking_number)
        .first()
    )
    if order is None:
        raise NotFound()
    at = parse_datetime(status.at) or clock.now()
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    try:
        with transaction.atomic():
            PostalEvent.objects.create(
                order=order,
                event_id=status.event_id,
                status=status.status,
                at=at,
                note=status.note,
                source=source,
                received_at=clock.now(),
            )
    except IntegrityError:
        return False  # heard already (a callback and the pull, or a resend)
    if order.status in FINAL:
        return True  # kept in the log; a late status never undoes a delivery or a return
    dossier = Dossier.objects.select_for_update().get(pk=order.dossier_id)
    _move(order, status, at)
    if order.status == OrderStatus.DELIVERED and dossier.status == Status.RESULT_SIGNED:
        delivered_by_post(dossier, postal=state(order))
    else:
        note_postal(dossier, postal=state(order))
    if order.status == OrderStatus.RETURNED:
        enqueue(
            routes.DOSSIER_POSTAL,
            key=dossier.code,
            payload={
                "kind": "postal_returned",
                "tracking_number": order.tracking_number,
                "place": dossier.handling_agency.name,
            },
        )
    logger.info("postal_status", extra={"dossier": dossier.code, "status": status.status})
    return True


def _move(order: PostalOrder, status: ParcelStatus, at: datetime) -> None:
    if status.status in ("accepted", "in_transit"):
        order.status = OrderStatus.IN_TRANSIT
    elif status.status == "undeliverable":
        order.status = OrderStatus.UNDELIVERABLE
    elif status.status == "delivered":
        order.status, order.delivered_at = OrderStatus.DELIVERED, at
        order.proof = {**(status.proof or {}), "at": at.isoformat(), "event_id": status.event_id}
    elif status.status == "returned":
        order.status, order.returned_at = OrderStatus.RETURNED, at
    order.save()


@transaction.atomic(durable=True)
def accept_callback(body: bytes, headers: Any) -> bool:
    """The operator's signed status callback: 403 unsigned, forged or stale; 400 unreadable;
    a status heard before changes nothing (returns False)."""
    stamp, signature = headers.get("X-Motcua-Timestamp", ""), headers.get("X-Motcua-Signature", "")
    expected = sign(settings.MOTCUA_POSTAL_CALLBACK_SECRET, stamp, body)
    if not (is_ascii_number(stamp) and signature) or not _same(expected, signature):
        raise CallbackRefused()
    if abs(time.time() - int(stamp)) > MAX_SKEW_SECONDS:
        raise CallbackRefused()
    try:
        status = parcel_status(json.loads(body))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadStatus() from exc
    return _apply(status, "callback")


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def pull() -> int:
    """Ask the operator for the statuses of the open parcels (when callbacks are lost);
    return how many new statuses were recorded. One parcel's failure stops no other."""
    new = 0
    numbers = PostalOrder.objects.filter(status__in=OPEN).exclude(tracking_number="")
    for number in numbers.values_list("tracking_number", flat=True):
        try:
            statuses = connectors.postal_operator().statuses(number)
        except Exception:  # noqa: BLE001 (DeliveryFailed or worse: try again next round)
            logger.warning("postal_pull_failed", extra={"tracking": number})
            continue
        for status in statuses:
            with transaction.atomic(durable=True):
                new += _apply(status, "pull")
    return new


def latest_order(dossier: Dossier) -> PostalOrder | None:
    return dossier.postal_orders.order_by("-attempt").first()


@transaction.atomic(durable=True)
def handle_returned(
    dossier: Dossier, *, actor: AbstractBaseUser, handling: str, address: str = ""
) -> PostalOrder:
    """A receiving or handling official handles a result the post returned: sent again to a
    new address (a new order), or kept for the applicant to collect at the counter."""
    if not dossier_selectors.roles_on(actor, dossier) & {RECEIVING, HANDLING}:
        raise Forbidden()
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    order = PostalOrder.objects.select_for_update().filter(
        dossier=locked, status=OrderStatus.RETURNED
    )
    returned = order.order_by("-attempt").first()
    if returned is None:
        raise NotReturned()
    if handling == Handling.RESENT and not address.strip():
        raise NoAddress()
    returned.status, returned.handling = OrderStatus.HANDLED, handling
    returned.handled_by, returned.handled_at = actor, clock.now()
    returned.save()
    if handling == Handling.RESENT:
        locked.delivery = {**(locked.delivery or {}), "address": address.strip()}
        return _create(locked, address.strip(), returned.attempt + 1)
    point = locked.receiving_point.code
    locked.delivery = {**(locked.delivery or {}), "point": point}
    note_postal(locked, postal=state(returned), method="counter")
    return returned
