"""File complaints and feedback (phản ánh, kiến nghị), route them, and answer them (DOMAIN G3).

A complaint about a dossier goes to the dossier's handling agency; about extra documents or an
official's conduct, also to the Civil Service Inspection Team; about nothing named, to the
centre. The answer is due within MOTCUA_COMPLAINT_ANSWER_DAYS working days.
"""

import logging
import secrets
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import DomainError, Forbidden
from motcua.documents.services import check_upload
from motcua.dossiers import deadlines
from motcua.dossiers import selectors as dossiers
from motcua.geography.models import Agency
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.integrations.services import enqueue
from motcua.integrity.errors import AlreadyAnswered, NotAnsweredYet
from motcua.integrity.models import (
    Complaint,
    ComplaintCategory,
    ComplaintSource,
    ComplaintStatus,
)
from motcua.integrity.models.complaints import INSPECTION_CATEGORIES, ComplaintEvidence
from motcua.integrity.selectors import complaint_for_citizen, may_answer

logger = logging.getLogger(__name__)
MAX_EVIDENCE = 3  # files attached to one complaint
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out on the phone


def _new_code() -> str:
    return "PA-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def _invalid(field: str, message: Any) -> DomainError:
    return DomainError(fields={field: [message]})


def _check(data: dict[str, Any]) -> None:
    if data.get("category") not in ComplaintCategory.values:
        raise _invalid("category", _("Choose a category."))
    if not str(data.get("text") or "").strip():
        raise _invalid("text", _("Say what happened."))
    if not str(data.get("contact") or "").strip():
        raise _invalid("contact", _("Give a phone number or an email to send the answer to."))


@transaction.atomic(durable=True)
def file_complaint(
    data: dict[str, Any],
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    evidence: Sequence[UploadedFile] = (),
) -> Complaint:
    """Receive a complaint from a citizen (signed in or not) or a media report from the centre,
    with the files attached as evidence (each checked as an upload is; a refused one refuses
    the complaint, and nothing is kept).

    Whether the named dossier exists changes nothing the filer sees (no probing of codes).
    """
    _check(data)
    if len(evidence) > MAX_EVIDENCE:
        raise _invalid("evidence", _("Attach at most %(n)d files.") % {"n": MAX_EVIDENCE})
    kinds = [check_upload(file) for file in evidence]
    user = actor if actor is not None and actor.is_authenticated else None
    source = data.get("source") or ComplaintSource.CITIZEN
    if source == ComplaintSource.MEDIA and (
        user is None or Role.COORDINATOR not in official_scope(user).city_roles
    ):
        raise Forbidden()
    code = str(data.get("dossier") or "").strip()[:60]
    agency = dossiers.handling_agency_of(code) if code else None
    if agency is None and data.get("agency"):
        agency = Agency.objects.filter(code=data["agency"]).first()
        if agency is None:
            raise _invalid("agency", _("No agency has this code."))
    now = clock.now()
    complaint = Complaint.objects.create(
        code=_new_code(),
        category=data["category"],
        source=source,
        text=str(data["text"]).strip()[:5000],
        contact=str(data["contact"]).strip()[:200],
        dossier_code=code,
        official_name=str(data.get("official") or "").strip()[:200],
        agency=agency,
        to_inspection=data["category"] in INSPECTION_CATEGORIES,
        filed_by=user if source == ComplaintSource.CITIZEN else None,
        received_at=now,
        due_on=deadlines.calendar().add_working_days(
            timezone.localdate(now), settings.MOTCUA_COMPLAINT_ANSWER_DAYS
        ),
    )
    for file, kind in zip(evidence, kinds, strict=True):
        ComplaintEvidence.objects.create(
            complaint=complaint,
            name=(file.name or "file")[:255],
            content_type=kind,
            size=file.size or 0,
            file=file,
        )
    logger.info("complaint_received", extra={"complaint": complaint.code, "source": source})
    return complaint


@transaction.atomic(durable=True)
def answer_complaint(code: str, *, actor: AbstractBaseUser, answer: str) -> Complaint:
    """Answer a complaint; the answer goes back to the citizen (portal page, notification)."""
    complaint = Complaint.objects.select_for_update().filter(code=code).first()
    if complaint is None or not may_answer(actor, complaint):
        raise Forbidden()
    if complaint.status == ComplaintStatus.ANSWERED:
        raise AlreadyAnswered()
    if not answer.strip():
        raise _invalid("answer", _("Write the answer."))
    complaint.answer, complaint.answered_by = answer.strip()[:5000], actor
    complaint.answered_at, complaint.status = clock.now(), ComplaintStatus.ANSWERED
    complaint.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    if complaint.source == ComplaintSource.CITIZEN:
        enqueue(
            "complaint.answered",
            key=complaint.code,
            payload={"code": complaint.code, "contact": complaint.contact},
        )
    logger.info("complaint_answered", extra={"complaint": complaint.code})
    return complaint


@transaction.atomic(durable=True)
def judge_answer(code: str, *, contact: str, satisfied: bool) -> Complaint:
    """Record whether the filer is satisfied with the answer (Decision 766 item 5.3); the
    filer proves who they are with the contact, as when reading the answer, and may change
    their mind."""
    found = complaint_for_citizen(code, contact)  # NotFound on any mismatch
    complaint = Complaint.objects.select_for_update().get(pk=found.pk)
    if complaint.status != ComplaintStatus.ANSWERED:
        raise NotAnsweredYet()
    complaint.satisfied = satisfied
    complaint.save(update_fields=["satisfied"])
    logger.info("complaint_judged", extra={"complaint": complaint.code, "satisfied": satisfied})
    return complaint
