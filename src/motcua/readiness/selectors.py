"""Readiness of the service points against their workload, ranked for budget priority.

Per point: staff and how many are trained, training sessions held, counters, equipment, the
share of the catalog's procedures at its level that are configured (published), whether its
agency's fee-collection account is approved, and the workload: dossiers received per counter
per working day over the period. A point is under-resourced when any resource falls short of
the thresholds below; the ranking puts the most short-falls first, then the heaviest workload
per counter, and a newly merged ward ahead of an unmerged one with the same needs; points that
reported nothing come last, marked so.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog.selectors import configured_by_level
from motcua.core.errors import Forbidden, NotFound
from motcua.dossiers.selectors import received_per_point
from motcua.geography.models import ServicePoint, UnitLevel
from motcua.identity.selectors import official_scope
from motcua.payments.selectors import agencies_with_approved_account
from motcua.readiness.models import PointResources
from motcua.workcalendar.store import province_calendar

# What a point needs (DOMAIN: the reform's readiness checklist): every counter staffed and
# equipped with a scanner and a computer, a signature device, most staff trained.
MIN_TRAINED_SHARE = 0.8


def working_days(start: date, end: date) -> int:
    """Return the working days in [start, end)."""
    days, d = 0, start
    while d < end:
        days += province_calendar().is_working_day(d)
        d += timedelta(days=1)
    return days


@dataclass(frozen=True)
class PointReadiness:
    point: ServicePoint
    resources: PointResources | None
    sessions: int
    procedures_configured: float  # share, 0–1
    fee_account_approved: bool
    dossiers: int
    per_counter_day: float | None  # None: no counter reported
    shortfalls: list[str] = field(default_factory=list)

    @property
    def trained_share(self) -> float:
        r = self.resources
        return r.trained_staff / r.staff if r and r.staff else 0.0

    @property
    def newly_merged(self) -> bool:
        return bool(self.resources and self.resources.merged_units)

    @property
    def reported(self) -> bool:
        return self.resources is not None

    @property
    def under_resourced(self) -> bool:
        return self.reported and bool(self.shortfalls)

    @property
    def shortfall_labels(self) -> list[str]:
        return [str(SHORTFALLS[code]) for code in self.shortfalls]


SHORTFALLS = {
    "unreported": _("resources not reported"),
    "workload": _("workload above capacity"),
    "staffing": _("counters not staffed"),
    "training": _("staff not trained"),
    "equipment": _("equipment short"),
    "signature": _("no signature device"),
    "procedures": _("procedures not all configured"),
    "fee_account": _("fee account not approved"),
}


def _shortfalls(
    r: PointResources | None, per_counter_day: float | None, configured: float, fee_ok: bool
) -> list[str]:
    """Return the codes of what the point lacks (keys of SHORTFALLS)."""
    if r is None:
        return ["unreported"]
    capacity = settings.MOTCUA_READINESS_DOSSIERS_PER_COUNTER_DAY
    checks = {
        "workload": per_counter_day is not None and per_counter_day > capacity,
        "staffing": r.counters == 0 or r.staff < r.counters,
        "training": not r.staff or r.trained_staff / r.staff < MIN_TRAINED_SHARE,
        "equipment": r.scanners < r.counters or r.computers < r.counters,
        "signature": r.signature_devices == 0,
        "procedures": configured < 1,
        "fee_account": not fee_ok,
    }
    return [code for code, short in checks.items() if short]


def _points(user: AbstractBaseUser) -> QuerySet[ServicePoint]:
    points = ServicePoint.objects.select_related("unit", "agency").annotate(
        sessions=Count("training_sessions")
    )
    scope = official_scope(user)
    if scope.sees_everything:
        return points
    if not (scope.roles_at_agency or scope.roles_at_point):
        raise Forbidden()
    return points.filter(agency__in=list(scope.roles_at_agency)) | points.filter(
        pk__in=list(scope.roles_at_point)
    )


def readiness(
    user: AbstractBaseUser, *, days: int = 30, today: date | None = None
) -> list[PointReadiness]:
    """Return every point the user may see, ranked: the most in need of resources first."""
    today = today or timezone.localdate()
    start = today - timedelta(days=days)
    zone = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(today, time.min, tzinfo=zone)
    open_days = max(working_days(start, today), 1)
    received = received_per_point(since, until)
    configured = {
        level: (published / total if total else 1.0)
        for level, (published, total) in configured_by_level().items()
    }
    approved = agencies_with_approved_account()
    resources = {r.service_point_id: r for r in PointResources.objects.all()}
    rows = []
    for point in _points(user):
        r = resources.get(point.pk)
        level = "city" if point.unit.level in (UnitLevel.CITY, UnitLevel.PROVINCE) else "commune"
        count = received.get(point.pk, 0)
        per_day = round(count / r.counters / open_days, 2) if r and r.counters else None
        fee_ok = point.agency_id in approved
        rows.append(
            PointReadiness(
                point=point,
                resources=r,
                sessions=point.sessions,
                procedures_configured=configured.get(level, 1.0),
                fee_account_approved=fee_ok,
                dossiers=count,
                per_counter_day=per_day,
                shortfalls=_shortfalls(r, per_day, configured.get(level, 1.0), fee_ok),
            )
        )
    rows.sort(
        key=lambda p: (
            not p.reported,  # a point that reported nothing cannot be weighed: after the others
            -len(p.shortfalls),
            -(p.per_counter_day or 0),
            not p.newly_merged,
            p.point.code,
        )
    )
    return rows


def get_point(user: AbstractBaseUser, code: str) -> ServicePoint:
    found = _points(user).filter(code=code).first()
    if found is None:
        raise NotFound()
    return found
