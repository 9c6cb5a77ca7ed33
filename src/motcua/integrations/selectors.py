"""Reads of the integrations: the outbox's backlog and lines, the workers' heartbeats."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Min, Q, QuerySet
from django.db.models.signals import post_delete, post_save

from motcua.core import clock
from motcua.core.kept import Kept
from motcua.identity.models import Membership, Role
from motcua.integrations.models import Destination, OutboxMessage, Subscription, WorkerHeartbeat


@dataclass(frozen=True)
class Backlog:
    destination: str
    pending: int
    dead: int
    lag_seconds: float


def outbox_backlog(now: datetime | None = None) -> list[Backlog]:
    """Per destination: undelivered messages, dead letters, and the age of the oldest
    undelivered message that is not dead (0 when the line is empty)."""
    now = now or clock.now()
    undelivered = OutboxMessage.objects.filter(delivered_at__isnull=True)
    rows = {
        r["destination"]: r
        for r in undelivered.values("destination")
        .annotate(
            pending=Count("id", filter=Q(dead_at__isnull=True)),
            dead=Count("id", filter=Q(dead_at__isnull=False)),
            oldest=Min("created_at", filter=Q(dead_at__isnull=True)),
        )
        .order_by()
    }
    found = []
    for destination in Destination.values:
        row = rows.get(destination, {})
        oldest = row.get("oldest")
        lag = max((now - oldest).total_seconds(), 0.0) if oldest else 0.0
        found.append(Backlog(destination, row.get("pending", 0), row.get("dead", 0), lag))
    return found


def outbox_lag_seconds(now: datetime | None = None) -> float:
    """Return the age of the oldest undelivered, not dead-lettered message (0 when none), to
    our own destinations: an integrator's webhook endpoint that is down makes no pod unready."""
    backlog = outbox_backlog(now)
    return max(
        (b.lag_seconds for b in backlog if b.destination != Destination.WEBHOOK), default=0.0
    )


def newest_heartbeat() -> datetime | None:
    return WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()


def undelivered_messages(*, dead: bool) -> QuerySet[OutboxMessage]:
    """Return the dead letters, or the messages still waiting for delivery, oldest first."""
    return OutboxMessage.objects.filter(delivered_at__isnull=True, dead_at__isnull=not dead)


# Dossiers by status (/metrics): dossiers registers its count (DossiersConfig.ready), so that
# integrations imports no app above it.
STATUS_COUNTS: list[Callable[[], dict[str, int]]] = []


def dossiers_by_status() -> dict[str, int]:
    return STATUS_COUNTS[0]() if STATUS_COUNTS else {}


def _active_subscriptions() -> list[Subscription]:
    systems = Subscription.objects.filter(
        owner__is_active=True, owner__memberships__role=Role.SYSTEM
    ).distinct()
    return list(systems.order_by("id"))


# Every dossier event asks for them: each process keeps them, read again when a subscription,
# a membership or an account's active flag changes anywhere (core.kept: a version stamp).
_SUBSCRIPTIONS = Kept("integrations.subscriptions", _active_subscriptions)


def _account_changed(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields is None or "is_active" in update_fields:  # not a last_login update
        _SUBSCRIPTIONS.changed()


for _model in (Subscription, Membership):
    post_save.connect(_SUBSCRIPTIONS.changed, sender=_model, dispatch_uid=f"kept-subs-{_model}")
    post_delete.connect(_SUBSCRIPTIONS.changed, sender=_model, dispatch_uid=f"kept-subs-d{_model}")
post_save.connect(_account_changed, sender=settings.AUTH_USER_MODEL, dispatch_uid="kept-subs-user")
post_delete.connect(
    _SUBSCRIPTIONS.changed, sender=settings.AUTH_USER_MODEL, dispatch_uid="kept-subs-du"
)


def subscribers(kind: str) -> list[Subscription]:
    """The subscriptions that want an event of this type, of systems that still hold the role."""
    return [s for s in _SUBSCRIPTIONS.get() if not s.types or kind in s.types]


def subscriptions_of(user: AbstractBaseUser) -> QuerySet[Subscription]:
    return Subscription.objects.filter(owner=user).order_by("id")


DELIVERY_STATES = ("waiting", "delivered", "dead")


def deliveries(subscription: Subscription, state: str = "") -> QuerySet[OutboxMessage]:
    """A subscription's deliveries, newest first; `state` narrows them (DELIVERY_STATES)."""
    found = subscription.messages.all()
    if state == "waiting":
        found = found.filter(delivered_at__isnull=True, dead_at__isnull=True)
    elif state == "delivered":
        found = found.filter(delivered_at__isnull=False)
    elif state == "dead":
        found = found.filter(delivered_at__isnull=True, dead_at__isnull=False)
    return found.order_by("-id")
