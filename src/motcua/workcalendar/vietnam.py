"""Vietnam's public holidays and the swaps the `holidays` package leaves out (DOMAIN T1, N2)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays

from motcua.workcalendar.shipped import CULTURE_DAY_NAME, OFF, SHIPPED_DAYS, WORKING

DEFAULT_YEARS = range(2020, 2041)

# DOMAIN T1: Saturdays that public bodies work in exchange for a weekday off, and the weekdays off
# the package does not list (New Year 2026). The centre's own calendar is the `CalendarDay` table
# (seeded from the same rows); these feed the pure `WorkingCalendar.vietnam()`.
KNOWN_MAKE_UP_DAYS: tuple[date, ...] = tuple(d.day for d in SHIPPED_DAYS if d.kind == WORKING)
KNOWN_DAYS_OFF: tuple[date, ...] = tuple(d.day for d in SHIPPED_DAYS if d.kind == OFF)


@lru_cache(maxsize=8)
def vietnam_holidays(years: range = DEFAULT_YEARS, *, culture_day: bool = False) -> frozenset[date]:
    """Return Vietnam's public holidays and substituted days off in `years`.

    Vietnam Culture Day (24/11) counts only with `culture_day` (DOMAIN N2: not yet law). Cached
    because the package computes the lunar holidays (Tết, Hùng Kings) year by year, which takes
    about 0.1 s for twenty years.
    """
    listed = holidays.country_holidays("VN", years=years, language="en_US")
    return frozenset(
        day for day, name in listed.items() if culture_day or CULTURE_DAY_NAME not in name
    )
