"""A holder's wallet is reached at a counter only with their consent (issue 17, item 15): their
confirmation in VNeID or their ID card presented, recorded as an event; the ID number alone
opens nothing, in the API and on the counter page."""

from django.test import Client

from motcua.dossiers.models import Dossier, Event
from motcua.identity.models import WalletDocument
from tests.builders.dossiers import (
    ID_NUMBER,
    WARD_A,
    WARD_B,
    birth_payload,
    client_for,
    file_dossier,
)


def _reuse_body(officer, item: WalletDocument) -> dict:
    body = birth_payload(officer)
    body["documents"][0] = {
        "requirement": body["documents"][0]["requirement"],
        "wallet_item": item.pk,
    }
    return body


def test_the_id_number_alone_does_not_open_a_wallet_at_the_counter(ward_a, ward_b):
    first = file_dossier(ward_a.receiving, channel="counter")
    kept = WalletDocument.objects.get(id_number=ID_NUMBER, dossier_code=first["code"])
    body = _reuse_body(ward_a.receiving, kept)

    bare_vi = client_for(ward_a.receiving).post("/api/v1/dossiers/", body, format="json")
    bare_en = client_for(ward_a.receiving).post(
        "/api/v1/dossiers/", body, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    other_ward = client_for(ward_b.receiving).post(
        "/api/v1/dossiers/", {**body, "receiving_point": f"MC-{WARD_B}"}, format="json"
    )
    made_up = client_for(ward_a.receiving).post(
        "/api/v1/dossiers/", {**body, "wallet_consent": {"method": "asked_nicely"}}, format="json"
    )

    assert bare_vi.status_code == 400
    assert "VNeID" in bare_vi.json()["error"]["fields"]["wallet_consent"][0]
    assert "đồng ý" in bare_vi.json()["error"]["fields"]["wallet_consent"][0]
    assert "consent" in bare_en.json()["error"]["fields"]["wallet_consent"][0]
    assert other_ward.status_code == 400
    assert "wallet_consent" in other_ward.json()["error"]["fields"]
    assert made_up.status_code == 400
    assert Dossier.objects.count() == 1  # only the first


def test_with_the_holders_consent_the_wallet_is_reused_and_the_consent_recorded(ward_a):
    first = file_dossier(ward_a.receiving, channel="counter")
    kept = WalletDocument.objects.get(id_number=ID_NUMBER, dossier_code=first["code"])
    body = _reuse_body(ward_a.receiving, kept)
    body["wallet_consent"] = {"method": "vneid_confirmation", "reference": "VNEID-REQ-1"}

    reused = client_for(ward_a.receiving).post("/api/v1/dossiers/", body, format="json")

    assert reused.status_code == 201, reused.content
    assert reused.json()["documents"][0]["wallet_item"] == kept.pk
    event = Event.objects.get(dossier__code=reused.json()["code"], action="wallet-consent")
    assert event.payload["method"] == "vneid_confirmation"
    assert event.payload["reference"] == "VNEID-REQ-1"
    assert event.payload["wallet_items"] == [kept.pk]
    assert event.actor == ward_a.receiving.get_username()


def test_the_counter_page_lists_the_wallet_only_once_the_consent_is_chosen(ward_a):
    first = file_dossier(ward_a.receiving, channel="counter")
    kept = WalletDocument.objects.get(id_number=ID_NUMBER, dossier_code=first["code"])
    browser = Client()
    browser.force_login(ward_a.receiving)
    form = {
        "procedure": first["procedure"]["code"],
        "point": f"MC-{WARD_A}",
        "id_number": ID_NUMBER,
        "lookup": "1",
    }

    without = browser.post("/workspace/intake/", form)
    with_card = browser.post("/workspace/intake/", {**form, "wallet_consent": "id_card_presented"})

    assert 'name="wallet_consent"' in without.content.decode()
    assert f"({first['code']})" not in without.content.decode()
    assert f"({first['code']})" in with_card.content.decode()
    assert f'<option value="{kept.pk}">' in with_card.content.decode()
