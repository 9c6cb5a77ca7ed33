"""The dossier's history in plain words, from its event log (the same log the API serves)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from motcua.dossiers.access import NOBODY, Viewer
from motcua.dossiers.models import Event
from motcua.dossiers.paperwork import person_name
from motcua.dossiers.workflow import Action

# What each event means to the applicant; officials see the same words and who acted.
PLAIN = {
    Action.RECEIVE: gettext_lazy("The dossier was received."),
    Action.ACCEPT: gettext_lazy("The dossier was checked and accepted; its handling started."),
    Action.ASSIGN: gettext_lazy("An official was put in charge of the dossier."),
    Action.FORWARD: gettext_lazy("The dossier moved on to the next step."),
    Action.DIGITISE: gettext_lazy("Paper documents were scanned into the dossier."),
    Action.ASSESS_FEE: gettext_lazy("The fees were assessed."),
    Action.REQUEST_SUPPLEMENT: gettext_lazy(
        "The officials asked for more documents; the time limit is paused until you add them."
    ),
    Action.SUPPLEMENT: gettext_lazy("The requested documents were added; the clock runs again."),
    Action.APPROVE: gettext_lazy("The dossier was approved."),
    Action.REJECT: gettext_lazy("The dossier was refused."),
    Action.SIGN_RESULT: gettext_lazy("The result was digitally signed."),
    Action.RETURN_RESULT: gettext_lazy("The result was handed over."),
    Action.WITHDRAW: gettext_lazy("The dossier was withdrawn."),
    Action.APOLOGIZE: gettext_lazy("The agency apologised for the delay and set a new date."),
    Action.EVALUATE: gettext_lazy("The service was rated."),
    Action.FLAG_OVERDUE: gettext_lazy("The dossier passed its due date."),
    Action.PAY: gettext_lazy("The fees were paid."),
    Action.CLOSE: gettext_lazy("The dossier was closed: the documents asked for did not come."),
    Action.WALLET_CONSENT: gettext_lazy(
        "With your consent, documents of your wallet were reused at the counter."
    ),
    Action.REPLAN: gettext_lazy(
        "The centre changed its working calendar: the dossier's due date changed."
    ),
    Action.TRANSFER: gettext_lazy(
        "The dossier was sent on to the agency competent to resolve it; its time limit starts "
        "again there."
    ),
    Action.HAND_OVER: gettext_lazy("A part of the dossier was handed to a participating agency."),
    Action.ACKNOWLEDGE: gettext_lazy("A participating agency took its part of the dossier."),
    Action.FINISH_PART: gettext_lazy("A participating agency finished its part, with its result."),
}
HIDDEN_FROM_APPLICANT = {Action.FLAG_OVERDUE, Action.ASSIGN, Action.FORWARD}
ROLES = {
    "online": gettext_lazy("the applicant, online"),
    "applicant": gettext_lazy("the applicant"),
    "counter": gettext_lazy("receiving officer, at the counter"),
    "postal": gettext_lazy("receiving officer, by post"),
    "receiving_officer": gettext_lazy("receiving officer"),
    "handling_officer": gettext_lazy("handling officer"),
    "approver": gettext_lazy("approver"),
    "system": gettext_lazy("the system"),
    "participant_officer": gettext_lazy("official of a participating agency"),
}
# What the national databases answered, in words (the facts kept on a matched document).
FACTS = {
    "full_name": gettext_lazy("Full name"),
    "date_of_birth": gettext_lazy("Date of birth"),
    "sex": gettext_lazy("Sex"),
    "residence": gettext_lazy("Residence"),
    "household": gettext_lazy("Household number"),
    "birth_registration": gettext_lazy("Birth registration number"),
    "marital_status": gettext_lazy("Marital status"),
    "spouse_id_number": gettext_lazy("Spouse's ID number"),
    "enterprises": gettext_lazy("Household businesses"),
    "parcels": gettext_lazy("Land parcels"),
}
# The coded answers of the national databases, in words.
FACT_VALUES = {
    "male": gettext_lazy("Male"),
    "female": gettext_lazy("Female"),
    "single": gettext_lazy("Not married"),
    "married": gettext_lazy("Married"),
    "active": gettext_lazy("Active"),
}


@dataclass(frozen=True)
class Step:
    at: datetime
    text: str
    detail: str
    actor: str


def _moment(value: Any) -> str:
    if not value:
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return date_format(timezone.localtime(moment), "H:i d/m/Y")  # 20:07 09/12/2026


def _detail(event: Event) -> str:
    payload = event.payload or {}
    if event.action == Action.APOLOGIZE:
        return _("New date: %(date)s. %(reason)s") % {
            "date": _moment(payload.get("new_due_at")),
            "reason": payload.get("reason", ""),
        }
    if event.action == Action.REPLAN:
        return _("New due date: %(date)s.") % {"date": _moment(payload.get("new_due_at"))}
    if event.action == Action.REQUEST_SUPPLEMENT:
        names = [i.get("name") or i.get("reason", "") for i in payload.get("items", [])]
        return "; ".join(n for n in names if n)
    if event.action == Action.ASSESS_FEE:
        return f"{payload.get('amount_vnd', 0):,} đ".replace(",", ".")  # 8.000 đ
    if event.action == Action.EVALUATE:
        return _("%(score)s out of 5") % {"score": payload.get("score")}
    if event.action == Action.FORWARD:  # the handler's opinion (officials only: hidden)
        return str(payload.get("opinion", ""))
    return str(payload.get("reason", ""))


def _actor(event: Event, viewer: Viewer, names: dict[str, str]) -> str:
    """Who acted, for officials: an official by their name (their account name when the account
    has none); the applicant never by their account name (a VNeID account's name carries the ID
    number), and any other account name as the viewer may see it (`Viewer.actor_of`)."""
    role = str(ROLES.get(event.actor_role, event.actor_role))
    cashier = (event.payload or {}).get("collected_by") if event.action == Action.PAY else None
    if cashier:  # fees paid in cash: the official who took them
        how = _("cash at the counter")
        return f"{names.get(cashier) or cashier} ({how})"
    if event.actor_role in ("online", "applicant", "system"):
        return role
    return f"{names.get(event.actor) or viewer.actor_of(event.dossier, event)} ({role})"


def _names(events: list[Event]) -> dict[str, str]:
    """The officials' names by account name, in one query ("Nguyễn Văn An", family name first)."""
    accounts = {e.actor for e in events if e.actor_role not in ("online", "applicant", "system")}
    accounts |= {e.payload["collected_by"] for e in events if (e.payload or {}).get("collected_by")}
    users = get_user_model().objects.filter(username__in=accounts, memberships__isnull=False)
    found = users.distinct().only("username", "first_name", "last_name")
    return {u.username: person_name(u) for u in found if person_name(u)}


def history(events: list[Event], *, for_applicant: bool, viewer: Viewer = NOBODY) -> list[Step]:
    """Return the events as steps a reader understands; applicants do not see internal moves,
    officials see who acted as `viewer`."""
    steps = []
    names = {} if for_applicant else _names(events)
    for event in events:
        action = Action(event.action)
        if for_applicant and action in HIDDEN_FROM_APPLICANT:
            continue
        actor = "" if for_applicant else _actor(event, viewer, names)
        steps.append(Step(event.created_at, str(PLAIN[action]), _detail(event), actor))
    return steps


def in_language(name: str, name_en: str) -> str:
    """A catalog name in the page's language (the catalog is Vietnamese; some names have an
    English one)."""
    return name_en if name_en and (get_language() or "vi").startswith("en") else name
