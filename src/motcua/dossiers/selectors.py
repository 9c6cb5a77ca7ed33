"""Reads of dossiers: who may see what (STYLE §4), and who the actor is on a dossier."""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from motcua.catalog.models import DocumentKind as RequirementKind
from motcua.core.errors import Forbidden, NotFound
from motcua.documents.models import IssuedDocument
from motcua.dossiers import deadlines
from motcua.dossiers.models import Dossier, DossierDocument, DossierPart, Event, Transfer
from motcua.dossiers.workflow import APPLICANT, FORMER_AGENCY, PARTICIPANT, SYSTEM, Status
from motcua.geography.models import ServicePoint
from motcua.identity.idnumbers import mask_account_name, mask_id_number
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope, verified_numbers

User = AbstractBaseUser | AnonymousUser


def _with_relations(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return dossiers.select_related(
        "procedure_version__procedure",
        "receiving_point",
        "competent_unit",
        "handling_agency",
        "result_document",
        "helper",
    ).prefetch_related(
        Prefetch("documents", queryset=DossierDocument.objects.select_related("requirement")),
        "tasks",
        Prefetch("transfers", queryset=Transfer.objects.select_related("from_agency", "to_agency")),
        Prefetch("parts", queryset=DossierPart.objects.select_related("agency", "result_document")),
    )


@dataclass(frozen=True)
class PointRoles:
    pk: int
    code: str
    agency_id: int | None
    roles: frozenset[str]


@dataclass(frozen=True)
class AccessScope:
    """Who a user is towards dossiers: the one access rule (STYLE §14). The list filter, the
    roles on one dossier, seeing the applicant's number and downloading the papers all derive
    from it, so that an official who has a role on a dossier always sees it, and only them.

    An official acts on a dossier received at one of their service points, chosen by the
    applicant as the point to collect the result at, or handled by their agency (or by the
    agency that owns their point); city-wide roles see all; applicants their own: the ones
    they filed, and the ones filed on the national public service portal in the name of the
    verified person they are (the portal files them through its own account).

    Each rule is one method here (`owns`, `roles_on`, `handles`, `sees`, `may_download`,
    `shows_applicant`) and the database filter (`filter`, `own_q`) states the same.
    """

    user_id: int | None
    superuser: bool = False
    city_roles: frozenset[str] = frozenset()
    roles_at_agency: dict[int, frozenset[str]] = field(default_factory=dict)
    points: tuple[PointRoles, ...] = ()
    citizen: bool = False  # not an official: may be a person the identity provider verified

    @property
    def sees_everything(self) -> bool:
        return bool(self.city_roles) or self.superuser

    @cached_property
    def citizen_number(self) -> str:
        """The ID number the identity provider verified for this user ("" if none), looked
        up only when a dossier of the national portal asks for it."""
        if not self.citizen or self.user_id is None:
            return ""
        return verified_numbers(self.user_id).first() or ""

    def own_q(self) -> Q:
        """The dossiers that are this user's own, as a database filter (as `owns`)."""
        mine = Q(owner_id=self.user_id)
        if self.citizen and self.user_id is not None:
            numbers = verified_numbers(self.user_id)
            mine |= Q(national_code__isnull=False, applicant_id_number__in=numbers)
        return mine

    def owns(self, dossier: Dossier) -> bool:
        """Return whether the user is the dossier's applicant: its filer, or the verified
        person a dossier of the national portal was filed for."""
        if self.user_id is None:
            return False
        return dossier.owner_id == self.user_id or bool(
            self.citizen
            and dossier.national_code
            and dossier.applicant_id_number == self.citizen_number
        )

    def filter(self, dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
        """Return the dossiers of `dossiers` this user may see (as `sees`, in the database)."""
        if self.user_id is None:
            return dossiers.none()
        if self.sees_everything:
            return dossiers
        agencies = set(self.roles_at_agency) | {p.agency_id for p in self.points if p.agency_id}
        return dossiers.filter(
            self.own_q()
            | Q(receiving_point__in=[p.pk for p in self.points])
            | Q(handling_agency__in=agencies)
            | Q(delivery__point__in=[p.code for p in self.points])
            | Q(Exists(Transfer.objects.filter(dossier=OuterRef("pk"), from_agency__in=agencies)))
            | Q(Exists(DossierPart.objects.filter(dossier=OuterRef("pk"), agency__in=agencies)))
        )

    def _agencies(self) -> set[int]:
        return set(self.roles_at_agency) | {p.agency_id for p in self.points if p.agency_id}

    def part_agencies(self, dossier: Dossier) -> set[int]:
        """Return the agencies of the user that take part in this joint dossier (not its lead)."""
        mine = self._agencies()
        return {
            p.agency_id
            for p in dossier.parts.all()
            if p.agency_id in mine and p.agency_id != dossier.handling_agency_id
        }

    def roles_on(self, dossier: Dossier) -> set[str]:
        """Return the roles the user plays on this dossier (applicant, receiving officer, ...)."""
        if self.user_id is None:
            return set()
        roles: set[str] = set()
        if self.owns(dossier):
            roles.add(APPLICANT)
        if Role.SYSTEM in self.city_roles:
            roles.add(SYSTEM)
        roles |= self.roles_at_agency.get(dossier.handling_agency_id, frozenset())
        delivery_point = (dossier.delivery or {}).get("point")
        for point in self.points:
            if (
                point.pk == dossier.receiving_point_id
                or point.code == delivery_point
                or point.agency_id == dossier.handling_agency_id
            ):
                roles |= point.roles
        if not roles - {APPLICANT, SYSTEM}:
            mine = self._agencies()
            if self.part_agencies(dossier):
                roles.add(PARTICIPANT)
            if any(t.from_agency_id in mine for t in dossier.transfers.all()):
                roles.add(FORMER_AGENCY)
        return roles

    def readable_requirements(self, dossier: Dossier) -> set[int] | None:
        """Return the requirements whose documents the user may read on the dossier: None for
        all of them; for an official who only takes part in a joint dossier, those of their
        agency's parts (issue 24: the other parts' documents are not theirs to see)."""
        roles = self.roles_on(dossier)
        if self.sees_everything or PARTICIPANT not in roles or roles - {PARTICIPANT}:
            return None
        mine = self.part_agencies(dossier)
        return {pk for p in dossier.parts.all() if p.agency_id in mine for pk in p.requirements}

    def readable_issued(self, dossier: Dossier) -> set[int] | None:
        """Return the issued documents the user may read: None for all; a participating
        agency's official, the results of their agency's parts."""
        if self.readable_requirements(dossier) is None:
            return None
        mine = self.part_agencies(dossier)
        return {p.result_document_id for p in dossier.parts.all() if p.agency_id in mine}

    def sees(self, dossier: Dossier) -> bool:
        """Return whether the user may see the dossier: a role on it, or a city-wide role."""
        return self.sees_everything or bool(self.roles_on(dossier))

    def handles(self, dossier: Dossier) -> bool:
        """Return whether the user is the applicant or an official of the handling agency."""
        handling = {Role.HANDLING_OFFICER, Role.APPROVER}
        return self.owns(dossier) or bool(
            self.roles_at_agency.get(dossier.handling_agency_id, frozenset()) & handling
        )

    def shows_applicant(self, dossier: Dossier) -> bool:
        """Return whether the applicant's ID number is shown whole (else masked): to those
        who handle the dossier (`handles`), in the API and the workspace alike."""
        return self.handles(dossier)

    def may_download(self, dossier: Dossier) -> bool:
        """The papers: to the applicant and the officials who act on it (and the superuser)."""
        return self.superuser or bool(self.roles_on(dossier))


NO_ACCESS = AccessScope(None)


def access_scope(user: User) -> AccessScope:
    """Return the user's access scope (two queries; none for an anonymous user)."""
    if not user.is_authenticated:
        return NO_ACCESS
    scope = official_scope(user)
    points = tuple(
        PointRoles(pk, code, agency_id, scope.roles_at_point[pk])
        for pk, code, agency_id in ServicePoint.objects.filter(
            pk__in=list(scope.roles_at_point)
        ).values_list("pk", "code", "agency_id")
    )
    return AccessScope(
        user.pk,
        superuser=bool(getattr(user, "is_superuser", False)),
        city_roles=scope.city_roles,
        roles_at_agency=scope.roles_at_agency,
        points=points,
        citizen=not scope.is_official,
    )


def visible_dossiers(user: User) -> QuerySet[Dossier]:
    """Return the dossiers this user may see (`AccessScope`)."""
    return access_scope(user).filter(_with_relations(Dossier.objects.all()))


def own_dossiers(user: User) -> QuerySet[Dossier]:
    """Return the dossiers that are this user's own (`AccessScope.owns`)."""
    scope = access_scope(user)
    return (
        _with_relations(Dossier.objects.filter(scope.own_q()))
        if scope.user_id
        else (Dossier.objects.none())
    )


def dossier_detail(dossier: Dossier) -> Dossier:
    """Return the dossier with what its representation reads (the caller checked access)."""
    return _with_relations(Dossier.objects.filter(pk=dossier.pk)).get()


def filtered_dossiers(
    user: User,
    *,
    status: str = "",
    unit: str = "",
    overdue: bool | None = None,
    q: str = "",
    applicant_kind: str = "",
) -> QuerySet[Dossier]:
    """Return the visible dossiers matching the list filters of shared/API.md."""
    dossiers = visible_dossiers(user)
    if applicant_kind:
        dossiers = dossiers.filter(applicant_kind=applicant_kind)
    if status:
        dossiers = dossiers.filter(status=status)
    if unit:
        dossiers = dossiers.filter(competent_unit__code=unit)
    if overdue is not None:
        late = deadlines.overdue_q(timezone.now())
        dossiers = dossiers.filter(late) if overdue else dossiers.exclude(late)
    if q.strip():
        dossiers = dossiers.filter(search_q(q))
    return dossiers


# A whole dossier code as DOMAIN I4 writes it: agency code, day, number.
WHOLE_CODE = re.compile(r"[A-Z0-9.]+-\d{6}-\d{4,8}")


def search_q(text: str) -> Q:
    """The dossiers a typed search finds, for the queue page and the API's `q` alike: the whole
    ID number (12 digits) or the whole dossier code exactly (both served by an index); else part
    of the code or of the applicant's name, or the phone (from 6 digits, spaces and dots
    ignored)."""
    text = text.strip()
    digits = re.sub(r"[\s.\-+]", "", text)
    if digits.isdigit() and len(digits) == 12:
        return Q(applicant_id_number=digits)
    if digits.isdigit() and len(digits) == 13:  # a dependent unit's enterprise code
        return Q(enterprise_code=f"{digits[:10]}-{digits[10:]}") | Q(code__icontains=text)
    if digits.isdigit() and len(digits) == 10:  # an enterprise code, or a mobile number
        return (
            Q(enterprise_code=digits)
            | Q(code__icontains=text)
            | Q(applicant__phone__icontains=digits)
        )
    if WHOLE_CODE.fullmatch(text.upper()):
        return Q(code=text.upper())
    found = Q(code__icontains=text) | Q(applicant_name__icontains=text)
    if digits.isdigit() and len(digits) >= 6:
        found |= Q(applicant__phone__icontains=digits)
    return found


def get_visible_dossier(user: User, *, code: str) -> Dossier:
    """Return one dossier this user may see, or NotFound: 404, so nobody learns it exists."""
    dossier = None if "\x00" in code else visible_dossiers(user).filter(code=code).first()
    if dossier is None:
        raise NotFound()
    return dossier


def get_papers_dossier(user: User, *, code: str) -> Dossier:
    """Return a dossier whose documents the user may download: its applicant and the officials
    who act on it (receiving, handling, approving). Others who may see it get a 403."""
    dossier = get_visible_dossier(user, code=code)
    if not access_scope(user).may_download(dossier):
        raise Forbidden()
    return dossier


def issued_documents(dossier: Dossier) -> QuerySet[IssuedDocument]:
    return IssuedDocument.objects.filter(reference=dossier.code).order_by("created_at", "id")


def readable_issued_documents(user: User, dossier: Dossier) -> QuerySet[IssuedDocument]:
    """Return the issued documents of the dossier the user may read (a participating agency's
    official: its parts' results only)."""
    allowed = access_scope(user).readable_issued(dossier)
    documents = issued_documents(dossier)
    return documents if allowed is None else documents.filter(pk__in=allowed)


def roles_on(user: User, dossier: Dossier) -> set[str]:
    """Return the roles the user plays on this dossier (applicant, receiving officer, ...)."""
    return access_scope(user).roles_on(dossier)


@dataclass(frozen=True)
class Viewer:
    """Who reads a dossier: enough to decide what personal data to show, without queries."""

    scope: AccessScope

    def handles(self, dossier: Dossier) -> bool:
        """Return whether the viewer is the applicant or an official of the handling agency."""
        return self.scope.handles(dossier)

    def applicant_of(self, dossier: Dossier) -> dict[str, Any]:
        """Return the applicant as this viewer may see them: in full to those who handle the
        dossier, else the name and the ID number's last 4 digits."""
        if self.scope.shows_applicant(dossier):
            return {"kind": dossier.applicant_kind, **dossier.applicant}
        number = mask_id_number(dossier.applicant_id_number)
        if dossier.applicant_kind == "organisation":  # its code and name are public facts
            held = dossier.applicant
            return {
                "kind": "organisation",
                "org_kind": held.get("org_kind", ""),
                "enterprise_code": dossier.enterprise_code,
                "name": dossier.applicant_name,
                "representative": {
                    "id_number": number,
                    "full_name": (held.get("representative") or {}).get("full_name", ""),
                },
            }
        return {"kind": "citizen", "id_number": number, "full_name": dossier.applicant_name}

    def documents_of(self, dossier: Dossier) -> list[DossierDocument]:
        """Return the dossier's documents this viewer may read (`readable_requirements`)."""
        allowed = self.scope.readable_requirements(dossier)
        return [
            d for d in dossier.documents.all() if allowed is None or d.requirement_id in allowed
        ]

    def actor_of(self, dossier: Dossier, event: Event) -> str:
        """Return who acted, as this viewer may see it: a citizen's account name carries their
        ID number, shown whole only to those who see the applicant's number whole."""
        return (
            event.actor if self.scope.shows_applicant(dossier) else mask_account_name(event.actor)
        )

    def applicant_shown(self, dossier: Dossier) -> dict[str, Any]:
        """The applicant as shown on a page, with whether the number is masked."""
        return {
            **self.applicant_of(dossier),
            "masked": not self.scope.shows_applicant(dossier),
        }


NOBODY = Viewer(NO_ACCESS)  # who sees only what anyone who may see the dossier sees


def viewer(user: User) -> Viewer:
    """Return the viewer of dossiers that `user` is (its access scope)."""
    return Viewer(access_scope(user))


def events_of(dossier: Dossier) -> QuerySet[Event]:
    return dossier.events.order_by("seq")


def tracked_dossier(code: str, id_last4: str) -> Dossier:
    """Return a dossier for public tracking when the code and the ID's last 4 digits match."""
    if "\x00" in code:
        raise NotFound()
    dossier = (
        Dossier.objects.select_related("procedure_version", "handling_agency")
        .filter(code=code)
        .first()
    )
    if dossier is None or len(id_last4) != 4 or dossier.applicant_id_number[-4:] != id_last4:
        raise NotFound()
    return dossier


@dataclass(frozen=True)
class Digitisation:
    """Decision 766 indicator 4.2 and its parts, over a set of dossiers (DOMAIN P3)."""

    dossiers: int
    digitised: int  # every document held electronically, and the result too once issued
    scanned_at_counter: int  # dossiers with at least one paper document scanned in
    results_issued: int
    results_electronic: int

    @property
    def share(self) -> float:
        return round(100 * self.digitised / self.dossiers, 2) if self.dossiers else 0.0


def digitisation(dossiers: QuerySet[Dossier]) -> Digitisation:
    """Count how far the dossiers are digitised: files for every listed document that is not
    merely shown, taken from national data or scanned, and a signed electronic result."""
    with_results = [Status.RESULT_SIGNED, Status.RETURNED]
    paper_gap = Exists(
        DossierDocument.objects.filter(
            dossier=OuterRef("pk"), upload__isnull=True, wallet_item__isnull=True, from_data=""
        ).exclude(requirement__kind=RequirementKind.PRESENT)
    )
    scanned = Exists(
        DossierDocument.objects.filter(dossier=OuterRef("pk"), digitised_at__isnull=False)
    )
    rows = dossiers.order_by().annotate(paper_gap=paper_gap, scanned=scanned)
    result_missing = Q(status__in=with_results, result_document__isnull=True)
    counts = rows.aggregate(
        dossiers=Count("pk"),
        digitised=Count("pk", filter=Q(paper_gap=False) & ~result_missing),
        scanned_at_counter=Count("pk", filter=Q(scanned=True)),
        results_issued=Count("pk", filter=Q(status__in=with_results)),
        results_electronic=Count(
            "pk", filter=Q(status__in=with_results, result_document__isnull=False)
        ),
    )
    return Digitisation(**counts)


def helper_volume(since: datetime) -> list[dict[str, Any]]:
    """Dossiers each community helper filed since a moment: not suspicion, but in plain view."""
    rows = (
        Dossier.objects.filter(helper__isnull=False, received_at__gte=since)
        .values("helper__user__username", "helper__team", "helper__unit__code")
        .annotate(dossiers=Count("pk"), applicants=Count("applicant_id_number", distinct=True))
        .order_by("-dossiers")
    )
    return [
        {
            "helper": r["helper__user__username"],
            "team": r["helper__team"],
            "unit": r["helper__unit__code"],
            "dossiers": r["dossiers"],
            "applicants": r["applicants"],
        }
        for r in rows
    ]


def received_between(start: datetime, end: datetime) -> QuerySet[Dossier]:
    """Return the dossiers received in [start, end), unordered (for set-based reports)."""
    return Dossier.objects.filter(received_at__gte=start, received_at__lt=end).order_by()


def handling_agency_of(code: str) -> Any:
    """Return the handling agency of the dossier with this code, or None."""
    found = Dossier.objects.filter(code=code).select_related("handling_agency").first()
    return found.handling_agency if found else None


def by_codes(codes: list[str]) -> QuerySet[Dossier]:
    """Return the dossiers with these codes, for evidence lists (officials with oversight)."""
    return _with_relations(Dossier.objects.filter(code__in=codes)).order_by("-received_at")


@dataclass(frozen=True)
class NoticeFacts:
    """What a notice to the applicant about their dossier says, and where it goes."""

    code: str
    procedure: str
    applicant_name: str
    email: str
    phone: str
    due_at: datetime | None


def notice_facts(code: str) -> NoticeFacts | None:
    """Return the facts of a notice to the dossier's applicant, or None for an unknown code."""
    dossier = Dossier.objects.select_related("procedure_version").filter(code=code).first()
    if dossier is None:
        return None
    applicant = dossier.applicant if isinstance(dossier.applicant, dict) else {}
    return NoticeFacts(
        code=dossier.code,
        procedure=dossier.procedure_version.name,
        applicant_name=dossier.applicant_name,
        email=str(applicant.get("email") or ""),
        phone=str(applicant.get("phone") or ""),
        due_at=dossier.due_at,
    )


def status_counts() -> dict[str, int]:
    """Return how many dossiers are in each status (every status named, zeros included)."""
    counts = dict(Dossier.objects.values_list("status").annotate(n=Count("id")).order_by())
    return {status.value: counts.get(status.value, 0) for status in Status}


def received_per_point(since: datetime, until: datetime) -> dict[int, int]:
    """Return how many dossiers each service point received in [since, until) (workload)."""
    rows = (
        Dossier.objects.filter(received_at__gte=since, received_at__lt=until)
        .values_list("receiving_point_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


def most_filed_codes(*, limit: int = 5, days: int = 90) -> list[str]:
    """Return the codes of the procedures most filed in the last `days` days, most first."""
    since = timezone.now() - timedelta(days=days)
    rows = (
        Dossier.objects.filter(received_at__gte=since)
        .values_list("procedure_version__procedure__code")
        .annotate(n=Count("id"))
        .order_by("-n", "procedure_version__procedure__code")
    )
    return [code for code, _n in rows[:limit]]


def parts_for(user: User) -> QuerySet[DossierPart]:
    """Return the parts of joint dossiers at the user's agencies, other than their own lead's
    (a participating agency's queue: handed over, being resolved, done)."""
    agencies = access_scope(user)._agencies()
    return (
        DossierPart.objects.filter(agency__in=agencies)
        .exclude(role="lead")
        .exclude(state__in=[DossierPart.State.WAITING, DossierPart.State.READY])
        .select_related("dossier__procedure_version", "dossier__group", "agency")
        .order_by("finished_at", "due_at", "pk")
    )
