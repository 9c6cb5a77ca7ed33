"""Filing online, step by step: the draft kept in the session between the steps, and the intake
request it becomes (the body of POST /api/v1/dossiers/, for the same intake service)."""

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from motcua.catalog.applicants import admits
from motcua.catalog.models import JointGroup, ProcedureVersion, RequiredDocument, VersionStatus
from motcua.catalog.result_papers import ResultField
from motcua.documents.pdf import render_pdf
from motcua.documents.services import store_upload
from motcua.dossiers import work
from motcua.dossiers.receiving import receiving_point
from motcua.geography.selectors import province_unit_name
from motcua.identity import selectors as identity
from motcua.identity.connectors.base import SourceUnavailable
from motcua.identity.selectors import citizen_of
from motcua.identity.services import look_up
from motcua.portal.models import FilingDraft
from motcua.web.filing import document_choice, document_items, service_points, unit_choices, units  # noqa: F401 (the portal's views use them as filing.*)
from motcua.web.forms import DetailsForm
from motcua.web.wording import in_language

STEP_LABELS = {
    "applicant": _("Applicant"),
    "details": _("Details"),
    "documents": _("Documents"),
    "delivery": _("Result"),
    "review": _("Review and submit"),
}


# Procedures whose result the system does not draw up itself but which need data on filing
# (issue 19): marriage, the other spouse; copies of civil-status extracts, how many (the fee is
# per copy). Keys are the dossier form's answers (DocumentSubject.id_key for the spouse's ID).
INFORMATION: dict[str, tuple[ResultField, ...]] = {
    "1.000894": (
        ResultField("Họ, chữ đệm và tên bên kia", "form.spouse_full_name"),
        ResultField("Ngày, tháng, năm sinh bên kia", "form.spouse_date_of_birth"),
        ResultField("Số định danh cá nhân bên kia", "form.spouse_id_number"),
    ),
    "2.000635": (
        ResultField("Loại giấy tờ cần bản sao", "form.copy_of"),
        ResultField("Số bản sao", "form.copies", default="1"),
    ),
}


def questions(version: ProcedureVersion) -> list[ResultField]:
    """The procedure's questions: those its result is drawn up from, then the information it
    needs on filing."""
    return [*work.form_fields(version), *INFORMATION.get(version.procedure.code, ())]


def steps_of(version: ProcedureVersion) -> list[str]:
    """Return the steps of filing this procedure: 'details' only when it asks questions."""
    steps = list(STEP_LABELS)
    if not questions(version):
        steps.remove("details")
    return steps


def is_declaration(requirement: RequiredDocument) -> bool:
    """Whether the requirement is the procedure's declaration form (tờ khai)."""
    return requirement.name.strip().casefold().startswith("tờ khai")


def eform_declaration(version: ProcedureVersion) -> RequiredDocument | None:
    """The declaration that the online e-form replaces: filed online, the applicant and details
    steps are the declaration, so no paper one is asked for (issue 19)."""
    if "details" not in steps_of(version):
        return None
    return next((r for r in version.documents.all() if is_declaration(r)), None)


class Draft:
    """The answers of one filing so far: in the session, and saved for a signed-in filer (a
    draft is not lost at sign-out; "My dossiers" lists it)."""

    def __init__(self, request: HttpRequest, code: str, group: JointGroup | None = None) -> None:
        """`code` is the procedure's; a group's filing (`group`, filed under its lead's
        procedure) is kept apart from a filing of that procedure alone."""
        self.session = request.session
        self.group = group
        self.code = f"group:{group.code}" if group else code
        self.name = f"filing:{self.code}"
        self.base = (
            reverse("portal:group_file", args=[group.code])
            if group
            else reverse("portal:file", args=[code])
        )
        self.owner = request.user if request.user.is_authenticated else None
        kept = self.session.get(self.name)
        if kept is None and self.owner is not None:
            saved = FilingDraft.objects.filter(owner=self.owner, procedure_code=code).first()
            kept = saved.data if saved is not None else None
        self.data: dict[str, Any] = kept or {
            "key": uuid.uuid4().hex,  # the intake's Idempotency-Key: a double submit files once
            "documents": {},
        }

    def __getitem__(self, key: str) -> Any:
        return self.data.get(key)

    def url(self, step: str) -> str:
        """The address of one step of this filing."""
        return f"{self.base}{step}/"

    def update(self, **values: Any) -> None:
        self.data.update(values)
        self.session[self.name] = self.data
        if self.owner is not None:
            FilingDraft.objects.update_or_create(
                owner=self.owner, procedure_code=self.code, defaults={"data": self.data}
            )

    def clear(self) -> None:
        self.session.pop(self.name, None)
        if self.owner is not None:
            FilingDraft.objects.filter(owner=self.owner, procedure_code=self.code).delete()


def drafts_of(user: AbstractBaseUser) -> list[dict[str, Any]]:
    """The filer's drafts, newest first, with the procedure's (or group's) name and address."""
    rows = list(FilingDraft.objects.filter(owner=user)[:20])
    names = dict(
        ProcedureVersion.objects.filter(
            procedure__code__in=[r.procedure_code for r in rows], status=VersionStatus.PUBLISHED
        ).values_list("procedure__code", "name")
    )
    kept = [
        r.procedure_code.removeprefix("group:") for r in rows if r.procedure_code[:6] == "group:"
    ]
    groups = (
        {f"group:{g.code}": g for g in JointGroup.objects.filter(is_published=True, code__in=kept)}
        if kept
        else {}
    )
    out = []
    for r in rows:
        if r.procedure_code in names:
            name, url = names[r.procedure_code], reverse("portal:file", args=[r.procedure_code])
        elif r.procedure_code in groups:
            group = groups[r.procedure_code]
            name = in_language(group.name, group.name_en)
            url = reverse("portal:group_file", args=[group.code])
        else:
            continue
        out.append({"code": r.procedure_code, "name": name, "url": url, "saved_at": r.updated_at})
    return out


@dataclass(frozen=True)
class Prefill:
    initial: dict[str, Any]
    verified: bool


VERIFIED = ("id_number", "full_name", "date_of_birth", "sex")


def prefill(user: AbstractBaseUser) -> Prefill:
    """Return what the sign-in (VNeID) verified about the applicant."""
    citizen = citizen_of(user)
    if citizen is None:
        return Prefill({}, verified=False)
    born = citizen.date_of_birth
    initial: dict[str, Any] = {
        "id_number": citizen.id_number,
        "full_name": citizen.full_name,
        "date_of_birth": born.isoformat() if born else "",
        "sex": citizen.sex,
        "phone": citizen.phone,
        "email": citizen.email,
    }
    return Prefill(initial, verified=True)


def residence(user: AbstractBaseUser, version: ProcedureVersion, id_number: str) -> dict[str, Any]:
    """Return the applicant's address from the population database and the ward it lies in.

    The look-up is logged with its purpose; the caller keeps the answer in the draft, so that
    one filing asks once.
    """
    try:
        match = look_up(
            "population_db",
            id_number=id_number,
            purpose=f"online filing {version.procedure.code}: the applicant's residence",
            caller=user.get_username(),
        )
    except SourceUnavailable:
        return {"unavailable": True}
    address = match.facts.get("residence", "") if match.found else ""
    ward = next((code for code, name in unit_choices(version) if name in address), "")
    return {"address": address, "competent_unit": ward}


def organisation_choices(
    user: AbstractBaseUser, version: ProcedureVersion
) -> list[tuple[str, str]]:
    """The organisations the person may file this procedure for: those their VNeID account
    acts for whose kind the procedure admits (issue 22)."""
    return [
        (
            r.organisation.enterprise_code,
            f"{r.organisation.name} ({r.organisation.enterprise_code})",
        )
        for r in identity.organisations_of(user)
        if admits(list(version.applicants or []), "organisation", r.organisation.kind)
    ]


def organisation_applicant(
    user: AbstractBaseUser, code: str, person: dict[str, Any]
) -> dict[str, Any]:
    """The organisation applicant (shared/API.md "Organisations") the person files for: its
    registered data as VNeID gave it; the person is its representative, or authorised by the
    organisation's VNeID account."""
    role = identity.organisation_role(user, code)
    if role is None:
        return person  # no longer acting for it: the intake refuses nothing, files as a citizen
    org = role.organisation
    if role.role == "representative":
        representative, authorisation = person, None
    else:
        representative = {
            "id_number": org.representative_id_number,
            "full_name": org.representative_name,
        }
        authorisation = {"method": "vneid_organisation"}
    return {
        "kind": "organisation",
        "org_kind": org.kind,
        "enterprise_code": org.enterprise_code,
        "name": org.name,
        "address": org.address,
        "representative": representative,
        **({"authorisation": authorisation} if authorisation else {}),
    }


def intake_request(
    draft: Draft, version: ProcedureVersion, user: AbstractBaseUser | None = None
) -> dict[str, Any]:
    """Return the intake request of the draft, in the API's shape (shared/API.md)."""
    applicant = dict(draft["applicant"] or {})
    unit = applicant.pop("competent_unit", "")
    acting_for = applicant.pop("acting_for", "")
    if applicant.get("date_of_birth"):
        applicant["date_of_birth"] = date.fromisoformat(applicant["date_of_birth"])
    person = {key: value for key, value in applicant.items() if value}
    submitter = None
    if acting_for and user is not None:
        person = organisation_applicant(user, acting_for, person)
        if person.get("authorisation"):
            submitter = {k: v for k, v in applicant.items() if v}  # who files for it
    documents = document_items(draft["documents"] or {})
    delivery = draft["delivery"] or {"method": "online"}
    return {
        "procedure": version.procedure.code,
        "channel": "online",
        "receiving_point": receiving_point(version, unit),
        "competent_unit": unit,
        "applicant": person,
        **({"submitter": submitter} if submitter else {}),
        "documents": documents,
        "delivery": {k: v for k, v in delivery.items() if v},
        "form": draft["form"] or {},
        **({"group": draft.group.code} if draft.group else {}),
    }


def dmy(value: Any) -> Any:
    """Return an ISO date ("2026-11-20") as residents write it ("20/11/2026"); else unchanged."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value


def eform_file(draft: Draft, version: ProcedureVersion, user: AbstractBaseUser) -> dict[str, Any]:
    """Draw up the declaration from the e-form's answers as a PDF upload of the filer's, once
    per set of answers (a double submit files the same dossier: the same upload)."""
    applicant = draft["applicant"] or {}
    answers = draft["form"] or {}
    digest = hashlib.sha256(
        json.dumps([applicant, answers], sort_keys=True, default=str).encode()
    ).hexdigest()
    kept = draft["eform"]
    if kept and kept.get("digest") == digest:
        return kept
    with translation.override("vi"):
        labels = DetailsForm(questions=questions(version)).fields
        person = [
            (str(_("Full name")), applicant.get("full_name", "")),
            (str(_("Date of birth")), dmy(applicant.get("date_of_birth", ""))),
            (str(_("Personal identification number")), applicant.get("id_number", "")),
            (str(_("Address")), applicant.get("address", "")),
            (str(_("Phone")), applicant.get("phone", "")),
        ]
        given = [(str(labels[k].label), dmy(v)) for k, v in answers.items() if k in labels]
    unit = dict(unit_choices(version)).get(applicant.get("competent_unit", ""), "")
    declaration = eform_declaration(version)
    title = declaration.name.split("(")[0].strip() if declaration else version.name
    content = render_pdf(
        "portal/pdf/declaration.html",
        {
            "title": title,
            "applicant": [(k, v) for k, v in person if v],
            "answers": given,
            "unit_name": unit or f"Ủy ban nhân dân {province_unit_name()}",
            "made_at": timezone.localtime().strftime("%H:%M %d/%m/%Y"),
        },
    )
    name = f"to-khai-dien-tu-{version.procedure.code}.pdf"
    stored = store_upload(SimpleUploadedFile(name, content, "application/pdf"), actor=user)
    choice = {"file": stored.pk, "name": name, "eform": True, "digest": digest}
    draft.update(eform=choice)
    return choice
