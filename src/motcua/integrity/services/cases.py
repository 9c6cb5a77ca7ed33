"""Inspection cases on a unit: opened by an inspector with its grounds, findings recorded,
follow-up dates set and checked off, then closed (DOMAIN G3)."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import Conflict, DomainError, Forbidden, NotFound
from motcua.geography.models import Agency
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.integrity.models import CaseFollowUp, CaseStatus, InspectionCase


def _inspector(actor: AbstractBaseUser) -> None:
    if Role.INSPECTOR not in official_scope(actor).city_roles:
        raise Forbidden()


def _open_case(case_id: int) -> InspectionCase:
    case = InspectionCase.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise NotFound()
    if case.status != CaseStatus.OPEN:
        raise Conflict(_("This inspection case is closed."))
    return case


@transaction.atomic(durable=True)
def open_case(
    agency_code: str, *, actor: AbstractBaseUser, title: str, grounds: str = ""
) -> InspectionCase:
    """Open an inspection case on a unit."""
    _inspector(actor)
    agency = Agency.objects.filter(code=agency_code).first()
    if agency is None:
        raise DomainError(fields={"agency": [_("No agency has this code.")]})
    if not title.strip():
        raise DomainError(fields={"title": [_("Give the case a subject.")]})
    return InspectionCase.objects.create(
        agency=agency,
        title=title.strip()[:200],
        grounds=grounds.strip(),
        opened_by=actor,
        opened_at=clock.now(),
    )


@transaction.atomic(durable=True)
def record_findings(case_id: int, *, actor: AbstractBaseUser, findings: str) -> InspectionCase:
    """Write down what the inspection found so far (replaces the earlier text)."""
    _inspector(actor)
    case = _open_case(case_id)
    case.findings = findings.strip()
    case.save(update_fields=["findings"])
    return case


@transaction.atomic(durable=True)
def add_follow_up(
    case_id: int, *, actor: AbstractBaseUser, due_on: date, action: str
) -> CaseFollowUp:
    """Set a date by which the unit's correction is checked."""
    _inspector(actor)
    case = _open_case(case_id)
    if not action.strip():
        raise DomainError(fields={"action": [_("Say what to check.")]})
    return CaseFollowUp.objects.create(case=case, due_on=due_on, action=action.strip()[:300])


@transaction.atomic(durable=True)
def complete_follow_up(follow_up_id: int, *, actor: AbstractBaseUser) -> CaseFollowUp:
    """Check a follow-up off."""
    _inspector(actor)
    follow_up = CaseFollowUp.objects.select_for_update().filter(pk=follow_up_id).first()
    if follow_up is None:
        raise NotFound()
    if follow_up.done_at is None:
        follow_up.done_at = clock.now()
        follow_up.save(update_fields=["done_at"])
    return follow_up


@transaction.atomic(durable=True)
def close_case(case_id: int, *, actor: AbstractBaseUser) -> InspectionCase:
    """Close the case with its findings."""
    _inspector(actor)
    case = _open_case(case_id)
    if not case.findings:
        raise DomainError(fields={"findings": [_("Record the findings before closing.")]})
    case.status, case.closed_at = CaseStatus.CLOSED, clock.now()
    case.save(update_fields=["status", "closed_at"])
    return case
