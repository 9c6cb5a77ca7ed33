"""Joint dossiers: one filing, several agencies (Decree 118/2025 Art 20; Decree 63/2024).

The lead agency receives the whole dossier and runs its own process (accept … approve, sign,
return). Each participating agency has a part: the lead hands it over with a routing slip (the
part's task and its share of the time limit), the agency acknowledges it (its clock starts), acts
on its part's documents only and finishes it with a signed result. Parts of one stage run in
parallel; a later stage is ready when the earlier ones are done (the lead's part is done at its
approval). The result set the applicant receives is the lead's result and every part's result;
the lead signs and returns it only when every part is done.

A part whose agency works on another system (civil status, residence, social insurance) goes out
through the outbox to that system's connector (`dossiers.participants`), which acknowledges it;
its result comes back through the connector as well.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.catalog import selectors as catalog
from motcua.catalog.models import (
    JointGroup,
    Participant,
    ParticipantRole,
    ProcedureVersion,
    RequiredDocument,
)
from motcua.core.errors import DomainError, RuleViolation
from motcua.documents import services as issuing
from motcua.dossiers import deadlines, paperwork, selectors
from motcua.dossiers.models import Dossier, DossierPart
from motcua.dossiers.services.errors import InvalidDossier, NotYourRole

__all__ = ["InvalidDossier"]
from motcua.dossiers.workflow import PARTICIPANT
from motcua.geography.models import AdministrativeUnit, Agency
from motcua.integrations import routes
from motcua.integrations.services import enqueue


class PartsPending(RuleViolation):
    code = "parts_pending"
    message = gettext_lazy(
        "Every participating agency must finish its part before the result set is signed: "
        "%(parts)s."
    )


class PartNotReady(RuleViolation):
    code = "part_not_ready"
    message = gettext_lazy("This part cannot take this action now (it is %(state)s).")


@dataclass(frozen=True)
class PlannedPart:
    participant: Participant
    agency: Agency
    version: ProcedureVersion | None
    requirements: list[int]


def group_of(data: dict[str, Any]) -> JointGroup | None:
    """Return the group a filing names, and point its `procedure` at the lead's procedure."""
    code = data.get("group") or ""
    if not code:
        return None
    try:
        group = catalog.get_group(code)
    except DomainError as exc:
        raise InvalidDossier(fields={"group": [_("No joint group has this code.")]}) from exc
    lead = next(p for p in group.participants.all() if p.role == ParticipantRole.LEAD)
    if data.get("procedure") and data["procedure"] != lead.procedure.code:
        raise InvalidDossier(fields={"procedure": [_("The group's lead procedure is another.")]})
    data["procedure"] = lead.procedure.code
    return group


def _agency(role: str, unit: AdministrativeUnit) -> Agency | None:
    """The agency of that role in the competent unit, else the province's (a vertical agency)."""
    found = Agency.objects.filter(role=role, unit=unit).first()
    if found is None and unit.parent_id:
        found = Agency.objects.filter(role=role, unit_id=unit.parent_id).first()
    return found


def plan_parts(
    version: ProcedureVersion, group: JointGroup | None, unit: AdministrativeUnit
) -> list[PlannedPart]:
    """Return the parts a dossier of this version (or group) will have; [] for a single agency."""
    participants = list(group.participants.all() if group else version.participants.all())
    members = catalog.member_versions(group) if group else {}
    documents = sorted(version.documents.all(), key=lambda r: (r.position, r.pk))
    planned = []
    for p in participants:
        agency = _agency(p.agency_role, unit)
        if agency is None:
            raise InvalidDossier(
                fields={
                    "competent_unit": [_("No agency takes part %(part)s here.") % {"part": p.name}]
                }
            )
        member = members.get(p.pk) if group else None
        if group:
            requirements = [r.pk for r in member.documents.all()] if member else []
        else:
            requirements = [documents[i].pk for i in p.documents if i < len(documents)]
        planned.append(PlannedPart(p, agency, member, requirements))
    return planned


def part_versions(planned: list[PlannedPart]) -> list[ProcedureVersion]:
    """The member versions other than the lead's (whose documents intake checks apart)."""
    return [
        p.version
        for p in planned
        if p.version is not None and p.participant.role != ParticipantRole.LEAD
    ]


def limit_of(dossier: Dossier) -> tuple[int | None, str]:
    """The time limit the dossier runs against: its group's, else its version's."""
    holder = deadlines.limit_holder(dossier)
    return holder.time_limit_value, holder.time_limit_unit


def create_parts(dossier: Dossier, planned: list[PlannedPart], now: datetime) -> list[DossierPart]:
    """Make the dossier's parts at its receipt: the lead's covers the whole and runs at once.

    Returns them in their order (stage, position), as `dossier.parts.all()` reads them."""
    parts = []
    for index, p in enumerate(planned):
        lead = p.participant.role == ParticipantRole.LEAD
        part = DossierPart.objects.create(
            dossier=dossier,
            position=index,
            name=p.participant.name,
            role=p.participant.role,
            stage=p.participant.stage,
            share_percent=p.participant.share_percent,
            system=p.participant.system,
            agency=p.agency,
            procedure_version=p.version,
            requirements=p.requirements,
            state=DossierPart.State.ACTIVE if lead else DossierPart.State.WAITING,
            acknowledged_at=now if lead else None,
            due_at=deadlines.part_due_at(dossier, now, p.participant.share_percent)
            if lead
            else None,
        )
        parts.append(part)
    return sorted(parts, key=lambda part: (part.stage, part.position))


# --- the parts' life -------------------------------------------------------------------------


def open_next_stage(dossier: Dossier) -> list[DossierPart]:
    """Make the parts of the next stage ready once every part of the earlier stages is done."""
    parts = list(dossier.parts.all().order_by("stage", "position"))
    waiting = [p for p in parts if p.state == DossierPart.State.WAITING]
    if not waiting:
        return []
    stage = min(p.stage for p in waiting)
    if any(p.state != DossierPart.State.DONE for p in parts if p.stage < stage):
        return []
    ready = [p for p in waiting if p.stage == stage]
    for part in ready:
        part.state = DossierPart.State.READY
        part.save(update_fields=["state"])
    return ready


def finish_lead_part(dossier: Dossier, now: datetime) -> None:
    """The lead's part is done at its approval; the next stage's parts become ready."""
    lead = dossier.parts.filter(role=ParticipantRole.LEAD).exclude(state=DossierPart.State.DONE)
    lead.update(state=DossierPart.State.DONE, finished_at=now)
    open_next_stage(dossier)


def ensure_parts_done(dossier: Dossier) -> None:
    """Refuse to sign the result set while a part is still out (422)."""
    pending = [p.name for p in dossier.parts.all() if p.state != DossierPart.State.DONE]
    if pending:
        raise PartsPending(params={"parts": "; ".join(pending)})


def part_of(dossier: Dossier, position: int) -> DossierPart:
    part = dossier.parts.select_related("agency").filter(position=position).first()
    if part is None:
        raise InvalidDossier(fields={"part": [_("The dossier has no such part.")]})
    return part


def ensure_own_part(actor: AbstractBaseUser | None, role: str, part: DossierPart) -> None:
    """A participating agency's official acts on their agency's part only (403)."""
    if role == PARTICIPANT and (
        actor is None
        or part.agency_id not in selectors.access_scope(actor).part_agencies(part.dossier)
    ):
        raise NotYourRole()


def hand_over_part(part: DossierPart, now: datetime) -> dict[str, Any]:
    """Send a ready part to its agency with the routing slip; a system's part via the outbox."""
    if part.state != DossierPart.State.READY:
        raise PartNotReady(params={"state": part.get_state_display()})
    value, unit = limit_of(part.dossier)
    part.state, part.handed_over_at = DossierPart.State.HANDED_OVER, now
    part.save(update_fields=["state", "handed_over_at"])
    slip = {
        "dossier": part.dossier.code,
        "part": part.position,
        "task": part.name,
        "agency": part.agency.code,
        "share_percent": part.share_percent,
        "limit": {"value": value, "unit": unit},
        "system": part.system,
        "procedure": part.procedure_version.procedure.code if part.procedure_version else "",
        "requirements": part.requirements,
    }
    if part.system:
        enqueue(routes.DOSSIER_PART, key=part.dossier.code, payload=slip)
    return {"part": part.position, "to_agency": part.agency.code, "slip": slip}


def acknowledge_part(part: DossierPart, now: datetime, *, reference: str = "") -> dict[str, Any]:
    """The participating agency takes the part: its clock starts now (its share of the limit)."""
    if part.state != DossierPart.State.HANDED_OVER:
        raise PartNotReady(params={"state": part.get_state_display()})
    part.state, part.acknowledged_at = DossierPart.State.ACTIVE, now
    part.due_at = deadlines.part_due_at(part.dossier, now, part.share_percent)
    part.external_ref = reference or part.external_ref
    part.save(update_fields=["state", "acknowledged_at", "due_at", "external_ref"])
    return {"part": part.position, "agency": part.agency.code, "due_at": part.due_at}


def finish_part(
    part: DossierPart, now: datetime, *, actor: AbstractBaseUser | None, facts: dict[str, Any]
) -> dict[str, Any]:
    """Finish a part with its signed result, which joins the dossier's result set."""
    if part.state != DossierPart.State.ACTIVE:
        raise PartNotReady(params={"state": part.get_state_display()})
    document = issuing.issue(paperwork.part_result(part, facts=facts), actor=actor)
    part.state, part.finished_at, part.result_document = DossierPart.State.DONE, now, document
    part.save(update_fields=["state", "finished_at", "result_document"])
    open_next_stage(part.dossier)
    late = deadlines.finished_late(part.due_at, now)
    return {"part": part.position, "agency": part.agency.code, "result": document.pk, "late": late}


def requirements_of(dossier: Dossier, participant: AbstractBaseUser | None) -> dict[int, Any]:
    """The requirements a supplement may name on a joint dossier: every part's, or for an
    official of a participating agency the requirements of its own part only (issue 24)."""
    parts = list(dossier.parts.all())
    if participant is not None:
        mine = selectors.access_scope(participant).part_agencies(dossier)
        parts = [p for p in parts if p.agency_id in mine]
    pks = {pk for p in parts for pk in p.requirements}
    if participant is None:
        pks |= {r.pk for r in dossier.procedure_version.documents.all()}
    return RequiredDocument.objects.in_bulk(list(pks))
