"""The coordinator's outbox page: the backlog, the dead letters and a retry that revives one."""

from django.test import Client

from motcua.core import clock
from motcua.integrations import delivery, sandbox_portal
from motcua.integrations.models import OutboxMessage
from tests.builders.dossiers import file_dossier


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_dead_letter_is_listed_and_retried_from_the_page(ward_a, coordinator):
    dossier = file_dossier(ward_a.receiving)
    dead = OutboxMessage.objects.get(key=dossier["code"], destination="national_portal")
    OutboxMessage.objects.filter(pk=dead.pk).update(
        attempts=12, dead_at=clock.now(), last_error="HTTP 503"
    )
    centre = _signed_in(coordinator)

    page = centre.get("/workspace/outbox/?show=dead")
    retried = centre.post(f"/workspace/outbox/{dead.pk}/retry/", follow=True)
    sandbox_portal.set_mode("up")
    delivery.deliver_outbox()

    html = page.content.decode()
    assert page.status_code == 200
    assert dossier["code"] in html
    assert "HTTP 503" in html
    assert "Cổng Dịch vụ công quốc gia" in html  # destinations in words
    for raw in ("national_portal", ">email<", ">sms<", ">received<", ">dossier.status<"):
        assert raw not in html
    assert f'action="/workspace/outbox/{dead.pk}/retry/"' in html
    assert retried.status_code == 200
    assert f"Tin {dead.pk} sẽ được gửi lại" in retried.content.decode()
    dead.refresh_from_db()
    assert dead.dead_at is None
    assert dead.delivered_at is not None
    assert dead.attempts == 1


def test_only_the_centre_opens_the_outbox_and_its_menu_entry(ward_a, coordinator):
    officer = _signed_in(ward_a.receiving)
    centre = _signed_in(coordinator)

    refused = officer.get("/workspace/outbox/")
    retry = officer.post("/workspace/outbox/1/retry/")
    queue = officer.get("/workspace/")
    centre_queue = centre.get("/workspace/")

    assert refused.status_code == 403
    assert retry.status_code == 403
    assert 'href="/workspace/outbox/"' not in queue.content.decode()
    assert 'href="/workspace/outbox/"' in centre_queue.content.decode()
    assert 'href="/workspace/directives/"' in centre_queue.content.decode()
