"""Working time in words for the officials' pages: "1 giờ 48 phút" under a working day, then
working days ("2,5 ngày làm việc"), never "1.8 h" (issue 19)."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

WORKING_DAY_HOURS = 8  # DOMAIN T2/T4: 08:00-12:00 and 13:00-17:00


def working_time(hours: float | None) -> str:
    """Return working hours as words: minutes and hours below a day, working days above."""
    if hours is None:
        return "—"
    if hours >= WORKING_DAY_HOURS:
        days = round(hours / WORKING_DAY_HOURS, 1)
        shown = number_format(days, 0 if days == int(days) else 1, use_l10n=True)
        return ngettext(
            "%(days)s working day", "%(days)s working days", int(days) if days == int(days) else 2
        ) % {"days": shown}
    whole, minutes = divmod(round(hours * 60), 60)
    if not whole:
        return _("%(minutes)d min") % {"minutes": minutes}
    if not minutes:
        return ngettext("%(hours)d h", "%(hours)d h", whole) % {"hours": whole}
    return _("%(hours)d h %(minutes)d min") % {"hours": whole, "minutes": minutes}
