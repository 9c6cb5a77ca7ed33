"""Legal deadlines of 2026 with the centre's calendar as shipped (the `holidays` package, the
CalendarDay rows of the data migration, the Culture Day setting at its default): DOMAIN T1–T4,
I6, N2. Each case is the date a citizen would be given on the appointment slip."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import deadlines

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def at(day: str, hour: int = 10, minute: int = 0) -> datetime:
    d, m, y = (int(p) for p in day.split("/"))
    return datetime(y, m, d, hour, minute, tzinfo=TZ)


def limit(value: int, unit: str = "working_days") -> ProcedureVersion:
    return ProcedureVersion(time_limit_value=value, time_limit_unit=unit)


CASES = [
    # New Year 2026 (Dispatch 12729/VPCP-KGVX of 25/12/2025): off Thu 1/1 to Sun 4/1, Friday
    # 2/1 swapped with Saturday 10/1 (worked).
    ("31/12/2025 10:00 + 1 working day", at("31/12/2025"), 1, at("05/01/2026")),
    ("31/12/2025 08:00 + 1 working day", at("31/12/2025", 8), 1, at("31/12/2025", 17)),
    ("31/12/2025 10:00 + 2 working days", at("31/12/2025"), 2, at("06/01/2026")),
    ("online on 01/01/2026 + 1 working day", at("01/01/2026", 9), 1, at("05/01/2026", 17)),
    ("online on Friday 02/01/2026 + 1", at("02/01/2026", 9), 1, at("05/01/2026", 17)),
    ("05/01/2026 10:00 + 5: Saturday 10/01 is worked", at("05/01/2026"), 5, at("10/01/2026")),
    ("09/01/2026 10:00 + 1: Saturday 10/01 is worked", at("09/01/2026"), 1, at("10/01/2026")),
    ("10/01/2026 10:00 (worked) + 1", at("10/01/2026"), 1, at("12/01/2026")),
    # Tết 2026: off Saturday 14/2 to Sunday 22/2 (statutory 16–20/2).
    ("Friday 13/02/2026 10:00 + 1", at("13/02/2026"), 1, at("23/02/2026")),
    ("online on 18/02/2026 + 1", at("18/02/2026", 20), 1, at("23/02/2026", 17)),
    ("12/02/2026 10:00 + 3", at("12/02/2026"), 3, at("24/02/2026")),
    # Hùng Kings' day Sunday 26/4 → Monday 27/4 off; 30/4 Thursday and 1/5 Friday.
    ("Friday 24/04/2026 10:00 + 1", at("24/04/2026"), 1, at("28/04/2026")),
    ("Wednesday 29/04/2026 10:00 + 1", at("29/04/2026"), 1, at("04/05/2026")),
    ("Tuesday 28/04/2026 10:00 + 2", at("28/04/2026"), 2, at("04/05/2026")),
    # National Day: Tuesday 1/9 and Wednesday 2/9; Monday 31/8 off, Saturday 22/8 worked.
    (
        "Friday 21/08/2026 10:00 + 1: Saturday 22/08 is worked",
        at("21/08/2026"),
        1,
        at("22/08/2026"),
    ),
    ("Friday 28/08/2026 10:00 + 1", at("28/08/2026"), 1, at("03/09/2026")),
    ("Thursday 27/08/2026 10:00 + 2", at("27/08/2026"), 2, at("03/09/2026")),
    # 24/11 (Vietnam Culture Day) is not a day off until it is law (the shipped default).
    ("Monday 23/11/2026 10:00 + 1", at("23/11/2026"), 1, at("24/11/2026")),
]


@pytest.mark.parametrize(("case", "received", "days", "due"), CASES, ids=[c[0] for c in CASES])
def test_the_appointment_of_2026_is_exact(case, received, days, due):
    assert deadlines.due_at(limit(days), received) == due


SAME_DAY = [  # DOMAIN I6, Decree 118/2025 Art 18(2): "within the day" after 15:00 → next day
    ("31/12/2025 14:00", at("31/12/2025", 14), at("31/12/2025", 17)),
    ("31/12/2025 15:00 exactly", at("31/12/2025", 15), at("31/12/2025", 17)),
    ("31/12/2025 15:30", at("31/12/2025", 15, 30), at("05/01/2026", 17)),
    ("Friday 13/02/2026 15:30, before Tết", at("13/02/2026", 15, 30), at("23/02/2026", 17)),
    ("Wednesday 29/04/2026 16:00", at("29/04/2026", 16), at("04/05/2026", 17)),
    ("Friday 28/08/2026 15:01", at("28/08/2026", 15, 1), at("03/09/2026", 17)),
    (
        "Friday 09/01/2026 15:30: Saturday 10/01 is worked",
        at("09/01/2026", 15, 30),
        at("10/01/2026", 17),
    ),
    # issue 25 item 4: weekends, holidays, before opening and after closing
    (
        "Saturday 10/01/2026 15:30, the worked Saturday",
        at("10/01/2026", 15, 30),
        at("12/01/2026", 17),
    ),
    ("Saturday 17/01/2026 10:00, a day off", at("17/01/2026", 10), at("19/01/2026", 17)),
    ("Monday 16/02/2026 09:00, in Tết", at("16/02/2026", 9), at("23/02/2026", 17)),
    ("Wednesday 04/03/2026 07:30, before opening", at("04/03/2026", 7, 30), at("04/03/2026", 17)),
    ("Wednesday 04/03/2026 15:00 exactly", at("04/03/2026", 15), at("04/03/2026", 17)),
    ("Wednesday 04/03/2026 17:30, after closing", at("04/03/2026", 17, 30), at("05/03/2026", 17)),
    ("Tuesday 01/09/2026 10:00, National Day", at("01/09/2026", 10), at("03/09/2026", 17)),
]


@pytest.mark.parametrize(("case", "received", "due"), SAME_DAY, ids=[c[0] for c in SAME_DAY])
def test_a_same_day_procedure_after_15_00_is_due_the_next_working_day(case, received, due):
    assert deadlines.due_at(limit(0), received) == due


FORWARDED = [  # DOMAIN I6: paper received after 15:00 goes on at the next working day's start
    (at("31/12/2025", 15, 30), at("05/01/2026", 8)),
    (at("31/12/2025", 14, 59), at("31/12/2025", 14, 59)),
    (at("13/02/2026", 16), at("23/02/2026", 8)),
    (at("29/04/2026", 15, 30), at("04/05/2026", 8)),
    (at("28/08/2026", 15, 30), at("03/09/2026", 8)),
    (at("21/08/2026", 15, 30), at("22/08/2026", 8)),
    # issue 25 item 4: exactly 15:00 goes at once; weekends, holidays, after closing
    (at("04/03/2026", 15), at("04/03/2026", 15)),
    (at("04/03/2026", 17, 30), at("05/03/2026", 8)),
    (at("10/01/2026", 15, 30), at("12/01/2026", 8)),
    (at("17/01/2026", 10), at("19/01/2026", 8)),
    (at("16/02/2026", 9), at("23/02/2026", 8)),
]


@pytest.mark.parametrize(("received", "forwarded"), FORWARDED)
def test_paper_received_after_15_00_is_forwarded_at_the_next_working_days_start(
    received, forwarded
):
    assert deadlines.forwarded_at("counter", received) == forwarded
    assert deadlines.forwarded_at("postal", received) == forwarded  # paper by post too
    assert deadlines.forwarded_at("online", received) is None
