"""Who may file a procedure (issue 22): the catalog's `applicants` (the portal page's
`doi_tuong_thuc_hien`, parsed by `portal.sections.parse_applicants`) against an applicant's kind.

An empty list means the source did not say: nobody is refused on it. A household business is not
a legal entity: the portal files it with the enterprises, cooperatives and other organisations
(its own registration procedures list "Tổ chức"); it is refused where only people may apply.
"""

from motcua.catalog.models import Applicant

# The catalog's kinds that a citizen (a person) is.
PERSON_KINDS = frozenset(
    {
        Applicant.CITIZENS,
        Applicant.OVERSEAS_VIETNAMESE,
        Applicant.FOREIGNERS,
        Applicant.OFFICIALS,
        Applicant.PARTY_MEMBERS,
    }
)
ENTERPRISE_KINDS = frozenset({Applicant.ENTERPRISES, Applicant.FOREIGN_INVESTED})
# An organisation's kind (identity.organisations.OrgKind values) → the catalog's kinds admitting it.
ORGANISATION_KINDS: dict[str, frozenset[str]] = {
    "enterprise": ENTERPRISE_KINDS,
    "branch": ENTERPRISE_KINDS,
    "cooperative": frozenset({Applicant.COOPERATIVES}),
    "household_business": ENTERPRISE_KINDS | {Applicant.COOPERATIVES, Applicant.ORGANISATIONS},
    "association": frozenset({Applicant.ORGANISATIONS, Applicant.FOREIGN_ORGANISATIONS}),
    "public_body": frozenset({Applicant.ORGANISATIONS, Applicant.PARTY_ORGANISATIONS}),
}
ORGANISATION_CATALOG_KINDS = frozenset().union(*ORGANISATION_KINDS.values())


def admits(applicants: list[str], kind: str, org_kind: str = "") -> bool:
    """Return whether a procedure listing `applicants` takes an applicant of this kind
    (`citizen`, or `organisation` with its `org_kind`)."""
    if not applicants:
        return True
    wanted = PERSON_KINDS if kind == "citizen" else ORGANISATION_KINDS.get(org_kind, frozenset())
    return any(a in wanted for a in applicants)


def admits_organisations(applicants: list[str]) -> bool:
    """Return whether some organisation may file (the portal's business section)."""
    return any(a in ORGANISATION_CATALOG_KINDS for a in applicants)


def enterprise_related(applicants: list[str], *, business_field: bool = False) -> bool:
    """Return whether the procedure is enterprise-related (Letter 6379's 100% online target):
    enterprises or cooperatives file it, or it is in a business field (enterprise or household
    business registration: `Field.is_business`)."""
    return business_field or any(
        a in ENTERPRISE_KINDS | {Applicant.COOPERATIVES} for a in applicants
    )
