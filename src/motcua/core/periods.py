"""The days a period of a filter or a report may cover, for every page, the API and exports."""

from datetime import date

from django.utils.translation import gettext as _

# The days a period may cover (issue 17, item 13): the city keeps no record older, and a date
# far ahead (9999-12-31) would only break the date arithmetic of the counts.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


def bounds_message() -> str:
    """Say which days a period may cover, in the reader's language."""
    return _("Choose a date between %(first)s and %(last)s.") % {
        "first": f"{FIRST_DAY:%d/%m/%Y}",
        "last": f"{LAST_DAY:%d/%m/%Y}",
    }


def within_bounds(day: date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY
