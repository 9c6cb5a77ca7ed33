"""Readiness: a unit's officials record their point's resources and trainings; the coordinator's
ranking puts the under-resourced and the newly merged first, against the workload."""

from datetime import timedelta

from django.utils import timezone

from motcua.catalog.selectors import configured_by_level
from motcua.geography.models import ServicePoint
from motcua.identity.services import create_official
from motcua.payments import services as payments
from motcua.readiness import selectors as readiness_selectors
from motcua.readiness.models import PointResources, TrainingSession
from tests.builders.dossiers import WARD_A, WARD_B, WARD_C, committee, file_dossier

READY = {
    "staff": "6",
    "trained_staff": "6",
    "counters": "3",
    "scanners": "3",
    "computers": "4",
    "signature_devices": "2",
    "merged_units": "0",
}


def _approve_fee_account(official, coordinator, unit):
    account = payments.register_account(
        {
            "agency": committee(unit).code,
            "purpose": "charges",
            "bank_bin": "970432",
            "account_number": "1234567890",
            "account_name": "UBND phuong",
        },
        actor=official,
    )
    payments.approve_account(account.pk, actor=coordinator)


def _row(rows, code):
    return next(r for r in rows if r.point.code == code)


def test_officials_record_resources_and_training_for_their_own_point_only(
    ward_a, ward_b, client_for_official
):
    mine = client_for_official(ward_b.handling)

    saved = mine.post(f"/workspace/readiness/MC-{WARD_B}/", {"form": "resources", **READY})
    trained = mine.post(
        f"/workspace/readiness/MC-{WARD_B}/",
        {"form": "training", "held_on": "2025-07-15", "topic": "Một cửa", "attendees": "6"},
    )
    too_many = mine.post(
        f"/workspace/readiness/MC-{WARD_B}/",
        {"form": "resources", **READY, "trained_staff": "9"},
    )
    other = mine.post(f"/workspace/readiness/MC-{WARD_A}/", {"form": "resources", **READY})

    assert (saved.status_code, trained.status_code) == (302, 302)
    assert too_many.status_code == 200
    assert "Số cán bộ đã tập huấn lớn hơn tổng số cán bộ." in too_many.content.decode()
    assert other.status_code == 404
    resources = PointResources.objects.get()
    assert (resources.service_point.code, resources.staff, resources.trained_staff) == (
        f"MC-{WARD_B}",
        6,
        6,
    )
    assert TrainingSession.objects.get().attendees == 6


def _resources(point, by, **changes):
    figures = {**{k: int(v) for k, v in READY.items()}, **changes}
    PointResources.objects.create(
        service_point=point, updated_by=by, updated_at=timezone.now(), **figures
    )


def test_the_ranking_puts_the_overloaded_and_merged_first(
    ward_a, ward_b, ward_c, coordinator, client_for_official, settings
):
    settings.MOTCUA_READINESS_DOSSIERS_PER_COUNTER_DAY = 0.01
    e_unit = (
        ServicePoint.objects.filter(code__startswith="MC-")
        .exclude(code__in=[f"MC-{w}" for w in (WARD_A, WARD_B, WARD_C)])
        .order_by("code")
        .first()
        .unit.code
    )
    ward_e = create_official("ld.e", role="approver", agency=committee(e_unit).code)
    point = {w: ServicePoint.objects.get(code=f"MC-{w}") for w in (WARD_A, WARD_B, WARD_C, e_unit)}
    _resources(point[WARD_A], coordinator)
    _resources(point[WARD_B], coordinator, merged_units=3)
    _resources(point[WARD_C], coordinator, signature_devices=0)
    _resources(point[e_unit], coordinator, signature_devices=0, merged_units=2)
    for official, unit in (
        (ward_a.approver, WARD_A),
        (ward_b.approver, WARD_B),
        (ward_c.approver, WARD_C),
        (ward_e, e_unit),
    ):
        _approve_fee_account(official, coordinator, unit)
    file_dossier(ward_a.receiving, point=f"MC-{WARD_A}")  # a workload at A (filed today)
    tomorrow = timezone.localdate() + timedelta(days=1)
    configured = configured_by_level()["commune"]

    rows = readiness_selectors.readiness(coordinator, today=tomorrow)

    reported = [r.point.code for r in rows if r.reported]
    assert reported == [f"MC-{WARD_A}", f"MC-{e_unit}", f"MC-{WARD_C}", f"MC-{WARD_B}"]
    a, e, c, b = rows[:4]
    assert a.shortfalls == ["workload"] + (["procedures"] if configured[0] < configured[1] else [])
    assert c.shortfalls == e.shortfalls
    assert "signature" in c.shortfalls
    assert a.dossiers == 1
    assert a.per_counter_day == round(
        1 / 3 / readiness_selectors.working_days(tomorrow - timedelta(days=30), tomorrow), 2
    )
    assert (b.newly_merged, e.newly_merged, a.newly_merged) == (True, True, False)
    assert all(r.shortfalls == ["unreported"] for r in rows[4:])
    assert len(rows) == ServicePoint.objects.count()

    page = client_for_official(coordinator).get("/workspace/readiness/?show=merged")
    html = page.content.decode()
    assert page.status_code == 200
    assert point[WARD_B].name in html
    assert point[e_unit].name in html
    assert point[WARD_A].name not in html
    assert "chưa có thiết bị ký số" in html


def test_a_citizen_may_not_open_the_ranking(citizen, client_for_official):
    response = client_for_official(citizen).get("/workspace/readiness/")

    assert response.status_code == 403
