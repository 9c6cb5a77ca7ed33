"""The centre edits its calendar in the admin: the open dossiers not yet due are re-planned at
once, each changed due date is an event and a notice to the applicant, all in the transaction
of the edit (issue 17, item 4)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.utils import timezone

import pytest

from motcua.core import clock
from motcua.dossiers import events, notices
from motcua.dossiers.models import Dossier, Event
from motcua.dossiers.selectors import notice_facts
from motcua.integrations.models import OutboxMessage
from motcua.workcalendar.models import CalendarDay
from tests.builders.dossiers import file_dossier

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY_TEN = datetime(2026, 3, 2, 10, tzinfo=TZ)  # a plain week, no holiday near


def _admin() -> Client:
    user = get_user_model().objects.create_superuser("centre-admin", password="x-Very-long-1")
    browser = Client()
    browser.force_login(user)
    return browser


def _day_off(browser: Client, day) -> int:
    answer = browser.post(
        "/admin/workcalendar/calendarday/add/",
        {
            "day": day.strftime("%d/%m/%Y"),
            "kind": "off",
            "name": "Nghỉ bù đột xuất",
            "source": "Công văn thử nghiệm",
        },
    )
    return answer.status_code


def test_a_day_off_added_in_the_admin_moves_the_open_dossiers_and_tells_the_applicant(
    ward_a, ward_b
):
    with clock.frozen(MONDAY_TEN):
        moved = file_dossier(ward_a.receiving)
        apologised = file_dossier(ward_a.receiving)
        past = file_dossier(ward_a.receiving)
    Dossier.objects.filter(code=apologised["code"]).update(apologized_at=MONDAY_TEN)
    due = Dossier.objects.get(code=moved["code"]).due_at
    Dossier.objects.filter(code=past["code"]).update(due_at=MONDAY_TEN + timedelta(minutes=30))
    before = OutboxMessage.objects.count()

    with clock.frozen(MONDAY_TEN + timedelta(hours=1)):
        status = _day_off(_admin(), timezone.localtime(due).date())

    assert status == 302  # saved
    dossier = Dossier.objects.get(code=moved["code"])
    assert dossier.due_at == due + timedelta(days=1)  # the next working day, same hour
    assert dossier.legal_due_at == dossier.due_at
    event = Event.objects.get(dossier=dossier, action="replan")
    assert event.payload["old_due_at"] == due.isoformat()
    assert datetime.fromisoformat(event.payload["new_due_at"]) == dossier.due_at
    assert Dossier.objects.get(code=apologised["code"]).due_at == due  # as promised
    assert not Event.objects.filter(dossier__code=apologised["code"], action="replan").exists()
    assert not Event.objects.filter(dossier__code=past["code"], action="replan").exists()
    told = OutboxMessage.objects.filter(key=dossier.code, payload__action="replan")
    assert {m.destination for m in told} == {"national_portal", "email", "sms"}
    assert OutboxMessage.objects.count() == before + 3
    notice = notices.compose(notices.kind_of(told[0].payload), notice_facts(dossier.code))
    new_date = timezone.localtime(dossier.due_at).strftime("%d/%m/%Y")
    assert new_date in notice.sms
    assert "Lịch làm việc đã thay đổi" in notice.body
    assert events.verify_chain(dossier).valid


def test_the_edit_and_the_replanning_are_one_transaction(ward_a, ward_b, monkeypatch):
    with clock.frozen(MONDAY_TEN):
        moved = file_dossier(ward_a.receiving)
    due = Dossier.objects.get(code=moved["code"]).due_at

    def broken(*args, **kwargs):
        raise RuntimeError("the event log is full")

    monkeypatch.setattr(events, "append", broken)
    with clock.frozen(MONDAY_TEN), pytest.raises(RuntimeError), transaction.atomic():
        CalendarDay.objects.create(
            day=timezone.localtime(due).date(), kind="off", name="x", source="y"
        )

    assert not CalendarDay.objects.filter(day=timezone.localtime(due).date()).exists()
    assert Dossier.objects.get(code=moved["code"]).due_at == due
