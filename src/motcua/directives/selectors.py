"""Reads of directives: who sees which, assignments with the overdue first, the difficulties."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import BooleanField, Case, Count, ExpressionWrapper, Q, QuerySet, Value, When
from django.utils import timezone

from motcua.core import clock
from motcua.core.errors import NotFound
from motcua.directives.models import Assignment, AssignmentStatus, Directive, ProgressReport
from motcua.identity.models import Membership
from motcua.identity.selectors import official_scope


def _today() -> date:
    return timezone.localdate(clock.now())


def visible_assignments(user: AbstractBaseUser) -> QuerySet[Assignment]:
    """Return the assignments the user may see: all for the centre, their agencies' otherwise;
    the overdue first, then by deadline."""
    today = _today()
    rows = Assignment.objects.select_related("directive", "agency").annotate(
        overdue=ExpressionWrapper(
            Case(
                When(
                    Q(directive__deadline__lt=today) & ~Q(status=AssignmentStatus.DONE),
                    then=Value(True),
                ),
                default=Value(False),
            ),
            output_field=BooleanField(),
        ),
        reports_count=Count("reports"),
    )
    scope = official_scope(user)
    if not scope.sees_everything:
        rows = rows.filter(agency__in=list(scope.roles_at_agency))
    return rows.order_by("-overdue", "directive__deadline", "agency__code")


def get_assignment(user: AbstractBaseUser, pk: int) -> Assignment:
    found = visible_assignments(user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def visible_directives(user: AbstractBaseUser) -> QuerySet[Directive]:
    """Return the directives with counts of assignees, done and overdue ones."""
    today = _today()
    rows = Directive.objects.annotate(
        assignees=Count("assignments"),
        done=Count("assignments", filter=Q(assignments__status=AssignmentStatus.DONE)),
        overdue=Count(
            "assignments",
            filter=~Q(assignments__status=AssignmentStatus.DONE) & Q(deadline__lt=today),
        ),
    )
    scope = official_scope(user)
    if not scope.sees_everything:
        rows = rows.filter(assignments__agency__in=list(scope.roles_at_agency)).distinct()
    return rows.order_by("deadline", "id")


def get_directive(user: AbstractBaseUser, pk: int) -> Directive:
    found = visible_directives(user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def overdue_assignments(today: date) -> QuerySet[Assignment]:
    return (
        Assignment.objects.select_related("directive", "agency")
        .filter(directive__deadline__lt=today)
        .exclude(status=AssignmentStatus.DONE)
        .order_by("id")
    )


def agency_emails(agency_id: int) -> list[str]:
    """Return the e-mail addresses of the agency's officials (whom an urge goes to)."""
    emails = (
        Membership.objects.filter(agency_id=agency_id)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )
    return sorted(emails)


@dataclass(frozen=True)
class Difficulty:
    theme: str
    directive: str
    deadline: date
    agency: str
    agency_code: str
    reported_on: date
    progress_percent: int
    difficulties: str
    proposals: str


def difficulties() -> list[Difficulty]:
    """Return every reported difficulty or proposal, grouped by theme, then agency."""
    reports = (
        ProgressReport.objects.select_related("assignment__directive", "assignment__agency")
        .filter(~Q(difficulties="") | ~Q(proposals=""))
        .order_by(
            "assignment__directive__theme",
            "assignment__agency__code",
            "assignment__directive__deadline",
            "reported_at",
        )
    )
    return [
        Difficulty(
            theme=r.assignment.directive.theme,
            directive=r.assignment.directive.title,
            deadline=r.assignment.directive.deadline,
            agency=r.assignment.agency.name,
            agency_code=r.assignment.agency.code,
            reported_on=timezone.localdate(r.reported_at),
            progress_percent=r.progress_percent,
            difficulties=r.difficulties,
            proposals=r.proposals,
        )
        for r in reports
    ]
