"""The province's working calendar as the centre keeps it: the `holidays` package, the
`CalendarDay` rows and the Vietnam Culture Day setting (DOMAIN T1, T2, N2).

Built once and kept; a change in this process rebuilds it at once, other processes see it within
RECHECK_SECONDS (a cheap stamp query), and `calendar_changed` tells the dossiers to re-plan.
"""

from __future__ import annotations

import threading
import time as clock_time
from typing import Any

from django.conf import settings
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from motcua.workcalendar.calendar import WorkingCalendar
from motcua.workcalendar.vietnam import DEFAULT_YEARS, vietnam_holidays

RECHECK_SECONDS = 2.0
# Sent after the centre added, changed or removed a day (sender: CalendarDay).
calendar_changed = Signal()

_lock = threading.Lock()
_state: dict[str, Any] = {"calendar": None, "stamp": None, "checked": 0.0}


def _stamp() -> tuple[Any, ...]:
    from motcua.workcalendar.models import CalendarDay

    row = CalendarDay.objects.aggregate(n=Count("pk"), last=Max("changed_at"))
    return (row["n"], row["last"], settings.MOTCUA_CULTURE_DAY_OFF, settings.TIME_ZONE)


def _build() -> WorkingCalendar:
    from motcua.workcalendar.models import CalendarDay

    off, working = set(), set()
    for day, kind in CalendarDay.objects.values_list("day", "kind"):
        (working if kind == CalendarDay.Kind.WORKING else off).add(day)
    holidays = vietnam_holidays(DEFAULT_YEARS, culture_day=settings.MOTCUA_CULTURE_DAY_OFF)
    return WorkingCalendar(
        holidays=(holidays | off) - working, make_up_days=frozenset(working), tz=_zone()
    )


def _zone() -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(settings.TIME_ZONE)


def province_calendar() -> WorkingCalendar:
    """Return the province's calendar, rebuilt when the centre changed it."""
    now = clock_time.monotonic()
    with _lock:
        cached = _state["calendar"]
        if cached is not None and now - _state["checked"] < RECHECK_SECONDS:
            return cached
        stamp = _stamp()
        if cached is None or stamp != _state["stamp"]:
            cached = _build()
            _state.update(calendar=cached, stamp=stamp)
        _state["checked"] = now
        return cached


def forget() -> None:
    """Drop the kept calendar: the next call reads the table again."""
    with _lock:
        _state.update(calendar=None, stamp=None, checked=0.0)


def _changed(sender: Any, **kwargs: Any) -> None:
    forget()
    if not kwargs.get("raw"):
        calendar_changed.send(sender=sender)


def connect_signals() -> None:
    from motcua.workcalendar.models import CalendarDay

    post_save.connect(_changed, sender=CalendarDay, dispatch_uid="calendar_day_saved")
    post_delete.connect(_changed, sender=CalendarDay, dispatch_uid="calendar_day_deleted")
