"""A fee the catalog marks unverified is never asked for until an official confirms it."""

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Event
from tests.builders.dossiers import act, client_for
from tests.builders.payments import MARITAL, approved_account, file_marital


def test_an_unverified_only_fee_waits_for_an_official_to_confirm_the_amount(
    ward_b, centre, citizen
):
    version = ProcedureVersion.objects.get(procedure__code=MARITAL, status="published")
    version.fees.update(state="unverified")
    (fee,) = version.fees.all()
    approved_account(ward_b, centre)
    dossier = file_marital(citizen)
    payment_url = f"/api/v1/dossiers/{dossier['code']}/payment/"

    before = client_for(citizen).get(payment_url)
    unconfirmed = act(ward_b.handling, dossier, "assess-fee", lines=[{"fee": fee.pk}])
    confirmed = act(
        ward_b.handling,
        dossier,
        "assess-fee",
        lines=[{"fee": fee.pk, "confirmed_amount_vnd": 3000}],
    )
    after = client_for(citizen).get(payment_url)

    assert (before.status_code, before.json()["error"]["code"]) == (404, "no_fee")
    assert unconfirmed.status_code == 400
    assert confirmed.status_code == 200, confirmed.content
    assert after.json()["amount_vnd"] == 3000
    event = Event.objects.filter(dossier__code=dossier["code"], action="assess-fee").get()
    assert event.actor
    assert event.created_at
    assert event.payload["lines"][0]["confirmed"] is True
