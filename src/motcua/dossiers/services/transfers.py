"""Send a misdirected dossier on to the competent agency (Decree 118/2025 Art 17(2)(a), DOMAIN N4).

The receiving or handling official names the competent agency and the reason. The dossier keeps
its code (Art 28(1): one code between agencies and with the applicant); the competent agency
receives it anew: its status is `received` there, its process steps start at its acceptance and
its clock starts at this moment (`deadlines.clock_start`). The applicant gets a written notice
and an e-mail/SMS; the agency that passed it on keeps reading it (its log of transfers).
"""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from motcua.documents import services as issuing
from motcua.dossiers import deadlines, paperwork
from motcua.dossiers.models import Dossier, Transfer
from motcua.dossiers.services.errors import InvalidDossier
from motcua.dossiers.services.processing import _act
from motcua.dossiers.workflow import Action
from motcua.geography.models import Agency


def competent_agencies(dossier: Dossier) -> list[Agency]:
    """Return the agencies a dossier may be transferred to: those that resolve its procedure
    (the version's competent role), other than the one that has it."""
    return list(
        Agency.objects.filter(role=dossier.procedure_version.agency_role)
        .exclude(pk=dossier.handling_agency_id)
        .select_related("unit")
        .order_by("unit__name", "code")
    )


def _target(dossier: Dossier, code: str) -> Agency:
    agency = Agency.objects.select_related("unit").filter(code=code).first()
    if agency is None or agency.pk == dossier.handling_agency_id:
        raise InvalidDossier(fields={"to_agency": [_("Name another agency.")]})
    if agency.role != dossier.procedure_version.agency_role:
        raise InvalidDossier(
            fields={"to_agency": [_("This agency does not resolve the procedure.")]}
        )
    return agency


def transfer(
    dossier: Dossier,
    *,
    actor: AbstractBaseUser,
    expected_version: int | None = None,
    to_agency: str,
    reason: str,
) -> Dossier:
    """Send the dossier on to the competent agency with the reason; its clock restarts there."""
    target = _target(dossier, to_agency)
    if not reason.strip():
        raise InvalidDossier(fields={"reason": [_("Give the reason.")]})

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        source = d.handling_agency
        old_due = d.due_at
        Transfer.objects.create(
            dossier=d, from_agency=source, to_agency=target, reason=reason, actor=actor, at=now
        )
        reset_steps = d.tasks.count()
        d.tasks.all().delete()  # the competent agency runs its own process from its acceptance
        d.handling_agency, d.competent_unit = target, target.unit
        d.clock_started_at, d.due_at, d.legal_due_at = deadlines.restart_on_transfer(
            deadlines.limit_holder(d), now
        )
        d.overdue_flagged_at = d.intake_alerted_at = d.intake_late_at = None
        notice = issuing.issue(
            paperwork.transfer_notice(d, from_agency=source, reason=reason, old_due_at=old_due),
            actor=actor,
        )
        return {
            "from_agency": source.code,
            "to_agency": target.code,
            "competent_unit": target.unit.code,
            "reason": reason,
            "clock_started_at": now,
            "old_due_at": old_due,
            "due_at": d.due_at,
            "reset_steps": reset_steps,
            "notice": notice.pk,
        }

    return _act(
        dossier, Action.TRANSFER, actor=actor, expected_version=expected_version, change=change
    )
