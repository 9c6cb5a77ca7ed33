"""A dossier's payment request as both sites show it."""

from typing import Any

from motcua.core.errors import DomainError
from motcua.dossiers.models import Dossier
from motcua.payments import services as payments


def payment_of(dossier: Dossier) -> Any:
    """Return the dossier's VietQR payment request, or None when it has no fee."""
    try:
        return payments.payment_request(dossier)
    except DomainError:
        return None
