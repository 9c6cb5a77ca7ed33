"""The worker's job keeps the rollups current from the event log, idempotently."""

from datetime import date

import time_machine

from motcua.monitoring import selectors, services
from motcua.monitoring.models import (
    AgencyDailyRollup,
    AgencyMonthlyRollup,
    DailyRollup,
    StepRollup,
    Watermark,
)
from motcua.monitoring.models.rollups import COUNTERS
from tests.builders.dossiers import WARD_B, act, client_for
from tests.builders.month import at

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def snapshot() -> dict[str, list[tuple]]:
    def rows(model, *key):
        return sorted(tuple(getattr(r, n) for n in (*key, *COUNTERS)) for r in model.objects.all())

    return {
        "daily": rows(DailyRollup, "day", "agency_id", "procedure_id"),
        "agency": rows(AgencyDailyRollup, "day", "agency_id"),
        "month": rows(AgencyMonthlyRollup, "month", "agency_id"),
        "steps": sorted(
            (r.day, r.procedure_id, r.position, r.steps, r.seconds)
            for r in StepRollup.objects.all()
        ),
    }


def ward_b() -> dict[str, int]:
    scope = selectors.scope_for(None, start=NOVEMBER[0], end=NOVEMBER[1], unit=WARD_B)
    return selectors.totals(scope).counters


def test_the_worker_counts_each_change_once_and_agrees_with_a_rebuild(month):
    with time_machine.travel(at(19, 16), tick=False):
        again = services.refresh_rollups()
    assert again.dossiers == 0  # nothing new: nothing recounted
    before = ward_b()

    # when: D6 is refused on Friday 20/11 at 10:00, after its due moment (09:00)
    d6 = client_for(month.ward_b.approver).get(f"/api/v1/dossiers/{month.codes['d6']}/").json()
    with time_machine.travel(at(20, 10), tick=False):
        assert act(month.ward_b.approver, d6, "reject", reason="Sai thẩm quyền").status_code == 200
        services.refresh_until_current()

    after = ward_b()
    assert after["finished"] == before["finished"] + 1
    assert after["finished_late"] == before["finished_late"] + 1
    assert after["refused"] == before["refused"] + 1
    assert after["open_on_time"] == before["open_on_time"] - 1
    assert after["received"] == before["received"]
    mark = Watermark.objects.get(name=services.JOB)
    assert mark.last_event_id > 0

    # a rebuild from the dossiers gives exactly the rows the worker kept
    kept = snapshot()
    with time_machine.travel(at(20, 10), tick=False):
        services.rebuild()
    assert snapshot() == kept
    assert Watermark.objects.get(name=services.JOB).last_event_id == mark.last_event_id


def test_an_open_dossier_turns_overdue_when_its_due_moment_passes_without_an_event(month):
    assert ward_b()["open_overdue"] == 1  # D5

    with time_machine.travel(at(20, 9, 30), tick=False):  # D6 was due at 09:00
        result = services.refresh_rollups()

    assert result.dossiers == 1
    assert (ward_b()["open_overdue"], ward_b()["open_on_time"]) == (2, 0)


def test_the_bottleneck_shows_the_time_spent_per_step(month):
    scope = selectors.scope_for(None, start=NOVEMBER[0], end=NOVEMBER[1], unit=WARD_B)

    steps = selectors.bottleneck(scope)

    reception = [s for s in steps if s.position == steps[0].position]
    assert reception[0].steps == 4  # D1, D2, D3 (after its supplement), D5 were accepted
    assert all(s.procedure == "1.001193" for s in steps)
    assert all(s.average_hours >= 0 for s in steps)
