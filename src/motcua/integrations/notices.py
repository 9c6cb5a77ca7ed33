"""Notices to applicants about their dossier (e-mail and SMS), and the urging of officials.

The kinds come from the dossier's status messages in the outbox: received, supplement
requested, result ready, apology for a delay. Each notice is written in Vietnamese, then in
English, from the same translated strings (the applicant may read either).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from motcua.dossiers.selectors import NoticeFacts

RECEIVED, SUPPLEMENT, RESULT_READY, APOLOGY = "received", "supplement", "result_ready", "apology"
DUE_CHANGED = "due_changed"  # the centre changed its calendar and the due date moved
TRANSFERRED = "transferred"  # sent on to the competent agency (Decree 118/2025 Art 17(2)(a))


def kind_of(payload: dict[str, Any]) -> str:
    """Return which notice a dossier status message calls for, or "" for none."""
    action, status = payload.get("action", ""), payload.get("status", "")
    if not action and status == "received":
        return RECEIVED
    return {
        "request-supplement": SUPPLEMENT,
        "sign-result": RESULT_READY,
        "apologize": APOLOGY,
        "replan": DUE_CHANGED,
        "transfer": TRANSFERRED,
    }.get(action, "")


@dataclass(frozen=True)
class Notice:
    subject: str
    body: str
    sms: str


def _when(facts: NoticeFacts) -> str:
    if facts.due_at is None:
        return ""
    return formats.date_format(timezone.localtime(facts.due_at), "d/m/Y")


def _lines(kind: str, facts: NoticeFacts) -> tuple[str, str]:
    """Return (subject, one sentence) in the active language."""
    params = {"code": facts.code, "procedure": facts.procedure, "date": _when(facts)}
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
    }
    subject, sentence = texts[kind]
    return subject % params, sentence % params


def compose(kind: str, facts: NoticeFacts) -> Notice:
    """Write the notice in Vietnamese, then English."""
    track = f"{settings.MOTCUA_PUBLIC_URL}/track/{facts.code}/"
    with translation.override("vi"):
        subject_vi, line_vi = _lines(kind, facts)
        greeting_vi = _("Dear %(name)s,") % {"name": facts.applicant_name}
        follow_vi = _("Follow your dossier: %(url)s") % {"url": track}
    with translation.override("en"):
        subject_en, line_en = _lines(kind, facts)
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
