"""Who applies (issue 22): a citizen, or an organisation through its legal representative or
a person it authorised; the procedure must admit the applicant's kind (the catalog's
`applicants`, from the portal page's `doi_tuong_thuc_hien`)."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from motcua.catalog.applicants import admits
from motcua.catalog.models import ProcedureVersion
from motcua.core import clock
from motcua.documents.models import Upload
from motcua.dossiers.services.errors import InvalidDossier
from motcua.identity.connectors.base import SourceUnavailable
from motcua.identity.idnumbers import id_number_problem
from motcua.identity.organisations import (
    ApplicantKind,
    AuthorisationMethod,
    FilerRole,
    OrgKind,
    enterprise_code_problem,
    normalise_enterprise_code,
)
from motcua.identity.selectors import citizen_id_number, organisation_role
from motcua.identity.services import look_up

# Organisations the national business registry holds (associations and public bodies are not
# registered there).
REGISTERED_KINDS = frozenset(
    {OrgKind.ENTERPRISE, OrgKind.BRANCH, OrgKind.HOUSEHOLD_BUSINESS, OrgKind.COOPERATIVE}
)


def check_person(field: str, person: dict[str, Any], path: tuple[str, ...] = ()) -> None:
    """Refuse an ID number that breaks a rule of DOMAIN I5, naming the rule (and the field)."""
    born = person.get("date_of_birth")
    problem = id_number_problem(person["id_number"], born_on=born, sex=person.get("sex"))
    if problem is not None:
        errors: dict[str, Any] = {"id_number": [problem.render()]}
        for key in reversed(path):
            errors = {key: errors}
        raise InvalidDossier(fields={field: errors})


def _refuse(key: str, message: str) -> InvalidDossier:
    return InvalidDossier(fields={"applicant": {key: [message]}})


def kind_label(kind: str, org_kind: str = "") -> str:
    if kind == ApplicantKind.ORGANISATION:
        return str(OrgKind(org_kind).label) if org_kind in OrgKind.values else str(kind)
    return str(ApplicantKind.CITIZEN.label)


def check_applicant(
    version: ProcedureVersion, data: dict[str, Any], actor: AbstractBaseUser
) -> dict[str, Any]:
    """Check the applicant and return it in its stored form; refuse naming the field.

    A citizen is checked as today. An organisation's enterprise code is checked (length,
    format, check digit), the procedure must admit its kind, its representative's ID number
    must be valid, and whoever files must be the representative or authorised: by a letter
    uploaded by the filer, or by the organisation's VNeID account (recorded at sign-in)."""
    applicant = dict(data["applicant"])
    kind = applicant.get("kind") or ApplicantKind.CITIZEN
    if kind == ApplicantKind.CITIZEN:
        applicant.pop("kind", None)
        check_person("applicant", applicant)
        _admitted(version, kind)
        return applicant
    org_kind = applicant.get("org_kind") or ""
    code = normalise_enterprise_code(str(applicant.get("enterprise_code") or ""))
    problem = enterprise_code_problem(code)
    if problem is not None:
        raise _refuse("enterprise_code", problem.render())
    if org_kind == OrgKind.BRANCH and "-" not in code:
        raise _refuse(
            "enterprise_code",
            _("A branch or dependent unit has a 13-digit code (0101248141-001)."),
        )
    _admitted(version, kind, org_kind)
    representative = dict(applicant["representative"])
    check_person("applicant", representative, ("representative",))
    filer = _filer(data, actor, representative)
    role, authorisation = _authorisation(applicant, actor, code, representative, filer)
    stored = {
        "kind": ApplicantKind.ORGANISATION.value,
        "org_kind": org_kind,
        "enterprise_code": code,
        "name": applicant["name"],
        # who pays and how the receipt addresses the applicant (as for a citizen)
        "full_name": applicant["name"],
        "address": applicant.get("address") or "",
        "representative": representative,
        "filer_role": role,
        **({"authorisation": authorisation} if authorisation else {}),
    }
    for key in ("phone", "email"):
        if representative.get(key):
            stored[key] = representative[key]
    if org_kind in REGISTERED_KINDS:
        stored["registry"] = _registered(code, actor, representative)
    return stored


def _admitted(version: ProcedureVersion, kind: str, org_kind: str = "") -> None:
    if not admits(list(version.applicants or []), kind, org_kind):
        raise _refuse(
            "kind",
            _("This procedure does not admit this kind of applicant: %(kind)s.")
            % {"kind": kind_label(kind, org_kind)},
        )


def _filer(data: dict[str, Any], actor: AbstractBaseUser, representative: dict[str, Any]) -> str:
    """Return the ID number of the person who files: the submitter named, else the signed-in
    citizen; at a counter without a submitter, the representative came in person."""
    submitter = data.get("submitter") or {}
    if submitter.get("id_number"):
        return str(submitter["id_number"])
    return citizen_id_number(actor) or str(representative["id_number"])


def _authorisation(
    applicant: dict[str, Any],
    actor: AbstractBaseUser,
    code: str,
    representative: dict[str, Any],
    filer: str,
) -> tuple[str, dict[str, Any] | None]:
    """Return the filer's role and the recorded authorisation (None for the representative)."""
    given = applicant.get("authorisation") or {}
    role = organisation_role(actor, code)
    if filer == representative["id_number"] and not given:
        return FilerRole.REPRESENTATIVE.value, None
    method = given.get("method")
    now = clock.now().isoformat()
    if method == AuthorisationMethod.LETTER:
        letter = Upload.objects.filter(pk=given.get("file") or 0, owner=actor).first()
        if letter is None:
            raise _refuse(
                "authorisation", _("Attach the authorisation letter (an upload of yours).")
            )
        return FilerRole.AUTHORISED.value, {"method": method, "file": letter.pk, "recorded_at": now}
    if method == AuthorisationMethod.VNEID_ORGANISATION:
        if role is None:
            raise _refuse(
                "authorisation",
                _(
                    "The organisation's VNeID account does not list you: sign in again through "
                    "VNeID or attach an authorisation letter."
                ),
            )
        return role.role, {"method": method, "confirmed_at": role.confirmed_at.isoformat()}
    raise _refuse(
        "authorisation",
        _(
            "You are not the organisation's legal representative: record the authorisation "
            "(a letter, or the organisation's VNeID account)."
        ),
    )


def _registered(
    code: str, actor: AbstractBaseUser, representative: dict[str, Any]
) -> dict[str, Any]:
    """Look the organisation up in the national business registry: its registered data, and
    whether it names the same legal representative. The registry being down never stops the
    filing (DOMAIN C4): the officials see that it was not checked."""
    try:
        match = look_up(
            "business_registry",
            id_number=code,
            purpose=f"intake: organisation applicant {code}",
            caller=actor.get_username(),
        )
    except SourceUnavailable:
        return {"status": "unavailable"}
    if not match.found:
        return {"status": "not_found"}
    held = match.facts.get("representative") or {}
    return {
        "status": "found",
        "name": match.facts.get("name", ""),
        "address": match.facts.get("address", ""),
        "representative_matches": held.get("id_number") == representative["id_number"],
        "checked_at": clock.now().isoformat(),
    }
