"""The actions on the parts of a joint dossier (shared/API.md "Several agencies"): hand-over by
the lead, acknowledgement and finishing by the participating agency or its system.

Each is one `_act` on the dossier (its row lock, version, event chain), so a part's history is in
the dossier's one log; the rules themselves are in `services.joint`.
"""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from motcua.dossiers import selectors
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import joint
from motcua.dossiers.services.processing import _act
from motcua.dossiers.workflow import PARTICIPANT, SYSTEM, Action


def _role_now(actor: AbstractBaseUser | None, dossier: Dossier) -> str:
    if actor is None:
        return SYSTEM
    roles = selectors.roles_on(actor, dossier)
    return SYSTEM if SYSTEM in roles else PARTICIPANT


def hand_over(
    dossier: Dossier,
    *,
    actor: AbstractBaseUser,
    expected_version: int | None = None,
    part: int,
    to_agency: str = "",
) -> Dossier:
    """Hand a ready part to its agency with the routing slip (task, share of the time limit)."""

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        found = joint.part_of(d, part)
        if to_agency and to_agency != found.agency.code:
            raise joint.InvalidDossier(
                fields={"to_agency": ["The part belongs to another agency."]}
            )
        return joint.hand_over_part(found, now)

    return _act(
        dossier, Action.HAND_OVER, actor=actor, expected_version=expected_version, change=change
    )


def acknowledge(
    dossier: Dossier,
    *,
    actor: AbstractBaseUser | None,
    expected_version: int | None = None,
    part: int,
    reference: str = "",
) -> Dossier:
    """The participating agency (or its system) takes the part; its clock starts now."""

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        found = joint.part_of(d, part)
        joint.ensure_own_part(actor, _role_now(actor, d), found)
        return joint.acknowledge_part(found, now, reference=reference)

    return _act(
        dossier, Action.ACKNOWLEDGE, actor=actor, expected_version=expected_version, change=change
    )


def finish_part(
    dossier: Dossier,
    *,
    actor: AbstractBaseUser | None,
    expected_version: int | None = None,
    part: int,
    number: str = "",
    note: str = "",
) -> Dossier:
    """Finish the part with its signed result (the result joins the dossier's result set)."""

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        found = joint.part_of(d, part)
        joint.ensure_own_part(actor, _role_now(actor, d), found)
        return joint.finish_part(found, now, actor=actor, facts={"number": number, "note": note})

    return _act(
        dossier, Action.FINISH_PART, actor=actor, expected_version=expected_version, change=change
    )
