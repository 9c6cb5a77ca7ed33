"""Working days, holidays, make-up days, due moments and pauses (DOMAIN T1-T6)."""

from motcua.workcalendar.calendar import TimeUnit, WorkingCalendar
from motcua.workcalendar.pauses import Pause
from motcua.workcalendar.vietnam import KNOWN_DAYS_OFF, KNOWN_MAKE_UP_DAYS

__all__ = ["KNOWN_DAYS_OFF", "KNOWN_MAKE_UP_DAYS", "Pause", "TimeUnit", "WorkingCalendar"]
