"""Reads of the reference data."""

from django.conf import settings
from django.db.models import QuerySet

from vietnam_provinces import Province, ProvinceCode

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


_PROVINCE_NAMES: dict[str, str] = {}
_DIVISION_WORDS = ("Thành phố ", "Tỉnh ")


def province_unit_name() -> str:
    """The full name of the province this deployment serves (MOTCUA_PROVINCE), "Thành phố Hà
    Nội": its unit in the reference data, else the official list's name (not loaded yet)."""
    code = settings.MOTCUA_PROVINCE
    if code not in _PROVINCE_NAMES:
        name = (
            AdministrativeUnit.objects.filter(code=code, parent=None)
            .values_list("name", flat=True)
            .first()
        )
        if name is None:
            return _official_name(code)
        _PROVINCE_NAMES[code] = name  # a unit's name is reference data: read it once
    return _PROVINCE_NAMES[code]


def province_name() -> str:
    """The province as its papers name the place they are issued in ("Hà Nội, ngày ..."): its
    name without the kind of unit."""
    name = province_unit_name()
    for word in _DIVISION_WORDS:
        if name.startswith(word):
            return name.removeprefix(word)
    return name


def forget_province_name(**_kwargs: object) -> None:
    """Read the province's name afresh (its unit was changed or the reference data reloaded)."""
    _PROVINCE_NAMES.clear()


def _official_name(code: str) -> str:
    try:
        return str(Province.from_code(ProvinceCode(int(code))).name)
    except (ValueError, KeyError):
        return code
