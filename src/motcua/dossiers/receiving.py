"""Where a dossier filed online arrives (the portal's form and the national portal's inbound)."""

from motcua.catalog.models import Level, ProcedureVersion
from motcua.geography import selectors as geography


def receiving_point(version: ProcedureVersion, unit: str) -> str:
    """Online dossiers arrive at the competent unit's point, or the city's Service Centre."""
    if version.level != Level.COMMUNE:
        province = geography.units().filter(parent__isnull=True).first()
        unit = province.code if province else ""
    point = geography.service_points(unit=unit).order_by("code").first()
    return point.code if point else ""
