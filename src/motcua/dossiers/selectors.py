"""Reads of dossiers: lists, details, papers, tracking, counts (who may see what: `access`)."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from motcua.catalog.models import DocumentKind as RequirementKind
from motcua.core.errors import Forbidden, NotFound
from motcua.documents.models import IssuedDocument
from motcua.dossiers import deadlines

# The access rule lives in `access`; the reads expose it as selectors.<name> too.
from motcua.dossiers.access import NO_ACCESS as NO_ACCESS
from motcua.dossiers.access import NOBODY as NOBODY
from motcua.dossiers.access import AccessScope as AccessScope
from motcua.dossiers.access import PointRoles as PointRoles
from motcua.dossiers.access import Viewer as Viewer
from motcua.dossiers.access import access_scope as access_scope
from motcua.dossiers.access import viewer as viewer
from motcua.dossiers.models import Dossier, DossierDocument, DossierPart, Event, Transfer
from motcua.dossiers.workflow import Status

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
