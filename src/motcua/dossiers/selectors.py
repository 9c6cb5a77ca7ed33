"""Reads of dossiers: who may see what (STYLE §4), and who the actor is on a dossier."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from motcua.catalog.models import DocumentKind as RequirementKind
from motcua.core.errors import Forbidden, NotFound
from motcua.documents.models import IssuedDocument
from motcua.dossiers import deadlines
from motcua.dossiers.models import Dossier, DossierDocument, Event
from motcua.dossiers.workflow import APPLICANT, SYSTEM, Status
from motcua.geography.models import ServicePoint
from motcua.identity.idnumbers import mask_account_name, mask_id_number
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope

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
    )


def visible_dossiers(user: User) -> QuerySet[Dossier]:
    """Return the dossiers this user may see.

    Officials: those received at their service points or handled by their agency (or by the
    agency that owns their point); city-wide roles: all; applicants: their own; others: none.
    """
    dossiers = _with_relations(Dossier.objects.all())
    if not user.is_authenticated:
        return dossiers.none()
    scope = official_scope(user)
    if scope.sees_everything or getattr(user, "is_superuser", False):
        return dossiers
    if scope.is_official:
        point_ids = set(scope.roles_at_point)
        agency_ids = set(scope.roles_at_agency) | set(
            ServicePoint.objects.filter(pk__in=point_ids).values_list("agency_id", flat=True)
        )
        return dossiers.filter(
            Q(receiving_point__in=point_ids) | Q(handling_agency__in=agency_ids) | Q(owner=user)
        )
    return dossiers.filter(owner=user)


def dossier_detail(dossier: Dossier) -> Dossier:
    """Return the dossier with what its representation reads (the caller checked access)."""
    return _with_relations(Dossier.objects.filter(pk=dossier.pk)).get()


def filtered_dossiers(
    user: User, *, status: str = "", unit: str = "", overdue: bool | None = None, q: str = ""
) -> QuerySet[Dossier]:
    """Return the visible dossiers matching the list filters of shared/API.md."""
    dossiers = visible_dossiers(user)
    if status:
        dossiers = dossiers.filter(status=status)
    if unit:
        dossiers = dossiers.filter(competent_unit__code=unit)
    if overdue is not None:
        late = deadlines.overdue_q(timezone.now())
        dossiers = dossiers.filter(late) if overdue else dossiers.exclude(late)
    if q:
        dossiers = dossiers.filter(Q(code__icontains=q) | Q(applicant_name__icontains=q))
    return dossiers


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
    if not roles_on(user, dossier) and not getattr(user, "is_superuser", False):
        raise Forbidden()
    return dossier


def issued_documents(dossier: Dossier) -> QuerySet[IssuedDocument]:
    return IssuedDocument.objects.filter(reference=dossier.code).order_by("created_at", "id")


def roles_on(user: User, dossier: Dossier) -> set[str]:
    """Return the roles the user plays on this dossier (applicant, receiving officer, ...)."""
    if not user.is_authenticated:
        return set()
    roles: set[str] = set()
    if dossier.owner_id == user.pk:
        roles.add(APPLICANT)
    scope = official_scope(user)
    if Role.SYSTEM in scope.city_roles:
        roles.add(SYSTEM)
    roles |= scope.roles_at_agency.get(dossier.handling_agency_id, frozenset())
    delivery_point = (dossier.delivery or {}).get("point")
    for point in ServicePoint.objects.filter(pk__in=list(scope.roles_at_point)):
        if (
            point.pk == dossier.receiving_point_id
            or point.code == delivery_point
            or point.agency_id == dossier.handling_agency_id
        ):
            roles |= scope.roles_at_point[point.pk]
    return roles


@dataclass(frozen=True)
class Viewer:
    """Who reads a dossier: enough to decide what personal data to show, without queries."""

    user_id: int | None
    handling_agency_ids: frozenset[int]

    def handles(self, dossier: Dossier) -> bool:
        """Return whether the viewer is the applicant or an official of the handling agency."""
        return dossier.owner_id == self.user_id or (
            dossier.handling_agency_id in self.handling_agency_ids
        )

    def applicant_of(self, dossier: Dossier) -> dict[str, Any]:
        """Return the applicant as this viewer may see them: in full to those who handle the
        dossier, else the name and the ID number's last 4 digits."""
        if self.handles(dossier):
            return dossier.applicant
        number = mask_id_number(dossier.applicant_id_number)
        return {"id_number": number, "full_name": dossier.applicant_name}

    def actor_of(self, dossier: Dossier, event: Event) -> str:
        """Return who acted, as this viewer may see it: a citizen's account name carries their
        ID number, shown whole only to those who see the applicant's number whole."""
        return event.actor if self.handles(dossier) else mask_account_name(event.actor)


NOBODY = Viewer(None, frozenset())  # who sees only what anyone who may see the dossier sees


def viewer(user: User) -> Viewer:
    """Return the viewer of dossiers that `user` is (one query)."""
    if not user.is_authenticated:
        return NOBODY
    scope = official_scope(user)
    handling = {Role.HANDLING_OFFICER, Role.APPROVER}
    agencies = frozenset(a for a, roles in scope.roles_at_agency.items() if roles & handling)
    return Viewer(user.pk, agencies)


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
