"""Dossiers filed on the national public service portal, received here (issue 23).

They come pushed (`POST /api/v1/national-portal/dossiers/`, signed by the portal or by a
system-role token) or pulled (`motcua nationalportal pull`, and every worker round). Either way
`receive` makes each one a dossier exactly once, by its national code: the dossier keeps both
codes, and a second delivery (even at the same moment: the national code is unique) gives back
the first dossier. It is routed like any dossier filed online (intake's `receive_dossier`);
the documents are fetched from the portal and kept as uploads of the portal's account. A dossier
that cannot be received (an unknown procedure code, a missing document…) is refused back with
the reason and listed for the centre (`NationalFiling`, state refused).
"""

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.catalog import selectors as catalog
from motcua.catalog.models import ProcedureVersion
from motcua.core import clock
from motcua.core.errors import DomainError, RuleViolation
from motcua.documents.services import store_upload
from motcua.dossiers.models import Dossier
from motcua.dossiers.receiving import receiving_point
from motcua.dossiers.services import receive_dossier
from motcua.identity.models import Membership, Role
from motcua.integrations import connectors, webhooks
from motcua.integrations.connectors.base import DeliveryFailed
from motcua.integrations.models import FilingState, NationalFiling
from motcua.nationalportal.national_input import NationalDossierIn, as_json

logger = logging.getLogger(__name__)
SIGNATURE_TOLERANCE_SECONDS = 300


class NationalDossierRefused(RuleViolation):
    code = "national_dossier_refused"
    message = "%(reason)s"


@dataclass(frozen=True)
class Outcome:
    dossier: Dossier | None
    created: bool
    filing: NationalFiling
    refusal: DomainError | None = None

    def answer(self) -> dict[str, Any]:
        """What the portal is told: our code, or the refusal with its reason (in Vietnamese)."""
        if self.dossier is not None:
            return {"status": "accepted", "code": self.dossier.code}
        return {
            "status": "refused",
            "reason": self.filing.reason,
            "error": self.filing.refusal_code,
        }


def signed(body: bytes, headers: Any) -> bool:
    """Whether the push carries the portal's Standard Webhooks signature, recent enough."""
    return webhooks.verified(
        settings.MOTCUA_NATIONAL_PORTAL_PUSH_SECRET,
        body,
        headers,
        tolerance_seconds=SIGNATURE_TOLERANCE_SECONDS,
    )


def account() -> AbstractBaseUser:
    """The national portal's system account: it files the portal's dossiers."""
    user, created = get_user_model().objects.get_or_create(
        username=settings.MOTCUA_NATIONAL_PORTAL_ACCOUNT,
        defaults={"first_name": "Cổng Dịch vụ công quốc gia"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, role=Role.SYSTEM)
    return user


def _refusal(reason: str, code: str) -> NationalDossierRefused:
    return NationalDossierRefused(
        params={"reason": reason}, fields={"reason": [reason], "code": code}
    )


def _requirement(version: ProcedureVersion, item: dict[str, Any], index: int) -> int:
    requirements = list(version.documents.all())
    wanted = item.get("requirement")
    found = next((r for r in requirements if wanted and r.pk == wanted), None)
    if found is None and item.get("name"):
        name = str(item["name"]).strip().casefold()
        found = next((r for r in requirements if r.name.strip().casefold() == name), None)
    if found is None:
        raise _refusal(
            _("Document %(index)d is not one the procedure asks for.") % {"index": index + 1},
            "unknown_document",
        )
    return found.pk


def _documents(
    version: ProcedureVersion, items: list[dict[str, Any]], actor: AbstractBaseUser
) -> list[dict[str, Any]]:
    """The portal's documents as intake takes them: fetched files become our uploads."""
    documents = []
    for index, item in enumerate(items):
        requirement = _requirement(version, item, index)
        if item.get("from_data"):
            documents.append({"requirement": requirement, "from_data": True})
            continue
        reference = item.get("file_url") or item.get("data_ref") or ""
        try:
            name, content = connectors.national_portal().document(reference)
        except DeliveryFailed as exc:
            raise _refusal(
                _("Document %(index)d could not be fetched from the portal.")
                % {"index": index + 1},
                "document_unavailable",
            ) from exc
        upload = store_upload(SimpleUploadedFile(name, content), actor=actor)
        documents.append({"requirement": requirement, "file": upload.pk})
    return documents


def _intake_data(body: dict[str, Any], actor: AbstractBaseUser) -> tuple[dict[str, Any], int]:
    """Our intake's input for the portal's dossier, and the applicant's VNeID level."""
    try:
        version = catalog.get_published_version(body["procedure"])
    except DomainError as exc:
        raise _refusal(
            _("No published procedure of this province has the code %(code)s.")
            % {"code": body["procedure"]},
            "unknown_procedure",
        ) from exc
    applicant = dict(body["applicant"])
    level = int(applicant.pop("vneid_level", 0) or 0)
    unit = body.get("competent_unit") or ""
    payment = body.get("payment") or {}
    data = {
        "procedure": body["procedure"],
        "channel": "online",
        "receiving_point": receiving_point(version, unit),
        "competent_unit": unit,
        "applicant": applicant,
        "documents": _documents(version, body.get("documents") or [], actor),
        "delivery": body.get("delivery") or {"method": "online"},
        "form": {
            **(body.get("form") or {}),
            "national_portal": {
                "national_code": body["national_code"],
                "received_at": str(body.get("received_at") or ""),
                "vneid_level": level,
                "payment": payment,
            },
        },
        "national_code": body["national_code"],
    }
    return data, level


def _note(body: dict[str, Any], **changes: Any) -> NationalFiling:
    """Record the delivery of the portal's dossier: one row per national code, counted."""
    now = clock.now()
    with transaction.atomic():
        filing = (
            NationalFiling.objects.select_for_update()
            .filter(national_code=body["national_code"])
            .first()
        )
        if filing is None:
            try:
                with transaction.atomic():
                    return NationalFiling.objects.create(
                        national_code=body["national_code"],
                        procedure_code=str(body.get("procedure", ""))[:40],
                        body=as_json(body),
                        first_received_at=now,
                        last_received_at=now,
                        **{"state": FilingState.ACCEPTED, **changes},
                    )
            except IntegrityError:  # delivered twice at once: count this one on the first
                filing = NationalFiling.objects.select_for_update().get(
                    national_code=body["national_code"]
                )
        NationalFiling.objects.filter(pk=filing.pk).update(
            deliveries=F("deliveries") + 1, last_received_at=now, **changes
        )
        filing.refresh_from_db()
        return filing


def receive(body: dict[str, Any]) -> Outcome:
    """Receive one dossier of the portal (a validated body, see api.NationalDossierIn)."""
    earlier = Dossier.objects.filter(national_code=body["national_code"]).first()
    if earlier is not None:
        filing = _note(body)
        logger.info("national_dossier_again", extra={"national_code": body["national_code"]})
        return Outcome(earlier, False, filing)
    actor = account()
    try:
        with translation.override("vi"):  # the reason goes back to the portal in Vietnamese
            data, level = _intake_data(body, actor)
            dossier, created = receive_dossier(data, actor=actor, assurance=level)
    except DomainError as exc:
        with translation.override("vi"):
            reason = _reason(exc)
        filing = _note(
            body,
            state=FilingState.REFUSED,
            reason=reason,
            refusal_code=exc.code,
            dossier=None,
        )
        logger.warning(
            "national_dossier_refused",
            extra={"national_code": body["national_code"], "error": exc.code},
        )
        return Outcome(None, False, filing, exc)
    filing = _note(body, state=FilingState.ACCEPTED, reason="", refusal_code="", dossier=dossier)
    logger.info(
        "national_dossier_received",
        extra={"national_code": body["national_code"], "dossier": dossier.code},
    )
    return Outcome(dossier, created, filing)


def _reason(exc: DomainError) -> str:
    """The refusal in words: the message, then what each field says."""
    parts = [exc.render()]

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif str(value) not in parts and value != exc.code:
            parts.append(str(value))

    walk({k: v for k, v in exc.fields.items() if k != "code"})
    return " ".join(p for p in parts if p)[:2000]


def acknowledged(outcome: Outcome) -> None:
    """Mark that the portal has our answer on the dossier."""
    NationalFiling.objects.filter(pk=outcome.filing.pk).update(acknowledged_at=clock.now())


def pull() -> int:
    """Receive what the portal holds for us and tell it each answer; return how many came.

    A dossier whose acknowledgement fails stays pending at the portal and comes again: it is
    then the same dossier (the national code), acknowledged again."""
    portal = connectors.national_portal()
    try:
        items = portal.pending()
    except DeliveryFailed as exc:  # the next round tries again; pushes still come in
        logger.warning("national_portal_pull_failed", extra={"error": str(exc)[:200]})
        return 0
    done = 0
    for item in items:
        serializer = NationalDossierIn(data=item)
        code = str(item.get("national_code") or "")[:60]
        if not serializer.is_valid():
            if code:
                portal.acknowledge(
                    code, {"status": "refused", "reason": str(serializer.errors)[:2000]}
                )
            continue
        outcome = receive(serializer.validated_data)
        portal.acknowledge(outcome.filing.national_code, outcome.answer())
        acknowledged(outcome)
        done += 1
    return done
