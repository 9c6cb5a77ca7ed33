"""What other apps do when a dossier is received, or when an official's request is refused.

The integrity oversight registers itself here in its AppConfig.ready (its rolling count of each
submitter, in the intake transaction; the trace of a refused request, in its own transaction),
so that the dossiers app does not import integrity (docs/adr/0001-layering.md).
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from motcua.dossiers.models import Dossier

# The refusals the inspection team must see (integrity's IntegrityKind has the same values).
EXTRA_DOCUMENT_REQUEST = "extra_document_request"
REPEATED_SUPPLEMENT = "repeated_supplement"

RECEIVED: list[Callable[..., None]] = []  # listener(dossier, *, helper_id)
REFUSED: list[Callable[..., Any]] = []  # listener(kind, *, dossier_code, official, agency, details)


def received(dossier: Dossier, *, helper_id: int | None, own_organisation: bool = False) -> None:
    """A dossier was received (in the intake transaction); `helper_id`: the community helper
    who filed it, if one did; `own_organisation`: filed by the organisation's legal
    representative (as the business registry names them) for it."""
    for listener in RECEIVED:
        listener(dossier, helper_id=helper_id, own_organisation=own_organisation)


def refused(
    kind: str, *, dossier: Dossier, official: AbstractBaseUser, details: dict[str, Any]
) -> None:
    """An official's request was refused by a rule; the listeners record it (their own
    transaction: the trace stays although the request is rolled back)."""
    for listener in REFUSED:
        listener(
            kind,
            dossier_code=dossier.code,
            official=official,
            agency=dossier.handling_agency,
            details=details,
        )
