"""Writes of the integrations: enqueue (inside the caller's transaction), retry a message, the
worker's heartbeat. The delivery itself is in `delivery.py`."""

import logging
import socket
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from motcua.core import clock
from motcua.core.errors import Conflict, NotFound
from motcua.integrations import routes
from motcua.integrations.models import OutboxMessage, WorkerHeartbeat

logger = logging.getLogger(__name__)


def enqueue(topic: str, *, key: str, payload: dict[str, Any]) -> OutboxMessage:
    """Add a message for each destination of the topic, inside the caller's transaction (it
    commits or rolls back with it); return the first (the national portal's, for a dossier)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("enqueue must run inside the transaction of the change it announces")
    messages = [
        OutboxMessage.objects.create(topic=topic, destination=d, key=key, payload=payload)
        for d in routes.destinations(topic, payload)
    ]
    return messages[0]


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
