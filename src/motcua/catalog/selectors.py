"""Reads of the catalog: the published versions, search, specs and the audit."""

from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from motcua.catalog import search
from motcua.catalog.applicants import admits_organisations
from motcua.catalog.audit import AuditReport, audit_catalog
from motcua.catalog.models import (
    Applicant,
    Channel,
    Fee,
    Field,
    JointGroup,
    Level,
    Participant,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    TimeUnit,
    VersionStatus,
)
from motcua.catalog.spec import DocumentSpec, FeeSpec, FieldSpec, ProcedureSpec, StepSpec
from motcua.catalog.words.vocabulary import shared_vocabulary
from motcua.core.errors import NotFound
from motcua.core.text import search_index, vietnamese_sort_key
from motcua.geography import selectors as geography
from motcua.geography.models import Agency


def _with_parts(versions: QuerySet[ProcedureVersion]) -> QuerySet[ProcedureVersion]:
    return versions.select_related("procedure", "field").prefetch_related(
        Prefetch("documents", queryset=RequiredDocument.objects.order_by("position", "id")),
        Prefetch("fees", queryset=Fee.objects.order_by("position", "id")),
        Prefetch("steps", queryset=ProcessStep.objects.order_by("position", "id")),
        "participants",
    )


def published_versions() -> QuerySet[ProcedureVersion]:
    """Return the published version of every procedure, with its documents, fees and steps."""
    return _with_parts(ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED)).order_by(
        "procedure__code"
    )


def search_procedures(
    *,
    q: str = "",
    level: str = "",
    field: str = "",
    online: str = "",
    codes: Iterable[str] | None = None,
) -> Sequence[ProcedureVersion]:
    """Return the published procedures found for `q` in residents' words, best first.

    `catalog.search` reads the query with the shared vocabulary, with or without diacritics
    ("lam so do" finds the land certificate); without words, every procedure by code.
    """
    query = search.read_query(shared_vocabulary(), q)
    if query.units:
        index = search.current_index()
        pks = index.search(query, level=level, field=field, online=online, codes=codes)
        return search.Ranked(pks, published_versions())
    versions = published_versions()
    if level:
        versions = versions.filter(level=level)
    if field:
        versions = versions.filter(field__code=field)
    if online:
        versions = versions.filter(online=online)
    if codes is not None:
        versions = versions.filter(procedure__code__in=list(codes))
    return versions


def closest_procedures(q: str, *, limit: int = 3) -> list[ProcedureVersion]:
    """Return the published procedures whose names are nearest to `q` (a no-results page)."""
    return list(search.Ranked(search.current_index().closest(q, limit=limit), published_versions()))


# Published versions never change (DOMAIN C2: the admin and the services refuse it; only the
# status moves to "retired" when a successor is published), so each process keeps them, with
# their documents, fees and steps, by primary key. A save or delete of a version evicts it (a
# draft being published; a test database reusing a key after a rollback).
_VERSIONS: dict[int, ProcedureVersion] = {}
_VERSIONS_MAX = 4096


@receiver(post_save, sender=ProcedureVersion)
@receiver(post_delete, sender=ProcedureVersion)
def _evict_version(sender: Any, instance: ProcedureVersion, **kwargs: Any) -> None:
    _VERSIONS.pop(instance.pk, None)


def forget_versions() -> None:
    """Empty the process's cache of published versions (tests that write the catalog directly)."""
    _VERSIONS.clear()


def _cached_version(pk: int, status: str) -> ProcedureVersion | None:
    version = _VERSIONS.get(pk)
    if version is None:
        version = _with_parts(ProcedureVersion.objects.filter(pk=pk)).first()
        if version is None or version.status == VersionStatus.DRAFT:
            return version  # a draft may still change: never kept
        if len(_VERSIONS) >= _VERSIONS_MAX:
            _VERSIONS.clear()
        if _VERSIONS_MAX:
            _VERSIONS[pk] = version
    version.status = status  # the one field that moves (published -> retired)
    return version


def get_published_version(
    code: str, *, number: int | None = None, pk: int | None = None
) -> ProcedureVersion:
    """Return the published version of a procedure (or a given version number), or NotFound.

    One small query finds which version it is (none when the caller knows it already: `pk`
    from `published_version_pk`); the version with its parts comes from the process's cache
    of published versions."""
    if number is None:
        pk = published_version_pk(code) if pk is None else pk
        version = _cached_version(pk, VersionStatus.PUBLISHED) if pk is not None else None
    else:
        versions = ProcedureVersion.objects.filter(procedure__code=code, number=number)
        found = versions.exclude(status=VersionStatus.DRAFT).values_list("pk", "status").first()
        version = _cached_version(*found) if found else None
    if version is None:
        raise NotFound(_("No published procedure has the code %(code)s."), params={"code": code})
    return version


def published_version_pk(code: str) -> int | None:
    """Return the primary key of the published version of a procedure, or None."""
    versions = ProcedureVersion.objects.filter(procedure__code=code, status=VersionStatus.PUBLISHED)
    return versions.values_list("pk", flat=True).first()


def search_text(version: ProcedureVersion) -> str:
    """Return the folded words a version is found by."""
    parts = [
        version.procedure.code,
        version.name,
        version.name_en,
        version.field.name,
        version.field.name_en,
        version.result,
    ]
    return search_index(" ".join(part for part in parts if part))


def _row_spec(spec_class: Any, row: Any) -> Any:
    return spec_class(**{f.name: getattr(row, f.name) for f in fields(spec_class)})


# The version fields the exchange form carries as they are, and those it carries as tuples.
PLAIN_FIELDS = [
    "name",
    "name_en",
    "level",
    "agency_role",
    "time_limit_value",
    "time_limit_unit",
    "result",
    "result_en",
    "online",
    "boundary_free",
    "payment_before_approval",
    "assurance_level",
    "place_restriction",
    "presence_required_for",
    "handled_by_city",
    "portal_levels",
    "ministry",
    "time_limit_state",
    "time_limit_source",
    "decision",
    "portal_url",
    "source",
    "crawled_on",
]
LIST_FIELDS = ["legal_basis", "applicants", "time_limits", "result_codes", "curator_notes"]


def version_spec(version: ProcedureVersion) -> ProcedureSpec:
    """Return a version in the exchange form."""
    return ProcedureSpec(
        code=version.procedure.code,
        field=FieldSpec(
            version.field.code, version.field.name, version.field.name_en, version.field.is_business
        ),
        **{key: getattr(version, key) for key in PLAIN_FIELDS},
        **{key: tuple(getattr(version, key)) for key in LIST_FIELDS},
        unparsed=dict(version.unparsed),
        result_template=dict(version.result_template),
        documents=tuple(_row_spec(DocumentSpec, d) for d in version.documents.all()),
        fees=tuple(_row_spec(FeeSpec, f) for f in version.fees.all()),
        steps=tuple(_row_spec(StepSpec, s) for s in version.steps.all()),
    )


def catalog_specs() -> list[ProcedureSpec]:
    """Return the published catalog in the exchange form, ordered by code."""
    return [version_spec(version) for version in published_versions()]


def specs_by_code() -> dict[str, list[ProcedureSpec]]:
    """Every version the catalog holds (draft, published, retired) in the exchange form, by code."""
    found: dict[str, list[ProcedureSpec]] = {}
    for version in _with_parts(ProcedureVersion.objects.all()):
        found.setdefault(version.procedure.code, []).append(version_spec(version))
    return found


def audit_report() -> AuditReport:
    """Audit the published catalog against the agencies configured for the province."""
    roles = set(geography.agencies().values_list("role", flat=True))
    without_account = dict(
        Agency.objects.exclude(feeaccount__status="approved")  # DOMAIN F2
        .order_by()
        .values("role")
        .annotate(n=Count("pk"))
        .values_list("role", "n")
    )
    # Procedures only a ministry resolves are shown but not filed here: not the city's barriers.
    specs = [spec for spec in catalog_specs() if spec.handled_by_city]
    return audit_catalog(specs, roles, without_account)


def fields_in_use() -> list[Field]:
    """Return the fields that have published procedures, with how many, in Vietnamese
    alphabetical order (Bảo đảm before Bảo hiểm; the database sorts by code point, Đ last)."""
    published = Q(procedureversion__status=VersionStatus.PUBLISHED)
    found = Field.objects.annotate(procedures=Count("procedureversion", filter=published)).filter(
        procedures__gt=0
    )
    return sorted(found, key=lambda field: vietnamese_sort_key(field.name))


def configured_by_level() -> dict[str, tuple[int, int]]:
    """Return, per level (city, commune), how many procedures have a published version out of
    all the procedures the catalog holds at that level (readiness: procedures configured)."""
    found: dict[str, tuple[int, int]] = {}
    for level in Level.values:
        versions = ProcedureVersion.objects.filter(level=level)
        total = versions.values("procedure").distinct().count()
        published = (
            versions.filter(status=VersionStatus.PUBLISHED).values("procedure").distinct().count()
        )
        found[level] = (published, total)
    return found


def applicant_labels(version: ProcedureVersion) -> list[str]:
    """Who may apply, in the active language."""
    labels = dict(Applicant.choices)
    return [str(labels[kind]) for kind in version.applicants if kind in labels]


def channel_limits(version: ProcedureVersion) -> list[dict[str, Any]]:
    """The time limit per filing channel, with the channel's and the unit's names."""
    channels, units = dict(Channel.choices), dict(TimeUnit.choices)
    return [
        {
            **limit,
            "channel": str(channels.get(limit["channel"], limit["channel"])),
            "unit": str(units.get(limit["unit"], limit["unit"] or "")),
        }
        for limit in version.time_limits
    ]


def published_groups() -> QuerySet[JointGroup]:
    """Return the joint procedure groups residents may file (Decree 63/2024)."""
    return JointGroup.objects.filter(is_published=True).prefetch_related(
        Prefetch("participants", queryset=Participant.objects.select_related("procedure"))
    )


def get_group(code: str) -> JointGroup:
    """Return one published group, or NotFound."""
    group = published_groups().filter(code=code).first()
    if group is None:
        raise NotFound(_("No joint group has the code %(code)s."), params={"code": code})
    return group


def member_versions(group: JointGroup) -> dict[int, ProcedureVersion]:
    """Return the published version of each member procedure, by participant id."""
    codes = [p.procedure.code for p in group.participants.all() if p.procedure_id]
    published = {
        v.procedure.code: v for v in published_versions().filter(procedure__code__in=codes)
    }
    return {
        p.pk: published[p.procedure.code]
        for p in group.participants.all()
        if p.procedure_id and p.procedure.code in published
    }


def organisation_codes() -> list[str]:
    """The codes of the published procedures an organisation may file (the portal's business
    section; the catalog's `applicants`, issue 22)."""
    rows = published_versions().values_list("procedure__code", "applicants")
    return [code for code, applicants in rows if admits_organisations(list(applicants or []))]
