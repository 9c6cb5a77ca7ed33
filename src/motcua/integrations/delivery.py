"""Deliver the outbox: at least once, in order per destination and key, with retries.

A round claims the due messages that head their (destination, key) line: a later message for a
dossier waits while an earlier one is undelivered. On the national portal's line dead letters
hold it too (the portal must get every event, in order; a coordinator retries the dead letter);
on the e-mail and SMS lines they do not (a notice to a number that never answers must not
silence the applicant's later notices). Claiming is a short transaction that locks
the rows with `SKIP LOCKED` and sets a lease, so any number of workers share the queue and a
worker that dies mid-delivery loses its claim when the lease runs out. Sending happens outside
any transaction (no lock is held across the network); the outcome is written only if the claim
is still ours. A failure backs off exponentially with jitter; after MOTCUA_OUTBOX_MAX_ATTEMPTS
the message is dead-lettered. Receivers drop resends by the event id (the message id).
"""

import logging
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from motcua.core import clock
from motcua.core.logs import mask
from motcua.integrations import senders
from motcua.integrations.connectors.base import DeliveryFailed
from motcua.integrations.models import Destination, OutboxMessage

logger = logging.getLogger(__name__)


# Lines whose order must never break: a dead letter holds the messages after it.
HELD_BY_DEAD_LETTERS = (Destination.NATIONAL_PORTAL, Destination.WEBHOOK)


@dataclass
class DeliveryRun:
    delivered: int = 0
    failed: int = 0
    dead: int = 0
    released: int = 0
    down: set[str] = field(default_factory=set)


def backoff_seconds(attempts: int) -> float:
    """Return the wait before the next attempt: doubling from the base, capped, jittered."""
    ceiling = min(
        settings.MOTCUA_OUTBOX_BACKOFF_MAX_SECONDS,
        settings.MOTCUA_OUTBOX_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0),
    )
    return ceiling * random.uniform(0.5, 1.0)  # jitter: retries of many messages spread out


def due_messages(now: datetime) -> QuerySet[OutboxMessage]:
    """Return the undelivered messages that may be sent now, heads of their lines only."""
    earlier = (
        OutboxMessage.objects.filter(
            destination=OuterRef("destination"),
            key=OuterRef("key"),
            id__lt=OuterRef("id"),
            delivered_at__isnull=True,
        )
        .filter(Q(subscription__isnull=True) | Q(subscription=OuterRef("subscription")))
        .filter(Q(dead_at__isnull=True) | Q(destination__in=HELD_BY_DEAD_LETTERS))
    )
    return (
        OutboxMessage.objects.filter(delivered_at__isnull=True, dead_at__isnull=True)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .filter(~Exists(earlier))
        .order_by("id")
    )


@transaction.atomic(durable=True)
def _claim(limit: int) -> list[tuple[OutboxMessage, datetime]]:
    now = clock.now()
    lease = now + timedelta(seconds=settings.MOTCUA_OUTBOX_LEASE_SECONDS)
    rows = list(due_messages(now).select_for_update(skip_locked=True)[:limit])
    OutboxMessage.objects.filter(pk__in=[m.pk for m in rows]).update(locked_until=lease)
    return [(m, lease) for m in rows]


def _ours(message: OutboxMessage, lease: datetime) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(
        pk=message.pk, locked_until=lease, delivered_at__isnull=True
    )


def _record_success(message: OutboxMessage, lease: datetime) -> None:
    _ours(message, lease).update(
        delivered_at=clock.now(), attempts=message.attempts + 1, locked_until=None, last_error=""
    )


def _record_failure(message: OutboxMessage, lease: datetime, error: str, run: DeliveryRun) -> None:
    now, attempts = clock.now(), message.attempts + 1
    dead = attempts >= settings.MOTCUA_OUTBOX_MAX_ATTEMPTS
    changes = {"attempts": attempts, "locked_until": None, "last_error": mask(error)[:500]}
    if dead:
        changes["dead_at"] = now
    else:
        changes["next_attempt_at"] = now + timedelta(seconds=backoff_seconds(attempts))
    if _ours(message, lease).update(**changes):
        run.failed += 1
        run.dead += dead
        logger.warning(
            "outbox_delivery_failed",
            extra={"outbox_message": message.pk, "destination": message.destination, "dead": dead},
        )


def _receiver(message: OutboxMessage) -> str:
    """Who answers: the destination, or for webhooks the subscription (one down stops no other)."""
    if message.subscription_id:
        return f"{message.destination}:{message.subscription_id}"
    return message.destination


def _deliver_one(message: OutboxMessage, lease: datetime, run: DeliveryRun) -> None:
    if _receiver(message) in run.down:
        # The destination just failed in this run: leave the rest for later, without an attempt.
        _ours(message, lease).update(locked_until=None)
        run.released += 1
        return
    try:
        senders.send(message)
    except DeliveryFailed as exc:
        run.down.add(_receiver(message))
        _record_failure(message, lease, str(exc), run)
    except Exception as exc:  # a bug in one message must not stop the others; it is retried
        logger.exception("outbox_sender_error", extra={"outbox_message": message.pk})
        _record_failure(message, lease, f"error: {type(exc).__name__}", run)
    else:
        _record_success(message, lease)
        run.delivered += 1


def deliver_outbox(*, limit: int | None = None) -> DeliveryRun:
    """Deliver what is due, round after round, until nothing is due or `limit` were tried."""
    budget = limit or settings.MOTCUA_OUTBOX_BATCH
    run = DeliveryRun()
    while budget > 0:
        claimed = _claim(min(budget, 100))
        if not claimed:
            break
        budget -= len(claimed)
        before = run.delivered
        for message, lease in claimed:
            _deliver_one(message, lease, run)
        if run.delivered == before:
            break  # everything due failed or waits on a destination that is down
    if run.delivered or run.failed:
        logger.info(
            "outbox_delivered",
            extra={"delivered": run.delivered, "failed": run.failed, "dead": run.dead},
        )
    return run


def deliver_now(message_id: int) -> bool:
    """Deliver one message now if it is due and heads its line (e.g. a receipt the payer waits
    for, right after the payment's commit); return whether it was delivered. A failure is
    recorded as in a round (backoff, dead letter); a message another worker holds is left."""
    with transaction.atomic(durable=True):
        now = clock.now()
        row = due_messages(now).select_for_update(skip_locked=True).filter(pk=message_id).first()
        if row is None:
            return False
        lease = now + timedelta(seconds=settings.MOTCUA_OUTBOX_LEASE_SECONDS)
        OutboxMessage.objects.filter(pk=row.pk).update(locked_until=lease)
    run = DeliveryRun()
    _deliver_one(row, lease, run)
    return run.delivered == 1
