"""Helpers for the outbox tests: a few dossiers with several status changes each."""

from datetime import timedelta

import time_machine

from motcua.core import clock
from motcua.integrations.models import OutboxMessage, SandboxPortalEvent
from tests.builders.dossiers import act, file_dossier


def file_and_change(receiving_ward, handling_ward, count: int = 2) -> list[str]:
    """File `count` dossiers; accept and approve each (three status messages each)."""
    codes = []
    for _ in range(count):
        dossier = file_dossier(receiving_ward.receiving)
        accepted = act(handling_ward.handling, dossier, "accept").json()
        # Approval issues no signed PDF: these helpers also run beside the browser tests, whose
        # Playwright loop refuses pyHanko's asyncio.run in this thread.
        approved = act(handling_ward.approver, accepted, "approve")
        assert approved.status_code == 200, approved.content
        codes.append(dossier["code"])
    return codes


def portal_messages() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(destination="national_portal").order_by("id"))


def received_per_key() -> dict[str, list[str]]:
    """What the sandbox portal holds: the event ids per dossier, in the order they arrived."""
    found: dict[str, list[str]] = {}
    for event in SandboxPortalEvent.objects.order_by("id"):
        found.setdefault(event.key, []).append(event.event_id)
    return found


def later(seconds: float) -> time_machine.travel:
    """Travel past every backoff: `seconds` from now, the clock then ticking on."""
    return time_machine.travel(clock.now() + timedelta(seconds=seconds), tick=True)
