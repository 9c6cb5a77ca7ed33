"""Who an official is: roles, agencies and service points."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from motcua.identity.models import (
    CITY_WIDE_ROLES,
    Citizen,
    CommunityHelper,
    Membership,
    OrganisationRole,
)


@dataclass(frozen=True)
class OfficialScope:
    """What a signed-in user is, as an official; empty for citizens."""

    roles_at_agency: dict[int, frozenset[str]]
    roles_at_point: dict[int, frozenset[str]]
    city_roles: frozenset[str]

    @property
    def is_official(self) -> bool:
        return bool(self.roles_at_agency or self.roles_at_point or self.city_roles)

    @property
    def sees_everything(self) -> bool:
        return bool(self.city_roles)


EMPTY_SCOPE = OfficialScope({}, {}, frozenset())


def official_scope(user: AbstractBaseUser | AnonymousUser) -> OfficialScope:
    """Return the user's roles by agency, by service point and city-wide (one query)."""
    if not user.is_authenticated:
        return EMPTY_SCOPE
    memberships = Membership.objects.filter(user=user)
    return _scope(memberships.values_list("role", "agency_id", "service_point_id"))


@dataclass(frozen=True)
class PointOfOfficial:
    pk: int
    code: str
    agency_id: int | None


def official_scope_and_points(
    user: AbstractBaseUser | AnonymousUser,
) -> tuple[OfficialScope, list[PointOfOfficial]]:
    """Return `official_scope(user)` and the service points it gives roles at, by code (one
    query: the memberships joined to their points)."""
    if not user.is_authenticated:
        return EMPTY_SCOPE, []
    rows = list(
        Membership.objects.filter(user_id=user.pk).values_list(
            "role",
            "agency_id",
            "service_point_id",
            "service_point__code",
            "service_point__agency_id",
        )
    )
    scope = _scope(row[:3] for row in rows)
    points = {
        point_id: PointOfOfficial(point_id, code, agency_id)
        for _role, _agency, point_id, code, agency_id in rows
        if point_id in scope.roles_at_point
    }
    return scope, sorted(points.values(), key=lambda point: point.code)


def _scope(memberships: Iterable[tuple[str, int | None, int | None]]) -> OfficialScope:
    agencies: dict[int, set[str]] = {}
    points: dict[int, set[str]] = {}
    city: set[str] = set()
    for role, agency_id, point_id in memberships:
        if role in CITY_WIDE_ROLES:
            city.add(role)
        elif agency_id:
            agencies.setdefault(agency_id, set()).add(role)
        elif point_id:
            points.setdefault(point_id, set()).add(role)
    return OfficialScope(
        {k: frozenset(v) for k, v in agencies.items()},
        {k: frozenset(v) for k, v in points.items()},
        frozenset(city),
    )


def citizen_of(user: AbstractBaseUser | AnonymousUser) -> Citizen | None:
    """Return who the user is as verified by the identity provider, or None (not signed in
    through it: an official, or a demo account with a password)."""
    if not user.is_authenticated:
        return None
    return Citizen.objects.filter(user=user).first()


def verified_numbers(user_id: int) -> QuerySet[Citizen, str]:
    """The ID number the identity provider verified for this account (none or one), as a
    query that a filter can use without running it."""
    return Citizen.objects.filter(user_id=user_id).values_list("id_number", flat=True)


def agency_officials(agency_id: int) -> list[AbstractBaseUser]:
    """Return the handling officers and approvers of an agency (whom a step may be assigned)."""
    rows = Membership.objects.filter(
        agency_id=agency_id, role__in=["handling_officer", "approver"]
    ).select_related("user")
    return sorted({m.user for m in rows}, key=lambda user: user.get_username())


def helper_accounts() -> list[int]:
    """Return the user ids of the active community digital team helpers (DOMAIN G2)."""
    return list(CommunityHelper.objects.filter(active=True).values_list("user_id", flat=True))


def usernames(user_ids: list[int]) -> dict[int, str]:
    """Return the usernames of these accounts by id."""
    users = get_user_model().objects.filter(pk__in=user_ids)
    return dict(users.values_list("pk", "username"))


def organisations_of(user: AbstractBaseUser | AnonymousUser) -> list[OrganisationRole]:
    """Return the organisations the signed-in person may act for (their VNeID organisation
    accounts), with the role, by name."""
    if not user.is_authenticated:
        return []
    return list(
        OrganisationRole.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def organisation_role(user: AbstractBaseUser | AnonymousUser, code: str) -> OrganisationRole | None:
    """Return the person's role at the organisation with this enterprise code, if any."""
    if not user.is_authenticated:
        return None
    return (
        OrganisationRole.objects.filter(user=user, organisation__enterprise_code=code)
        .select_related("organisation")
        .first()
    )


def citizen_id_number(user: AbstractBaseUser | AnonymousUser) -> str:
    """Return the signed-in citizen's ID number ("" for an official or an API account)."""
    if not user.is_authenticated:
        return ""
    return Citizen.objects.filter(user=user).values_list("id_number", flat=True).first() or ""
