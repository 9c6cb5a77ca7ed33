"""The counter's own action after intake: scanning in paper that arrives later (DOMAIN P3)."""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.services.errors import InvalidDossier
from motcua.dossiers.services.filed_documents import check_documents, keep_scans
from motcua.dossiers.services.processing import _act
from motcua.dossiers.workflow import Action


def digitise(
    dossier: Dossier,
    *,
    actor: AbstractBaseUser,
    expected_version: int | None = None,
    documents: list[dict[str, Any]],
) -> Dossier:
    """Add paper documents scanned at the counter, vouched for by the officer (DOMAIN P3)."""
    if any(item.get("from_data") for item in documents):
        raise InvalidDossier(fields={"documents": [_("Only scanned files can be added here.")]})
    rows = check_documents(
        documents,
        dossier.procedure_version,
        actor,
        dossier.applicant_id_number,
        require_all=False,
        form=dossier.form,
    )

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        for row in rows:
            row.dossier, row.round = d, d.supplement_rounds
            row.digitised_by, row.digitised_at = actor, now
        DossierDocument.objects.bulk_create(rows)
        keep_scans(d, rows)
        return {"documents": [row.requirement_id for row in rows]}

    return _act(
        dossier, Action.DIGITISE, actor=actor, expected_version=expected_version, change=change
    )
