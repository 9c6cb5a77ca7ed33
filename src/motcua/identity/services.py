"""Officials' accounts, the document wallet, and logged look-ups in national databases."""

import copy
import logging
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import DomainError, Forbidden
from motcua.documents.models import Upload
from motcua.geography.models import AdministrativeUnit, Agency, AgencyKind, ServicePoint
from motcua.identity.connectors import national_data
from motcua.identity.connectors.base import Match
from motcua.identity.connectors.business import SOURCE as BUSINESS_SOURCE
from motcua.identity.connectors.business import business_registry
from motcua.identity.errors import (
    HelperOfAnotherWard,
    InvalidHelper,
    InvalidPortalLink,
    NoSuchAccount,
)
from motcua.identity.idnumbers import id_number_problem
from motcua.identity.models import (
    CITY_WIDE_ROLES,
    Citizen,
    CommunityHelper,
    ConsentMethod,
    DataAccess,
    Membership,
    OfficialPortalLink,
    Organisation,
    OrganisationRole,
    Role,
    WalletDocument,
)
from motcua.identity.organisations import (
    FilerRole,
    OrgKind,
    enterprise_code_problem,
    normalise_enterprise_code,
)
from motcua.identity.selectors import OfficialScope, official_scope

logger = logging.getLogger(__name__)


@transaction.atomic(durable=True)
def create_official(
    username: str,
    *,
    role: str,
    agency: str = "",
    point: str = "",
    password: str | None = None,
    full_name: tuple[str, str] | None = None,
    position: str = "",
) -> AbstractBaseUser:
    """Create (or update) an official with one membership; idempotent by username and role.

    `full_name` is (family name, given names), `position` the title papers print."""
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
    if full_name is not None:
        user.last_name, user.first_name = full_name
        user.save(update_fields=["last_name", "first_name"])
    membership, _created = Membership.objects.get_or_create(user=user, role=role, **place)
    if position and membership.position != position:
        membership.position = position
        membership.save(update_fields=["position"])
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


class AccessLog:
    """Look-ups in national databases logged later, all at once (one statement), inside the
    caller's transaction: the intake writes them with its dossier (`write`, then `committed`
    once that transaction committed). What is not known to be committed when the block ends is
    written then, on its own: a refused intake's look-ups are logged too."""

    def __init__(self) -> None:
        self.pending: list[DataAccess] = []

    def write(self) -> None:
        """Write the pending rows in the current transaction; they stay pending until
        `committed` (a rollback loses the copies written, not the rows)."""
        if self.pending:
            DataAccess.objects.bulk_create([copy.copy(row) for row in self.pending])

    def committed(self) -> None:
        self.pending = []

    def flush(self) -> None:
        self.write()
        self.committed()


_ACCESS_LOG: ContextVar[AccessLog | None] = ContextVar("access_log", default=None)


@contextmanager
def access_log() -> Iterator[AccessLog]:
    """Within the block, `look_up` keeps its log rows in the AccessLog yielded (see there)."""
    log = AccessLog()
    token = _ACCESS_LOG.set(log)
    try:
        yield log
    finally:
        _ACCESS_LOG.reset(token)
        log.flush()


def is_enterprise_key(key: str) -> bool:
    """Return whether a look-up key is an enterprise code rather than a personal ID number."""
    return len(key) != 12 or "-" in key


def look_up(source: str, *, id_number: str, purpose: str, caller: str) -> Match:
    """Ask a national database, and log the call (whatever its outcome) with purpose and caller.

    Raises SourceUnavailable when the source cannot answer now. In the business registry an
    enterprise code (10 or 13 digits) asks for the organisation's own registered data.
    """
    started = time.monotonic()
    outcome = "unavailable"
    try:
        if source == BUSINESS_SOURCE and is_enterprise_key(id_number):
            match = business_registry().lookup(id_number)  # an organisation's own record
        else:
            match = national_data().lookup(source, id_number=id_number)
        outcome = "found" if match.found else "not_found"
        return match
    finally:
        row = DataAccess(
            source=source,
            id_number=id_number,
            purpose=purpose[:200],
            caller=caller[:150],
            outcome=outcome,
            duration_ms=int((time.monotonic() - started) * 1000),
            at=clock.now(),
        )
        pending = _ACCESS_LOG.get()
        if pending is None:
            row.save(force_insert=True)
        else:
            pending.pending.append(row)
        logger.info("national_data_access", extra={"source": source, "outcome": outcome})


@transaction.atomic(durable=True)
def register_helper(
    username: str,
    *,
    unit: str,
    team: str,
    consent: Mapping[str, Any],
    actor: AbstractBaseUser,
) -> CommunityHelper:
    """Register a community digital team member, with their consent (DOMAIN G2).

    The centre registers for any ward; a ward's leader (an approver of its People's Committee)
    for their own ward only, and never takes another ward's helper. Nobody creates an account
    this way: the member has one already (they signed in once with VNeID, or an operator made it).
    """
    place = AdministrativeUnit.objects.filter(code=unit).first()
    if place is None:
        raise DomainError(_("No ward or commune has the code %(code)s."), params={"code": unit})
    scope = official_scope(actor)
    centre = Role.COORDINATOR in scope.city_roles
    if not centre and not _leads_ward(scope, place):
        raise Forbidden()
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NoSuchAccount(fields={"username": [username]})
    current = CommunityHelper.objects.select_for_update().filter(user=user).first()
    if current is not None and current.unit_id != place.pk and not centre:
        raise HelperOfAnotherWard()
    now = clock.now()
    helper, _created = CommunityHelper.objects.update_or_create(
        user=user,
        defaults={
            "unit": place,
            "team": team,
            "active": True,
            "registered_by": actor,
            "registered_at": now,
            **_helper_consent(consent, actor=actor, now=now),
        },
    )
    logger.info("helper_registered", extra={"helper": helper.pk, "unit": place.code})
    return helper


def _leads_ward(scope: OfficialScope, place: AdministrativeUnit) -> bool:
    """Return whether the official is a leader (approver) of the ward's People's Committee."""
    committees = Agency.objects.filter(unit=place, kind=AgencyKind.COMMUNE_COMMITTEE)
    return any(
        Role.APPROVER in scope.roles_at_agency.get(pk, ())
        for pk in committees.values_list("pk", flat=True)
    )


def _helper_consent(
    consent: Mapping[str, Any], *, actor: AbstractBaseUser, now: datetime
) -> dict[str, Any]:
    """Return the member's consent as the helper's fields: how, when, the signed form."""
    method = consent.get("method")
    if method not in ConsentMethod.values:
        raise InvalidHelper(
            fields={"consent": [_("Record how the member agreed to be registered.")]}
        )
    given_at = consent.get("given_at") or now
    if given_at > now:
        raise InvalidHelper(fields={"consent": [_("The consent cannot be given in the future.")]})
    form = None
    if method == ConsentMethod.SIGNED_FORM:
        form = Upload.objects.filter(pk=consent.get("file") or 0, owner=actor).first()
        if form is None:
            raise InvalidHelper(
                fields={"consent": [_("Attach the consent form the member signed.")]}
            )
    return {
        "consent_method": method,
        "consent_given_at": given_at,
        "consent_file": form,
        "consent_note": str(consent.get("note") or "")[:500],
    }


@transaction.atomic
def citizen_signed_on(person: Mapping[str, Any], *, level: int) -> AbstractBaseUser:
    """The citizen account of a person the national portal's sign-on vouched for (an ID
    number checked against DOMAIN I5): created on the first visit, as a VNeID sign-in does,
    and brought up to date with what the portal says."""
    number = person["id_number"]
    citizen = Citizen.objects.select_for_update().filter(id_number=number).first()
    if citizen is None:
        user = get_user_model().objects.create_user(f"cd-{number}")
        user.set_unusable_password()
        user.save()
        citizen = Citizen.objects.create(user=user, id_number=number, verified_at=clock.now())
    changes = {k: person[k] for k in ("full_name", "date_of_birth", "sex", "email", "phone")}
    Citizen.objects.filter(pk=citizen.pk).update(
        **{k: v for k, v in changes.items() if v},
        assurance_level=max(level, 1),
        verified_at=clock.now(),
    )
    return citizen.user


@transaction.atomic(durable=True)
def link_portal_account(username: str, id_number: str) -> OfficialPortalLink:
    """Link an official account to the person's national portal account (their ID number), so
    that the portal's links to the workspace sign them in as that official."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NoSuchAccount()
    problem = id_number_problem(id_number)
    if problem is not None:
        raise InvalidPortalLink(fields={"id_number": [problem.render()]})
    link, _created = OfficialPortalLink.objects.update_or_create(
        user=user, defaults={"id_number": id_number, "linked_at": clock.now()}
    )
    return link


def sync_organisations(user: AbstractBaseUser, listed: object) -> int:
    """Record the organisations a person may act for, as their VNeID sign-in (level 2) listed
    them (`MOTCUA_OIDC_ORGANISATIONS_CLAIM`): the list replaces the earlier one. Entries with a
    bad enterprise code or role are skipped. Runs in the caller's transaction; returns how many
    were recorded."""
    now = clock.now()
    kept: list[int] = []
    for entry in listed if isinstance(listed, list) else []:
        if not isinstance(entry, dict):
            continue
        code = normalise_enterprise_code(str(entry.get("enterprise_code", "")))
        role = entry.get("role")
        if enterprise_code_problem(code) is not None or role not in FilerRole.values:
            continue
        kind = entry.get("org_kind") if entry.get("org_kind") in OrgKind.values else "enterprise"
        held = entry.get("representative")
        held = held if isinstance(held, dict) else {}
        number = str(held.get("id_number", ""))
        org, _created = Organisation.objects.update_or_create(
            enterprise_code=code,
            defaults={
                "kind": kind,
                "name": str(entry.get("name", ""))[:300] or code,
                "address": str(entry.get("address", ""))[:500],
                "representative_id_number": number if len(number) == 12 else "",
                "representative_name": str(held.get("full_name", ""))[:200],
                "updated_at": now,
            },
        )
        found, _created = OrganisationRole.objects.update_or_create(
            organisation=org, user=user, defaults={"role": role, "confirmed_at": now}
        )
        kept.append(found.pk)
    OrganisationRole.objects.filter(user=user).exclude(pk__in=kept).delete()
    return len(kept)
