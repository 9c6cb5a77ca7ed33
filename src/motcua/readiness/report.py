"""The readiness ranking as a workbook: one row per service point, in the page's order, every
text written as text (core.spreadsheets), for the budget discussion."""

from io import BytesIO

from django.utils.translation import gettext as _

from openpyxl import Workbook
from openpyxl.styles import Font

from motcua.core.spreadsheets import append_row
from motcua.readiness.selectors import PointReadiness


def readiness_xlsx(rows: list[PointReadiness]) -> bytes:
    """Return the ranking of the points the caller sees (the page's selector decides which)."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Readiness")[:31]
    append_row(
        sheet,
        [
            _("Rank"),
            _("Service point"),
            _("Staff at the counters"),
            _("Staff trained on the system"),
            _("Counters"),
            _("Scanners"),
            _("Computers"),
            _("Digital signature devices"),
            _("Procedures configured (per cent)"),
            _("Fee account approved"),
            _("Dossiers in the last 30 days"),
            _("Dossiers per counter per day"),
            _("Short of"),
        ],
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for rank, r in enumerate(rows, start=1):
        res = r.resources
        counts = (
            [res.staff, res.trained_staff, res.counters, res.scanners, res.computers]
            + [res.signature_devices]
            if res
            else [None] * 6
        )
        append_row(
            sheet,
            [
                rank,
                r.point.name,
                *counts,
                round(100 * r.procedures_configured),
                _("yes") if r.fee_account_approved else _("no"),
                r.dossiers,
                r.per_counter_day,
                "; ".join(r.shortfall_labels) or _("ready"),
            ],
        )
    sheet.column_dimensions["B"].width = 48
    sheet.column_dimensions["M"].width = 60
    out = BytesIO()
    book.save(out)
    return out.getvalue()
