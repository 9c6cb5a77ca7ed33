"""The outbox reaches the national portal at least once, in order per dossier, with retries
(the sandbox adapter: the sandbox portal's receiver in process)."""

from datetime import timedelta

from django.test import override_settings

import pytest

from motcua.core import clock
from motcua.integrations import delivery, sandbox_portal
from motcua.integrations.models import OutboxMessage, SandboxPortalEvent
from motcua.integrations.senders import event_id
from motcua.integrations.services import retry_message
from tests.builders.outbox import file_and_change, later, portal_messages, received_per_key


def _drain(max_runs: int = 10) -> None:
    for _ in range(max_runs):
        if not delivery.deliver_outbox().delivered:
            return


def test_with_the_portal_down_nothing_is_lost_and_each_event_arrives_once_in_order(ward_a, ward_b):
    sandbox_portal.set_mode("down")
    codes = file_and_change(ward_a, ward_b, count=2)

    first = delivery.deliver_outbox()
    assert first.down == {"national_portal"}  # the notices went; the portal did not
    assert SandboxPortalEvent.objects.count() == 0
    sandbox_portal.set_mode("up")
    with later(24 * 3600):
        _drain()

    expected = {code: [event_id(m) for m in portal_messages() if m.key == code] for code in codes}
    assert [len(ids) for ids in expected.values()] == [3, 3]  # receive, accept, approve
    assert received_per_key() == expected
    assert not SandboxPortalEvent.objects.filter(resends__gt=0).exists()
    assert all(m.delivered_at is not None for m in portal_messages())


def test_a_later_message_waits_while_an_earlier_one_of_its_dossier_is_undelivered(ward_a, ward_b):
    code = file_and_change(ward_a, ward_b, count=1)[0]
    head = portal_messages()[0]
    OutboxMessage.objects.filter(pk=head.pk).update(
        next_attempt_at=clock.now() + timedelta(hours=1)
    )

    delivery.deliver_outbox()

    assert received_per_key() == {}
    assert (
        OutboxMessage.objects.filter(
            key=code, destination="national_portal", delivered_at__isnull=True
        ).count()
        == 3
    )


@override_settings(MOTCUA_OUTBOX_MAX_ATTEMPTS=3)
def test_after_the_last_attempt_a_message_is_dead_lettered_and_a_retry_revives_it(
    ward_a, ward_b, coordinator
):
    sandbox_portal.set_mode("garbage")
    code = file_and_change(ward_a, ward_b, count=1)[0]

    for hours in (1, 2, 3, 4):
        with later(hours * 3600 * 24):
            delivery.deliver_outbox()

    head = portal_messages()[0]
    assert (head.attempts, head.dead_at is not None, head.delivered_at) == (3, True, None)
    assert "acknowledge" in head.last_error
    assert received_per_key() == {}  # garbage answers are never taken for delivery
    sandbox_portal.set_mode("up")
    with later(5 * 3600 * 24):
        _drain()
    assert received_per_key() == {}  # the dead letter still holds its dossier's line
    retry_message(head.pk, actor=coordinator)
    _drain()
    assert len(received_per_key()[code]) == 3


def test_the_backoff_doubles_with_jitter_up_to_the_cap(settings):
    settings.MOTCUA_OUTBOX_BACKOFF_SECONDS = 10
    settings.MOTCUA_OUTBOX_BACKOFF_MAX_SECONDS = 100

    waits = {n: [delivery.backoff_seconds(n) for _ in range(50)] for n in (1, 2, 3, 8)}

    assert all(5 <= w <= 10 for w in waits[1])
    assert all(10 <= w <= 20 for w in waits[2])
    assert all(20 <= w <= 40 for w in waits[3])
    assert all(50 <= w <= 100 for w in waits[8])
    assert len(set(waits[3])) > 1


def test_a_claim_lost_by_a_dead_worker_is_taken_over_and_the_resend_is_dropped(ward_a, ward_b):
    code = file_and_change(ward_a, ward_b, count=1)[0]
    claimed = delivery._claim(1)  # a worker claims the first message, sends it, then dies
    message, _lease = claimed[0]
    sandbox_portal.receive(
        {
            "event_id": event_id(message),
            "key": message.key,
            "topic": message.topic,
            "payload": message.payload,
        },
        wait=False,
    )

    delivery.deliver_outbox()  # another worker: the claim still holds, so the line waits

    assert received_per_key()[code] == [event_id(message)]
    with later(600):
        _drain()

    assert received_per_key()[code] == [event_id(m) for m in portal_messages()]
    assert SandboxPortalEvent.objects.get(event_id=event_id(message)).resends == 1


def test_a_slow_portal_is_a_failure_that_is_retried(ward_a, ward_b):
    sandbox_portal.set_mode("slow")
    file_and_change(ward_a, ward_b, count=1)

    run = delivery.deliver_outbox()

    head = portal_messages()[0]
    assert "national_portal" in run.down
    assert (head.attempts, head.delivered_at, head.next_attempt_at > clock.now()) == (1, None, True)
    assert "timeout" in head.last_error


@pytest.mark.parametrize("mode", ["up", "down", "slow", "garbage"])
def test_the_sandbox_portal_mode_is_kept_in_the_database(db, mode):
    sandbox_portal.set_mode(mode)

    assert sandbox_portal.mode() == mode


def test_the_sandbox_receiver_wants_the_token_and_an_event(db, client, settings):
    settings.MOTCUA_NATIONAL_PORTAL_TOKEN = "portal-token"
    event = {"event_id": "e-1", "key": "k", "topic": "dossier.status", "payload": {}}

    stranger = client.post("/sandbox-portal/events", event, content_type="application/json")
    nonsense = client.post(
        "/sandbox-portal/events",
        {"event_id": 7},
        content_type="application/json",
        headers={"Authorization": "Bearer portal-token"},
    )
    first, again = (
        client.post(
            "/sandbox-portal/events",
            event,
            content_type="application/json",
            headers={"Authorization": "Bearer portal-token"},
        )
        for _ in range(2)
    )

    assert (stranger.status_code, nonsense.status_code) == (401, 400)
    assert first.json() == {"event_id": "e-1", "status": "accepted"}
    assert again.json() == {"event_id": "e-1", "status": "duplicate"}
    assert SandboxPortalEvent.objects.get().resends == 1
