"""Store uploads (checked, one copy per content) and issue signed PDF documents."""

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pyhanko.pdf_utils.misc import PdfError

from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.documents import inspection, pki, signing
from motcua.documents.models import IssuedDocument, Upload
from motcua.documents.pdf import render_pdf, vietnamese_date
from motcua.documents.sniffing import sniff
from motcua.geography.models import Agency

logger = logging.getLogger(__name__)


class UploadRefused(DomainError):
    code = "upload_refused"
    message = _("This file is not accepted.")


class ScannerUnavailable(DomainError):
    status = 503
    code = "scanner_unavailable"
    message = _("The virus scanner is not available; please try again in a few minutes.")


def _refuse(code: str, message: Any, **params: Any) -> UploadRefused:
    return UploadRefused(message, fields={"file": [code]}, params=params)


def check_upload(file: UploadedFile) -> str:
    """Return the file's real content type, or refuse it with the reason (400)."""
    if not file.size:
        raise _refuse("empty", _("The file is empty."))
    if file.size > settings.MOTCUA_UPLOAD_MAX_BYTES:
        raise _refuse(
            "too_large",
            _("The file is larger than %(max)d MB."),
            max=settings.MOTCUA_UPLOAD_MAX_BYTES // (1024 * 1024),
        )
    head = file.read(16)
    file.seek(0)
    content_type = sniff(head, file.name or "")
    if content_type is None:
        raise _refuse(
            "type_not_accepted", _("Only PDF, JPEG, PNG and Word/Excel documents are accepted.")
        )
    refusal = inspection.inspect(file, content_type)
    if refusal is not None:
        raise _refuse(refusal.code, refusal.message, **refusal.params)
    if settings.MOTCUA_CLAMAV_SOCKET:
        try:
            virus = inspection.clamav_scan(file, settings.MOTCUA_CLAMAV_SOCKET)
        except inspection.ScannerUnavailable as exc:
            logger.error("clamav_unavailable", extra={"error": str(exc)[:200]})
            raise ScannerUnavailable() from exc
        if virus is not None:
            logger.warning("upload_infected", extra={"signature": virus})
            raise _refuse("infected", _("The file contains a virus (%(name)s)."), name=virus)
    return content_type


def _sha256(file: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


@transaction.atomic(durable=True)
def store_upload(file: UploadedFile, *, actor: AbstractBaseUser) -> Upload:
    """Store an uploaded file for its owner after checking what it really is.

    Nothing is written for a refused file. The same bytes are kept once in storage, however
    many times and by whoever they are uploaded.
    """
    content_type = check_upload(file)
    sha256 = _sha256(file)
    same = Upload.objects.filter(sha256=sha256).first()
    upload = Upload(
        owner=actor,
        name=(file.name or "file")[:255],
        content_type=content_type,
        size=file.size,
        sha256=sha256,
    )
    if same is not None:
        upload.file.name = same.file.name  # the same bytes are stored once
    else:
        upload.file.save(sha256, file, save=False)
    upload.save()
    logger.info("upload_stored", extra={"upload": upload.pk, "bytes": upload.size})
    return upload


@dataclass(frozen=True)
class Draft:
    """A document to issue: the template of documents/pdf/ and what it shows."""

    kind: str
    reference: str
    agency: Agency
    template: str
    context: dict[str, Any]
    reason: str  # the signature's stated reason, e.g. the document's title


def agency_identity(agency: Agency) -> pki.AgencyIdentity:
    return pki.AgencyIdentity(code=agency.code, name=agency.name)


def _store_issued(
    kind: str,
    reference: str,
    agency: Agency,
    pdf: bytes,
    actor: AbstractBaseUser | None,
    now: datetime,
) -> IssuedDocument:
    sha256 = hashlib.sha256(pdf).hexdigest()
    document = IssuedDocument(
        kind=kind,
        reference=reference,
        agency=agency,
        size=len(pdf),
        sha256=sha256,
        signer=agency.name,
        signed_at=now,
        issued_by=actor,
        created_at=now,
    )
    document.file.save(f"{reference}-{kind}-{sha256[:12]}.pdf", ContentFile(pdf), save=False)
    document.save()
    logger.info("document_issued", extra={"dossier": reference, "kind": kind})
    return document


def issue(draft: Draft, *, actor: AbstractBaseUser | None) -> IssuedDocument:
    """Render, sign (PAdES, as the agency) and store a document; call inside the transaction
    of the change it records, so the document exists exactly when the change does."""
    now = clock.now()
    # The printed signing time is the signature's: pyHanko signs with the wall clock (and the
    # certificate is valid from its issue), not with the services' clock, which demo data and
    # imports set in the past; the document is still dated and recorded at `now`.
    signing_at = signing.signing_time()
    context = {
        "date_line": vietnamese_date(now),
        "signed_line": signing.printed(signing_at),
        **draft.context,
    }
    pdf = render_pdf(draft.template, context)
    signed = signing.sign_pdf(
        pdf, agency=agency_identity(draft.agency), reason=draft.reason, at=signing_at
    )
    return _store_issued(draft.kind, draft.reference, draft.agency, signed, actor, now)


def preview(draft: Draft) -> bytes:
    """Render a document as it will be issued, unsigned and marked so (the approver reads the
    result before approving and signing it); nothing is stored."""
    context = {
        "date_line": vietnamese_date(clock.now()),
        "signed_line": "chưa ký — bản xem trước",
        **draft.context,
    }
    return render_pdf(draft.template, context)


def issue_uploaded(
    upload: Upload, *, kind: str, reference: str, agency: Agency, actor: AbstractBaseUser
) -> IssuedDocument:
    """Sign an uploaded PDF (a result drawn up elsewhere) as the agency, and store it."""
    if upload.content_type != "application/pdf":
        raise _refuse("type_not_accepted", _("A result must be a PDF file."))
    with upload.file.open("rb") as source:
        pdf = source.read()
    try:
        signed = signing.sign_pdf(pdf, agency=agency_identity(agency), reason="Kết quả")
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise _refuse(
            "damaged", _("This PDF cannot be signed: it is damaged or encrypted.")
        ) from exc
    return _store_issued(kind, reference, agency, signed, actor, clock.now())


@dataclass(frozen=True)
class Verification:
    verdict: str
    signatures: list[signing.SignatureCheck]
    issued: IssuedDocument | None  # the document, when this system issued these exact bytes


def verify_upload(file: UploadedFile) -> Verification:
    """Check the signatures of any uploaded PDF (public: nothing is stored)."""
    if not file.size or file.size > settings.MOTCUA_UPLOAD_MAX_BYTES:
        raise _refuse(
            "too_large" if file.size else "empty",
            _("Send a PDF file of at most %(max)d MB."),
            max=settings.MOTCUA_UPLOAD_MAX_BYTES // (1024 * 1024),
        )
    data = file.read()
    if not data.startswith(b"%PDF-"):
        raise _refuse("type_not_accepted", _("Only signed PDF files can be verified."))
    checks = signing.verify_pdf(data)
    issued = IssuedDocument.objects.filter(sha256=hashlib.sha256(data).hexdigest()).first()
    return Verification(signing.overall(checks), checks, issued)
