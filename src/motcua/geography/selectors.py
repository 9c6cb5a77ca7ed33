"""Reads of the reference data."""

from django.db.models import QuerySet

from motcua.geography.models import AdministrativeUnit, Agency, ServicePoint


def units(*, level: str | None = None, parent: str | None = None) -> QuerySet[AdministrativeUnit]:
    """Return administrative units, optionally of one level or under one parent."""
    rows = AdministrativeUnit.objects.select_related("parent")
    if level:
        rows = rows.filter(level=level)
    if parent:
        rows = rows.filter(parent__code=parent)
    return rows


def agencies(*, kind: str | None = None, unit: str | None = None) -> QuerySet[Agency]:
    """Return agencies, optionally of one kind or in one unit."""
    rows = Agency.objects.select_related("unit")
    if kind:
        rows = rows.filter(kind=kind)
    if unit:
        rows = rows.filter(unit__code=unit)
    return rows


def service_points(*, unit: str | None = None, agency: str | None = None) -> QuerySet[ServicePoint]:
    """Return service points, optionally in one unit or of one agency."""
    rows = ServicePoint.objects.select_related("agency", "unit")
    if unit:
        rows = rows.filter(unit__code=unit)
    if agency:
        rows = rows.filter(agency__code=agency)
    return rows
