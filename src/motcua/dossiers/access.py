"""Who may see what of a dossier: the one access rule (STYLE §4, §14) and what a viewer reads.

`AccessScope` is computed once per (user, request) and everything derives from it: the list
filter, the roles on one dossier, seeing the applicant's number, the papers one may download and
`Viewer`, which masks personal data for those who do not handle the dossier. The reads of
dossiers that use it are in `selectors`, which also exposes these names.
"""

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from motcua.dossiers.models import Dossier, DossierDocument, DossierPart, Event, Transfer
from motcua.dossiers.workflow import APPLICANT, FORMER_AGENCY, PARTICIPANT, SYSTEM
from motcua.identity.idnumbers import mask_account_name, mask_id_number
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope_and_points, verified_numbers

User = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class PointRoles:
    pk: int
    code: str
    agency_id: int | None
    roles: frozenset[str]


@dataclass(frozen=True)
class AccessScope:
    """Who a user is towards dossiers: the one access rule (STYLE §14). The list filter, the
    roles on one dossier, seeing the applicant's number and downloading the papers all derive
    from it, so that an official who has a role on a dossier always sees it, and only them.

    An official acts on a dossier received at one of their service points, chosen by the
    applicant as the point to collect the result at, or handled by their agency (or by the
    agency that owns their point); city-wide roles see all; applicants their own: the ones
    they filed, and the ones filed on the national public service portal in the name of the
    verified person they are (the portal files them through its own account).

    Each rule is one method here (`owns`, `roles_on`, `handles`, `sees`, `may_download`,
    `shows_applicant`) and the database filter (`filter`, `own_q`) states the same.
    """

    user_id: int | None
    superuser: bool = False
    city_roles: frozenset[str] = frozenset()
    roles_at_agency: dict[int, frozenset[str]] = field(default_factory=dict)
    points: tuple[PointRoles, ...] = ()
    citizen: bool = False  # not an official: may be a person the identity provider verified

    @property
    def sees_everything(self) -> bool:
        return bool(self.city_roles) or self.superuser

    @cached_property
    def citizen_number(self) -> str:
        """The ID number the identity provider verified for this user ("" if none), looked
        up only when a dossier of the national portal asks for it."""
        if not self.citizen or self.user_id is None:
            return ""
        return verified_numbers(self.user_id).first() or ""

    def own_q(self) -> Q:
        """The dossiers that are this user's own, as a database filter (as `owns`)."""
        mine = Q(owner_id=self.user_id)
        if self.citizen and self.user_id is not None:
            numbers = verified_numbers(self.user_id)
            mine |= Q(national_code__isnull=False, applicant_id_number__in=numbers)
        return mine

    def owns(self, dossier: Dossier) -> bool:
        """Return whether the user is the dossier's applicant: its filer, or the verified
        person a dossier of the national portal was filed for."""
        if self.user_id is None:
            return False
        return dossier.owner_id == self.user_id or bool(
            self.citizen
            and dossier.national_code
            and dossier.applicant_id_number == self.citizen_number
        )

    def filter(self, dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
        """Return the dossiers of `dossiers` this user may see (as `sees`, in the database)."""
        if self.user_id is None:
            return dossiers.none()
        if self.sees_everything:
            return dossiers
        agencies = set(self.roles_at_agency) | {p.agency_id for p in self.points if p.agency_id}
        return dossiers.filter(
            self.own_q()
            | Q(receiving_point__in=[p.pk for p in self.points])
            | Q(handling_agency__in=agencies)
            | Q(delivery__point__in=[p.code for p in self.points])
            | Q(Exists(Transfer.objects.filter(dossier=OuterRef("pk"), from_agency__in=agencies)))
            | Q(Exists(DossierPart.objects.filter(dossier=OuterRef("pk"), agency__in=agencies)))
        )

    def _agencies(self) -> set[int]:
        return set(self.roles_at_agency) | {p.agency_id for p in self.points if p.agency_id}

    def part_agencies(self, dossier: Dossier) -> set[int]:
        """Return the agencies of the user that take part in this joint dossier (not its lead)."""
        mine = self._agencies()
        return {
            p.agency_id
            for p in dossier.parts.all()
            if p.agency_id in mine and p.agency_id != dossier.handling_agency_id
        }

    def roles_on(self, dossier: Dossier) -> set[str]:
        """Return the roles the user plays on this dossier (applicant, receiving officer, ...)."""
        if self.user_id is None:
            return set()
        roles: set[str] = set()
        if self.owns(dossier):
            roles.add(APPLICANT)
        if Role.SYSTEM in self.city_roles:
            roles.add(SYSTEM)
        roles |= self.roles_at_agency.get(dossier.handling_agency_id, frozenset())
        delivery_point = (dossier.delivery or {}).get("point")
        for point in self.points:
            if (
                point.pk == dossier.receiving_point_id
                or point.code == delivery_point
                or point.agency_id == dossier.handling_agency_id
            ):
                roles |= point.roles
        if not roles - {APPLICANT, SYSTEM}:
            mine = self._agencies()
            if self.part_agencies(dossier):
                roles.add(PARTICIPANT)
            if any(t.from_agency_id in mine for t in dossier.transfers.all()):
                roles.add(FORMER_AGENCY)
        return roles

    def readable_requirements(self, dossier: Dossier) -> set[int] | None:
        """Return the requirements whose documents the user may read on the dossier: None for
        all of them; for an official who only takes part in a joint dossier, those of their
        agency's parts (issue 24: the other parts' documents are not theirs to see)."""
        roles = self.roles_on(dossier)
        if self.sees_everything or PARTICIPANT not in roles or roles - {PARTICIPANT}:
            return None
        mine = self.part_agencies(dossier)
        return {pk for p in dossier.parts.all() if p.agency_id in mine for pk in p.requirements}

    def readable_issued(self, dossier: Dossier) -> set[int] | None:
        """Return the issued documents the user may read: None for all; a participating
        agency's official, the results of their agency's parts."""
        if self.readable_requirements(dossier) is None:
            return None
        mine = self.part_agencies(dossier)
        return {
            p.result_document_id
            for p in dossier.parts.all()
            if p.agency_id in mine and p.result_document_id is not None
        }

    def sees(self, dossier: Dossier) -> bool:
        """Return whether the user may see the dossier: a role on it, or a city-wide role."""
        return self.sees_everything or bool(self.roles_on(dossier))

    def handles(self, dossier: Dossier) -> bool:
        """Return whether the user is the applicant or an official of the handling agency."""
        handling = {Role.HANDLING_OFFICER, Role.APPROVER}
        return self.owns(dossier) or bool(
            self.roles_at_agency.get(dossier.handling_agency_id, frozenset()) & handling
        )

    def shows_applicant(self, dossier: Dossier) -> bool:
        """Return whether the applicant's ID number is shown whole (else masked): to those
        who handle the dossier (`handles`), in the API and the workspace alike."""
        return self.handles(dossier)

    def may_download(self, dossier: Dossier) -> bool:
        """The papers: to the applicant and the officials who act on it (and the superuser)."""
        return self.superuser or bool(self.roles_on(dossier))


NO_ACCESS = AccessScope(None)


def access_scope(user: User) -> AccessScope:
    """Return the user's access scope (one query; none for an anonymous user)."""
    if not user.is_authenticated:
        return NO_ACCESS
    scope, at_points = official_scope_and_points(user)
    points = tuple(
        PointRoles(p.pk, p.code, p.agency_id, scope.roles_at_point[p.pk]) for p in at_points
    )
    return AccessScope(
        user.pk,
        superuser=bool(getattr(user, "is_superuser", False)),
        city_roles=scope.city_roles,
        roles_at_agency=scope.roles_at_agency,
        points=points,
        citizen=not scope.is_official,
    )


@dataclass(frozen=True)
class Viewer:
    """Who reads a dossier: enough to decide what personal data to show, without queries."""

    scope: AccessScope

    def handles(self, dossier: Dossier) -> bool:
        """Return whether the viewer is the applicant or an official of the handling agency."""
        return self.scope.handles(dossier)

    def applicant_of(self, dossier: Dossier) -> dict[str, Any]:
        """Return the applicant as this viewer may see them: in full to those who handle the
        dossier, else the name and the ID number's last 4 digits."""
        if self.scope.shows_applicant(dossier):
            return {"kind": dossier.applicant_kind, **dossier.applicant}
        number = mask_id_number(dossier.applicant_id_number)
        if dossier.applicant_kind == "organisation":  # its code and name are public facts
            held = dossier.applicant
            return {
                "kind": "organisation",
                "org_kind": held.get("org_kind", ""),
                "enterprise_code": dossier.enterprise_code,
                "name": dossier.applicant_name,
                "representative": {
                    "id_number": number,
                    "full_name": (held.get("representative") or {}).get("full_name", ""),
                },
            }
        return {"kind": "citizen", "id_number": number, "full_name": dossier.applicant_name}

    def documents_of(self, dossier: Dossier) -> list[DossierDocument]:
        """Return the dossier's documents this viewer may read (`readable_requirements`)."""
        allowed = self.scope.readable_requirements(dossier)
        return [
            d for d in dossier.documents.all() if allowed is None or d.requirement_id in allowed
        ]

    def actor_of(self, dossier: Dossier, event: Event) -> str:
        """Return who acted, as this viewer may see it: a citizen's account name carries their
        ID number, shown whole only to those who see the applicant's number whole."""
        return (
            event.actor if self.scope.shows_applicant(dossier) else mask_account_name(event.actor)
        )

    def applicant_shown(self, dossier: Dossier) -> dict[str, Any]:
        """The applicant as shown on a page, with whether the number is masked."""
        return {
            **self.applicant_of(dossier),
            "masked": not self.scope.shows_applicant(dossier),
        }


NOBODY = Viewer(NO_ACCESS)  # who sees only what anyone who may see the dossier sees


def viewer(user: User) -> Viewer:
    """Return the viewer of dossiers that `user` is (its access scope)."""
    return Viewer(access_scope(user))
