"""Writes to the catalog: import, publish, new drafts (DOMAIN C2: published never changes)."""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Max
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog import exchange, packaged, portal, selectors
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

# Sent once a service has published procedure versions (an import, a draft published): what is
# built from the published catalog (the assistant's index) is built again, after the commit.
catalog_published = Signal()
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
    return _store_catalog(specs, actor)


@transaction.atomic(durable=True)
def _store_catalog(specs: list[ProcedureSpec], actor: Actor) -> ImportSummary:
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
        version = _create_version(spec, status=VersionStatus.DRAFT, actor=actor)
        _publish(version, actor=actor)
    logger.info(
        "catalog_imported", extra={"new_procedures": created, "changed_procedures": updated}
    )
    if created or updated:
        catalog_published.send(sender=ProcedureVersion)
    return ImportSummary(created, updated, unchanged)


def _user(actor: Actor) -> AbstractBaseUser | None:
    """The signed-in person behind a change, or None (an import from the terminal)."""
    return actor if isinstance(actor, AbstractBaseUser) and actor.is_authenticated else None


def _create_version(spec: ProcedureSpec, *, status: str, actor: Actor = None) -> ProcedureVersion:
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
        field=field,
        **{key: getattr(spec, key) for key in selectors.PLAIN_FIELDS},
        **{key: list(getattr(spec, key)) for key in selectors.LIST_FIELDS},
        unparsed=dict(spec.unparsed),
        result_template=dict(spec.result_template),
        created_by=_user(actor),
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


def _publish(version: ProcedureVersion, *, actor: Actor = None) -> None:
    ProcedureVersion.objects.filter(
        procedure=version.procedure, status=VersionStatus.PUBLISHED
    ).update(status=VersionStatus.RETIRED)
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = _user(actor)
    version.search_name = search_index(version.name)
    version.search_text = selectors.search_text(version)
    version.save(
        update_fields=["status", "published_at", "published_by", "search_name", "search_text"]
    )


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
    _publish(version, actor=actor)
    logger.info(
        "procedure_published",
        extra={"procedure": version.procedure.code, "version": version.number},
    )
    catalog_published.send(sender=ProcedureVersion)
    return version


@transaction.atomic(durable=True)
def create_draft(version: ProcedureVersion, *, actor: Actor) -> ProcedureVersion:
    """Return a new draft with the content of `version`, to edit and publish later."""
    spec = selectors.version_spec(version)
    return _create_version(spec, status=VersionStatus.DRAFT, actor=actor)


def export_catalog(fmt: str) -> bytes:
    """Return the published catalog as `json` or `xlsx` bytes."""
    specs = selectors.catalog_specs()
    if fmt == "xlsx":
        return exchange.specs_to_xlsx(specs)
    return exchange.specs_to_json(specs).encode("utf-8")


# --- the national portal's pages -----------------------------------------------------------

# What the curated file says better than the portal's page (DOMAIN: curated facts on top); the
# page still adds who may apply, per-channel limits, the result codes, decision and URL.
CURATED_KEYS = (
    "name",
    "name_en",
    "field",
    "level",
    "agency_role",
    "time_limit",
    "time_limit_state",
    "time_limit_source",
    "result",
    "result_en",
    "legal_basis",
    "online",
    "boundary_free",
    "place_restriction",
    "presence_required_for",
    "documents",
    "fees",
    "steps",
    "source",
    "curator_notes",
    "result_template",
)


@dataclass(frozen=True)
class PortalImportSummary(ImportSummary):
    """`created`: procedures published from their first page; `updated`: pages changed since an
    earlier crawl, each a new draft."""

    failed: tuple[tuple[str, str], ...] = ()


def portal_records(directory: Any) -> tuple[list[portal.Parsed], list[dict[str, Any]]]:
    """Read every page under `directory`: (the pages read, the catalog's records).

    A page of a curated procedure keeps the curated facts on top; curated procedures the crawl
    lacks are kept as they are. Fields are described once, the curated description first."""
    curated = {record["code"]: record for record in packaged.packaged_records()}
    fields = {record["field"]["code"]: record["field"] for record in curated.values()}
    pages = [portal.parse_page(page, folder) for folder, page in portal.read_pages(directory)]
    records = []
    for page in pages:
        if page.failed:
            continue
        record = dict(page.record)
        if page.code in curated:
            record |= {key: curated[page.code][key] for key in CURATED_KEYS}
            record["unparsed"] = {}
        record["field"] = fields.setdefault(record["field"]["code"], record["field"])
        records.append(record)
    crawled = {page.code for page in pages}
    records += [record for code, record in curated.items() if code not in crawled]
    return pages, records


def import_portal(
    directory: Any, *, progress: Callable[[list[Any]], Iterable[Any]] = list
) -> PortalImportSummary:
    """Import every page of a crawl; each procedure alone, all of it or nothing (idempotent).

    A procedure no crawl has read before (new to the catalog, or curated only) is published with
    the page's facts. One read from an earlier crawl is left alone when some version of it already
    says what the page says (the page read before, or the one an official's edit started from);
    otherwise the changed page becomes a new draft, for an official to compare and publish in the
    admin: a new crawl never changes what residents are shown (DOMAIN C2)."""
    pages, records = portal_records(directory)
    failed = [(p.code or f"{p.folder}/?", ", ".join(p.reasons)) for p in pages if p.failed]
    current = selectors.specs_by_code()
    created = updated = unchanged = 0
    for record in progress(records):
        check = Checker()
        spec = parse_procedure(check, record, (_("procedure %(code)s"), {"code": record["code"]}))
        if check.problems:
            failed.append((record["code"], "; ".join(p.render() for p in check.problems[:3])))
            continue
        if spec in current.get(spec.code, ()):
            unchanged += 1
            continue
        crawled_before = any(known.crawled_on for known in current.get(spec.code, ()))
        with transaction.atomic(durable=True):
            version = _create_version(spec, status=VersionStatus.DRAFT)
            if crawled_before:
                updated += 1
            else:
                _publish(version)
                created += 1
    logger.info(
        "portal_imported",
        extra={"new_procedures": created, "changed_procedures": updated, "failed": len(failed)},
    )
    if created or updated:
        catalog_published.send(sender=ProcedureVersion)
    return PortalImportSummary(created, updated, unchanged, tuple(failed))
