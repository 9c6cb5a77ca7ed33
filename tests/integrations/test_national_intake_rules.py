"""The 2-hour alert and the 8-working-hour flag of online dossiers, on the working calendar
(Decree 118/2025 Art 15(3), 17(2)): a dossier filed on the national portal on Friday afternoon
alerts on Monday morning, not over the weekend, and is flagged late on Monday afternoon."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core import mail

import pytest
import time_machine

from motcua.dossiers.models import Dossier
from motcua.dossiers.services import intake_watch
from motcua.integrations import delivery, sandbox_portal
from motcua.nationalportal import inbound
from motcua.nationalportal.national_input import NationalDossierIn
from tests.builders.dossiers import WARD_B, act, client_for, make_ward

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
FRIDAY = datetime(2026, 3, 13, 16, 30, tzinfo=HANOI)  # an ordinary week, no day off


def _file(number: int) -> Dossier:
    data = NationalDossierIn(data=sandbox_portal.dossier_body("ok", number))
    data.is_valid(raise_exception=True)
    return inbound.receive(data.validated_data).dossier


def _at(day: int, hour: int, minute: int = 0) -> time_machine.travel:
    return time_machine.travel(datetime(2026, 3, day, hour, minute, tzinfo=HANOI), tick=False)


@pytest.fixture
def ward(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ward = make_ward(WARD_B)
    for user in (ward.handling, ward.approver):
        user.email = f"{user.username}@example.invalid"
        user.save()
    return ward


def test_an_unseen_online_dossier_alerts_after_2_working_hours_across_the_weekend(
    ward, coordinator
):
    coordinator.email = "centre@example.invalid"
    coordinator.save()
    with _at(13, 16, 30):
        waiting = _file(1)
        decided = _file(2)
        shown = client_for(ward.handling).get(f"/api/v1/dossiers/{decided.code}/").json()
        assert act(ward.handling, shown, "accept").status_code == 200
    runs = {}
    for label, (day, hour, minute) in {
        "friday_evening": (13, 18, 0),
        "saturday": (14, 10, 0),
        "sunday": (15, 16, 0),
        "monday_9_29": (16, 9, 29),
        "monday_9_31": (16, 9, 31),
        "monday_16_29": (16, 16, 29),
        "monday_16_31": (16, 16, 31),
        "tuesday": (17, 10, 0),
    }.items():
        with _at(day, hour, minute):
            runs[label] = intake_watch.check()
    with _at(17, 10, 1):
        mail.outbox.clear()
        delivery.deliver_outbox()

    assert [(r.alerted, r.flagged) for r in runs.values()] == [
        (0, 0), (0, 0), (0, 0), (0, 0), (1, 0), (0, 0), (0, 1), (0, 0),
    ]  # fmt: skip
    waiting.refresh_from_db()
    decided.refresh_from_db()
    assert waiting.intake_alerted_at == datetime(2026, 3, 16, 9, 31, tzinfo=HANOI)
    assert waiting.intake_late_at == datetime(2026, 3, 16, 16, 31, tzinfo=HANOI)
    assert (decided.intake_alerted_at, decided.intake_late_at) == (None, None)
    alerts = [m for m in mail.outbox if "centre@example.invalid" in m.to]
    assert [waiting.code in m.subject for m in alerts] == [True, True]
    assert ward.handling.email in alerts[0].to
    assert "binh@example.invalid" not in alerts[0].to  # the applicant is not told
    assert alerts[0].subject.endswith("waiting for 2 working hours")
    assert alerts[1].subject.endswith("not accepted within 8 working hours")


def test_a_dossier_an_official_took_up_is_not_alerted_but_still_flagged_if_undecided(ward):
    with _at(13, 16, 30):
        taken = _file(3)
        shown = client_for(ward.handling).get(f"/api/v1/dossiers/{taken.code}/").json()
        assigned = act(ward.handling, shown, "assess-fee", lines=[])
        assert assigned.status_code == 200, assigned.content
    with _at(16, 9, 31):
        early = intake_watch.check()
    with _at(16, 16, 31):
        late = intake_watch.check()

    assert (early.alerted, early.flagged) == (0, 0)
    assert (late.alerted, late.flagged) == (0, 1)
