"""Writes of the integrations: enqueue (inside the caller's transaction), retry a message, the
worker's heartbeat. The delivery itself is in `delivery.py`."""

import logging
import socket
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from motcua.core import clock
from motcua.core.errors import Conflict, NotFound
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.integrations import routes, selectors, webhooks
from motcua.integrations.errors import NotASystem
from motcua.integrations.models import Destination, OutboxMessage, Subscription, WorkerHeartbeat

logger = logging.getLogger(__name__)


def enqueue(
    topic: str, *, key: str, payload: dict[str, Any], subject: Any = None
) -> list[OutboxMessage]:
    """Add a message for each destination of the topic (and each webhook subscription that
    wants it), inside the caller's transaction: it commits or rolls back with it (one insert).

    `subject`: the dossier the message is about as the caller holds it, with its tasks and
    events (the national portal's message is drawn from it instead of read again)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("enqueue must run inside the transaction of the change it announces")
    messages = [
        OutboxMessage(
            topic=topic,
            destination=d,
            key=key,
            payload=_payload_for(d, topic, key, payload, subject),
        )
        for d in routes.destinations(topic, payload)
    ]
    if topic == routes.DOSSIER_EVENT:
        kind = webhooks.event_type(payload)
        messages += [
            OutboxMessage(
                topic=topic,
                destination=Destination.WEBHOOK,
                subscription=subscription,
                key=key,
                payload=payload,
            )
            for subscription in selectors.subscribers(kind)
        ]
    return OutboxMessage.objects.bulk_create(messages) if messages else []


# The national portal gets a status change in its own schema, drawn up at enqueue time: the
# dossier as it is at this change. Dossiers registers the drawing (dossiers/national_schema.py,
# in DossiersConfig.ready), so that integrations imports no app above it.
NATIONAL_PAYLOAD: list[Callable[..., Any]] = []


def _payload_for(
    destination: str, topic: str, key: str, payload: dict[str, Any], subject: Any = None
) -> Any:
    if destination == Destination.NATIONAL_PORTAL and topic in routes.NATIONAL_SCHEMA:
        for draw in NATIONAL_PAYLOAD:
            return draw(key, payload, dossier=subject)
    return payload


@transaction.atomic(durable=True)
def subscribe(url: str, *, types: list[str], actor: AbstractBaseUser) -> Subscription:
    """A system subscribes its URL to dossier events; the secret is shown to it once."""
    if Role.SYSTEM not in official_scope(actor).city_roles:
        raise NotASystem()
    webhooks.target(url)  # 400 for a private address or plain HTTP
    subscription = Subscription.objects.create(
        owner=actor,
        url=url,
        types=sorted(set(types)),
        secret=webhooks.new_secret(),
        created_at=clock.now(),
    )
    logger.info("webhook_subscribed", extra={"subscription": subscription.pk, "by": actor.pk})
    return subscription


@transaction.atomic(durable=True)
def unsubscribe(subscription: Subscription, *, actor: AbstractBaseUser) -> None:
    """Remove a subscription and the deliveries still waiting for it."""
    logger.info("webhook_unsubscribed", extra={"subscription": subscription.pk, "by": actor.pk})
    subscription.delete()


class AlreadyDelivered(Conflict):
    code = "already_delivered"


@transaction.atomic(durable=True)
def retry_message(message_id: int, *, actor: AbstractBaseUser) -> OutboxMessage:
    """Give a dead-lettered (or waiting) message a fresh set of attempts, due now."""
    message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
    if message is None:
        raise NotFound()
    if message.delivered_at is not None:
        raise AlreadyDelivered()
    message.attempts, message.dead_at, message.next_attempt_at = 0, None, None
    message.locked_until = None
    message.save(update_fields=["attempts", "dead_at", "next_attempt_at", "locked_until"])
    logger.info(
        "outbox_message_retried",
        extra={"outbox_message": message.pk, "destination": message.destination, "by": actor.pk},
    )
    return message


def beat(name: str = "") -> WorkerHeartbeat:
    """Record that this worker finished a round of its jobs (readiness reads the newest)."""
    beat_at = clock.now()
    heartbeat, _ = WorkerHeartbeat.objects.update_or_create(
        name=name or socket.gethostname()[:120], defaults={"beat_at": beat_at}
    )
    return heartbeat
