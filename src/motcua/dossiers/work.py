"""Selectors of the work on dossiers: the officials' queues, the actions a user may take now,
the centre's overview per unit, an open supplementation request and the reusable wallet.

Reads only; every list starts from `selectors.visible_dossiers`, so nobody sees more here than
through the API.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet, TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog import result_papers
from motcua.catalog.models import ProcedureVersion
from motcua.core import clock
from motcua.core.errors import Forbidden, NotFound
from motcua.core.text import vietnamese_sort_key
from motcua.dossiers import actions, deadlines, paperwork, selectors, workflow
from motcua.dossiers.models import Channel, Dossier, DossierPart, Task
from motcua.dossiers.workflow import (
    APPROVER,
    HANDLING,
    RECEIVING,
    TRANSITIONS,
    Action,
    Status,
)
from motcua.geography.models import ServicePoint
from motcua.identity.models import Role, WalletConsent, WalletDocument
from motcua.identity.selectors import official_scope

User = selectors.User
LEADER_STEP = "leader"  # the process step where the approver decides (catalog.packaged)


class Box(TextChoices):
    """An official's queue: what waits for which role."""

    RECEIVE = "receive", _("To receive")
    HANDLE = "handle", _("To handle")
    APPROVE = "approve", _("To approve")
    RETURN = "return", _("To return")


BOX_ROLES: dict[str, frozenset[str]] = {
    Box.RECEIVE: frozenset({RECEIVING, HANDLING}),
    Box.HANDLE: frozenset({HANDLING}),
    Box.APPROVE: frozenset({APPROVER}),
    Box.RETURN: frozenset({RECEIVING, HANDLING}),
}


def _at_leader_step() -> Q:
    active = Task.objects.filter(state=Task.State.ACTIVE, role=LEADER_STEP).values("dossier")
    return Q(pk__in=active)


def box_q(box: str) -> Q:
    """The dossiers that wait in a box, by status and the active process step."""
    if box == Box.RECEIVE:
        return Q(status=Status.RECEIVED)
    if box == Box.HANDLE:
        waiting = Q(status__in=[Status.IN_PROGRESS, Status.WAITING_SUPPLEMENT])
        return waiting & ~_at_leader_step()
    if box == Box.APPROVE:
        return (Q(status=Status.IN_PROGRESS) & _at_leader_step()) | Q(status=Status.APPROVED)
    return Q(status=Status.RESULT_SIGNED)


def boxes_for(user: User) -> list[str]:
    """Return the boxes of the user's roles; the centre's city-wide roles see them all."""
    scope = official_scope(user)
    if scope.sees_everything:
        return list(Box.values)
    roles: set[str] = set()
    for found in (*scope.roles_at_agency.values(), *scope.roles_at_point.values()):
        roles |= found
    return [box for box in Box.values if BOX_ROLES[box] & roles]


@dataclass(frozen=True)
class QueueFilters:
    procedure: str = ""
    status: str = ""
    overdue: bool = False
    due_this_week: bool = False
    received_elsewhere: bool = False
    q: str = ""  # a dossier code, the applicant's name, their ID number or phone
    sort: str = ""  # one of SORTS; nearest deadline first when empty


# How a queue can be ordered (the queue page's "Sort by").
SORTS = {
    "": (F("due_at").asc(nulls_last=True), "received_at", "pk"),
    "due_desc": (F("due_at").desc(nulls_last=True), "-received_at", "-pk"),
    "received": ("-received_at", "-pk"),
}


def _my_agencies(user: User) -> set[int]:
    scope = official_scope(user)
    points = ServicePoint.objects.filter(pk__in=list(scope.roles_at_point))
    return set(scope.roles_at_agency) | set(points.values_list("agency_id", flat=True))


def end_of_week(now: datetime) -> datetime:
    """Return the end of the local calendar week (Sunday midnight) after `now`."""
    local = timezone.localtime(now)
    monday = local.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(
        days=local.weekday()
    )
    return monday + timedelta(days=7)


def queue_procedures(scope: selectors.AccessScope) -> list[tuple[str, str]]:
    """Return (code, name) of the procedures of the dossiers `scope` sees, in Vietnamese
    alphabetical order of name (one query): the queue's procedure filter offers what the
    official's units have, not the whole catalog, and never another unit's."""
    rows = (
        scope.filter(Dossier.objects.all())
        .order_by()
        .values_list(
            "procedure_version__procedure__code",
            "procedure_version__number",
            "procedure_version__name",
        )
        .distinct()
    )
    latest: dict[str, tuple[int, str]] = {}  # a procedure's name as its newest version gives it
    for code, number, name in rows:
        if code not in latest or number > latest[code][0]:
            latest[code] = (number, name)
    named = [(code, name) for code, (_number, name) in latest.items()]
    return sorted(named, key=lambda item: vietnamese_sort_key(item[1]))


def queue(user: User, box: str, filters: QueueFilters) -> QuerySet[Dossier]:
    """Return the dossiers waiting in `box` for the user, nearest deadline first."""
    dossiers = selectors.visible_dossiers(user).filter(box_q(box))
    if filters.procedure:
        dossiers = dossiers.filter(procedure_version__procedure__code=filters.procedure)
    if filters.status:
        dossiers = dossiers.filter(status=filters.status)
    if filters.overdue:
        dossiers = dossiers.filter(deadlines.open_overdue_q(clock.now()))
    if filters.due_this_week:
        now = clock.now()
        dossiers = dossiers.filter(deadlines.due_between_q(now, end_of_week(now)))
    if filters.received_elsewhere:  # boundary-free: received at another unit's point, for us
        dossiers = dossiers.exclude(receiving_point__unit=F("competent_unit")).filter(
            handling_agency__in=_my_agencies(user)
        )
    if filters.q.strip():
        dossiers = dossiers.filter(selectors.search_q(filters.q))
    return dossiers.order_by(*SORTS.get(filters.sort, SORTS[""]))


def box_counts(user: User) -> dict[str, int]:
    """Return how many dossiers wait in each of the user's boxes (one query)."""
    boxes = boxes_for(user)
    if not boxes:
        return {}
    counts = (
        selectors.visible_dossiers(user)
        .order_by()
        .aggregate(**{box: Count("pk", filter=box_q(box)) for box in boxes})
    )
    return {box: counts[box] for box in boxes}


def allowed_actions(user: User, dossier: Dossier) -> list[Action]:
    """Return the actions the state machine lets this user take on the dossier now, of the
    registry's (`actions.REGISTRY`), each while its precondition holds."""
    roles = selectors.roles_on(user, dossier)
    if not roles:
        return []
    status, now = Status(dossier.status), clock.now()
    found = []
    for spec in actions.DOSSIER_ACTIONS:  # a part's actions: `part_actions`
        edge = TRANSITIONS.get((status, spec.action))
        if edge is not None and edge.roles & roles and spec.precondition(dossier, now):
            found.append(spec.action)
    return found


def result_preview_offered(user: User, dossier: Dossier) -> bool:
    """Whether the user may read the result before it is signed: the approver, while the
    dossier waits for their approval or signature, for a result this system draws up."""
    allowed = allowed_actions(user, dossier)
    deciding = Action.APPROVE in allowed or Action.SIGN_RESULT in allowed
    return deciding and paperwork.has_result_template(dossier)


@dataclass(frozen=True)
class UnitLoad:
    agency: str
    name: str
    unit: str
    received: int
    in_progress: int
    overdue: int
    waiting_supplement: int


def unit_overview(user: User) -> list[UnitLoad]:
    """Return the load of every handling agency, most overdue first: for the centre only."""
    if not official_scope(user).sees_everything:
        raise Forbidden()
    rows = (
        selectors.visible_dossiers(user)
        .order_by()
        .values("handling_agency__code", "handling_agency__name", "competent_unit__name")
        .annotate(
            received=Count("pk", filter=Q(status=Status.RECEIVED)),
            in_progress=Count("pk", filter=Q(status__in=[Status.IN_PROGRESS, Status.APPROVED])),
            overdue=Count("pk", filter=deadlines.open_overdue_q(clock.now())),
            waiting_supplement=Count("pk", filter=Q(status=Status.WAITING_SUPPLEMENT)),
        )
        .order_by("-overdue", "-received", "handling_agency__code")
    )
    return [
        UnitLoad(
            agency=r["handling_agency__code"],
            name=r["handling_agency__name"],
            unit=r["competent_unit__name"],
            received=r["received"],
            in_progress=r["in_progress"],
            overdue=r["overdue"],
            waiting_supplement=r["waiting_supplement"],
        )
        for r in rows
    ]


@dataclass(frozen=True)
class RequestedItem:
    requirement: int
    name: str
    reason: str


@dataclass(frozen=True)
class SupplementRequest:
    items: list[RequestedItem]
    note: str
    requested_at: datetime


def open_supplement_request(dossier: Dossier) -> SupplementRequest | None:
    """Return what the officials asked for while the dossier waits for the applicant."""
    if dossier.status != Status.WAITING_SUPPLEMENT:
        return None
    event = dossier.events.filter(action=Action.REQUEST_SUPPLEMENT).order_by("-seq").first()
    if event is None:
        return None
    documents = {d.pk: d for d in dossier.documents.all()}
    names = {r.pk: r.name for r in dossier.procedure_version.documents.all()}
    items = []
    for item in event.payload.get("items", []):
        requirement = item.get("requirement")
        if requirement is None and item.get("document") in documents:
            requirement = documents[item["document"]].requirement_id
        if requirement in names:
            items.append(RequestedItem(requirement, names[requirement], item.get("reason", "")))
    return SupplementRequest(items, event.payload.get("note", ""), event.created_at)


def reachable_wallet(
    user: User, id_number: str, *, consent: dict[str, Any] | None = None
) -> QuerySet[WalletDocument]:
    """Return the holder's wallet documents this user may reach (valid or not): those kept from
    a dossier the user filed online for this holder; any of the holder's for a receiving officer
    only with the holder's consent (`WalletConsent`: their confirmation in VNeID or their ID card
    presented), never by the ID number alone (issue 17, item 15). Intake's one rule."""
    items = WalletDocument.objects.filter(id_number=id_number)
    if wallet_consent_given(consent) and receiving_points(user).exists():
        return items
    own = Dossier.objects.filter(
        owner=user, applicant_id_number=id_number, channel=Channel.ONLINE
    ).values("code")
    return items.filter(dossier_code__in=own)


def wallet_consent_given(consent: dict[str, Any] | None) -> bool:
    """Return whether the holder's consent to reach their wallet is recorded."""
    return bool(consent) and (consent or {}).get("method") in WalletConsent.values


def reusable_wallet(
    user: User, id_number: str, *, consent: dict[str, Any] | None = None
) -> QuerySet[WalletDocument]:
    """Return the still-valid wallet documents of the holder that this filer may reuse."""
    items = reachable_wallet(user, id_number, consent=consent).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=timezone.localdate())
    )
    return items.order_by("-added_at", "-id")


def receiving_points(user: User) -> QuerySet[ServicePoint]:
    """Return the service points where the user receives dossiers at the counter."""
    scope = official_scope(user)
    ids = [pk for pk, roles in scope.roles_at_point.items() if Role.RECEIVING_OFFICER in roles]
    return ServicePoint.objects.filter(pk__in=ids).select_related("unit", "agency")


def own_dossiers(user: User) -> QuerySet[Dossier]:
    """Return the user's own dossiers (`AccessScope.owns`), newest first (an official's own
    filings too)."""
    return selectors.own_dossiers(user).order_by("-received_at", "-pk")


def get_own_dossier(user: User, *, code: str) -> Dossier:
    """Return a dossier the user filed, or NotFound (404): nobody learns another's exists."""
    dossier = selectors.get_visible_dossier(user, code=code)
    if not selectors.access_scope(user).owns(dossier):
        raise NotFound()
    return dossier


def parts_of(dossier: Dossier) -> list[DossierPart]:
    """Return a joint dossier's parts in order, with their agencies ([] for a single agency):
    what its applicant reads of them on the portal."""
    return list(dossier.parts.select_related("agency").order_by("stage", "position"))


def form_fields(version: ProcedureVersion) -> list[result_papers.ResultField]:
    """Return the procedure's own questions: what its electronic result is drawn up from."""
    template = result_papers.template(version)
    if template is None:
        return []
    return [f for f in template.fields if f.source.startswith("form.")]


def part_actions(user: User, dossier: Dossier, part: Any) -> list[Action]:
    """Return what the user may do on one part of a joint dossier now (the services' rules)."""
    if dossier.status not in (Status.IN_PROGRESS, Status.APPROVED):
        return []
    roles = selectors.roles_on(user, dossier)
    found = []
    if part.state == DossierPart.State.READY and roles & {workflow.HANDLING, workflow.APPROVER}:
        found.append(Action.HAND_OVER)
    own = part.agency_id in selectors.access_scope(user).part_agencies(dossier)
    if own and not part.system:
        if part.state == DossierPart.State.HANDED_OVER:
            found.append(Action.ACKNOWLEDGE)
        if part.state == DossierPart.State.ACTIVE:
            found.append(Action.FINISH_PART)
    return found
