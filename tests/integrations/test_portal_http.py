"""The HTTP adapter against the sandbox national portal served over real HTTP (the live test
server): the portal goes down, dossiers change, it comes back, and every event arrives once, in
order per dossier; a slow portal times out and a garbage answer is no delivery."""

import pytest

from motcua.integrations import delivery, sandbox_portal
from motcua.integrations.models import SandboxPortalEvent
from motcua.integrations.senders import event_id
from tests.builders.dossiers import WARD_A, WARD_B, make_ward
from tests.builders.outbox import file_and_change, later, portal_messages, received_per_key
from tests.builders.reference import reload_reference_data

pytestmark = pytest.mark.usefixtures("reference_data_restored")


@pytest.fixture
def portal(transactional_db, live_server, settings):
    """Deliver with the HTTP adapter to the sandbox portal of the live server."""
    reload_reference_data()
    settings.MOTCUA_NATIONAL_PORTAL_CONNECTOR = (
        "motcua.integrations.connectors.http.HttpNationalPortal"
    )
    settings.MOTCUA_NATIONAL_PORTAL_URL = f"{live_server.url}/sandbox-portal/events"
    settings.MOTCUA_NATIONAL_PORTAL_TIMEOUT = 1.0
    settings.MOTCUA_SANDBOX_PORTAL_SLOW_SECONDS = 2.0
    return make_ward(WARD_A), make_ward(WARD_B)


def test_a_portal_down_for_a_while_gets_every_event_once_in_order_per_dossier(portal):
    ward_a, ward_b = portal
    sandbox_portal.set_mode("down")
    codes = file_and_change(ward_a, ward_b, count=3)

    down = delivery.deliver_outbox()
    with later(3600):
        again = delivery.deliver_outbox()
    sandbox_portal.set_mode("up")
    with later(2 * 24 * 3600):
        for _ in range(6):
            if not delivery.deliver_outbox().delivered:
                break

    assert "national_portal" in down.down
    assert "national_portal" in again.down
    expected = {c: [event_id(m) for m in portal_messages() if m.key == c] for c in codes}
    assert sorted(len(ids) for ids in expected.values()) == [3, 3, 3]
    assert received_per_key() == expected
    assert SandboxPortalEvent.objects.filter(resends__gt=0).count() == 0
    statuses = [e.payload["status"] for e in SandboxPortalEvent.objects.filter(key=codes[0])]
    assert statuses == ["received", "in_progress", "approved"]


def test_a_slow_portal_times_out_and_garbage_is_not_delivery_both_retried(portal):
    ward_a, ward_b = portal
    sandbox_portal.set_mode("slow")
    code = file_and_change(ward_a, ward_b, count=1)[0]

    delivery.deliver_outbox()
    head = portal_messages()[0]
    sandbox_portal.set_mode("garbage")
    with later(3600):
        delivery.deliver_outbox()
    garbage = portal_messages()[0]
    sandbox_portal.set_mode("up")
    with later(3 * 3600):
        while delivery.deliver_outbox().delivered:
            pass

    assert (head.attempts, head.delivered_at) == (1, None)
    assert "timeout" in head.last_error
    assert (garbage.attempts, garbage.delivered_at) == (2, None)
    assert "not JSON" in garbage.last_error
    assert received_per_key()[code] == [event_id(m) for m in portal_messages()]
    assert all(m.attempts == (3 if m.pk == head.pk else 1) for m in portal_messages())
