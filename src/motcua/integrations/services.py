"""Write to the outbox; the worker delivers it (national portal, notifications)."""

from typing import Any

from django.db import transaction

from motcua.integrations.models import OutboxMessage


def enqueue(topic: str, *, key: str, payload: dict[str, Any]) -> OutboxMessage:
    """Add a message inside the caller's transaction (it commits or rolls back with it)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("enqueue must run inside the transaction of the change it announces")
    return OutboxMessage.objects.create(topic=topic, key=key, payload=payload)
