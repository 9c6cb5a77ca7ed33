"""PAdES signatures (pyHanko): sign a PDF as an agency, and verify any uploaded PDF.

Verification never fetches anything over the network (`allow_fetching=False`): it trusts only the
configured roots, so the answer is the same offline as online.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
from pyhanko.sign.validation import EmbeddedPdfSignature, validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from motcua.documents import pki
from motcua.geography.selectors import province_name

logger = logging.getLogger(__name__)


class Verdict:
    VALID = "valid"
    INVALID = "invalid"
    MODIFIED = "modified"  # changed after signing
    UNKNOWN_SIGNER = "unknown_signer"  # intact, but not from a trusted root
    UNSIGNED = "unsigned"
    NOT_PDF = "not_pdf"


class Change:
    """What a revision added after a signature changed (its objects, as pyHanko reads them)."""

    SIGNATURE = "signature"  # another signature, checked on its own
    SIGNATURE_FIELD = "signature_field"  # an unsigned signature field: it can show anything
    FORM_FIELD = "form_field"
    ANNOTATION = "annotation"  # a comment, stamp, drawing or link over a page
    PAGE = "page"  # a page's content, or a page added
    METADATA = "metadata"  # the document's properties (title, author, dates)
    APPENDED_BYTES = "appended_bytes"  # data after the signed end of the file
    OTHER = "other"

    LABELS = {
        SIGNATURE: _("another signature"),
        SIGNATURE_FIELD: _("an unsigned signature field, which can show anything over the page"),
        FORM_FIELD: _("a form field or its value"),
        ANNOTATION: _("an annotation drawn over a page (a comment, stamp, drawing or link)"),
        PAGE: _("the content of a page, or a page"),
        METADATA: _("the document's properties (title, author, dates)"),
        APPENDED_BYTES: _("data after the end of the signed file"),
        OTHER: _("other parts of the file"),
    }
    ORDER = (
        SIGNATURE,
        SIGNATURE_FIELD,
        FORM_FIELD,
        ANNOTATION,
        PAGE,
        METADATA,
        APPENDED_BYTES,
        OTHER,
    )


@dataclass(frozen=True)
class SignatureCheck:
    verdict: str
    signer: str = ""
    signer_organisation: str = ""
    signed_at: datetime | None = None
    field: str = ""
    whole_document: bool = False  # the signature covers every byte of the file (pdfsig's words)
    changed_after: tuple[str, ...] = ()  # Change values, when it does not

    @property
    def changed_after_labels(self) -> list[Promise]:
        return [Change.LABELS[change] for change in self.changed_after]


class _SignerAt(signers.PdfSigner):
    """pyHanko's signer, with the signing time given (the one printed on the paper)."""

    def __init__(self, *args, at: datetime, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._at = at

    def init_signing_session(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        session = super().init_signing_session(*args, **kwargs)
        session.system_time = self._at
        return session


def signing_time() -> datetime:
    """Return the moment to sign at and to print as the signing time: the wall clock (the
    certificate is valid from its issue), to the second, as pdfsig and readers show it."""
    return timezone.localtime(timezone.now()).replace(microsecond=0)


def printed(at: datetime) -> str:
    """The signing time as the papers print it (the signature's own, to the second)."""
    return f"{timezone.localtime(at):%d/%m/%Y %H:%M:%S}"


def sign_pdf(
    pdf: bytes,
    *,
    agency: pki.AgencyIdentity,
    reason: str,
    location: str = "",
    at: datetime | None = None,
) -> bytes:
    """Return the PDF with a PAdES baseline signature of the agency added (incremental update),
    signed at `at` (by default now): the time printed on the paper is the signature's."""
    signer = pki.signer_for(agency)
    reader_input = BytesIO(pdf)
    writer = IncrementalPdfFileWriter(reader_input, strict=False)
    existing = len(PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures)
    meta = signers.PdfSignatureMetadata(
        field_name=f"Signature{existing + 1}",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or province_name(),
        name=agency.name,
    )
    out = BytesIO()
    _SignerAt(meta, signer=signer, at=at or signing_time()).sign_pdf(writer, output=out)
    return out.getvalue()


def _attribute(name: object, key: str) -> str:
    value = getattr(name, "native", {}).get(key, "")
    return value if isinstance(value, str) else ""


# Keys of the catalog and of a page that change along with an added field, annotation or
# validation data; what they point to is judged on its own.
_BOOKKEEPING = {
    "/Catalog": frozenset({"/AcroForm", "/Metadata", "/DSS", "/Perms"}),
    "/Page": frozenset({"/Annots"}),
}
_BY_TYPE = {"/Annot": Change.ANNOTATION, "/Metadata": Change.METADATA}
# What a later signature's own revision may change (pyHanko sets the document's modification
# date): covered by that signature, which is judged on its own.
_SIGNED_LATER = frozenset({Change.SIGNATURE, Change.METADATA})


def _raw(obj: generic.DictionaryObject, skip: frozenset[str]) -> dict[str, object]:
    return {str(k): obj.raw_get(k) for k in obj if str(k) not in skip}


def _changed_in_place(reader: PdfFileReader, ref: generic.Reference, revision: int, skip):
    """Whether an object that existed before this revision changed beyond the keys skipped."""
    if reader.xrefs.get_introducing_revision(ref) == revision:
        return True
    before = reader.get_object(ref, revision=revision - 1)
    after = reader.get_object(ref, revision=revision)
    if not isinstance(before, generic.DictionaryObject):
        return True
    return _raw(before, skip) != _raw(after, skip)


def _kind_of_dictionary(
    reader: PdfFileReader, ref: generic.Reference, revision: int, obj: generic.DictionaryObject
) -> str | None:
    kind, field_type = obj.get("/Type"), obj.get("/FT")
    if kind in ("/Sig", "/DocTimeStamp", "/Pages") or "/Fields" in obj:
        return None
    if field_type == "/Sig":
        return Change.SIGNATURE if "/V" in obj else Change.SIGNATURE_FIELD
    if field_type is not None or obj.get("/Subtype") == "/Widget":
        return Change.FORM_FIELD
    if kind in _BY_TYPE:
        return _BY_TYPE[kind]
    if kind in _BOOKKEEPING:  # changed beyond the keys that follow other changes
        if not _changed_in_place(reader, ref, revision, _BOOKKEEPING[kind]):
            return None
        return Change.PAGE if kind == "/Page" else Change.OTHER
    new = reader.xrefs.get_introducing_revision(ref) == revision
    if isinstance(obj, generic.StreamObject) and not new:
        return Change.PAGE  # a content stream rewritten in place
    return None if new else Change.OTHER


def _kind(reader: PdfFileReader, ref: generic.Reference, revision: int, info) -> str | None:
    """Name what one object written in a later revision changed; None for what only supports
    another change (an appearance, a font, the form's list of fields)."""
    if ref == info:
        return Change.METADATA
    obj = reader.get_object(ref, revision=revision)
    if isinstance(obj, generic.DictionaryObject):
        return _kind_of_dictionary(reader, ref, revision, obj)
    return None if reader.xrefs.get_introducing_revision(ref) == revision else Change.OTHER


def _changes_after(reader: PdfFileReader, signature: EmbeddedPdfSignature) -> tuple[str, ...]:
    """What the revisions after the signed one changed; appended bytes when there is none."""
    total = reader.xrefs.total_revisions
    if signature.signed_revision + 1 >= total:
        return (Change.APPENDED_BYTES,)
    found: set[str] = set()
    for revision in range(signature.signed_revision + 1, total):
        found |= _changes_in(reader, revision)
    return tuple(c for c in Change.ORDER if c in found)


def _changes_in(reader: PdfFileReader, revision: int) -> set[str]:
    info = reader.trailer.raw_get("/Info", revision=revision)
    info_ref = info.reference if isinstance(info, generic.IndirectObject) else None
    kinds: set[str | None] = set()
    for ref in reader.xrefs.explicit_refs_in_revision(revision):
        try:
            kinds.add(_kind(reader, ref, revision, info_ref))
        except Exception:  # noqa: BLE001 - an object pyHanko cannot read is a change too
            kinds.add(Change.OTHER)
    kinds.discard(None)
    return {k for k in kinds if k is not None} or {Change.OTHER}  # an empty revision is one too


def _check(
    status: PdfSignatureStatus,
    signature: EmbeddedPdfSignature,
    reader: PdfFileReader,
    sound_later: dict[int, str],
) -> SignatureCheck:
    """Judge one signature; `sound_later` maps the revisions of the later signatures that
    verify to their field names.

    Valid means the signed bytes are the whole file, or that every later revision only added a
    signature that verifies on its own (a countersignature), as pyHanko's difference analysis
    confirms: any other addition (an unsigned field or annotation drawn over the page, new
    metadata, bytes after the end) makes the document modified, with what was changed.
    """
    cert = status.signing_cert
    subject = cert.subject if cert is not None else None
    signed_at = getattr(status, "signer_reported_dt", None)
    common = {
        "signer": _attribute(subject, "organization_name") or _attribute(subject, "common_name"),
        "signer_organisation": _attribute(subject, "organizational_unit_name"),
        "signed_at": timezone.localtime(signed_at) if signed_at else None,
        "field": signature.field_name or "",
    }
    if not status.intact:
        return SignatureCheck(Verdict.MODIFIED, **common)
    if not status.valid:
        return SignatureCheck(Verdict.INVALID, **common)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        changes = _changes_after(reader, signature)
        later = range(signature.signed_revision + 1, reader.xrefs.total_revisions)
        diff = status.diff_result
        countersigned = (
            Change.SIGNATURE in changes
            and set(changes) <= _SIGNED_LATER
            and status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and all(revision in sound_later for revision in later)
            and isinstance(diff, DiffResult)
            and diff.modification_level <= ModificationLevel.FORM_FILLING
            and diff.changed_form_fields <= set(sound_later.values())
        )
        if not countersigned:
            return SignatureCheck(Verdict.MODIFIED, changed_after=changes, **common)
        common["changed_after"] = changes
    else:
        common["whole_document"] = True
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
    checks: dict[int, SignatureCheck] = {}
    sound_later: dict[int, str] = {}
    for index in reversed(range(len(signatures))):  # the last first: earlier ones rely on it
        signature = signatures[index]
        try:
            status = validate_pdf_signature(signature, context)
            check = _check(status, signature, reader, dict(sound_later))
        except Exception as exc:  # a malformed signature dictionary is an invalid signature
            logger.info("verify_bad_signature", extra={"error": type(exc).__name__})
            check = SignatureCheck(Verdict.INVALID, field=signature.field_name or "")
        checks[index] = check
        if check.verdict in (Verdict.VALID, Verdict.UNKNOWN_SIGNER):
            sound_later[signature.signed_revision] = signature.field_name or ""
    return [checks[index] for index in range(len(signatures))]


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
