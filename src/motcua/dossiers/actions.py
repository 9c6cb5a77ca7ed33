"""The one registry of the actions people take on a dossier (shared/API.md): for each, the
service that does it, the precondition (`preconditions`) under which it is offered, the API's
input serializer and the workspace form.

The API's action view, the workspace's dossier page and `work.allowed_actions` read only this
table. The workspace form is named by its dotted path, which the workspace resolves: the
dossiers app does not import the workspace, the entry layer above it.
The system's own actions (pay, close, flag-overdue, ...) are not here: nobody takes them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rest_framework import serializers

from motcua.dossiers import preconditions, services
from motcua.dossiers import serializers as inputs
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Action

Service = Callable[..., Dossier]
Precondition = Callable[[Dossier, datetime], bool]
FORMS = "motcua.workspace.forms"


@dataclass(frozen=True)
class ActionSpec:
    action: Action
    service: Service
    precondition: Precondition
    body: type[serializers.Serializer]  # the API's input
    form: str | None  # the workspace form's dotted path; None: not taken on the workspace page
    on_part: bool = False  # taken on one part of a joint dossier, offered by `work.part_actions`


def _spec(
    action: Action,
    service: Service,
    body: type[serializers.Serializer],
    form: str | None,
    precondition: Precondition = preconditions.always,
    *,
    on_part: bool = False,
) -> ActionSpec:
    return ActionSpec(action, service, precondition, body, form and f"{FORMS}.{form}", on_part)


# In the order the pages offer them.
REGISTRY: dict[str, ActionSpec] = {
    s.action.value: s
    for s in (
        _spec(Action.ACCEPT, services.accept, inputs.VersionIn, "VersionForm"),
        _spec(
            Action.REQUEST_SUPPLEMENT,
            services.request_supplement,
            inputs.RequestSupplementIn,
            "RequestSupplementForm",
            preconditions.can_request_supplement,
        ),
        _spec(Action.SUPPLEMENT, services.supplement, inputs.SupplementIn, "ScanForm"),
        _spec(Action.DIGITISE, services.digitise, inputs.DigitiseIn, "ScanForm"),
        _spec(
            Action.ASSESS_FEE,
            services.assess_fee,
            inputs.AssessFeeIn,
            "AssessFeeForm",
            preconditions.can_assess_fee,
        ),
        _spec(Action.ASSIGN, services.assign, inputs.AssignIn, "AssignForm"),
        _spec(
            Action.FORWARD,
            services.forward,
            inputs.ForwardIn,
            "ForwardForm",
            preconditions.can_forward,
        ),
        _spec(Action.APPROVE, services.approve, inputs.VersionIn, "VersionForm"),
        _spec(Action.REJECT, services.reject, inputs.ReasonIn, "ReasonForm"),
        _spec(Action.SIGN_RESULT, services.sign_result, inputs.SignResultIn, "SignResultForm"),
        _spec(Action.RETURN_RESULT, services.return_result, inputs.VersionIn, "VersionForm"),
        _spec(Action.WITHDRAW, services.withdraw, inputs.WithdrawIn, "OptionalReasonForm"),
        _spec(
            Action.APOLOGIZE,
            services.apologize,
            inputs.ApologizeIn,
            "ApologizeForm",
            preconditions.can_apologize,
        ),
        # the applicant's, on the portal's own page
        _spec(
            Action.EVALUATE, services.evaluate, inputs.EvaluateIn, None, preconditions.can_evaluate
        ),
        _spec(Action.TRANSFER, services.transfer, inputs.TransferIn, "TransferForm"),
        _spec(
            Action.HAND_OVER,
            services.hand_over,
            inputs.HandOverIn,
            "PartActionForm",
            on_part=True,
        ),
        _spec(
            Action.ACKNOWLEDGE,
            services.acknowledge,
            inputs.AcknowledgeIn,
            "PartActionForm",
            on_part=True,
        ),
        _spec(
            Action.FINISH_PART,
            services.finish_part,
            inputs.FinishPartIn,
            "PartActionForm",
            on_part=True,
        ),
    )
}

DOSSIER_ACTIONS = tuple(s for s in REGISTRY.values() if not s.on_part)
