"""Due moments of dossiers and tasks from the working calendar (DOMAIN T3–T7)."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import lru_cache

from django.conf import settings

from motcua.catalog.models import ProcedureVersion, TimeUnit
from motcua.workcalendar import Pause, WorkingCalendar


@lru_cache(maxsize=1)
def calendar() -> WorkingCalendar:
    """Return the province's working calendar (built once per process)."""
    return WorkingCalendar.vietnam(tz=settings.TIME_ZONE)


def due_at(
    version: ProcedureVersion, start: datetime, pauses: Iterable[tuple[datetime, datetime]] = ()
) -> datetime | None:
    """Return the due moment of a dossier received at `start`, with closed pauses (T6)."""
    if version.time_limit_value is None:
        return None
    spans = [Pause(a, b) for a, b in pauses]
    return calendar().due_at(start, version.time_limit_value, version.time_limit_unit, spans)


def step_due_at(version: ProcedureVersion, start: datetime, share_percent: int) -> datetime | None:
    """Return the due moment of a process step: its share of the limit in working hours (T7).

    Shares are rounded to whole working hours, at least one; calendar-day limits are shared
    out as if they were working days.
    """
    if version.time_limit_value is None:
        return None
    total = version.time_limit_value
    if version.time_limit_unit != TimeUnit.WORKING_HOURS:
        total *= 8
    hours = max(1, round(total * share_percent / 100))
    return calendar().due_at(start, hours, TimeUnit.WORKING_HOURS)


def paused_working_time(pauses: Iterable[tuple[datetime, datetime]]) -> timedelta:
    """Return the working time inside the pauses."""
    cal = calendar()
    return sum((cal.working_time_between(a, b) for a, b in pauses), timedelta())
