"""The daily reconciliation with the national portal finds a planted difference, lists it for
the centre, a resend fixes it, and Decision 766 indicator 1.4 is measured from it (issue 23)."""

from datetime import timedelta

from django.utils import timezone

from motcua.core import clock
from motcua.dossiers.models import Dossier
from motcua.integrations import delivery, sandbox_portal
from motcua.integrations.models import SandboxPortalEvent
from motcua.monitoring import scoring, selectors
from motcua.nationalportal import inbound, reconciliation
from motcua.nationalportal.national_input import NationalDossierIn
from tests.builders.dossiers import WARD_B, act, client_for, make_ward

URL = "/api/v1/national-portal/reconciliation/"


def _file(number: int) -> Dossier:
    data = NationalDossierIn(data=sandbox_portal.dossier_body("ok", number))
    data.is_valid(raise_exception=True)
    return inbound.receive(data.validated_data).dossier


def _three_synchronised(ward) -> list[Dossier]:
    dossiers = [_file(n) for n in (1, 2, 3)]
    shown = client_for(ward.handling).get(f"/api/v1/dossiers/{dossiers[0].code}/").json()
    assert act(ward.handling, shown, "accept").status_code == 200
    delivery.deliver_outbox()
    return dossiers


def test_a_planted_difference_is_found_listed_and_fixed_by_a_resend(db, coordinator):
    ward = make_ward(WARD_B)
    accepted, lost, changed = _three_synchronised(ward)
    # Plant two differences: the portal lost one dossier, and holds another at a wrong status.
    SandboxPortalEvent.objects.filter(key=lost.code).delete()
    held = SandboxPortalEvent.objects.get(key=changed.code)
    held.payload["national"]["data"][0]["TrangThaiHoSo"] = "10"
    held.save()
    today = timezone.localdate()

    check = reconciliation.reconcile(today)
    listed = client_for(coordinator).get(URL, {"date": today.isoformat()}).json()

    assert (check.compared, check.in_agreement) == (3, 1)
    assert listed["checked"] is True
    assert listed["indicator_1_4"] == 33.33
    kinds = {row["dossier"]: row["kind"] for row in listed["differences"]}
    assert kinds == {lost.code: "missing", changed.code: "status"}
    status_row = next(r for r in listed["differences"] if r["dossier"] == changed.code)
    assert (status_row["ours"]["TrangThaiHoSo"], status_row["theirs"]["TrangThaiHoSo"]) == (
        "2",
        "10",
    )
    assert status_row["national_code"] == changed.national_code

    for row in listed["differences"]:
        resent = client_for(coordinator).post(f"{URL}{row['id']}/resend/")
        assert resent.status_code == 200, resent.content
        assert resent.json()["resent_at"]
    delivery.deliver_outbox()
    again = reconciliation.reconcile(today)

    assert (again.compared, again.in_agreement, again.differences.count()) == (3, 3, 0)
    assert sandbox_portal.holdings([lost.code])[lost.code]["MaHoSo"] == lost.national_code


def test_indicator_1_4_is_measured_from_the_reconciliation(db):
    ward = make_ward(WARD_B)
    _, lost, _ = _three_synchronised(ward)
    SandboxPortalEvent.objects.filter(key=lost.code).delete()
    today = timezone.localdate()
    reconciliation.reconcile(today)

    totals = selectors.totals(selectors.scope_for(None, start=today, end=today))
    points = {line.rule.code: line for line in scoring.score(totals.counters).lines}

    assert (totals["sync_compared"], totals["synchronised"]) == (3, 2)
    assert points["1.4"].ratio == 66.67
    assert points["1.4"].points == 4.0  # 66.67 % of 6 points
    assert totals.as_dict()["national_portal"]["synchronisation_rate"] == 66.67


def test_only_the_centre_reads_the_reconciliation_and_the_worker_runs_it_once_a_day(db):
    ward = make_ward(WARD_B)
    assert client_for(ward.handling).get(URL).status_code == 403
    yesterday = timezone.localdate(clock.now()) - timedelta(days=1)

    first = reconciliation.reconcile_yesterday()
    second = reconciliation.reconcile_yesterday()

    assert first is not None
    assert first.day == yesterday
    assert second is None
