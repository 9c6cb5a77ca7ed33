"""The one time module (dossiers.deadlines) over the centre's calendar as shipped (DOMAIN T1-T8,
N2; Decree 118/2025 Art 18(2), 19(6))."""

import re
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.test import override_settings

import pytest
import time_machine

from motcua.catalog.models import TimeUnit
from motcua.dossiers import deadlines, preconditions
from motcua.dossiers.deadlines import is_overdue
from motcua.dossiers.workflow import Status
from motcua.workcalendar.models import CalendarDay

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
SRC = Path(__file__).resolve().parents[2] / "src" / "motcua"


def at(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=HANOI)


def version(value, unit=TimeUnit.WORKING_DAYS):
    return SimpleNamespace(time_limit_value=value, time_limit_unit=unit)


pytestmark = pytest.mark.django_db


def test_new_year_2026_swap_is_in_the_shipped_calendar():  # DOMAIN N2, Dispatch 12729/VPCP-KGVX
    # Received Wed 31/12/2025: Thu 1/1 holiday, Fri 2/1 off, weekend: due Monday 5/1.
    assert deadlines.due_at(version(1), at(2025, 12, 31, 10)) == at(2026, 1, 5, 10)
    # Saturday 10/1 is worked in exchange.
    assert deadlines.due_at(version(1), at(2026, 1, 9, 10)) == at(2026, 1, 10, 10)
    source = CalendarDay.objects.get(day="2026-01-02").source
    assert "12729/VPCP-KGVX" in source


def test_tet_2026_and_the_other_2026_days_off():  # DOMAIN N2
    # Tết: off Sat 14/2 to Sun 22/2.
    assert deadlines.due_at(version(1), at(2026, 2, 13, 10)) == at(2026, 2, 23, 10)
    # Hùng Kings Mon 27/4 (for Sun 26/4), 30/4 and 1/5.
    assert deadlines.due_at(version(1), at(2026, 4, 24, 10)) == at(2026, 4, 28, 10)
    assert deadlines.due_at(version(1), at(2026, 4, 29, 10)) == at(2026, 5, 4, 10)
    # National Day: Mon 31/8, Tue 1/9, Wed 2/9 off; Sat 22/8 worked.
    assert deadlines.due_at(version(1), at(2026, 8, 21, 10)) == at(2026, 8, 22, 10)
    assert deadlines.due_at(version(1), at(2026, 8, 28, 10)) == at(2026, 9, 3, 10)


def test_culture_day_is_worked_until_the_centre_says_it_is_law():  # DOMAIN N2
    assert deadlines.due_at(version(1), at(2026, 11, 23, 10)) == at(2026, 11, 24, 10)
    with override_settings(MOTCUA_CULTURE_DAY_OFF=True):
        from motcua.workcalendar import store

        store.forget()
        assert deadlines.due_at(version(1), at(2026, 11, 23, 10)) == at(2026, 11, 25, 10)


def test_a_day_the_centre_adds_applies_at_once():  # DOMAIN T1
    assert deadlines.due_at(version(1), at(2026, 12, 7, 10)) == at(2026, 12, 8, 10)
    CalendarDay.objects.create(
        day="2026-12-08", kind=CalendarDay.Kind.OFF, name="Extra day off", source="Test notice 1"
    )
    assert deadlines.due_at(version(1), at(2026, 12, 7, 10)) == at(2026, 12, 9, 10)


# Decree 118/2025 Art 18(2): the 15:00 rule


def test_same_day_procedures_after_15h_are_due_at_the_next_working_days_end():
    same_day = version(0)
    assert deadlines.due_at(same_day, at(2026, 3, 4, 14, 59)) == at(2026, 3, 4, 17)
    assert deadlines.due_at(same_day, at(2026, 3, 4, 15)) == at(2026, 3, 4, 17)
    assert deadlines.due_at(same_day, at(2026, 3, 4, 15, 1)) == at(2026, 3, 5, 17)
    # across a weekend and the New Year 2026 swap
    assert deadlines.due_at(same_day, at(2026, 3, 6, 15, 30)) == at(2026, 3, 9, 17)
    assert deadlines.due_at(same_day, at(2025, 12, 31, 15, 30)) == at(2026, 1, 5, 17)
    assert deadlines.due_at(same_day, at(2026, 1, 9, 16)) == at(2026, 1, 10, 17)
    # received in the evening: counts from the next morning (DOMAIN T3), so the same day
    assert deadlines.due_at(same_day, at(2026, 3, 6, 18)) == at(2026, 3, 9, 17)


def test_paper_dossiers_after_15h_are_forwarded_at_the_next_working_days_start():
    assert deadlines.forwarded_at("counter", at(2026, 3, 4, 10)) == at(2026, 3, 4, 10)
    assert deadlines.forwarded_at("counter", at(2026, 3, 6, 15, 30)) == at(2026, 3, 9, 8)
    assert deadlines.forwarded_at("postal", at(2025, 12, 31, 16)) == at(2026, 1, 5, 8)
    assert deadlines.forwarded_at("counter", at(2026, 1, 9, 16)) == at(2026, 1, 10, 8)
    assert deadlines.forwarded_at("online", at(2026, 3, 6, 15, 30)) is None


# DOMAIN T8, I6: overdue and the apology, once


def dossier(status=Status.IN_PROGRESS, due=None, finished=None, apologized=None):
    return SimpleNamespace(
        status=status, due_at=due, finished_at=finished, apologized_at=apologized
    )


def test_overdue_in_python_and_in_the_database_agree():
    due = at(2026, 3, 4, 10)
    now = due + timedelta(minutes=1)
    assert is_overdue(dossier(due=due), now)
    assert not is_overdue(dossier(due=due), due)
    assert not is_overdue(dossier(Status.WAITING_SUPPLEMENT, due=due), now)  # T6
    assert is_overdue(dossier(Status.RETURNED, due=due, finished=now), now)
    assert not is_overdue(dossier(Status.WITHDRAWN, due=due, finished=now), now)
    q = str(deadlines.overdue_q(now))
    assert "waiting_supplement" not in q
    assert "due_at__lt" in q


def test_the_apology_is_offered_only_while_it_is_lawful():  # Decree 118/2025 Art 19(6)
    due = at(2026, 3, 10, 10)
    assert preconditions.can_apologize(dossier(due=due), due - timedelta(days=2))
    assert preconditions.can_apologize(dossier(due=due), due - timedelta(days=1))
    late = due - timedelta(hours=12)
    assert not preconditions.can_apologize(dossier(due=due), late)
    assert deadlines.apology_is_late(due, late)  # the service marks exactly what is not offered
    assert not preconditions.can_apologize(
        dossier(due=due, apologized=late), due - timedelta(days=3)
    )


def test_overdue_is_defined_only_in_the_time_module():  # issue 20 item 1
    # a filter or a comparison against the due moment, or a definition of an overdue filter
    definitions = re.compile(
        r"due_at__lt|due_at__gt|finished_at *> *[\w.]*due_at"
        r"|now(?:\(\))? *[<>]=? *[\w.]*due(?:_at)?\b|\b[\w.]*due(?:_at)? *[<>]=? *[\w.]*now\b"
        r"|def \w*overdue\w*_q\b"
    )
    found = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and definitions.search(path.read_text())
    ]
    assert found == ["dossiers/deadlines.py"], found


@time_machine.travel(at(2026, 1, 9, 16), tick=False)
def test_frozen_clock_receipt_on_the_friday_before_the_make_up_saturday():
    from motcua.core import clock

    now = clock.now()
    assert deadlines.after_cutoff(now)
    assert deadlines.due_at(version(0), now) == at(2026, 1, 10, 17)


def test_the_counter_receipt_states_the_15h_rule(ward_a, ward_b, tmp_path):
    """A paper dossier received at 15:30 on a Friday: the receipt says it is forwarded at
    Monday's start; a same-day procedure is due at Monday's end (Decree 118/2025 Art 18(2));
    at 14:30 the receipt says neither and the same-day dossier is due that Friday."""
    from motcua.catalog.models import ProcedureVersion
    from tests.builders.dossiers import BIRTH, client_for, file_dossier
    from tests.documents.test_papers import pages, text_of

    def receipt(moment):
        with time_machine.travel(moment, tick=False):
            dossier = file_dossier(ward_a.receiving, channel="counter")
            response = client_for(ward_a.receiving).get(
                f"/api/v1/dossiers/{dossier['code']}/receipt.pdf"
            )
            pdf = b"".join(response.streaming_content)
        return " ".join(text_of(pages(pdf, tmp_path)).split())

    one_day = receipt(at(2026, 3, 6, 15, 30))  # birth registration: 1 working day
    ProcedureVersion.objects.filter(procedure__code=BIRTH, status="published").update(
        time_limit_value=0  # as a same-day (trong ngày) procedure
    )
    late, early = receipt(at(2026, 3, 6, 15, 30)), receipt(at(2026, 3, 6, 14, 30))

    forwarded = "vào đầu ngày làm việc tiếp theo: 08 giờ 00 phút, ngày 09/03/2026"
    same_day = "Thủ tục giải quyết trong ngày, hồ sơ tiếp nhận sau 15 giờ"
    assert forwarded in one_day
    assert same_day not in one_day
    assert forwarded in late
    assert same_day in late
    assert "kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 09/03/2026" in late
    assert "sau 15 giờ" not in early
    assert "kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 06/03/2026" in early
