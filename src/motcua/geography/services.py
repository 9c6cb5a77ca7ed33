"""Load the province's administrative units, agencies and service points (idempotent)."""

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from vietnam_provinces import Province, ProvinceCode, VietNamDivisionType, Ward

from motcua.core.errors import DomainError
from motcua.geography.models import (
    AdministrativeUnit,
    Agency,
    AgencyKind,
    ServicePoint,
    UnitLevel,
)

_WARD_LEVELS = {
    VietNamDivisionType.PHUONG: UnitLevel.WARD,
    VietNamDivisionType.XA: UnitLevel.COMMUNE,
    VietNamDivisionType.DAC_KHU: UnitLevel.SPECIAL_ZONE,
}
COMMUNE_COMMITTEE = "commune_committee"
COMMUNE_POLICE = "commune_police"
CITY_COMMITTEE = "peoples_committee"
SERVICE_CENTER = "service_center"


@dataclass(frozen=True)
class LoadSummary:
    units: int
    agencies: int
    service_points: int
    created: int


def _agency_templates(province_code: str) -> list[dict[str, Any]]:
    """Return the provincial agencies to create: the common list with the province's changes."""
    data = json.loads(
        resources.files(__package__).joinpath("data/agencies.json").read_text("utf-8")
    )
    override = data["province_overrides"].get(province_code, {})
    kept = [a for a in data["departments"] if a["role"] not in override.get("remove", [])]
    return kept + override.get("add", [])


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


class _Loader:
    """Upsert rows by code and count how many were new."""

    def __init__(self) -> None:
        self.created = 0

    def upsert(self, model: type[Any], code: str, **values: Any) -> Any:
        row, created = model.objects.update_or_create(code=code, defaults=values)
        self.created += created
        return row


@transaction.atomic(durable=True)
def load_reference_data(province_code: str | None = None) -> LoadSummary:
    """Create or update the province, its wards and communes, its agencies and service points.

    Running it twice changes nothing: every row is matched by its official code.
    """
    province_code = province_code or settings.MOTCUA_PROVINCE
    try:
        province = Province.from_code(ProvinceCode(int(province_code)))
    except (ValueError, KeyError) as exc:
        raise DomainError(
            _("There is no province with the code %(code)s."), params={"code": province_code}
        ) from exc
    prefix = settings.MOTCUA_AGENCY_ID_PREFIX
    loader = _Loader()
    is_city = province.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG
    top = loader.upsert(
        AdministrativeUnit,
        f"{province.code.value:02d}",
        name=province.name,
        level=UnitLevel.CITY if is_city else UnitLevel.PROVINCE,
        parent=None,
    )
    place = _lower_first(province.name)
    committee = loader.upsert(
        Agency,
        prefix,
        name=f"Ủy ban nhân dân {place}",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        role=CITY_COMMITTEE,
        unit=top,
        parent=None,
    )
    by_role: dict[str, Agency] = {}
    for template in _agency_templates(top.code):
        by_role[template["role"]] = loader.upsert(
            Agency,
            f"{prefix}.{template['number']}",
            name=f"{template['name']} {place}",
            kind=template["kind"],
            role=template["role"],
            unit=top,
            parent=by_role.get(template.get("parent", ""), committee),
        )
    center = loader.upsert(
        Agency,
        f"{prefix}.30",
        name=f"Trung tâm Phục vụ hành chính công {place}",
        kind=AgencyKind.SERVICE_CENTER,
        role=SERVICE_CENTER,
        unit=top,
        parent=committee,
    )
    loader.upsert(ServicePoint, "TT-00", name=center.name, agency=center, unit=top, address="")
    for ward in Ward.iter_by_province(province.code):
        _load_ward(loader, ward, top, prefix)
    return LoadSummary(
        units=AdministrativeUnit.objects.count(),
        agencies=Agency.objects.count(),
        service_points=ServicePoint.objects.count(),
        created=loader.created,
    )


def _load_ward(loader: _Loader, ward: Ward, top: AdministrativeUnit, prefix: str) -> None:
    """Create the ward or commune, its People's Committee, police and one-stop service point."""
    code = f"{ward.code.value:05d}"
    unit = loader.upsert(
        AdministrativeUnit, code, name=ward.name, level=_WARD_LEVELS[ward.division_type], parent=top
    )
    committee = loader.upsert(
        Agency,
        f"{prefix}.50.{code}",
        name=f"Ủy ban nhân dân {_lower_first(ward.name)}",
        kind=AgencyKind.COMMUNE_COMMITTEE,
        role=COMMUNE_COMMITTEE,
        unit=unit,
        parent=None,
    )
    loader.upsert(
        Agency,
        f"{prefix}.51.{code}",
        name=f"Công an {_lower_first(ward.name)}",
        kind=AgencyKind.COMMUNE_POLICE,
        role=COMMUNE_POLICE,
        unit=unit,
        parent=None,
    )
    loader.upsert(
        ServicePoint,
        f"MC-{code}",
        name=f"Trung tâm Phục vụ hành chính công {_lower_first(ward.name)}",
        agency=committee,
        unit=unit,
        address=ward.name,
    )
