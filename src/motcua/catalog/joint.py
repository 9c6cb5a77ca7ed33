"""Joint procedures (liên thông) shipped with the package: the two groups of Decree 63/2024/ND-CP
and the participants of the packaged joint procedure versions (`data/joint_groups.json`).

`load_joint_groups` is idempotent: a group is updated in place and its participants replaced
while no dossier was filed under it; after that the administrator edits them in the admin.
"""

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from django.db import transaction

from motcua.catalog.models import (
    JointGroup,
    Participant,
    Procedure,
    ProcedureVersion,
    VersionStatus,
)


def joint_data() -> dict[str, Any]:
    """Return the packaged joint-procedure configuration."""
    text = resources.files(__package__).joinpath("data/joint_groups.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(frozen=True)
class JointSummary:
    groups: int
    versions: int


def _participant(raw: dict[str, Any], position: int, **owner: Any) -> Participant:
    code = raw.get("procedure") or ""
    return Participant(
        **owner,
        procedure=Procedure.objects.filter(code=code).first() if code else None,
        position=position,
        name=raw["name"],
        name_en=raw.get("name_en", ""),
        agency_role=raw["agency_role"],
        role=raw["role"],
        stage=raw.get("stage", 1),
        share_percent=raw["share_percent"],
        system=raw.get("system", ""),
        steps=raw.get("steps", []),
        documents=raw.get("documents", []),
    )


@transaction.atomic(durable=True)
def load_joint_groups() -> JointSummary:
    """Create or update the packaged groups and joint versions' participants."""
    data = joint_data()
    groups = versions = 0
    for raw in data["groups"]:
        limit = raw.get("time_limit") or {}
        group, _created = JointGroup.objects.update_or_create(
            code=raw["code"],
            defaults={
                "name": raw["name"],
                "name_en": raw.get("name_en", ""),
                "legal_basis": raw.get("legal_basis", []),
                "time_limit_value": limit.get("value"),
                "time_limit_unit": limit.get("unit") or "",
                "time_limit_state": limit.get("state") or "",
                "source_url": raw.get("source_url", ""),
            },
        )
        if group.dossiers.exists():
            continue
        group.participants.all().delete()
        Participant.objects.bulk_create(
            _participant(p, i, group=group) for i, p in enumerate(raw["participants"])
        )
        groups += 1
    for raw in data.get("versions", []):
        version = ProcedureVersion.objects.filter(
            procedure__code=raw["procedure"], status=VersionStatus.PUBLISHED
        ).first()
        if version is None or version.participants.exists():
            continue
        Participant.objects.bulk_create(
            _participant(p, i, version=version) for i, p in enumerate(raw["participants"])
        )
        versions += 1
    return JointSummary(groups, versions)
