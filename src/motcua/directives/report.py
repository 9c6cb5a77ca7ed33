"""The compiled report of every difficulty and proposal the assignees reported, for the city's
decision-making: one workbook, grouped by theme and agency, with a summary per directive."""

from io import BytesIO
from itertools import groupby

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from motcua.core.spreadsheets import append_row
from motcua.directives import selectors
from motcua.directives.services import ensure_coordinator

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _difficulties_sheet(book: Workbook) -> None:
    sheet = book.active
    sheet.title = _("Difficulties")[:31]
    append_row(
        sheet,
        [
            _("Theme"),
            _("Agency"),
            _("Directive"),
            _("Deadline"),
            _("Reported on"),
            _("Progress (per cent)"),
            _("Difficulties"),
            _("Proposals"),
        ],
    )
    for cell in sheet[1]:
        cell.font = BOLD
    for theme, rows in groupby(selectors.difficulties(), key=lambda d: d.theme):
        append_row(sheet, [theme])
        sheet.cell(sheet.max_row, 1).font = BOLD
        for d in rows:
            append_row(  # the assignees' own words: written as text
                sheet,
                [
                    d.theme,
                    f"{d.agency} ({d.agency_code})",
                    d.directive,
                    d.deadline,
                    d.reported_on,
                    d.progress_percent,
                    d.difficulties,
                    d.proposals,
                ],
            )
            for cell in sheet[sheet.max_row]:
                cell.alignment = WRAP
    for column, width in zip("ABCDEFGH", (22, 36, 40, 12, 12, 10, 60, 60), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.number_format = "DD/MM/YYYY"


def _summary_sheet(book: Workbook, user: AbstractBaseUser) -> None:
    sheet = book.create_sheet(_("Directives")[:31])
    append_row(
        sheet,
        [_("Directive"), _("Theme"), _("Deadline"), _("Assignees"), _("Done"), _("Overdue")],
    )
    for cell in sheet[1]:
        cell.font = BOLD
    for d in selectors.visible_directives(user):
        append_row(sheet, [d.title, d.theme, d.deadline, d.assignees, d.done, d.overdue])
        sheet.cell(sheet.max_row, 3).number_format = "DD/MM/YYYY"


def difficulties_xlsx(user: AbstractBaseUser) -> bytes:
    """Return the workbook (the centre's coordinators only)."""
    ensure_coordinator(user)
    book = Workbook()
    _difficulties_sheet(book)
    _summary_sheet(book, user)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
