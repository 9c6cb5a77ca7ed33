"""The days the `holidays` package gets wrong or leaves out, with the document that set each.

DOMAIN T1, N2: the government announces the civil servants' swaps each year, often a week ahead.
These rows are the seed of the centre's calendar (the `CalendarDay` table, loaded by a data
migration and edited in the admin); the pure `WorkingCalendar.vietnam()` uses them too.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

OFF, WORKING = "off", "working"

# The name the `holidays` package gives 24/11 (Vietnam Culture Day). DOMAIN N2: chosen by the
# Politburo, Resolution 30/NQ-CP orders the Labour Code amended, not yet enacted as far as we know:
# a day off only when the centre's setting MOTCUA_CULTURE_DAY_OFF says so.
CULTURE_DAY_NAME = "Vietnam Cultural Day"


class ShippedDay(NamedTuple):
    day: date
    kind: str  # OFF: no work although a weekday; WORKING: worked although a weekend or day off
    name: str
    source: str


SHIPPED_DAYS: tuple[ShippedDay, ...] = (
    ShippedDay(
        date(2024, 5, 4),
        WORKING,
        "Saturday worked for Monday 29/04/2024",
        "Government Office, 2024 holiday schedule for civil servants",
    ),
    ShippedDay(
        date(2025, 4, 26),
        WORKING,
        "Saturday worked for Friday 02/05/2025",
        "Dispatch 8726/VPCP-KGVX",
    ),
    ShippedDay(
        date(2026, 1, 2),
        OFF,
        "New Year 2026: Friday off, swapped with Saturday 10/01/2026",
        "Dispatch 12729/VPCP-KGVX of 25/12/2025",
    ),
    ShippedDay(
        date(2026, 1, 10),
        WORKING,
        "Saturday worked for Friday 02/01/2026",
        "Dispatch 12729/VPCP-KGVX of 25/12/2025",
    ),
    ShippedDay(
        date(2026, 8, 22),
        WORKING,
        "Saturday worked for Monday 31/08/2026",
        "2026 holiday schedule for civil servants (e.g. Can Tho Notice 109/TB-UBND of 06/11/2025)",
    ),
)
