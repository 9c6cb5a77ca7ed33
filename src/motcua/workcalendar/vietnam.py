"""Vietnam's public holidays and the make-up working days the `holidays` package leaves out."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays

DEFAULT_YEARS = range(2020, 2041)

# DOMAIN T1: Saturdays that public bodies work in exchange for a weekday off. The `holidays`
# package lists only the day off ("Day off (substituted from …)"), never the worked Saturday, so
# we keep the other half of each swap here. Administrators add later ones through
# `WorkingCalendar.vietnam(make_up_days=…)`.
KNOWN_MAKE_UP_DAYS: tuple[date, ...] = (
    # Mon 29/04/2024 off, Sat 04/05/2024 worked: the swap the package lists for 2024.
    date(2024, 5, 4),
    # Fri 02/05/2025 off, Sat 26/04/2025 worked: Government Office dispatch 8726/VPCP-KGVX.
    date(2025, 4, 26),
    # Mon 31/08/2026 off, Sat 22/08/2026 worked: the 2026 schedule for civil servants (relayed
    # e.g. by Can Tho's Notice 109/TB-UBND of 06/11/2025).
    date(2026, 8, 22),
)


@lru_cache(maxsize=8)
def vietnam_holidays(years: range = DEFAULT_YEARS) -> frozenset[date]:
    """Return Vietnam's public holidays and substituted days off in `years`.

    Cached because the package computes the lunar holidays (Tết, Hùng Kings) year by year, which
    takes about 0.1 s for twenty years.
    """
    return frozenset(holidays.country_holidays("VN", years=years).keys())
