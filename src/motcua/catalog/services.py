"""Writes to the catalog: import, publish, new drafts (DOMAIN C2: published never changes)."""

import logging
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog import exchange, selectors
from motcua.catalog.models import (
    Fee,
    Field,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    VersionStatus,
)
from motcua.catalog.spec import Checker, Problem, ProcedureSpec, parse_catalog, parse_procedure
from motcua.core.errors import Conflict, DomainError
from motcua.core.text import search_index

logger = logging.getLogger(__name__)
Actor = AbstractBaseUser | AnonymousUser | None


class CatalogImportRefused(DomainError):
    code = "catalog_import_refused"
    message = _("The catalog was not imported: %(count)d problem(s) found. Nothing was changed.")

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(params={"count": len(problems)})


class PublishedVersionImmutable(Conflict):
    code = "published_version_immutable"
    message = _("A published version cannot be changed. Create a new draft from it instead.")


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int


def import_catalog_file(content: bytes, filename: str, *, actor: Actor = None) -> ImportSummary:
    """Import a catalog file (.json or .xlsx) as a whole, or refuse it naming every bad row."""
    try:
        if filename.lower().endswith(".xlsx"):
            records, problems = exchange.records_from_xlsx(content)
        else:
            records, problems = exchange.records_from_json(content), []
    except exchange.UnreadableFile as exc:
        raise CatalogImportRefused([exc.problem]) from exc
    return import_catalog(records, problems=problems, actor=actor)


def import_catalog(
    records: list[dict[str, Any]], *, problems: list[Problem] | None = None, actor: Actor = None
) -> ImportSummary:
    """Validate every record first; then publish each procedure whose content changed."""
    specs, found = parse_catalog(records)
    problems = [*(problems or []), *found]
    if problems:
        raise CatalogImportRefused(problems)
    return _store_catalog(specs)


@transaction.atomic(durable=True)
def _store_catalog(specs: list[ProcedureSpec]) -> ImportSummary:
    current = {spec.code: spec for spec in selectors.catalog_specs()}
    created = updated = unchanged = 0
    for spec in specs:
        if current.get(spec.code) == spec:
            unchanged += 1
            continue
        if spec.code in current:
            updated += 1
        else:
            created += 1
        version = _create_version(spec, status=VersionStatus.DRAFT)
        _publish(version)
    logger.info(
        "catalog_imported", extra={"new_procedures": created, "changed_procedures": updated}
    )
    return ImportSummary(created, updated, unchanged)


def _create_version(spec: ProcedureSpec, *, status: str) -> ProcedureVersion:
    field, _created = Field.objects.update_or_create(
        code=spec.field.code,
        defaults={
            "name": spec.field.name,
            "name_en": spec.field.name_en,
            "is_business": spec.field.is_business,
        },
    )
    procedure, _created = Procedure.objects.get_or_create(code=spec.code)
    number = (procedure.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=number,
        status=status,
        name=spec.name,
        name_en=spec.name_en,
        field=field,
        level=spec.level,
        agency_role=spec.agency_role,
        time_limit_value=spec.time_limit_value,
        time_limit_unit=spec.time_limit_unit,
        result=spec.result,
        result_en=spec.result_en,
        legal_basis=list(spec.legal_basis),
        online=spec.online,
        boundary_free=spec.boundary_free,
        payment_before_approval=spec.payment_before_approval,
        assurance_level=spec.assurance_level,
        place_restriction=spec.place_restriction,
        presence_required_for=spec.presence_required_for,
    )
    RequiredDocument.objects.bulk_create(
        RequiredDocument(version=version, position=i, **vars(d))
        for i, d in enumerate(spec.documents)
    )
    Fee.objects.bulk_create(
        Fee(version=version, position=i, **vars(f)) for i, f in enumerate(spec.fees)
    )
    ProcessStep.objects.bulk_create(
        ProcessStep(version=version, position=i, **vars(s)) for i, s in enumerate(spec.steps)
    )
    return version


def _publish(version: ProcedureVersion) -> None:
    ProcedureVersion.objects.filter(
        procedure=version.procedure, status=VersionStatus.PUBLISHED
    ).update(status=VersionStatus.RETIRED)
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.search_name = search_index(version.name)
    version.search_text = selectors.search_text(version)
    version.save(update_fields=["status", "published_at", "search_name", "search_text"])


def ensure_draft(version: ProcedureVersion) -> None:
    """Refuse any change to a version that is not a draft (DOMAIN C2)."""
    if version.status != VersionStatus.DRAFT:
        raise PublishedVersionImmutable()


@transaction.atomic(durable=True)
def publish_version(version: ProcedureVersion, *, actor: Actor) -> ProcedureVersion:
    """Publish a draft after checking it as an import would; the previous version retires."""
    version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
    ensure_draft(version)
    check = Checker()
    parse_procedure(
        check,
        selectors.version_spec(version).to_json(),
        (_("procedure %(code)s"), {"code": version.procedure.code}),
    )
    if check.problems:
        raise CatalogImportRefused(check.problems)
    _publish(version)
    logger.info(
        "procedure_published",
        extra={"procedure": version.procedure.code, "version": version.number},
    )
    return version


@transaction.atomic(durable=True)
def create_draft(version: ProcedureVersion, *, actor: Actor) -> ProcedureVersion:
    """Return a new draft with the content of `version`, to edit and publish later."""
    spec = selectors.version_spec(version)
    return _create_version(spec, status=VersionStatus.DRAFT)


def export_catalog(fmt: str) -> bytes:
    """Return the published catalog as `json` or `xlsx` bytes."""
    specs = selectors.catalog_specs()
    if fmt == "xlsx":
        return exchange.specs_to_xlsx(specs)
    return exchange.specs_to_json(specs).encode("utf-8")
