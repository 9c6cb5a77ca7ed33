"""Signing the result: drawn up from the procedure's template or uploaded, signed PAdES by the
competent agency, and kept in the applicant's wallet (DOMAIN P3)."""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from motcua.documents import services as issuing
from motcua.documents.models import DocumentKind, Upload
from motcua.dossiers import deadlines, paperwork
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import joint
from motcua.dossiers.services.errors import InvalidDossier
from motcua.dossiers.services.fee_listeners import result_signed
from motcua.dossiers.services.processing import _act, _apply, _finish_tasks_up_to
from motcua.dossiers.workflow import Action
from motcua.identity.models import WalletKind
from motcua.identity.services import keep_in_wallet


def sign_result(
    dossier: Dossier,
    *,
    actor: AbstractBaseUser,
    expected_version: int | None = None,
    result_file: int | None = None,
) -> Dossier:
    """Sign the result as the competent agency (PAdES, DOMAIN P3); the clock stops.

    The result is drawn up from the procedure's template, or is the PDF the approver uploaded
    (`result_file`) for results drawn up elsewhere. It goes into the applicant's wallet.
    """
    upload = None
    if result_file is not None:
        upload = Upload.objects.filter(pk=result_file, owner=actor).first()
        if upload is None:
            raise InvalidDossier(fields={"result_file": [_("No upload of yours has this id.")]})
    elif not paperwork.has_result_template(dossier):
        raise InvalidDossier(
            _("This procedure's result is drawn up elsewhere: upload it as a PDF (result_file)."),
            fields={"result_file": ["required"]},
        )

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        joint.ensure_parts_done(d)  # the lead signs the result set once every part is done
        d.finished_at = now
        if upload is not None:
            signed = issuing.issue_uploaded(
                upload,
                kind=DocumentKind.RESULT,
                reference=d.code,
                agency=d.handling_agency,
                actor=actor,
            )
        else:
            signed = issuing.issue(paperwork.result(d, signer=actor), actor=actor)
        d.result_document = signed
        result_signed(d)  # e.g. the postal order of a paper result (the delivery app)
        keep_in_wallet(
            id_number=d.applicant_id_number,
            name=d.procedure_version.result or d.procedure_version.name,
            kind=WalletKind.RESULT,
            sha256=signed.sha256,
            dossier_code=d.code,
            issued_id=signed.pk,
        )
        return {
            "signer": actor.get_username(),
            "agency": d.handling_agency.code,
            "document": signed.pk,
            "sha256": signed.sha256,
            "on_time": not deadlines.finished_late(d.due_at, now),
        }

    return _act(
        dossier, Action.SIGN_RESULT, actor=actor, expected_version=expected_version, change=change
    )


def delivered_by_post(dossier: Dossier, *, postal: dict[str, Any]) -> Dossier:
    """The post delivered the paper result (its proof in `postal`): the result is returned
    (the system's action, inside the delivery app's transaction)."""

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        d.returned_at = now
        _finish_tasks_up_to(d, None, now)
        d.delivery = {**(d.delivery or {}), "postal": postal}
        return {"delivery": d.delivery}

    return _apply(dossier, Action.RETURN_RESULT, actor=None, expected_version=None, change=change)


def note_postal(dossier: Dossier, *, postal: dict[str, Any], method: str = "") -> None:
    """Keep the postal order's state on the dossier (tracking number, status, cost), inside the
    delivery app's transaction; `method` changes how the result is handed over (a returned
    item collected at the counter). No event: the delivery app's own log has each status."""
    delivery = {**(dossier.delivery or {}), "postal": postal}
    if method:
        delivery["method"] = method
    Dossier.objects.filter(pk=dossier.pk).update(delivery=delivery)
    dossier.delivery = delivery
