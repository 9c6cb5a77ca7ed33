"""The compliance audit: each barrier the city ordered removed, per published procedure.

Pure: it reads ProcedureSpecs and the set of agency roles that exist, and returns findings.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from motcua.catalog.applicants import admits_organisations, enterprise_related
from motcua.catalog.models import DataSource, DocumentKind, OnlineLevel, Presence
from motcua.catalog.spec import DocumentSpec, ProcedureSpec
from motcua.core.text import fold

# Barrier kinds, each with the rule of DOMAIN.md it comes from.
BARRIERS = {
    "original_paper": _("An original paper document is demanded"),  # DOMAIN C3
    "place_bound": _("Filing is tied to the place of residence, head office or first issuance"),
    "not_boundary_free": _("Not receivable at any service point of the province"),  # DOMAIN I2
    "presence_for_result": _("The applicant must come in to sign or receive the result"),  # C3
    "not_fully_online": _("Not fully online"),  # DOMAIN M3
    "paper_instead_of_data": _("A document a national database could replace is demanded on paper"),
    "no_steps": _("No electronic process steps configured"),
    "no_time_limit": _("No time limit configured"),
    "no_competent_agency": _("No agency of the configured competent role exists"),
    "no_fee_account": _("A fee is due but competent agencies have no approved collection account"),
}
PLACE_BARRIERS = {"residence", "head_office", "first_issuance"}
PRESENCE_BARRIERS = {Presence.SIGNING, Presence.RECEIVING_RESULT}
PAPER_KINDS = {
    DocumentKind.ORIGINAL,
    DocumentKind.COPY,
    DocumentKind.CERTIFIED_COPY,
    DocumentKind.PRESENT,
}

# Folded words in a document's name → the national database that holds the same data (DOMAIN C4).
DATA_WORDS: list[tuple[str, str]] = [
    ("can cuoc", DataSource.POPULATION_DB),
    ("chung minh nhan dan", DataSource.POPULATION_DB),
    ("giay to tuy than", DataSource.POPULATION_DB),
    ("so ho khau", DataSource.POPULATION_DB),
    ("thong tin ve cu tru", DataSource.POPULATION_DB),
    ("giay khai sinh", DataSource.CIVIL_STATUS_DB),
    ("trich luc", DataSource.CIVIL_STATUS_DB),
    ("giay chung nhan ket hon", DataSource.CIVIL_STATUS_DB),
    ("tinh trang hon nhan", DataSource.CIVIL_STATUS_DB),
    ("giay chung nhan dang ky doanh nghiep", DataSource.BUSINESS_REGISTRY),
    ("giay chung nhan dang ky ho kinh doanh", DataSource.BUSINESS_REGISTRY),
    ("giay chung nhan quyen su dung dat", DataSource.LAND_DB),
]


@dataclass(frozen=True)
class Finding:
    barrier: str
    detail: str = ""

    @property
    def label(self) -> str:
        return str(BARRIERS[self.barrier])


@dataclass(frozen=True)
class ProcedureAudit:
    code: str
    name: str
    field: str
    is_business: bool
    findings: tuple[Finding, ...] = field(default=())
    # Enterprises or cooperatives file it, or a business field (Letter 6379's target; issue 22).
    enterprise_related: bool = False
    organisations_may_file: bool = False

    @property
    def fully_online(self) -> bool:
        return not any(f.barrier == "not_fully_online" for f in self.findings)

    @property
    def boundary_free(self) -> bool:
        return not any(f.barrier == "not_boundary_free" for f in self.findings)


@dataclass(frozen=True)
class Share:
    total: int
    fully_online: int
    boundary_free: int

    @property
    def fully_online_percent(self) -> float:
        return round(100 * self.fully_online / self.total, 1) if self.total else 0.0

    @property
    def boundary_free_percent(self) -> float:
        return round(100 * self.boundary_free / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class AuditReport:
    procedures: tuple[ProcedureAudit, ...]
    overall: Share
    business: Share
    barrier_counts: dict[str, int]
    enterprise_related: Share = Share(0, 0, 0)
    organisations: Share = Share(0, 0, 0)


def data_source_for(document: DocumentSpec) -> str:
    """Return the national database that holds what a paper document carries, or ''."""
    name = fold(document.name)
    return next((source for words, source in DATA_WORDS if words in name), "")


def audit_procedure(
    spec: ProcedureSpec, agency_roles: set[str], without_account: Mapping[str, int] | None = None
) -> ProcedureAudit:
    """Return the barriers found in one procedure version."""
    findings = [
        Finding("original_paper", d.name)
        for d in spec.documents
        if d.kind == DocumentKind.ORIGINAL and d.required
    ]
    if spec.place_restriction in PLACE_BARRIERS:
        findings.append(Finding("place_bound", spec.place_restriction))
    if not spec.boundary_free:
        findings.append(Finding("not_boundary_free", spec.place_restriction))
    if spec.presence_required_for in PRESENCE_BARRIERS:
        findings.append(Finding("presence_for_result", spec.presence_required_for))
    if spec.online != OnlineLevel.FULL:
        findings.append(Finding("not_fully_online", spec.online))
    findings += [
        Finding("paper_instead_of_data", f"{d.name} ({data_source_for(d)})")
        for d in spec.documents
        if d.kind in PAPER_KINDS and not d.replaceable_by and data_source_for(d)
    ]
    if not spec.steps:
        findings.append(Finding("no_steps"))
    if spec.time_limit_value is None:
        findings.append(Finding("no_time_limit"))
    if spec.agency_role not in agency_roles:
        findings.append(Finding("no_competent_agency", spec.agency_role))
    missing = (without_account or {}).get(spec.agency_role, 0)
    if missing and any(f.amount_vnd for f in spec.fees):  # DOMAIN F2
        findings.append(Finding("no_fee_account", f"{spec.agency_role}: {missing}"))
    return ProcedureAudit(
        spec.code,
        spec.name,
        spec.field.name,
        spec.field.is_business,
        tuple(findings),
        enterprise_related(list(spec.applicants), business_field=spec.field.is_business),
        admits_organisations(list(spec.applicants)),
    )


def _share(audits: list[ProcedureAudit]) -> Share:
    return Share(
        len(audits), sum(a.fully_online for a in audits), sum(a.boundary_free for a in audits)
    )


def audit_catalog(
    specs: Iterable[ProcedureSpec],
    agency_roles: set[str],
    without_account: Mapping[str, int] | None = None,
) -> AuditReport:
    """Audit every procedure and summarise the shares fully online and boundary-free.

    `without_account` counts, per agency role, the agencies with no approved fee account.
    """
    audits = [audit_procedure(spec, agency_roles, without_account) for spec in specs]
    counts = {barrier: 0 for barrier in BARRIERS}
    for audit in audits:
        for barrier in {f.barrier for f in audit.findings}:
            counts[barrier] += 1
    return AuditReport(
        tuple(audits),
        _share(audits),
        _share([a for a in audits if a.is_business]),
        counts,
        _share([a for a in audits if a.enterprise_related]),
        _share([a for a in audits if a.organisations_may_file]),
    )
