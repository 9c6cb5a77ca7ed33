"""Monthly and quarterly reports: an .xlsx workbook and a signed PDF in the layout agencies
use (received by channel; resolved early / on time / late; in progress within / past the
limit), with the Decision 766 points per unit and the joint dossiers' parts per agency (issue
24, `monitoring.parts`: the late parts and the agency that made each dossier late); and CSV of
the indicators."""

import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from motcua.core import clock
from motcua.core.spreadsheets import append_row, csv_text
from motcua.documents import services as issuing
from motcua.documents.pdf import render_pdf, vietnamese_date
from motcua.documents.signing import printed, sign_pdf, signing_time
from motcua.geography.models import Agency, AgencyKind
from motcua.geography.selectors import province_name
from motcua.monitoring import parts, scoring, selectors
from motcua.monitoring.indicators import RATIOS, Indicators


@dataclass(frozen=True)
class Report:
    title: str
    start: date
    end: date
    rows: list[selectors.AgencyRow]
    total: Indicators
    score: scoring.Score
    signer: Agency | None
    part_rows: list[parts.AgencyParts] = field(default_factory=list)
    late_parts: list[parts.LatePart] = field(default_factory=list)


def build(scope: selectors.Scope) -> Report:
    """Return the report's figures for the scope (rollups only)."""
    rows = selectors.by_agency(scope)
    total = selectors.totals(scope)
    signer = rows[0].agency if len(rows) == 1 else _centre()
    if scope.start.day == 1 and scope.end.month == scope.start.month:
        span = f"tháng {scope.start:%m/%Y}"
    else:
        span = f"từ {scope.start:%d/%m/%Y} đến {scope.end:%d/%m/%Y}"
    title = f"Tình hình, kết quả giải quyết thủ tục hành chính {span}"
    return Report(
        title,
        scope.start,
        scope.end,
        rows,
        total,
        scoring.score(total.counters),
        signer,
        parts.parts_by_agency(scope),
        parts.late_parts(scope),
    )


def _centre() -> Agency | None:
    centre = Agency.objects.filter(kind=AgencyKind.SERVICE_CENTER).order_by("pk").first()
    return centre or Agency.objects.filter(kind=AgencyKind.PEOPLES_COMMITTEE).first()


def _figures(ind: Indicators) -> list[int]:
    """The columns of the agencies' report: received by channel, resolved, in progress."""
    c = ind.counters
    return [
        c["received"],
        c["received_online"],
        c["received_counter"],
        c["received_postal"],
        c["finished_early"] + c["finished_on_time"] + c["finished_late"],
        c["finished_early"],
        c["finished_on_time"],
        c["finished_late"],
        c["open_on_time"] + c["open_overdue"],
        c["open_on_time"],
        c["open_overdue"],
    ]


def _on_time(ind: Indicators) -> float | None:
    """Decision 766 indicator 2.1, as the API and the dashboard give it (one definition)."""
    return RATIOS["on_time_rate"].of(ind.counters)


def headings() -> list[str]:
    """Return the column headings (in the active language)."""
    return [
        _("No."),
        _("Agency"),
        _("Received"),
        _("Online"),
        _("At the counter"),
        _("By post"),
        _("Resolved"),
        _("Early"),
        _("On time"),
        _("Late"),
        _("In progress"),
        _("Within the limit"),
        _("Past the limit"),
        _("On time (%)"),
        _("Decision 766 points"),
    ]


def to_xlsx(report: Report) -> bytes:
    """Return the report as an .xlsx workbook (in Vietnamese, the legal language)."""
    with translation.override("vi"):
        book = Workbook()
        sheet = book.active
        sheet.title = _("Report")[:31]
        append_row(sheet, [report.title])
        sheet["A1"].font = Font(bold=True, size=13)
        append_row(sheet, [f"{report.start:%d/%m/%Y} – {report.end:%d/%m/%Y}"])
        append_row(sheet, [])
        append_row(sheet, headings())
        for cell in sheet[4]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, horizontal="center")
        for row in report.rows:
            append_row(
                sheet,
                [
                    row.rank,
                    row.agency.name,
                    *_figures(row.indicators),
                    _on_time(row.indicators),
                    row.score.total,
                ],
            )
        append_row(
            sheet,
            [
                "",
                _("All units"),
                *_figures(report.total),
                _on_time(report.total),
                report.score.total,
            ],
        )
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["B"].width = 48
        _score_sheet(book, report)
        _parts_sheet(book, report)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _score_sheet(book: Workbook, report: Report) -> None:
    sheet = book.create_sheet(_("Decision 766"))
    append_row(sheet, [_("Indicator"), _("Name"), _("Rate (%)"), _("Points"), _("Maximum")])
    for line in report.score.lines:
        append_row(
            sheet,
            [
                line.rule.code,
                str(line.rule.name),
                line.ratio if line.measured else _("not measured"),
                line.points if line.measured else "",
                line.rule.max_points,
            ],
        )
    append_row(sheet, ["", _("Total"), "", report.score.total, 100])
    sheet.column_dimensions["B"].width = 56


def part_headings() -> list[str]:
    """The columns of the parts' table (in the active language)."""
    return [
        _("No."),
        _("Agency"),
        _("Parts received"),
        _("Parts finished"),
        _("Number of late parts"),
        _("Dossiers made late"),
        _("Average working hours"),
        _("Share of the time limit (%)"),
    ]


def _parts_sheet(book: Workbook, report: Report) -> None:
    """Joint dossiers by part: per agency, then each late part with whether it made its
    dossier late (the figures of `monitoring.parts`, as the indicators give them)."""
    sheet = book.create_sheet(_("Joint parts")[:31])
    append_row(sheet, part_headings())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for i, row in enumerate(report.part_rows, 1):
        append_row(
            sheet,
            [
                i,
                row.agency.name,
                row.parts,
                row.finished,
                row.late,
                row.made_dossier_late,
                row.average_hours,
                row.share_percent,
            ],
        )
    append_row(sheet, [])
    append_row(sheet, [_("Late parts")])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    append_row(
        sheet,
        [
            _("Dossier"),
            _("Part"),
            _("Agency"),
            _("Due at"),
            _("Finished at"),
            _("Made the dossier late"),
        ],
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for late in report.late_parts:
        append_row(
            sheet,
            [
                late.dossier_code,
                late.name,
                late.agency.name,
                _stamp(late.due_at) if late.due_at else "",
                _stamp(late.finished_at) if late.finished_at else "",
                _("yes") if late.made_dossier_late else _("no"),
            ],
        )
    sheet.column_dimensions["B"].width = 44
    sheet.column_dimensions["C"].width = 44


def to_pdf(report: Report) -> bytes:
    """Return the report as a PDF signed (PAdES) by the centre, or by the unit's agency."""
    now = clock.now()
    signing_at = signing_time()
    signer = report.signer
    context = {
        "title": report.title,
        "parent_name": signer.parent.name if signer and signer.parent_id else "",
        "agency_name": signer.name if signer else "",
        "signer_name": signer.name if signer else "",
        "signer_title": "Thủ trưởng cơ quan",
        "place": province_name(),
        "date_line": vietnamese_date(now),
        "signed_line": printed(signing_at),
        "report": report,
        "rows": [(r, _figures(r.indicators), _on_time(r.indicators)) for r in report.rows],
        "total": _figures(report.total),
        "total_on_time": _on_time(report.total),
        "on_time_formula": RATIOS["on_time_rate"].formula,
        "unmeasured": _unmeasured(report),
        "generated": _stamp(now),
    }
    pdf = render_pdf("monitoring/pdf/report.html", context)
    if signer is None:
        return pdf
    return sign_pdf(pdf, agency=issuing.agency_identity(signer), reason="Báo cáo", at=signing_at)


def _unmeasured(report: Report) -> str:
    """The indicators this system holds no data for, by code and name, in Vietnamese."""
    with translation.override("vi"):
        return "; ".join(
            f"{line.rule.code} {line.rule.name}" for line in report.score.lines if not line.measured
        )


def _stamp(now: datetime) -> str:
    return f"{timezone.localtime(now):%d/%m/%Y %H:%M}"


def to_csv(rows: list[selectors.AgencyRow]) -> str:
    """Return one line per agency with every indicator and its Decision 766 total."""
    lines = [flat(r) for r in rows]
    return csv_text(list(lines[0]) if lines else ["agency"], lines)


def flat(row: selectors.AgencyRow) -> dict[str, object]:
    out: dict[str, object] = {"rank": row.rank, "agency": row.agency.code, "name": row.agency.name}
    for key, value in row.indicators.as_dict().items():
        if isinstance(value, dict):
            out.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    out["score_766"] = row.score.total
    return out
