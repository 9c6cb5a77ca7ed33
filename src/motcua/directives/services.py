"""Writes of directives: issue one to assignee agencies, report progress, urge the overdue."""

import logging
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import Forbidden
from motcua.directives import selectors
from motcua.directives.errors import InvalidDirective
from motcua.directives.models import (
    Assignment,
    AssignmentStatus,
    Directive,
    ProgressReport,
    Urge,
)
from motcua.geography.models import Agency
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.integrations.services import enqueue

logger = logging.getLogger(__name__)


def ensure_coordinator(user: AbstractBaseUser) -> None:
    if Role.COORDINATOR not in official_scope(user).city_roles:
        raise Forbidden()


@transaction.atomic(durable=True)
def issue_directive(
    *,
    actor: AbstractBaseUser,
    title: str,
    body: str,
    theme: str,
    issued_by: str,
    deadline: date,
    agencies: list[Agency],
) -> Directive:
    """Assign a task to each agency with one deadline (the centre's coordinators only)."""
    ensure_coordinator(actor)
    if not agencies:
        raise InvalidDirective(fields={"agencies": [_("Choose at least one assignee.")]})
    if Directive.objects.filter(title=title, deadline=deadline).exists():
        raise InvalidDirective(fields={"title": [_("This directive was already issued.")]})
    directive = Directive.objects.create(
        title=title,
        body=body,
        theme=theme,
        issued_by=issued_by,
        issuer=actor,
        deadline=deadline,
        created_at=clock.now(),
    )
    Assignment.objects.bulk_create(Assignment(directive=directive, agency=a) for a in agencies)
    logger.info("directive_issued", extra={"directive": directive.pk, "assignees": len(agencies)})
    return directive


@transaction.atomic(durable=True)
def report_progress(
    assignment: Assignment,
    *,
    actor: AbstractBaseUser,
    progress_percent: int,
    progress: str,
    difficulties: str,
    proposals: str,
) -> ProgressReport:
    """Record an assignee official's report; 100 % marks the assignment done."""
    if assignment.agency_id not in official_scope(actor).roles_at_agency:
        raise Forbidden()
    if not 0 <= progress_percent <= 100:
        raise InvalidDirective(fields={"progress_percent": [_("Between 0 and 100.")]})
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if locked.status == AssignmentStatus.DONE:
        raise InvalidDirective(_("This assignment is already done."))
    now = clock.now()
    report = ProgressReport.objects.create(
        assignment=locked,
        author=actor,
        reported_at=now,
        progress_percent=progress_percent,
        progress=progress,
        difficulties=difficulties,
        proposals=proposals,
    )
    locked.progress_percent, locked.last_report_at = progress_percent, now
    locked.status = (
        AssignmentStatus.DONE if progress_percent == 100 else AssignmentStatus.IN_PROGRESS
    )
    locked.done_at = now if progress_percent == 100 else None
    locked.save(update_fields=["progress_percent", "last_report_at", "status", "done_at"])
    logger.info("directive_progress_reported", extra={"assignment": locked.pk})
    return report


@dataclass(frozen=True)
class UrgeRun:
    urged: int
    skipped: int  # already urged today


@transaction.atomic(durable=True)
def _urge(assignment: Assignment, today: date) -> bool:
    emails = selectors.agency_emails(assignment.agency_id)
    try:
        with transaction.atomic():
            Urge.objects.create(
                assignment=assignment,
                urged_on=today,
                recipients=len(emails),
                created_at=clock.now(),
            )
    except IntegrityError:
        return False  # another worker urged it today
    if emails:
        enqueue(
            "directive.urge",
            key=f"assignment-{assignment.pk}",
            payload={
                "to": emails,
                "title": assignment.directive.title,
                "agency": assignment.agency.name,
                "deadline": assignment.directive.deadline.strftime("%d/%m/%Y"),
                "path": reverse("workspace:assignment_report", args=[assignment.pk]),
            },
        )
    return True


def urge_overdue(today: date | None = None) -> UrgeRun:
    """Remind each overdue assignment's agency by e-mail, at most once a day (the worker's job)."""
    today = today or timezone.localdate(clock.now())
    urged = skipped = 0
    for assignment in selectors.overdue_assignments(today).exclude(urges__urged_on=today):
        if _urge(assignment, today):
            urged += 1
        else:
            skipped += 1
    if urged:
        logger.info("directives_urged", extra={"urged": urged})
    return UrgeRun(urged, skipped)


def urge_directive(directive: Directive, *, actor: AbstractBaseUser) -> UrgeRun:
    """Remind, now, every assignee of the directive that has not finished (the coordinator's
    "urge" button); an assignee already urged today is not urged twice."""
    ensure_coordinator(actor)
    today = timezone.localdate(clock.now())
    urged = skipped = 0
    unfinished = (
        Assignment.objects.select_related("directive", "agency")
        .filter(directive=directive)
        .exclude(status=AssignmentStatus.DONE)
        .order_by("id")
    )
    for assignment in unfinished:
        if _urge(assignment, today):
            urged += 1
        else:
            skipped += 1
    logger.info("directive_urged", extra={"directive": directive.pk, "urged": urged})
    return UrgeRun(urged, skipped)
