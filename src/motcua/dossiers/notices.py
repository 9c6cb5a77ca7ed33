"""Notices to applicants about their dossier (e-mail and SMS), and the urging of officials:
composed here, by the app that owns the dossier, and delivered by integrations (it calls
`for_message`, registered in DossiersConfig.ready: integrations imports no app above it).

The kinds come from the dossier's status messages in the outbox: received, supplement
requested, result ready, apology for a delay. Each notice is written in Vietnamese, then in
English, from the same translated strings (the applicant may read either).
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from motcua.dossiers.selectors import NoticeFacts, notice_facts
from motcua.integrations import routes
from motcua.integrations.models import OutboxMessage
from motcua.integrations.notices import (
    APOLOGY,
    DUE_CHANGED,
    RECEIVED,
    RESULT_READY,
    SUPPLEMENT,
    TRANSFERRED,
    Notice,
    kind_of,
)

# The paper result by post (topic dossier.postal): handed to the operator, or back undelivered.
POSTED, POSTAL_RETURNED = "posted", "postal_returned"


def _when(facts: NoticeFacts) -> str:
    if facts.due_at is None:
        return ""
    return formats.date_format(timezone.localtime(facts.due_at), "d/m/Y")


def _lines(kind: str, facts: NoticeFacts, extra: dict[str, Any]) -> tuple[str, str]:
    """Return (subject, one sentence) in the active language."""
    params = {
        "code": facts.code,
        "procedure": facts.procedure,
        "date": _when(facts),
        "tracking": extra.get("tracking_number", ""),
        "place": extra.get("place", ""),
    }
    texts = {
        RECEIVED: (
            _("Dossier %(code)s received"),
            _(
                "Your dossier %(code)s (%(procedure)s) has been received; "
                "the result is due on %(date)s."
            ),
        ),
        SUPPLEMENT: (
            _("Dossier %(code)s: a supplement is needed"),
            _("Your dossier %(code)s needs a supplement; the list of documents is on the portal."),
        ),
        RESULT_READY: (
            _("Dossier %(code)s: the result is ready"),
            _("The result of your dossier %(code)s (%(procedure)s) is signed and ready."),
        ),
        APOLOGY: (
            _("Dossier %(code)s: an apology for the delay"),
            _("We apologise: your dossier %(code)s is late; the new appointment is %(date)s."),
        ),
        DUE_CHANGED: (
            _("Dossier %(code)s: a new due date"),
            _(
                "The working calendar changed (a holiday or a working day moved): your dossier "
                "%(code)s is now due on %(date)s."
            ),
        ),
        TRANSFERRED: (
            _("Dossier %(code)s: sent on to the competent agency"),
            _(
                "Your dossier %(code)s was sent on to the agency competent to resolve it; its time "
                "limit starts again there and the result is now due on %(date)s."
            ),
        ),
        POSTED: (
            _("Dossier %(code)s: the result is on its way by post"),
            _(
                "The paper result of your dossier %(code)s was handed to the post; tracking "
                "number %(tracking)s."
            ),
        ),
        POSTAL_RETURNED: (
            _("Dossier %(code)s: the post could not deliver the result"),
            _(
                "The post could not deliver the paper result of your dossier %(code)s "
                "(tracking number %(tracking)s); it is back at %(place)s. Contact it to have "
                "it sent again to another address or to collect it."
            ),
        ),
    }
    subject, sentence = texts[kind]
    return subject % params, sentence % params


def compose(kind: str, facts: NoticeFacts, *, extra: dict[str, Any] | None = None) -> Notice:
    """Write the notice in Vietnamese, then English (`extra`: the postal notices' facts)."""
    extra = extra or {}
    track = f"{settings.MOTCUA_PUBLIC_URL}/track/{facts.code}/"
    with translation.override("vi"):
        subject_vi, line_vi = _lines(kind, facts, extra)
        greeting_vi = _("Dear %(name)s,") % {"name": facts.applicant_name}
        follow_vi = _("Follow your dossier: %(url)s") % {"url": track}
    with translation.override("en"):
        subject_en, line_en = _lines(kind, facts, extra)
        greeting_en = _("Dear %(name)s,") % {"name": facts.applicant_name}
        follow_en = _("Follow your dossier: %(url)s") % {"url": track}
    body = "\n".join(
        [greeting_vi, "", line_vi, follow_vi, "", "---", "", greeting_en, "", line_en, follow_en]
    )
    return Notice(subject=f"{subject_vi} / {subject_en}", body=body, sms=f"{line_vi} {track}")


def _in_both(texts: Callable[[], tuple[str, str]]) -> Notice:
    """Return the notice whose (subject, text) `texts` writes, in Vietnamese then English; the
    SMS carries the Vietnamese text."""
    parts = []
    for language in ("vi", "en"):
        with translation.override(language):
            parts.append(texts())
    (subject_vi, body_vi), (subject_en, body_en) = parts
    return Notice(
        subject=f"{subject_vi} / {subject_en}",
        body=f"{body_vi}\n\n---\n\n{body_en}",
        sms=body_vi,
    )


def urge(facts: dict[str, Any]) -> Notice:
    """Write the reminder to an agency's officials about an overdue directive task."""
    params = {
        "title": facts["title"],
        "agency": facts["agency"],
        "deadline": facts["deadline"],
        "url": f"{settings.MOTCUA_PUBLIC_URL}{facts['path']}",
    }
    return _in_both(
        lambda: (
            _("Overdue task: %(title)s") % params,
            _(
                "The task “%(title)s” assigned to %(agency)s was due on "
                "%(deadline)s and is not done. Please report your progress, difficulties "
                "and proposals: %(url)s"
            )
            % params,
        )
    )


def intake_alert(facts: dict[str, Any]) -> Notice:
    """Tell the officials and the centre of an online dossier that waits too long (issue 23):
    not seen 2 working hours after its receipt, or not accepted or returned after 8."""
    params = {
        "code": facts["code"],
        "procedure": facts["procedure"],
        "agency": facts["agency"],
        "received": formats.date_format(
            timezone.localtime(datetime.fromisoformat(facts["received_at"])), "d/m/Y H:i"
        ),
        "url": settings.MOTCUA_PUBLIC_URL + reverse("workspace:dossier", args=[facts["code"]]),
    }
    if facts.get("kind") == "late":
        return _in_both(
            lambda: (
                _("Online dossier %(code)s not accepted within 8 working hours") % params,
                _(
                    "The online dossier %(code)s (%(procedure)s), received on %(received)s for "
                    "%(agency)s, has been neither accepted nor returned within 8 working hours. "
                    "It is counted as late. Please decide on it now: %(url)s"
                )
                % params,
            )
        )
    return _in_both(
        lambda: (
            _("Online dossier %(code)s waiting for 2 working hours") % params,
            _(
                "No official has taken up the online dossier %(code)s (%(procedure)s), received "
                "on %(received)s for %(agency)s, within 2 working hours. Please check it: %(url)s"
            )
            % params,
        )
    )


def complaint_answered(code: str) -> Notice:
    """Tell a citizen their complaint has an answer, and where to read it (not the answer itself:
    the contact is unverified, so the answer stays behind the code-and-contact check)."""
    url = settings.MOTCUA_PUBLIC_URL + reverse("portal:complaint_answer")
    params = {"code": code, "url": url}
    return _in_both(
        lambda: (
            _("Complaint %(code)s answered") % params,
            _(
                "Your complaint %(code)s has been answered. Read the answer with its "
                "tracking code and your contact: %(url)s"
            )
            % params,
        )
    )


def for_message(message: OutboxMessage) -> tuple[Notice, list[str], str] | None:
    """Return the notice, its e-mail recipients and SMS phone, or None if it has nowhere to go."""
    if message.topic == routes.DIRECTIVE_URGE:
        return urge(message.payload), list(message.payload.get("to", [])), ""
    if message.topic == routes.INTAKE_ALERT:
        return intake_alert(message.payload), list(message.payload.get("to", [])), ""
    if message.topic == routes.COMPLAINT_ANSWERED:
        contact = str(message.payload.get("contact", "")).strip()
        notice = complaint_answered(message.key)
        if "@" in contact:
            return notice, [contact], ""
        phone = "".join(ch for ch in contact if ch.isdigit() or ch == "+")
        return notice, [], phone if len(phone) >= 9 else ""
    facts = notice_facts(message.key)
    if message.topic == routes.DOSSIER_POSTAL and facts is not None:
        notice = compose(message.payload["kind"], facts, extra=message.payload)
        return notice, [facts.email] if facts.email else [], facts.phone
    kind = kind_of(message.payload)
    if facts is None or not kind:
        return None
    return compose(kind, facts), [facts.email] if facts.email else [], facts.phone
