"""The centre's and the units' monitoring pages: city-wide dashboard, ranking by Decision 766,
drill-down to a unit and its dossiers, the bottleneck per step, report downloads.

Everything but the dossier list reads the rollups (monitoring.selectors).
"""

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.errors import DomainError
from motcua.core.periods import bounds_message, within_bounds
from motcua.geography.models import Agency
from motcua.integrity.selectors import is_oversight
from motcua.monitoring import indicators, parts, reports, scoring, selectors
from motcua.web.pages import messages_of, paginate, query_without_page
from motcua.workspace import charts
from motcua.workspace.access import official_required
from motcua.workspace.durations import working_time

CHART_UNITS = 15


def _date_input() -> forms.DateInput:
    # A date picker takes its value as YYYY-MM-DD whatever the page's language shows.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=_date_input())
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=_date_input())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("start", "end"):
            if data.get(name) and not within_bounds(data[name]):
                self.add_error(name, bounds_message())
        return data

    def period(self) -> tuple[Any, Any]:
        """Return the chosen period, by default the current month to date."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("start") or today.replace(day=1)
        end = data.get("end") or today
        return (start, end) if start <= end else (end, start)


def _period(request: HttpRequest) -> tuple[PeriodForm, Any, Any]:
    form = PeriodForm(request.GET or None, label_suffix="")
    start, end = form.period()
    if not form.is_bound:  # the pickers show the period the page shows, to change from there
        form = PeriodForm(initial={"start": start, "end": end}, label_suffix="")
    return form, start, end


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Render a monitoring page; a period out of bounds or not a date is a form error (400)."""
    status = 400 if context["form"].errors else 200
    return render(request, template, context, status=status)


def _common(request: HttpRequest, form: PeriodForm, scope: selectors.Scope) -> dict[str, Any]:
    return {
        "form": form,
        "scope": scope,
        "query": query_without_page(request),
        "period_query": f"start={scope.start:%Y-%m-%d}&end={scope.end:%Y-%m-%d}",
        "nav": "monitoring",
        "formulas": indicators.formulas(),
    }


def _trend_chart(points: list[selectors.TrendPoint]) -> Any:
    labels = [p.label for p in points]
    return charts.lines(
        "trend",
        _("Received and resolved dossiers"),
        _("Dossiers received, resolved, and resolved on time or early, in the period."),
        labels,
        [
            charts.Series(_("Received"), [p.received for p in points]),
            charts.Series(_("Resolved"), [p.finished for p in points]),
            charts.Series(_("Resolved on time or early"), [p.in_time for p in points]),
        ],
    )


def _integrity(request: HttpRequest, scope: selectors.Scope, agency: str = "") -> dict[str, Any]:
    """The integrity flags raised in the period (the city's, or one agency's), and the link to
    the oversight board for those who may open it."""
    found = selectors.integrity_counts(scope)
    rows = [found.get(agency, {})] if agency else list(found.values())
    flags = {n: sum(r.get(n, 0) for r in rows) for n in ("broker_flags", "extra_document_flags")}
    if not is_oversight(request.user):
        board = ""
    elif agency:
        board = reverse("workspace:integrity_unit", args=[agency])
    else:
        board = reverse("workspace:integrity_board")
    return {**flags, "board": board}


@official_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The centre's city-wide dashboard; a unit's leader is taken to their unit."""
    led = selectors.led_agencies(request.user)  # 403 for those who neither lead nor coordinate
    if led is not None:
        agency = Agency.objects.filter(pk__in=led).order_by("code").first()
        assert agency is not None
        url = reverse("workspace:monitoring_unit", args=[agency.code])
        return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)
    form, start, end = _period(request)
    scope = selectors.scope_for(request.user, start=start, end=end)
    seen = selectors.overview(scope)
    total, rows, points = seen.total, seen.rows, seen.trend
    busiest = sorted(rows, key=lambda r: -r.indicators.handled)[:CHART_UNITS]
    on_time = [(r.agency.name, r.indicators.as_dict()["on_time_rate"]) for r in busiest]
    context = {
        **_common(request, form, scope),
        "total": total.as_dict(),
        "score": scoring.score(total.counters),
        "integrity": _integrity(request, scope),
        "rows": rows[:CHART_UNITS],
        "agencies": len(rows),
        "points": points,
        "busiest": [(r, v) for r, (_n, v) in zip(busiest, on_time, strict=True)],
        "trend_chart": _trend_chart(points),
        "on_time_chart": charts.bars(
            "ontime",
            _("On-time share by unit"),
            _("Share of dossiers resolved on time or early, for the busiest units."),
            on_time,
            maximum=100,
            unit="%",
        ),
    }
    return _page(request, "workspace/monitoring/dashboard.html", context)


@official_required
def ranking(request: HttpRequest) -> HttpResponse:
    """Every unit ranked by its Decision 766 points, group by group."""
    form, start, end = _period(request)
    scope = selectors.scope_for(request.user, start=start, end=end)
    rows = selectors.by_agency(scope)
    groups = [(code, name, top) for code, (name, top) in scoring.GROUPS.items()]
    table = [(r, [r.score.group_points(code) for code, _n, _t in groups]) for r in rows]
    context = {**_common(request, form, scope), "rows": table, "groups": groups}
    return _page(request, "workspace/monitoring/ranking.html", context)


@official_required
def unit(request: HttpRequest, code: str) -> HttpResponse:
    """One unit: its indicators, its Decision 766 points, per procedure, its trend."""
    agency = selectors.get_agency(code)
    form, start, end = _period(request)
    scope = selectors.scope_for(request.user, start=start, end=end, agency=agency.code)
    seen = selectors.overview(scope)
    total, points = seen.total, seen.trend
    procedures = selectors.by_procedure(scope)
    context = {
        **_common(request, form, scope),
        "agency": agency,
        "total": total.as_dict(),
        "score": scoring.score(total.counters),
        "integrity": _integrity(request, scope, agency.code),
        "groups": [(n, top) for _c, (n, top) in scoring.GROUPS.items()],
        "procedures": procedures[:30],
        "fields": selectors.by_field(procedures),
        "points": points,
        "trend_chart": _trend_chart(points),
        "states": _states(),
    }
    return _page(request, "workspace/monitoring/unit.html", context)


def _states() -> list[tuple[str, str]]:
    return [
        ("received", _("Received")),
        ("open", _("In progress")),
        ("overdue", _("Overdue")),
        ("finished", _("Ended")),
        ("in_time", _("Resolved on time or early")),
        ("late", _("Resolved late")),
    ]


@official_required
def unit_dossiers(request: HttpRequest, code: str) -> HttpResponse:
    """The dossiers behind a figure of the unit's page, paginated."""
    agency = selectors.get_agency(code)
    form, start, end = _period(request)
    state = request.GET.get("state", "received")
    if state not in selectors.DOSSIER_STATES:
        state = "received"
    rows = selectors.unit_dossiers(request.user, agency, state=state, start=start, end=end)
    scope = selectors.Scope(start, end)
    context = {
        **_common(request, form, scope),
        "agency": agency,
        "state": state,
        "extra": {"state": state},
        "states": _states(),
        "page": paginate(request, rows),
    }
    return _page(request, "workspace/monitoring/dossiers.html", context)


@official_required
def bottleneck(request: HttpRequest) -> HttpResponse:
    """Per procedure and process step: where the working time goes (average and p90)."""
    form, start, end = _period(request)
    agency = request.GET.get("agency", "")
    led = selectors.led_agencies(request.user)
    if led is not None and not agency:
        agency = (
            Agency.objects.filter(pk__in=led).order_by("code").values_list("code", flat=True)[0]
        )
    scope = selectors.scope_for(request.user, start=start, end=end, agency=agency)
    steps = selectors.bottleneck(scope)
    slowest = sorted(steps, key=lambda s: -s.average_hours)[:10]
    context = {
        **_common(request, form, scope),
        "agency": agency,
        "extra": {"agency": agency} if agency else {},
        "steps": steps,
        "parts": parts.parts_by_agency(scope),
        "chart": charts.bars(
            "steps",
            _("The slowest process steps"),
            _("Average working time spent in a step, for the ten slowest steps."),
            [(f"{s.name} · {s.procedure_name}", s.average_hours) for s in slowest],
            shown_as=working_time,
        ),
    }
    return _page(request, "workspace/monitoring/bottleneck.html", context)


REPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}


@official_required
def report(request: HttpRequest) -> HttpResponse:
    """Download the report of a month or quarter: xlsx, signed PDF, or the indicators as CSV."""
    fmt = request.GET.get("format", "xlsx")
    if fmt not in REPORT_TYPES:
        fmt = "xlsx"
    period = request.GET.get("period") or f"{timezone.localdate():%Y-%m}"
    try:
        start, end = selectors.month_period(period)
    except DomainError as exc:  # 9999-12, 2026-13, garbage: say what a period is
        context = {"errors": messages_of(exc), "nav": "monitoring"}
        return render(request, "workspace/monitoring/report_error.html", context, status=400)
    scope = selectors.scope_for(
        request.user, start=start, end=end, agency=request.GET.get("agency", "")
    )
    data = reports.build(scope)
    body: bytes | str
    if fmt == "xlsx":
        body = reports.to_xlsx(data)
    elif fmt == "pdf":
        body = reports.to_pdf(data)
    else:
        body = reports.to_csv(data.rows)
    name = f"bao-cao-{period}{'-' + scope.label if scope.label else ''}.{fmt}"
    response = HttpResponse(body, content_type=REPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
