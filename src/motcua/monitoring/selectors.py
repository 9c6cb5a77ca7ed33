"""Reads of monitoring: indicators per scope and period, from the rollups only.

Who sees what: the city-wide roles (the centre's coordinators, inspectors) every agency; an
approver (the unit's leader) the agencies where they lead; nobody else (403).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import F, Max, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.dateparse import parse_date

from motcua.catalog.models import ProcedureVersion
from motcua.core import clock
from motcua.core.errors import Forbidden, NotFound
from motcua.core.periods import bounds_message, within_bounds
from motcua.dossiers import deadlines
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import FINISHED
from motcua.geography.models import Agency
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.integrity import selectors as integrity_selectors
from motcua.monitoring import scoring
from motcua.monitoring.errors import InvalidPeriod, InvalidReportPeriod
from motcua.monitoring.indicators import FIGURES, Indicators, percentile_hours, rate
from motcua.monitoring.models import (
    AgencyDailyRollup,
    AgencyMonthlyRollup,
    DailyRollup,
    DossierFact,
    StepRollup,
)
from motcua.monitoring.models.rollups import BUCKETS, COUNTERS
from motcua.monitoring.rollup import SUMS, unprefixed
from motcua.nationalportal.reconciliation import national_figures

DAILY_TREND_UP_TO_DAYS = 62


@dataclass(frozen=True)
class Scope:
    """What a page or the API counts: a period, and the agencies (None: the whole city)."""

    start: date
    end: date
    agency_ids: frozenset[int] | None = None
    procedure_ids: frozenset[int] | None = None
    label: str = ""
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def city_wide(self) -> bool:
        return self.agency_ids is None


def period(start: str = "", end: str = "") -> tuple[date, date]:
    """Return the period [start, end] of the query; by default the current month to date."""
    today = timezone.localdate()
    try:
        first = parse_date(start) if start else today.replace(day=1)
        last = parse_date(end) if end else today
    except ValueError:
        first = last = None
    if first is None or last is None or first > last:
        raise InvalidPeriod(fields={"from": [start], "to": [end]})
    if not (within_bounds(first) and within_bounds(last)):
        raise InvalidPeriod(fields={"from": [bounds_message()], "to": [bounds_message()]})
    return first, last


def month_period(month: str) -> tuple[date, date]:
    """Return the first and last day of a month given as YYYY-MM (or a quarter YYYY-Qn)."""
    try:
        year, part = month.split("-")
        if part.upper().startswith("Q"):
            quarter = int(part[1:])
            first_month, months = 3 * quarter - 2, 3
            if not 1 <= quarter <= 4:
                raise ValueError(month)
        else:
            first_month, months = int(part), 1
        first = date(int(year), first_month, 1)
    except ValueError as exc:
        raise InvalidReportPeriod(fields={"period": [month]}) from exc
    if not within_bounds(first):
        raise InvalidReportPeriod(fields={"period": [bounds_message()]})
    next_month = first_month + months
    after = date(first.year + (next_month - 1) // 12, (next_month - 1) % 12 + 1, 1)
    return first, after - timedelta(days=1)


def led_agencies(user: Any) -> frozenset[int] | None:
    """Return the agencies whose indicators the user may see; None means all of them."""
    scope = official_scope(user)
    if scope.sees_everything or getattr(user, "is_superuser", False):
        return None
    led = frozenset(a for a, roles in scope.roles_at_agency.items() if Role.APPROVER in roles)
    if not led:
        raise Forbidden()
    return led


def scope_for(
    user: Any,
    *,
    start: date,
    end: date,
    unit: str = "",
    agency: str = "",
    procedure: str = "",
    field_code: str = "",
) -> Scope:
    """Return the scope of a query, narrowed to what the user may see (403 otherwise).

    `user` None is the system itself (management commands): every agency.
    """
    allowed = None if user is None else led_agencies(user)
    agencies: frozenset[int] | None = allowed
    labels = []
    if unit or agency:
        found = Agency.objects.all()
        if unit:
            found = found.filter(unit__code=unit)
        if agency:
            found = found.filter(code=agency)
        ids = frozenset(found.values_list("pk", flat=True))
        if allowed is not None and not ids <= allowed:
            raise Forbidden()
        agencies = ids
        labels.append(unit or agency)
    procedures = None
    if procedure or field_code:
        versions = ProcedureVersion.objects.all()
        if procedure:
            versions = versions.filter(procedure__code=procedure)
        if field_code:
            versions = versions.filter(field__code=field_code)
        procedures = frozenset(versions.values_list("procedure_id", flat=True))
    filters = {"unit": unit, "agency": agency, "procedure": procedure, "field": field_code}
    return Scope(start, end, agencies, procedures, " · ".join(labels), filters)


def _rows(scope: Scope) -> QuerySet[Any]:
    """The daily rollup rows of the scope: per agency unless procedures narrow it."""
    model: type[DailyRollup] | type[AgencyDailyRollup] = (
        AgencyDailyRollup if scope.procedure_ids is None else DailyRollup
    )
    return _narrow(model.objects.filter(day__gte=scope.start, day__lte=scope.end), scope)


def _narrow(rows: QuerySet[Any], scope: Scope) -> QuerySet[Any]:
    if scope.agency_ids is not None:
        rows = rows.filter(agency_id__in=scope.agency_ids)
    if scope.procedure_ids is not None:
        rows = rows.filter(procedure_id__in=scope.procedure_ids)
    return rows.order_by()


def _parts(scope: Scope) -> list[tuple[QuerySet[Any], str]]:
    """Return the rollup rows covering the scope, each with its date column: whole months
    from the monthly rollup, the days before and after them from the daily one."""
    if scope.procedure_ids is not None:
        return [(_rows(scope), "day")]
    first_month = scope.start if scope.start.day == 1 else _next_month(scope.start)
    after = _next_month(scope.end)
    last_month = after if scope.end == after - timedelta(days=1) else scope.end.replace(day=1)
    if first_month >= last_month:
        return [(_rows(scope), "day")]
    daily = AgencyDailyRollup.objects
    parts: list[tuple[QuerySet[Any], str]] = [
        (
            _narrow(
                AgencyMonthlyRollup.objects.filter(month__gte=first_month, month__lt=last_month),
                scope,
            ),
            "month",
        )
    ]
    if scope.start < first_month:
        parts.append(
            (_narrow(daily.filter(day__gte=scope.start, day__lt=first_month), scope), "day")
        )
    if last_month <= scope.end:
        parts.append((_narrow(daily.filter(day__gte=last_month, day__lte=scope.end), scope), "day"))
    return parts


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _added(target: dict[str, int], counters: dict[str, int]) -> None:
    for name, value in counters.items():
        target[name] = target.get(name, 0) + value


def totals(scope: Scope) -> Indicators:
    """Return the scope's counters summed over the period."""
    found: dict[str, int] = {}
    for rows, _column in _parts(scope):
        _added(found, unprefixed(rows.aggregate(**SUMS)))
    for counts in _complaints(scope).values():
        _added(found, counts)
    if scope.city_wide and scope.procedure_ids is None:  # the portal's figures are city-wide
        _added(found, national_figures(scope.start, scope.end))
    return Indicators.of(found)


def _complaints(scope: Scope) -> dict[int, dict[str, int]]:
    """Return Decision 766's complaint counts per agency id for the scope (items 5.2, 5.3)."""
    zone = timezone.get_current_timezone()
    codes = None
    if scope.procedure_ids is not None:
        codes = Dossier.objects.filter(
            procedure_version__procedure_id__in=scope.procedure_ids
        ).values("code")
    return integrity_selectors.complaint_figures(
        datetime.combine(scope.start, time.min, tzinfo=zone),
        datetime.combine(scope.end + timedelta(days=1), time.min, tzinfo=zone),
        today=timezone.localdate(),
        agency_ids=scope.agency_ids,
        dossier_codes=codes,
    )


@dataclass(frozen=True)
class AgencyRow:
    agency: Agency
    indicators: Indicators
    score: scoring.Score
    rank: int = 0


def by_agency(scope: Scope) -> list[AgencyRow]:
    """Return each agency with dossiers in the scope, ranked by its Decision 766 total."""
    return _ranked(_agency_sums(scope))


def _agency_sums(scope: Scope) -> dict[int, dict[str, int]]:
    sums: dict[int, dict[str, int]] = {}
    for rows, _column in _parts(scope):
        for row in rows.values("agency_id").annotate(**SUMS):
            _added(sums.setdefault(row["agency_id"], {}), unprefixed(row))
    for agency_id, counts in _complaints(scope).items():
        _added(sums.setdefault(agency_id, {}), counts)
    return sums


def _ranked(sums: dict[int, dict[str, int]]) -> list[AgencyRow]:
    rows = []
    for agency in Agency.objects.filter(pk__in=sums).select_related("unit"):
        indicators = Indicators.of(sums[agency.pk])
        rows.append(AgencyRow(agency, indicators, scoring.score(indicators.counters)))
    rows.sort(key=lambda r: (-r.score.total, -r.indicators.handled, r.agency.code))
    return [AgencyRow(r.agency, r.indicators, r.score, rank) for rank, r in enumerate(rows, 1)]


@dataclass(frozen=True)
class TrendPoint:
    label: str
    received: int
    finished: int
    in_time: int


@dataclass(frozen=True)
class Overview:
    total: Indicators
    rows: list[AgencyRow]
    trend: list[TrendPoint]


def _daily(scope: Scope) -> bool:
    return (scope.end - scope.start).days < DAILY_TREND_UP_TO_DAYS


def overview(scope: Scope) -> Overview:
    """Return the totals, the ranked agencies and the trend: the dashboard's figures (the
    totals summed from the agencies' rows, not read twice)."""
    sums = _agency_sums(scope)
    total = {name: sum(c.get(name, 0) for c in sums.values()) for name in FIGURES}
    return Overview(Indicators.of(total), _ranked(sums), trend(scope))


def trend(scope: Scope) -> list[TrendPoint]:
    """Return received and resolved per day (short periods) or per month, gaps as zeros."""
    daily = _daily(scope)
    parts = [(_rows(scope), "day")] if daily else _parts(scope)
    found: dict[date, dict[str, int]] = {}
    sums = {
        name: Sum(name) for name in ("received", "finished", "finished_early", "finished_on_time")
    }
    for rows, column in parts:
        bucket = F(column) if daily or column == "month" else TruncMonth(column)
        for row in rows.values(bucket=bucket).annotate(**_aliased(sums)):
            counters = {name: row[f"sum_{name}"] or 0 for name in sums}
            _added(found.setdefault(_as_date(row["bucket"]), {}), counters)
    return _trend_points(scope, found, daily=daily)


def _aliased(sums: dict[str, Any]) -> dict[str, Any]:
    return {f"sum_{name}": aggregate for name, aggregate in sums.items()}


def _trend_points(
    scope: Scope, found: dict[date, dict[str, int]], *, daily: bool
) -> list[TrendPoint]:
    points = []
    for moment in _buckets(scope.start, scope.end, daily=daily):
        c = found.get(moment, {})
        label = f"{moment:%d/%m}" if daily else f"{moment:%m/%Y}"
        in_time = c.get("finished_early", 0) + c.get("finished_on_time", 0)
        points.append(TrendPoint(label, c.get("received", 0), c.get("finished", 0), in_time))
    return points


def _as_date(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def _buckets(start: date, end: date, *, daily: bool) -> list[date]:
    if daily:
        return [start + timedelta(days=n) for n in range((end - start).days + 1)]
    months, moment = [], start.replace(day=1)
    while moment <= end:
        months.append(moment)
        moment = (moment + timedelta(days=32)).replace(day=1)
    return months


@dataclass(frozen=True)
class GroupRow:
    code: str
    name: str
    indicators: Indicators
    field: tuple[str, str] = ("", "")


def by_procedure(scope: Scope) -> list[GroupRow]:
    """Return the indicators per procedure (the fine rollup), the busiest first."""
    rows = DailyRollup.objects.filter(day__gte=scope.start, day__lte=scope.end)
    if scope.agency_ids is not None:
        rows = rows.filter(agency_id__in=scope.agency_ids)
    if scope.procedure_ids is not None:
        rows = rows.filter(procedure_id__in=scope.procedure_ids)
    grouped = rows.order_by().values("procedure_id").annotate(**SUMS)
    sums = {r["procedure_id"]: unprefixed(r) for r in grouped}
    names = _procedure_names(sums)
    out = [
        GroupRow(code, name, Indicators.of(sums[pk]), field)
        for pk, (code, name, field) in names.items()
    ]
    return sorted(out, key=lambda g: (-g.indicators["received"], g.code))


def _procedure_names(ids: Any) -> dict[int, tuple[str, str, tuple[str, str]]]:
    """Return code, name and field (code, name) of each procedure, from its latest version."""
    out: dict[int, tuple[str, str, tuple[str, str]]] = {}
    versions = (
        ProcedureVersion.objects.filter(procedure_id__in=list(ids))
        .select_related("procedure", "field")
        .order_by("procedure_id", "number")
    )
    for v in versions:
        out[v.procedure_id] = (v.procedure.code, v.name, (v.field.code, v.field.name))
    return out


def by_field(procedures: list[GroupRow]) -> list[GroupRow]:
    """Return the indicators per field (lĩnh vực), summed from the procedures' rows."""
    fields: dict[tuple[str, str], list[dict[str, int]]] = defaultdict(list)
    for procedure in procedures:
        fields[procedure.field].append(procedure.indicators.counters)
    out = [
        GroupRow(code, name, Indicators.of({k: sum(r[k] for r in rows) for k in COUNTERS}))
        for (code, name), rows in fields.items()
    ]
    return sorted(out, key=lambda g: (-g.indicators["received"], g.code))


@dataclass(frozen=True)
class StepRow:
    procedure: str
    procedure_name: str
    position: int
    name: str
    steps: int
    average_hours: float
    p90_hours: int | None
    late_share: float | None


def bottleneck(scope: Scope) -> list[StepRow]:
    """Return, per procedure and process step, the working time spent there (average, p90)."""
    rows = StepRollup.objects.filter(day__gte=scope.start, day__lte=scope.end)
    if scope.agency_ids is not None:
        rows = rows.filter(agency_id__in=scope.agency_ids)
    if scope.procedure_ids is not None:
        rows = rows.filter(procedure_id__in=scope.procedure_ids)
    sums = {f"sum_{name}": Sum(name) for name in ("steps", "late_steps", "seconds", *BUCKETS)}
    grouped = [
        {**r, **{k.removeprefix("sum_"): v for k, v in r.items() if k.startswith("sum_")}}
        for r in rows.order_by()
        .values("procedure_id", "position")
        .annotate(**sums, step=Max("name"))
    ]
    names = _procedure_names({r["procedure_id"] for r in grouped})
    out = []
    for r in grouped:
        code, name, _field = names[r["procedure_id"]]
        out.append(
            StepRow(
                code,
                name,
                r["position"],
                r["step"],
                r["steps"],
                round(r["seconds"] / r["steps"] / 3600, 2),
                percentile_hours(r, 0.9),
                rate(r["late_steps"], r["steps"]),
            )
        )
    return sorted(out, key=lambda s: (s.procedure, s.position))


DOSSIER_STATES = ("received", "open", "overdue", "finished", "late", "in_time")


def unit_dossiers(
    user: Any, agency: Agency, *, state: str, start: date, end: date
) -> QuerySet[Any]:
    """Return the agency's dossiers behind a figure of the page (the drill-down), newest first.

    received / open / overdue count dossiers received in the period; finished / late / in_time
    those that ended in it, as the rollups do.
    """
    allowed = led_agencies(user)
    if allowed is not None and agency.pk not in allowed:
        raise Forbidden()
    since = timezone.make_aware(datetime.combine(start, time()))
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time()))
    rows = dossier_selectors.visible_dossiers(user).filter(handling_agency=agency)
    if state in ("finished", "late", "in_time"):
        rows = rows.filter(finished_at__gte=since, finished_at__lt=until)
    else:
        rows = rows.filter(received_at__gte=since, received_at__lt=until)
    if state == "open":
        rows = rows.exclude(status__in=list(FINISHED))
    elif state == "overdue":
        # as the figure counts it: against the indicators' due moment (an apology's new date
        # does not make it on time, DOMAIN T8; more than one supplement round is late, 766 2.1)
        late = DossierFact.objects.filter(
            deadlines.indicator_overdue_q(clock.now()) | Q(is_open=True, open_overdue=True)
        )
        rows = rows.filter(pk__in=late.values("dossier_id"))
    elif state in ("late", "in_time"):
        # as the figure counts it (the facts): an apology's new date does not make it on time
        kinds = ["late"] if state == "late" else ["early", "on_time"]
        judged = DossierFact.objects.filter(timeliness__in=kinds).values("dossier_id")
        rows = rows.filter(pk__in=judged)
    return rows


def get_agency(code: str) -> Agency:
    """Return the agency with this code, or NotFound."""
    agency = Agency.objects.select_related("unit").filter(code=code).first()
    if agency is None:
        raise NotFound()
    return agency


INTEGRITY_COUNTS = ("complaints", "broker_flags", "extra_document_flags")


def integrity_counts(scope: Scope) -> dict[str, dict[str, int]]:
    """Return, per agency code, the complaints received and integrity flags raised in the
    scope's days (from the integrity app), each agency with all three counts."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(scope.start, time.min, tzinfo=zone)
    end = datetime.combine(scope.end + timedelta(days=1), time.min, tzinfo=zone)
    found = integrity_selectors.counts_by_agency(start, end)
    return {
        code: {name: counts.get(name, 0) for name in INTEGRITY_COUNTS}
        for code, counts in found.items()
    }
