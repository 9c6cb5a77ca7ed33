"""PAdES signatures (pyHanko): sign a PDF as an agency, and verify any uploaded PDF.

Verification never fetches anything over the network (`allow_fetching=False`): it trusts only the
configured roots, so the answer is the same offline as online.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from django.utils import timezone

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from motcua.documents import pki

logger = logging.getLogger(__name__)


class Verdict:
    VALID = "valid"
    INVALID = "invalid"
    MODIFIED = "modified"  # changed after signing
    UNKNOWN_SIGNER = "unknown_signer"  # intact, but not from a trusted root
    UNSIGNED = "unsigned"
    NOT_PDF = "not_pdf"


@dataclass(frozen=True)
class SignatureCheck:
    verdict: str
    signer: str = ""
    signer_organisation: str = ""
    signed_at: datetime | None = None
    field: str = ""


def sign_pdf(
    pdf: bytes, *, agency: pki.AgencyIdentity, reason: str, location: str = "Hà Nội"
) -> bytes:
    """Return the PDF with a PAdES baseline signature of the agency added (incremental update)."""
    signer = pki.signer_for(agency)
    reader_input = BytesIO(pdf)
    writer = IncrementalPdfFileWriter(reader_input, strict=False)
    existing = len(PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures)
    meta = signers.PdfSignatureMetadata(
        field_name=f"Signature{existing + 1}",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=agency.name,
    )
    out = BytesIO()
    signers.sign_pdf(writer, meta, signer=signer, output=out)
    return out.getvalue()


def _attribute(name: object, key: str) -> str:
    value = getattr(name, "native", {}).get(key, "")
    return value if isinstance(value, str) else ""


def _check(status: PdfSignatureStatus, field: str) -> SignatureCheck:
    cert = status.signing_cert
    subject = cert.subject if cert is not None else None
    signed_at = getattr(status, "signer_reported_dt", None)
    common = {
        "signer": _attribute(subject, "organization_name") or _attribute(subject, "common_name"),
        "signer_organisation": _attribute(subject, "organizational_unit_name"),
        "signed_at": timezone.localtime(signed_at) if signed_at else None,
        "field": field,
    }
    if not status.intact:
        return SignatureCheck(Verdict.MODIFIED, **common)
    if not status.valid:
        return SignatureCheck(Verdict.INVALID, **common)
    coverage = getattr(status, "coverage", None)
    level = getattr(status, "modification_level", None)
    beyond_signed = coverage is not None and coverage.name != "ENTIRE_FILE"
    if beyond_signed and (level is None or level > ModificationLevel.FORM_FILLING):
        return SignatureCheck(Verdict.MODIFIED, **common)
    if not status.trusted:
        return SignatureCheck(Verdict.UNKNOWN_SIGNER, **common)
    return SignatureCheck(Verdict.VALID, **common)


def verify_pdf(pdf: bytes) -> list[SignatureCheck]:
    """Check every signature of the PDF against the trusted roots; [] when it has none."""
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        logger.info("verify_unreadable_pdf", extra={"error": type(exc).__name__})
        return [SignatureCheck(Verdict.NOT_PDF)]
    context = ValidationContext(trust_roots=pki.load_trust_roots(), allow_fetching=False)
    checks = []
    for signature in signatures:
        try:
            status = validate_pdf_signature(signature, context)
        except Exception as exc:  # a malformed signature dictionary is an invalid signature
            logger.info("verify_bad_signature", extra={"error": type(exc).__name__})
            checks.append(SignatureCheck(Verdict.INVALID, field=signature.field_name or ""))
            continue
        checks.append(_check(status, signature.field_name or ""))
    return checks


def overall(checks: list[SignatureCheck]) -> str:
    """Return the verdict of a whole document: its worst signature, or unsigned."""
    if not checks:
        return Verdict.UNSIGNED
    order = [
        Verdict.NOT_PDF,
        Verdict.MODIFIED,
        Verdict.INVALID,
        Verdict.UNKNOWN_SIGNER,
        Verdict.VALID,
    ]
    return min((c.verdict for c in checks), key=order.index)
