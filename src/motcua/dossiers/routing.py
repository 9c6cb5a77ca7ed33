"""The reference rows an intake is routed by, kept per process (issue 27): the receiving point,
the competent unit, the unit's agency of a role, which version of a procedure is published.

They change only by an administrator's edit, an import of the reference data or a publication,
all through `save` and `delete`: one version stamp in the shared cache (core.kept) for the
four, moved by a save or delete of a service point, unit, agency, procedure or version, makes
four queries one key read. Each row is looked up once and remembered (a code nothing has is
looked up again each time: it is a refused intake, and remembering it would let anyone grow the
memory), so that keeping turned off (the tests) reads exactly as before.

The rows remembered are shared by the threads of the process: callers get copies, which they
may change (assign to a dossier, give related rows) without changing what others are given.
"""

import copy
from typing import Any, TypeVar

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from motcua.catalog import selectors as catalog
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.core.kept import Kept
from motcua.geography.models import AdministrativeUnit, Agency, ServicePoint, UnitLevel

COMMUNE_LEVELS = (UnitLevel.WARD, UnitLevel.COMMUNE, UnitLevel.SPECIAL_ZONE)
M = TypeVar("M", bound=Model)


class Lookups:
    """The rows found since the stamp last moved, by what they were looked up by."""

    def __init__(self) -> None:
        self._found: dict[tuple[Any, ...], Any] = {}  # one assignment per key: safe under the GIL

    def _remember(self, key: tuple[Any, ...], value: Any) -> Any:
        if value is not None:
            self._found[key] = value
        return value

    def published_version_pk(self, code: str) -> int | None:
        key = ("published", code)
        if key in self._found:
            return self._found[key]  # type: ignore[no-any-return]
        return self._remember(key, catalog.published_version_pk(code))  # type: ignore[no-any-return]

    def point(self, code: str) -> ServicePoint | None:
        key = ("point", code)
        found = self._found.get(key)
        if found is None:
            found = self._remember(
                key, ServicePoint.objects.select_related("unit").filter(code=code).first()
            )
        if found is None:
            return None
        point = _copy(found)
        point.unit = _copy(found.unit)
        return point

    def commune(self, code: str) -> AdministrativeUnit | None:
        key = ("commune", code)
        found = self._found.get(key)
        if found is None:
            found = self._remember(
                key, AdministrativeUnit.objects.filter(code=code, level__in=COMMUNE_LEVELS).first()
            )
        return _copy(found) if found is not None else None

    def province(self) -> AdministrativeUnit | None:
        key = ("province",)
        found = self._found.get(key)
        if found is None:
            found = self._remember(
                key, AdministrativeUnit.objects.filter(parent__isnull=True).first()
            )
        return _copy(found) if found is not None else None

    def agency(self, unit: AdministrativeUnit, role: str) -> Agency | None:
        key = ("agency", unit.pk, role)
        found = self._found.get(key)
        if found is None:
            found = self._remember(key, Agency.objects.filter(role=role, unit=unit).first())
        return _copy(found) if found is not None else None


def _copy(row: M) -> M:
    return copy.copy(row)  # its own state and related-row cache (Model.__getstate__)


_LOOKUPS = Kept("dossiers.routing", Lookups)
for _model in (ServicePoint, AdministrativeUnit, Agency, Procedure, ProcedureVersion):
    post_save.connect(_LOOKUPS.changed, sender=_model, dispatch_uid=f"kept-routing-save-{_model}")
    post_delete.connect(
        _LOOKUPS.changed, sender=_model, dispatch_uid=f"kept-routing-delete-{_model}"
    )


def lookups() -> Lookups:
    """Return the routing look-ups of this process (one key read: the stamp)."""
    return _LOOKUPS.get()
