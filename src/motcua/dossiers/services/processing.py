"""The dossier's actions after intake: one service per action of shared/API.md.

Each runs `_act`: lock the row, check the role (403), the transition (409) and the version (409),
apply the change, bump the version, append one event and, on a status change, an outbox row —
all in one transaction.
"""

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.documents import services as issuing
from motcua.dossiers import (
    deadlines,
    events,
    listeners,
    paperwork,
    preconditions,
    selectors,
    workflow,
)
from motcua.dossiers.models import Dossier, DossierDocument, MatchStatus, Pause, Task
from motcua.dossiers.services import joint
from motcua.dossiers.services.errors import (
    AlreadyDone,
    AssigneeNotInAgency,
    ExtraDocumentNotAllowed,
    InvalidDossier,
    NotYourRole,
    PaymentRequired,
    StaleVersion,
    SupplementRoundLimit,
)
from motcua.dossiers.services.filed_documents import check_documents
from motcua.dossiers.workflow import Action
from motcua.identity.models import Membership, Role
from motcua.integrations.services import enqueue

logger = logging.getLogger(__name__)
Actor = AbstractBaseUser | None  # None: the system's own jobs (sweep)
Change = Callable[[Dossier, datetime], dict[str, Any]]


def _role(actor: Actor, dossier: Dossier, allowed: frozenset[str]) -> str:
    """Return the role in which the actor may take this edge, or refuse (403)."""
    roles = {workflow.SYSTEM} if actor is None else selectors.roles_on(actor, dossier)
    for role in sorted(allowed):
        if role in roles:
            return role
    raise NotYourRole()


@transaction.atomic(durable=True)
def _act(
    dossier: Dossier, action: Action, *, actor: Actor, expected_version: int | None, change: Change
) -> Dossier:
    return _apply(dossier, action, actor=actor, expected_version=expected_version, change=change)


def _apply(
    dossier: Dossier, action: Action, *, actor: Actor, expected_version: int | None, change: Change
) -> Dossier:
    """The body of `_act`, inside a transaction that the caller holds."""
    locked = (
        Dossier.objects.select_for_update()
        .select_related("procedure_version", "handling_agency")
        .get(pk=dossier.pk)
    )
    edge = workflow.edge(locked.status, action)  # 409 when the status does not allow it
    role = _role(actor, locked, edge.roles)  # 403
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion()  # 409
    now = clock.now()
    before = locked.status
    payload = change(locked, now)
    locked.status = edge.to
    locked.version += 1
    locked.save()
    events.append(
        locked,
        action,
        actor=actor.get_username() if actor else "system",
        actor_role=role,
        status_before=before,
        payload=payload,
        at=now,
    )
    # The portal hears every status change, the overdue flag and the apology (its new date).
    announced = (Action.FLAG_OVERDUE, Action.APOLOGIZE, Action.TRANSFER)
    if before != locked.status or action in announced:
        enqueue(
            "dossier.status",
            key=locked.code,
            payload={
                "code": locked.code,
                "status": locked.status,
                "action": action.value,
                "at": now.isoformat(),
            },
        )
    logger.info("dossier_action", extra={"dossier": locked.code, "action": action.value})
    return locked


def _start_tasks(dossier: Dossier, now: datetime) -> None:
    """Turn the version's process steps into tasks; the reception step is done (DOMAIN T7)."""
    if dossier.tasks.exists():
        return
    steps = list(dossier.procedure_version.steps.all())
    Task.objects.bulk_create(
        Task(
            dossier=dossier,
            position=s.position,
            name=s.name,
            role=s.role,
            share_percent=s.share_percent,
            state=Task.State.PENDING,
        )
        for s in steps
    )
    tasks = list(dossier.tasks.all())
    if tasks:
        _finish(tasks[0], now)
    if len(tasks) > 1:
        _activate(dossier, tasks[1], now)


def _finish(task: Task, now: datetime) -> None:
    task.state, task.finished_at = Task.State.DONE, now
    task.started_at = task.started_at or now
    task.save(update_fields=["state", "finished_at", "started_at"])


def _activate(dossier: Dossier, task: Task, now: datetime) -> None:
    task.state, task.started_at = Task.State.ACTIVE, now
    task.due_at = deadlines.step_due_at(dossier.procedure_version, now, task.share_percent)
    task.save(update_fields=["state", "started_at", "due_at"])


def _finish_tasks_up_to(dossier: Dossier, role: str | None, now: datetime) -> None:
    for task in dossier.tasks.exclude(state=Task.State.DONE):
        _finish(task, now)
        if task.role == role:
            break


def accept(dossier: Dossier, *, actor: Actor, expected_version: int | None = None) -> Dossier:
    """Accept a complete dossier and start its process steps (DOMAIN I3)."""

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        _start_tasks(d, now)
        return {}

    return _act(
        dossier, Action.ACCEPT, actor=actor, expected_version=expected_version, change=change
    )


def assign(
    dossier: Dossier, *, actor: Actor, expected_version: int | None = None, to: str
) -> Dossier:
    """Assign the active step to an official of the handling agency.

    The assignee is looked up only once the caller's role allowed the action, and an account that
    does not exist gets the same answer as one outside the agency: nobody learns who works where.
    """

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        member = (
            Membership.objects.filter(
                user__username=to,
                agency=d.handling_agency_id,
                role__in=[Role.HANDLING_OFFICER, Role.APPROVER],
            )
            .select_related("user")
            .first()
        )
        if member is None:
            raise AssigneeNotInAgency(fields={"to": [to]})
        task = d.tasks.filter(state=Task.State.ACTIVE).first()
        if task is not None:
            task.assignee = member.user
            task.save(update_fields=["assignee"])
        return {"to": to, "step": task.position if task else None}

    return _act(
        dossier, Action.ASSIGN, actor=actor, expected_version=expected_version, change=change
    )


def forward(
    dossier: Dossier,
    *,
    actor: Actor,
    expected_version: int | None = None,
    to_step: int,
    opinion: str = "",
) -> Dossier:
    """Finish the active step and start a later one, with the handler's opinion (ý kiến xử lý)
    for the next step, kept in the event."""

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        active = d.tasks.filter(state=Task.State.ACTIVE).first()
        target = d.tasks.filter(position=to_step).first()
        if target is None or (active and target.position <= active.position):
            raise InvalidDossier(fields={"to_step": [_("Choose a later step of the process.")]})
        for task in d.tasks.filter(position__lt=to_step).exclude(state=Task.State.DONE):
            _finish(task, now)
        _activate(d, target, now)
        moved = {"from_step": active.position if active else None, "to_step": to_step}
        return {**moved, "opinion": opinion.strip()} if opinion.strip() else moved

    return _act(
        dossier, Action.FORWARD, actor=actor, expected_version=expected_version, change=change
    )


def _refuse_and_record(
    kind: str, error: Exception, dossier: Dossier, actor: AbstractBaseUser, details: dict[str, Any]
) -> None:
    """Record the refused request in its own transaction, then raise (STYLE §3)."""
    listeners.refused(kind, dossier=dossier, official=actor, details=details)
    raise error


def held_by_data(dossier: Dossier) -> set[int]:
    """Return the requirements national data holds on this dossier, matched or still waiting
    for the source: never asked on paper (DOMAIN C4, P1). The one rule every path asks."""
    return set(
        dossier.documents.exclude(from_data="")
        .exclude(match_status__in=(MatchStatus.NOT_FOUND, MatchStatus.UNMATCHED))
        .values_list("requirement_id", flat=True)
    )


def request_supplement(
    dossier: Dossier,
    *,
    actor: AbstractBaseUser,
    expected_version: int | None = None,
    items: list[dict[str, Any]],
    note: str = "",
) -> Dossier:
    """Ask the applicant, once and in writing, for everything missing (DOMAIN P1, T6)."""
    role = _role(actor, dossier, workflow.edge(dossier.status, Action.REQUEST_SUPPLEMENT).roles)
    listed = {r.pk: r for r in dossier.procedure_version.documents.all()}
    if dossier.parts.exists():  # a joint dossier: every part's documents, a participant its own
        listed = joint.requirements_of(dossier, actor if role == workflow.PARTICIPANT else None)
    from_data = held_by_data(dossier)
    submitted = set(dossier.documents.values_list("pk", flat=True))
    extra = [
        item
        for item in items
        if (
            item.get("requirement") is not None
            and (item["requirement"] not in listed or item["requirement"] in from_data)
        )
        or (item.get("document") is not None and item["document"] not in submitted)
    ]
    if extra:
        _refuse_and_record(
            listeners.EXTRA_DOCUMENT_REQUEST,
            ExtraDocumentNotAllowed(
                fields={"items": [_why_not_asked(item, listed, from_data) for item in extra]}
            ),
            dossier,
            actor,
            {
                "items": extra,
                "note": note,
                "status": dossier.status,
                # items national databases already hold (DOMAIN C4), counted apart
                "held_by_data": [
                    i["requirement"] for i in extra if i.get("requirement") in from_data
                ],
            },
        )
    if not preconditions.can_request_supplement(dossier, clock.now()):  # DOMAIN P1
        _refuse_and_record(
            listeners.REPEATED_SUPPLEMENT,
            SupplementRoundLimit(),
            dossier,
            actor,
            {"items": items, "rounds": dossier.supplement_rounds},
        )

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        Pause.objects.create(dossier=d, started_at=now, requested_items=items)
        d.supplement_rounds += 1
        notice = issuing.issue(
            paperwork.supplement_request(d, items=items, note=note, paused_at=now), actor=actor
        )
        return {
            "notice": notice.pk,
            "items": [
                {**i, "name": listed[i["requirement"]].name} if i.get("requirement") else i
                for i in items
            ],
            "note": note,
            "round": d.supplement_rounds,
        }

    return _act(
        dossier,
        Action.REQUEST_SUPPLEMENT,
        actor=actor,
        expected_version=expected_version,
        change=change,
    )


def _why_not_asked(item: dict[str, Any], listed: dict[int, Any], from_data: Any) -> str:
    """Say, in the reader's language, why one item of a supplement request may not be asked."""
    requirement = listed.get(item.get("requirement"))
    if requirement is not None and requirement.pk in from_data:
        return _("%(name)s: taken from national data, it may not be asked on paper.") % {
            "name": Truncator(requirement.name).chars(100)
        }
    if item.get("document") is not None:
        return _("Document %(id)s is not one of this dossier's.") % {"id": item["document"]}
    return _("Document %(id)s is not listed by the procedure.") % {"id": item.get("requirement")}


def _close_pause(d: Dossier, now: datetime) -> None:
    d.pauses.filter(ended_at__isnull=True).update(ended_at=now)
    closed = deadlines.pauses_since(d)
    d.due_at = deadlines.due_at_after_resume(d, closed)
    d.paused_seconds = deadlines.paused_seconds(closed)


def supplement(
    dossier: Dossier,
    *,
    actor: AbstractBaseUser,
    expected_version: int | None = None,
    documents: list[dict[str, Any]],
) -> Dossier:
    """Add the requested documents; the clock runs again, later by the paused time (T6)."""
    rows = check_documents(
        documents,
        dossier.procedure_version,
        actor,
        dossier.applicant_id_number,
        require_all=False,
        form=dossier.form,
    )
    pause = dossier.pauses.filter(ended_at__isnull=True).first()
    asked = {
        i["requirement"] for i in (pause.requested_items if pause else []) if i.get("requirement")
    }

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        for row in rows:
            row.dossier, row.round = d, d.supplement_rounds
        DossierDocument.objects.bulk_create(rows)
        d.last_supplement_complete = asked <= {row.requirement_id for row in rows}
        _close_pause(d, now)
        # Decree 118/2025 Art 19(5): a complete supplement restarts the legal limit.
        if d.last_supplement_complete:
            d.legal_due_at = deadlines.legal_due_at_after_supplement(deadlines.limit_holder(d), now)
        _start_tasks(d, now)
        return {"documents": len(rows), "complete": d.last_supplement_complete, "due_at": d.due_at}

    return _act(
        dossier, Action.SUPPLEMENT, actor=actor, expected_version=expected_version, change=change
    )


def approve(
    dossier: Dossier, *, actor: AbstractBaseUser, expected_version: int | None = None
) -> Dossier:
    """Approve the dossier so that its result can be signed.

    A procedure that requires its fees first is approved only once they are paid (DOMAIN F3).
    """

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        unpaid = d.fee_amount_vnd > 0 and d.fee_paid_at is None
        if d.procedure_version.payment_before_approval and unpaid:
            raise PaymentRequired(params={"amount": d.fee_amount_vnd})
        _finish_tasks_up_to(d, "leader", now)
        joint.finish_lead_part(d, now)  # a joint dossier: the next stage's parts become ready
        return {}

    return _act(
        dossier, Action.APPROVE, actor=actor, expected_version=expected_version, change=change
    )


def reject(
    dossier: Dossier, *, actor: AbstractBaseUser, expected_version: int | None = None, reason: str
) -> Dossier:
    """Refuse the dossier, stating the legal reason (DOMAIN P2)."""

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        d.finished_at = now
        _finish_tasks_up_to(d, None, now)
        draft = paperwork.refusal(d, reason=reason, at_intake=d.status == workflow.Status.RECEIVED)
        notice = issuing.issue(draft, actor=actor)
        return {"reason": reason, "notice": notice.pk}

    return _act(
        dossier, Action.REJECT, actor=actor, expected_version=expected_version, change=change
    )


def return_result(
    dossier: Dossier, *, actor: AbstractBaseUser, expected_version: int | None = None
) -> Dossier:
    """Hand the result to the applicant where they chose."""

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        d.returned_at = now
        _finish_tasks_up_to(d, None, now)
        return {"delivery": d.delivery}

    return _act(
        dossier, Action.RETURN_RESULT, actor=actor, expected_version=expected_version, change=change
    )


def withdraw(
    dossier: Dossier,
    *,
    actor: AbstractBaseUser,
    expected_version: int | None = None,
    reason: str = "",
) -> Dossier:
    """Withdraw the dossier at the applicant's request before the result (DOMAIN P2)."""

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        d.finished_at = now
        d.pauses.filter(ended_at__isnull=True).update(ended_at=now)
        return {"reason": reason}

    return _act(
        dossier, Action.WITHDRAW, actor=actor, expected_version=expected_version, change=change
    )


def apologize(
    dossier: Dossier,
    *,
    actor: AbstractBaseUser,
    expected_version: int | None = None,
    new_due_at: datetime,
    reason: str,
) -> Dossier:
    """Record the apology letter and the new appointment, once (DOMAIN T8, I6)."""
    if dossier.apologized_at is not None:
        raise AlreadyDone()
    if dossier.due_at is not None and new_due_at <= dossier.due_at:
        raise InvalidDossier(fields={"new_due_at": [_("The new date must be later.")]})

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        old = d.due_at
        d.apologized_at, d.due_at = now, new_due_at
        # I6 asks for the letter at least one day before the due date; a late one is marked.
        late = deadlines.apology_is_late(old, now)
        draft = paperwork.apology(d, old_due_at=old, new_due_at=new_due_at, reason=reason)
        letter = issuing.issue(draft, actor=actor)
        return {
            "reason": reason,
            "old_due_at": old,
            "new_due_at": new_due_at,
            "late": late,
            "notice": letter.pk,
        }

    return _act(
        dossier, Action.APOLOGIZE, actor=actor, expected_version=expected_version, change=change
    )


def evaluate(
    dossier: Dossier,
    *,
    actor: AbstractBaseUser,
    expected_version: int | None = None,
    score: int,
    comment: str = "",
) -> Dossier:
    """Record the applicant's rating of the service, once."""
    if not preconditions.can_evaluate(dossier, clock.now()):
        raise AlreadyDone()

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        d.evaluation_score = score
        return {"score": score, "comment": comment}

    return _act(
        dossier, Action.EVALUATE, actor=actor, expected_version=expected_version, change=change
    )


def flag_overdue(dossier: Dossier) -> Dossier:
    """Mark that the dossier passed its due moment (the sweep; status unchanged).

    Once only: another worker node may have flagged it since this one read it (AlreadyDone).
    """

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        if d.overdue_flagged_at is not None:
            raise AlreadyDone()
        d.overdue_flagged_at = now
        return {"due_at": d.due_at}

    return _act(dossier, Action.FLAG_OVERDUE, actor=None, expected_version=None, change=change)


def close_unsupplemented(dossier: Dossier) -> Dossier:
    """Close a dossier whose applicant did not supplement within 15 days (DOMAIN I6)."""

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        d.finished_at = now
        d.pauses.filter(ended_at__isnull=True).update(ended_at=now)
        return {}

    return _act(dossier, Action.CLOSE, actor=None, expected_version=None, change=change)
