"""The documents of a filing: uploads, facts "from data" the national databases hold, copies
from the applicant's wallet, each checked against the procedure's list (DOMAIN C4) before
the dossier is written (`intake`, the counter's digitising and the supplements use them)."""

import logging
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.models import (
    DataSource,
    DocumentSubject,
    ProcedureVersion,
    RequiredDocument,
)
from motcua.core import clock
from motcua.documents.models import Upload
from motcua.dossiers.models import (
    Dossier,
    DossierDocument,
    MatchStatus,
)
from motcua.dossiers.services.errors import (
    InvalidDossier,
    invalid,
)
from motcua.identity.connectors.base import SourceUnavailable
from motcua.identity.idnumbers import id_number_problem
from motcua.identity.models import (
    WalletDocument,
    WalletKind,
)
from motcua.identity.services import keep_in_wallet, look_up

logger = logging.getLogger(__name__)


def person_id_number(applicant: dict[str, Any]) -> str:
    """The ID number of the person behind the applicant: the citizen, or the organisation's
    legal representative."""
    if applicant.get("kind") == "organisation":
        return str(applicant["representative"]["id_number"])
    return str(applicant["id_number"])


def check_subject(requirement: RequiredDocument, id_number: str) -> None:
    """Refuse the ID number the form gives for the person a document is about if it is not one."""
    problem = id_number_problem(id_number)
    if problem is not None:
        key = DocumentSubject(requirement.subject).id_key
        raise InvalidDossier(fields={"form": {key: [problem.render()]}})


def documents_of(
    data: dict[str, Any],
    version: ProcedureVersion,
    actor: AbstractBaseUser,
    members: list[ProcedureVersion] = (),  # type: ignore[assignment]
) -> list[DossierDocument]:
    """Check every listed document is uploaded by the caller or satisfied from national data.

    A group's filing (Decree 63/2024) carries each member procedure's documents: the lead's
    are all required; a participating part's are checked as given (the group's one form
    replaces the members' forms, and its agency may ask for a supplement of its part only)."""
    items = data.get("documents") or []
    own = {r.pk for r in version.documents.all()}
    rows = check_documents(
        [i for i in items if not members or i["requirement"] in own],
        version,
        actor,
        person_id_number(data["applicant"]),
        require_all=True,
        form=data.get("form") or {},
        wallet_consent=data.get("wallet_consent"),
        enterprise_code=data["applicant"].get("enterprise_code") or "",
    )
    for member in members:
        listed = {r.pk for r in member.documents.all()}
        rows += check_documents(
            [i for i in items if i["requirement"] in listed],
            member,
            actor,
            data["applicant"]["id_number"],
            require_all=False,
            form=data.get("form") or {},
        )
    if members:
        known = own.union(*({r.pk for r in m.documents.all()} for m in members))
        if any(i["requirement"] not in known for i in items):
            raise invalid("documents", _("The group does not list this document."))
    return rows


def _from_data(
    requirement: RequiredDocument,
    source: str,
    id_number: str,
    actor: AbstractBaseUser,
    index: int,
    purpose: str,
) -> DossierDocument:
    """Match the requirement in national data (DOMAIN C4), on the record of the person the
    document is about (`id_number`; "" when that person is not known yet: not matched). When
    the source is down the dossier is still received: the match waits and the worker retries
    it; no paper is asked."""
    row = DossierDocument(requirement=requirement, from_data=source, subject_id_number=id_number)
    if not id_number:
        row.match_status = MatchStatus.UNMATCHED
        return row
    try:
        match = look_up(
            source,
            id_number=id_number,
            purpose=purpose,
            caller=actor.get_username(),
        )
    except SourceUnavailable:
        row.match_status = MatchStatus.PENDING
        return row
    if not match.found:
        if requirement.subject:  # someone else's record, not held yet (a newborn): not matched
            row.match_status = MatchStatus.UNMATCHED
            return row
        raise invalid(
            f"documents[{index}].from_data", _("The national database does not hold this record.")
        )
    row.match_status, row.facts, row.matched_at = MatchStatus.MATCHED, match.facts, clock.now()
    return row


def subject_id_number(
    requirement: RequiredDocument, *, applicant: str, form: dict[str, Any] | None
) -> str:
    """Return the ID number of the person the document is about: the applicant's, or the one
    the dossier's form gives for the child, the deceased or the spouse ("" if not given)."""
    if not requirement.subject:
        return applicant
    value = (form or {}).get(DocumentSubject(requirement.subject).id_key) or ""
    return str(value).strip()


def _from_wallet(
    requirement: RequiredDocument,
    item_id: int,
    id_number: str,
    actor: AbstractBaseUser,
    index: int,
    consent: dict[str, Any] | None,
) -> DossierDocument:
    """Reuse a document of the applicant's wallet (DOMAIN P3, once-only), if still valid.

    The item must be the applicant's and reachable by the filer (`work.reachable_wallet`): kept
    from a dossier the filer filed online, or, at a counter, with the holder's consent.
    """
    from motcua.dossiers import work  # work reads the dossiers' selectors, which read services

    item = work.reachable_wallet(actor, id_number, consent=consent).filter(pk=item_id).first()
    if item is None and not work.wallet_consent_given(consent):
        held = WalletDocument.objects.filter(pk=item_id, id_number=id_number).exists()
        if held and work.receiving_points(actor).exists():
            raise invalid(
                "wallet_consent",
                _(
                    "The holder's wallet is reached only with their consent: record their "
                    "confirmation in VNeID or that they presented their ID card."
                ),
            )
    if item is None or item.upload_id is None and item.issued_id is None:
        raise invalid(
            f"documents[{index}].wallet_item", _("No document of the wallet has this id.")
        )
    if item.valid_until is not None and item.valid_until < timezone.localdate():
        raise invalid(f"documents[{index}].wallet_item", _("This document is no longer valid."))
    return DossierDocument(requirement=requirement, upload_id=item.upload_id, wallet_item=item)


def _own_record(requirement: RequiredDocument, about: str, enterprise_code: str) -> str:
    """An organisation's own document in the business registry is matched on its enterprise
    code (its registration certificate), not on its representative's ID number."""
    own = requirement.replaceable_by == DataSource.BUSINESS_REGISTRY and not requirement.subject
    return enterprise_code if enterprise_code and own else about


def check_documents(
    items: list[dict[str, Any]],
    version: ProcedureVersion,
    actor: AbstractBaseUser,
    id_number: str,
    *,
    require_all: bool,
    form: dict[str, Any] | None = None,
    wallet_consent: dict[str, Any] | None = None,
    enterprise_code: str = "",
) -> list[DossierDocument]:
    """Return unsaved DossierDocuments for the items, or raise naming the bad field.

    `id_number` is the applicant's (an organisation's representative's); `form` the dossier's
    answers, which name the other people documents may be about (DocumentSubject.id_key);
    `wallet_consent` the holder's consent to reach their wallet at a counter (WalletConsent);
    `enterprise_code` an organisation applicant's: the business registry is matched on it."""
    requirements = {r.pk: r for r in version.documents.all()}
    uploads = Upload.objects.in_bulk([i["file"] for i in items if i.get("file")])
    rows = []
    for index, item in enumerate(items):
        requirement = requirements.get(item["requirement"])
        if requirement is None:
            raise invalid(
                f"documents[{index}].requirement", _("The procedure does not list this document.")
            )
        if item.get("from_data"):
            source = requirement.replaceable_by
            if not source:
                raise invalid(
                    f"documents[{index}].from_data",
                    _("This document cannot be replaced by national data."),
                )
            purpose = f"intake {version.procedure.code}: {requirement.name}"
            about = subject_id_number(requirement, applicant=id_number, form=form)
            about = _own_record(requirement, about, enterprise_code)
            if about and about not in (id_number, enterprise_code):
                check_subject(requirement, about)
            rows.append(_from_data(requirement, source, about, actor, index, purpose))
            continue
        if item.get("wallet_item"):
            rows.append(
                _from_wallet(
                    requirement, item["wallet_item"], id_number, actor, index, wallet_consent
                )
            )
            continue
        upload = uploads.get(item.get("file"))
        if upload is None or upload.owner_id != actor.pk:
            raise invalid(f"documents[{index}].file", _("No upload of yours has this id."))
        rows.append(DossierDocument(requirement=requirement, upload=upload))
    if require_all:
        given = {row.requirement_id for row in rows}
        missing = [r.name for r in requirements.values() if r.required and r.pk not in given]
        if missing:
            raise InvalidDossier(
                fields={
                    "documents": [
                        _("Missing required document: %(name)s") % {"name": name}
                        for name in missing
                    ]
                }
            )
    return rows


def keep_scans(dossier: Dossier, rows: list[DossierDocument]) -> None:
    """Keep the documents digitised at the counter in the applicant's wallet (DOMAIN P3)."""
    for row in rows:
        if row.digitised_at is not None and row.upload is not None:
            keep_in_wallet(
                id_number=dossier.applicant_id_number,
                name=row.requirement.name,
                kind=WalletKind.DIGITISED,
                sha256=row.upload.sha256,
                dossier_code=dossier.code,
                upload_id=row.upload.pk,
            )
