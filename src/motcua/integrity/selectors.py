"""Reads of the integrity app: who may see flags, complaints and cases; the oversight board;
the counts the monitoring indicators take."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from motcua.core import clock
from motcua.core.errors import Forbidden, NotFound
from motcua.dossiers import deadlines
from motcua.dossiers import selectors as dossiers
from motcua.geography.models import Agency
from motcua.identity.models import Role
from motcua.identity.selectors import OfficialScope, official_scope
from motcua.integrity import keys
from motcua.integrity.models import (
    BrokerMark,
    Complaint,
    Flag,
    FlagKind,
    FlagStatus,
    InspectionCase,
    IntegrityEvent,
)

User = AbstractBaseUser | AnonymousUser
OVERSIGHT_ROLES = frozenset({Role.INSPECTOR, Role.COORDINATOR})


def is_oversight(user: User) -> bool:
    """Whether the user has the oversight role (an inspector or the centre's coordinator)."""
    return bool(official_scope(user).city_roles & OVERSIGHT_ROLES)


def _oversight(user: User) -> OfficialScope:
    scope = official_scope(user)
    if not scope.city_roles & OVERSIGHT_ROLES:
        raise Forbidden()
    return scope


def visible_flags(user: User, *, kind: str = "", status: str = "") -> QuerySet[Flag]:
    """Return the flags, the highest score first (oversight roles only)."""
    _oversight(user)
    flags = Flag.objects.select_related("agency", "reviewed_by")
    if kind:
        flags = flags.filter(kind=kind)
    if status:
        flags = flags.filter(status=status)
    return flags.order_by("-score", "-raised_at", "pk")


def get_flag(user: User, flag_id: int) -> Flag:
    flag = visible_flags(user).filter(pk=flag_id).first()
    if flag is None:
        raise NotFound()
    return flag


def flag_dossiers(flag: Flag) -> QuerySet[Any]:
    """Return the dossiers a flag's evidence names (the drill-down)."""
    codes = list(flag.evidence.get("dossiers") or [])
    return dossiers.by_codes(codes)


def flag_events(flag: Flag) -> QuerySet[IntegrityEvent]:
    ids = list(flag.evidence.get("events") or [])
    return IntegrityEvent.objects.filter(pk__in=ids).select_related("official", "agency")


def broker_marks(codes: list[str]) -> set[str]:
    """Return which of these dossiers a confirmed broker filed (for the receiving officer)."""
    return set(
        BrokerMark.objects.filter(dossier_code__in=codes).values_list("dossier_code", flat=True)
    )


# --- complaints ----------------------------------------------------------------------------


def _approver_agencies(scope: OfficialScope) -> set[int]:
    return {agency for agency, roles in scope.roles_at_agency.items() if Role.APPROVER in roles}


def complaint_handler(user: User) -> bool:
    """Whether the user answers complaints: an agency head, the inspection team, the centre."""
    scope = official_scope(user)
    return bool(scope.city_roles & OVERSIGHT_ROLES or _approver_agencies(scope))


def visible_complaints(user: User) -> QuerySet[Complaint]:
    """Return the complaints routed to the user: the agency head sees their agency's, the
    inspection team the extra-document and conduct ones, the centre every one."""
    scope = official_scope(user)
    complaints = Complaint.objects.select_related("agency", "answered_by")
    if Role.COORDINATOR in scope.city_roles:
        return complaints
    routed = Q(agency_id__in=_approver_agencies(scope))
    if Role.INSPECTOR in scope.city_roles:
        routed |= Q(to_inspection=True)
    if not complaint_handler(user):
        raise Forbidden()
    return complaints.filter(routed)


def get_complaint(user: User, code: str) -> Complaint:
    complaint = visible_complaints(user).filter(code=code).first()
    if complaint is None:
        raise NotFound()
    return complaint


def may_answer(user: User, complaint: Complaint) -> bool:
    return (
        visible_complaints(user).filter(pk=complaint.pk).exists()
        if complaint_handler(user)
        else False
    )


def _contact(value: str) -> str:
    return keys.email(value) if "@" in value else keys.phone(value)


def complaint_for_citizen(code: str, contact: str) -> Complaint:
    """Return the complaint if the contact given matches the one it was filed with.

    Any mismatch is the same NotFound: a stranger learns nothing, not even that the code exists.
    """
    complaint = Complaint.objects.filter(code=code.strip().upper()).first()
    if complaint is None or not contact or _contact(complaint.contact) != _contact(contact):
        raise NotFound()
    return complaint


def own_complaints(user: User) -> QuerySet[Complaint]:
    if not user.is_authenticated:
        return Complaint.objects.none()
    return Complaint.objects.filter(filed_by=user)


# --- oversight board -------------------------------------------------------------------------


@dataclass
class UnitRow:
    agency: Agency
    complaints: int = 0
    extra_document_flags: int = 0
    extra_document_events: int = 0
    broker_flags: int = 0
    dossiers: int = 0
    overdue: int = 0
    open_cases: int = 0
    rank_score: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def overdue_share(self) -> float:
        return self.overdue / self.dossiers if self.dossiers else 0.0


def _by_agency(rows: QuerySet[Any], field_name: str = "agency_id") -> dict[int, int]:
    return {
        r[field_name]: r["n"] for r in rows.values(field_name).annotate(n=Count("pk")).order_by()
    }


def board(user: User, start: datetime, end: datetime) -> list[UnitRow]:
    """Rank the units by complaints, extra-document flags, overdue share and broker flags.

    Each count is scaled by the largest among the units, then summed with equal weight.
    """
    _oversight(user)
    received = dossiers.received_between(start, end)
    totals = {
        r["handling_agency_id"]: (r["n"], r["late"])
        for r in received.values("handling_agency_id").annotate(
            n=Count("pk"), late=Count("pk", filter=deadlines.overdue_q(clock.now()))
        )
    }
    flags = Flag.objects.filter(raised_at__gte=start, raised_at__lt=end)
    counts = {
        "complaints": _by_agency(
            Complaint.objects.filter(received_at__gte=start, received_at__lt=end)
        ),
        "extra_document_flags": _by_agency(flags.filter(kind=FlagKind.EXTRA_DOCUMENTS)),
        "broker_flags": _by_agency(flags.filter(kind=FlagKind.BROKER)),
        "extra_document_events": _by_agency(
            IntegrityEvent.objects.filter(created_at__gte=start, created_at__lt=end)
        ),
        "open_cases": _by_agency(InspectionCase.objects.filter(status="open")),
    }
    ids = set(totals) | {a for c in counts.values() for a in c}
    rows = []
    for agency in Agency.objects.filter(pk__in=ids).order_by("code"):
        n, late = totals.get(agency.pk, (0, 0))
        row = UnitRow(agency, dossiers=n, overdue=late)
        for name, per in counts.items():
            setattr(row, name, per.get(agency.pk, 0))
        rows.append(row)
    measures = ("complaints", "extra_document_flags", "broker_flags")
    peaks = {m: max((getattr(r, m) for r in rows), default=0) or 1 for m in measures}
    peak_late = max((r.overdue_share for r in rows), default=0) or 1
    for row in rows:
        parts = [getattr(row, m) / peaks[m] for m in measures] + [row.overdue_share / peak_late]
        row.rank_score = round(100 * sum(parts) / len(parts), 1)
    return sorted(rows, key=lambda r: (-r.rank_score, r.agency.code))


@dataclass
class UnitEvidence:
    agency: Agency
    flags: list[Flag]
    complaints: list[Complaint]
    events: list[IntegrityEvent]
    overdue: list[Any]
    cases: list[InspectionCase]


def unit_evidence(user: User, agency_code: str, start: datetime, end: datetime) -> UnitEvidence:
    """Return the evidence behind a unit's row of the board."""
    _oversight(user)
    agency = Agency.objects.filter(code=agency_code).first()
    if agency is None:
        raise NotFound()
    late = dossiers.received_between(start, end).filter(
        deadlines.overdue_q(clock.now()), handling_agency=agency
    )
    return UnitEvidence(
        agency=agency,
        flags=list(
            Flag.objects.filter(agency=agency, raised_at__gte=start, raised_at__lt=end).order_by(
                "-score"
            )[:100]
        ),
        complaints=list(
            Complaint.objects.filter(agency=agency, received_at__gte=start, received_at__lt=end)[
                :100
            ]
        ),
        events=list(
            IntegrityEvent.objects.filter(
                agency=agency, created_at__gte=start, created_at__lt=end
            ).select_related("official")[:100]
        ),
        overdue=list(late.select_related("procedure_version").order_by("due_at")[:100]),
        cases=list(InspectionCase.objects.filter(agency=agency)),
    )


def visible_cases(user: User) -> QuerySet[InspectionCase]:
    _oversight(user)
    return InspectionCase.objects.select_related("agency", "opened_by").prefetch_related(
        "follow_ups"
    )


def get_case(user: User, case_id: int) -> InspectionCase:
    case = visible_cases(user).filter(pk=case_id).first()
    if case is None:
        raise NotFound()
    return case


# --- for the monitoring indicators -----------------------------------------------------------


def counts_by_agency(start: datetime, end: datetime) -> dict[str, dict[str, int]]:
    """Return, per agency code, the complaints received and flags raised in [start, end)."""
    result: dict[str, dict[str, int]] = {}

    def add(rows: QuerySet[Any], name: str) -> None:
        for row in (
            rows.exclude(agency__isnull=True)
            .values("agency__code")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts = result.setdefault(
                row["agency__code"], {"complaints": 0, "broker_flags": 0, "extra_document_flags": 0}
            )
            counts[name] = row["n"]

    add(Complaint.objects.filter(received_at__gte=start, received_at__lt=end), "complaints")
    flags = Flag.objects.filter(raised_at__gte=start, raised_at__lt=end)
    add(flags.filter(kind=FlagKind.BROKER), "broker_flags")
    add(flags.filter(kind=FlagKind.EXTRA_DOCUMENTS), "extra_document_flags")
    return result


def complaint_figures(
    start: datetime,
    end: datetime,
    *,
    today: date,
    agency_ids: frozenset[int] | None = None,
    dossier_codes: QuerySet[Any] | None = None,
) -> dict[int, dict[str, int]]:
    """Return, per agency id, Decision 766's complaint counts (items 5.2 and 5.3) over the
    complaints received in [start, end) about an agency:

    - complaints_on_time: answered by the day it was due, or still open and not yet due;
    - complaints_unsatisfactory: answered late or open past due, or the filer said they are
      not satisfied with the answer, or a repeat (the same contact, agency, dossier or none,
      and category as an earlier complaint that was answered before this one came).
    """
    rows = Complaint.objects.filter(received_at__gte=start, received_at__lt=end).exclude(
        agency__isnull=True
    )
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=agency_ids)
    if dossier_codes is not None:
        rows = rows.filter(dossier_code__in=dossier_codes)
    earlier = Complaint.objects.filter(
        contact=OuterRef("contact"),
        agency=OuterRef("agency"),
        dossier_code=OuterRef("dossier_code"),
        category=OuterRef("category"),
        answered_at__lt=OuterRef("received_at"),
    )
    found: dict[int, dict[str, int]] = {}
    for row in rows.annotate(repeat=Exists(earlier)).values(
        "agency_id", "due_on", "answered_at", "satisfied", "repeat"
    ):
        answered = row["answered_at"]
        on_time = (
            timezone.localdate(answered) <= row["due_on"] if answered else today <= row["due_on"]
        )
        counts = found.setdefault(row["agency_id"], dict.fromkeys(COMPLAINT_COUNTS, 0))
        counts["complaints"] += 1
        counts["complaints_on_time"] += on_time
        counts["complaints_unsatisfactory"] += (
            not on_time or row["satisfied"] is False or row["repeat"]
        )
    return found


COMPLAINT_COUNTS = ("complaints", "complaints_on_time", "complaints_unsatisfactory")


def open_flag_count() -> int:
    return Flag.objects.filter(status__in=[FlagStatus.OPEN, FlagStatus.ESCALATED]).count()
