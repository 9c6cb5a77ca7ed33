"""Joint groups on the portal (Decree 63/2024/ND-CP, issue 24): what a resident reads of a group
before filing it once (its parts, agencies, documents, time and fees, each with its source), and
the documents the group's filing asks for, part by part.

The filing itself is the portal's procedure filing (`portal.filing`, `views.filing`) under the
lead's procedure version, with the group's code in the intake request: the same intake service.
"""

from dataclasses import dataclass, field
from typing import Any

from motcua.catalog import selectors as catalog
from motcua.catalog.models import (
    JointGroup,
    Participant,
    ParticipantRole,
    ProcedureVersion,
    RequiredDocument,
    TimeUnit,
)
from motcua.core.errors import NotFound
from motcua.geography.models import Agency, AgencyKind
from motcua.portal.filing import eform_declaration, is_declaration
from motcua.web.wording import in_language


@dataclass(frozen=True)
class Row:
    """One document of a filing: its requirement, the part it belongs to ("" for a procedure
    filed alone), and whether the online e-form stands for it (a declaration)."""

    requirement: RequiredDocument
    part: str = ""
    eform: bool = False
    agency: str = ""


@dataclass
class Part:
    """One participating agency's part of a group, as the group page shows it."""

    participant: Participant
    name: str
    agency: str
    version: ProcedureVersion | None
    documents: list[Row] = field(default_factory=list)

    @property
    def lead(self) -> bool:
        return self.participant.role == ParticipantRole.LEAD


def group_name(group: JointGroup) -> str:
    return in_language(group.name, group.name_en)


def part_name(participant: Participant) -> str:
    return in_language(participant.name, participant.name_en)


def agency_label(role: str) -> str:
    """Who resolves a part, in residents' words: the ward's committee or police, else the
    agency of that role (a vertical agency such as social insurance)."""
    if role in AgencyKind.values:
        return str(AgencyKind(role).label)
    found = Agency.objects.filter(role=role).order_by("pk").first()
    return found.name if found else role


def lead_version(group: JointGroup) -> ProcedureVersion:
    """The lead's procedure version: the group is filed under it (the intake's rule)."""
    lead = next(p for p in group.participants.all() if p.role == ParticipantRole.LEAD)
    if lead.procedure is None:  # a group's lead always resolves a procedure (the intake's)
        raise NotFound()
    return catalog.get_published_version(lead.procedure.code)


def parts_of(group: JointGroup) -> list[Part]:
    """Return the group's parts in order, each with its member procedure's documents.

    The lead's documents are asked as for the procedure alone (its declaration replaced by the
    online form when it has one); a participating part's declaration is the group's one form,
    so none of its own is asked (the intake checks a participating part's documents as given)."""
    members = catalog.member_versions(group)
    eform = eform_declaration(lead_version(group))
    out = []
    for p in group.participants.all():
        version = members.get(p.pk)
        part = Part(p, part_name(p), agency_label(p.agency_role), version)
        for r in version.documents.all() if version else []:
            if p.role == ParticipantRole.LEAD:
                replaced = eform is not None and r.pk == eform.pk
            else:
                replaced = is_declaration(r)
            part.documents.append(Row(r, part.name, replaced, part.agency))
        out.append(part)
    return out


def requirement_rows(version: ProcedureVersion, group: JointGroup | None) -> list[Row]:
    """Every document of a filing: the procedure's, or the group's part by part."""
    if group is not None:
        return [row for part in parts_of(group) for row in part.documents]
    eform = eform_declaration(version)
    return [Row(r, "", eform is not None and r.pk == eform.pk) for r in version.documents.all()]


def time_limit(group: JointGroup) -> dict[str, Any]:
    """The group's time limit as the page shows it, with whether it was verified."""
    unit = dict(TimeUnit.choices).get(group.time_limit_unit, "")
    return {
        "value": group.time_limit_value,
        "unit": str(unit),
        "unverified": group.time_limit_state == "unverified" or not group.time_limit_value,
    }


def groups_with(code: str) -> list[JointGroup]:
    """The published groups one of whose parts is this procedure."""
    return [
        g
        for g in catalog.published_groups()
        if any(p.procedure is not None and p.procedure.code == code for p in g.participants.all())
    ]


def of_event(event: Any) -> list[tuple[JointGroup, str]]:
    """The published groups a life event offers to file at once, with their names."""
    found = {g.code: g for g in catalog.published_groups() if g.code in event.groups}
    return [(found[c], group_name(found[c])) for c in event.groups if c in found]
