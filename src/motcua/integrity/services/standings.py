"""Register lawful representatives (a lawyer with a mandate, a business filing for itself):
their identities are scored like anyone's, but never flagged as brokers."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import DomainError, Forbidden
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.integrity import keys
from motcua.integrity.models import KeyKind, Standing

NORMALISE = {KeyKind.PHONE: keys.phone, KeyKind.EMAIL: keys.email}


@transaction.atomic(durable=True)
def register_standing(
    identities: list[tuple[str, str]],
    *,
    actor: AbstractBaseUser,
    kind: str,
    holder: str,
    mandate: str,
    valid_until: date | None = None,
) -> list[Standing]:
    """Register (or renew) the standing of each identity (kind, value) of one holder."""
    if not official_scope(actor).city_roles & {Role.COORDINATOR, Role.INSPECTOR}:
        raise Forbidden()
    if not mandate.strip():
        raise DomainError(fields={"mandate": [_("Name the mandate or registration.")]})
    rows = []
    for key_kind, value in identities:
        clean = NORMALISE.get(key_kind, str)(value)
        standing, _created = Standing.objects.update_or_create(
            key_kind=key_kind,
            key_value=clean,
            defaults={
                "kind": kind,
                "holder": holder,
                "mandate": mandate.strip(),
                "valid_until": valid_until,
                "registered_by": actor,
                "registered_at": clock.now(),
            },
        )
        rows.append(standing)
    return rows
