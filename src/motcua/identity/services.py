"""Officials' accounts, the document wallet, and logged look-ups in national databases."""

import logging
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import DomainError, Forbidden
from motcua.geography.models import AdministrativeUnit, Agency, ServicePoint
from motcua.identity.connectors import national_data
from motcua.identity.connectors.base import Match
from motcua.identity.models import (
    CITY_WIDE_ROLES,
    CommunityHelper,
    DataAccess,
    Membership,
    Role,
    WalletDocument,
)
from motcua.identity.selectors import official_scope

logger = logging.getLogger(__name__)


@transaction.atomic(durable=True)
def create_official(
    username: str, *, role: str, agency: str = "", point: str = "", password: str | None = None
) -> AbstractBaseUser:
    """Create (or update) an official with one membership; idempotent by username and role."""
    if role not in Role.values:
        raise DomainError(_("Unknown role %(role)s."), params={"role": role})
    place: dict[str, object] = {"agency": None, "service_point": None}
    if role == Role.RECEIVING_OFFICER:
        found = ServicePoint.objects.filter(code=point).first()
        if found is None:
            raise DomainError(_("A receiving officer needs a service point (--point)."))
        place["service_point"] = found
    elif role not in CITY_WIDE_ROLES or agency:
        found_agency = Agency.objects.filter(code=agency).first()
        if found_agency is None:
            raise DomainError(_("This role needs an agency (--agency)."))
        place["agency"] = found_agency
    user, created = get_user_model().objects.get_or_create(username=username)
    if password:
        user.set_password(password)
        user.save()
    elif created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(user=user, role=role, **place)
    return user


def keep_in_wallet(
    *,
    id_number: str,
    name: str,
    kind: str,
    sha256: str,
    dossier_code: str,
    upload_id: int | None = None,
    issued_id: int | None = None,
) -> None:
    """Keep a digitised document or a signed result for the holder's reuse (DOMAIN P3).

    Runs inside the caller's transaction; the same content is kept once per holder.
    """
    WalletDocument.objects.bulk_create(
        [
            WalletDocument(
                id_number=id_number,
                name=name,
                kind=kind,
                sha256=sha256,
                dossier_code=dossier_code,
                upload_id=upload_id,
                issued_id=issued_id,
                added_at=clock.now(),
            )
        ],
        ignore_conflicts=True,
    )


def look_up(source: str, *, id_number: str, purpose: str, caller: str) -> Match:
    """Ask a national database, and log the call (whatever its outcome) with purpose and caller.

    Raises SourceUnavailable when the source cannot answer now.
    """
    started = time.monotonic()
    outcome = "unavailable"
    try:
        match = national_data().lookup(source, id_number=id_number)
        outcome = "found" if match.found else "not_found"
        return match
    finally:
        DataAccess.objects.create(
            source=source,
            id_number=id_number,
            purpose=purpose[:200],
            caller=caller[:150],
            outcome=outcome,
            duration_ms=int((time.monotonic() - started) * 1000),
            at=clock.now(),
        )
        logger.info("national_data_access", extra={"source": source, "outcome": outcome})


@transaction.atomic(durable=True)
def register_helper(
    username: str, *, unit: str, team: str, actor: AbstractBaseUser
) -> CommunityHelper:
    """Register a community digital team member (the centre, or an official of that ward)."""
    place = AdministrativeUnit.objects.filter(code=unit).first()
    if place is None:
        raise DomainError(_("No ward or commune has the code %(code)s."), params={"code": unit})
    scope = official_scope(actor)
    ward_agencies = set(Agency.objects.filter(unit=place).values_list("pk", flat=True))
    if Role.COORDINATOR not in scope.city_roles and not ward_agencies & set(scope.roles_at_agency):
        raise Forbidden()
    user, _created = get_user_model().objects.get_or_create(username=username)
    helper, _created = CommunityHelper.objects.update_or_create(
        user=user,
        defaults={
            "unit": place,
            "team": team,
            "active": True,
            "registered_by": actor,
            "registered_at": clock.now(),
        },
    )
    return helper
