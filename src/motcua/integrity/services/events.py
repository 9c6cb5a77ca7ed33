"""Record integrity events in their own transaction, so a refusal still leaves its trace."""

import logging
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from motcua.geography.models import Agency
from motcua.integrity.models import IntegrityEvent

logger = logging.getLogger(__name__)


@transaction.atomic(durable=True)
def record_integrity_event(
    kind: str,
    *,
    dossier_code: str,
    official: AbstractBaseUser,
    agency: Agency,
    details: dict[str, Any],
) -> IntegrityEvent:
    """Record what an official did that the inspection team must be able to see."""
    event = IntegrityEvent.objects.create(
        kind=kind, dossier_code=dossier_code, official=official, agency=agency, details=details
    )
    logger.info("integrity_event_recorded", extra={"kind": kind, "dossier": dossier_code})
    return event
