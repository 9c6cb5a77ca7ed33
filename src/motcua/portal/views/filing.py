"""Filing online, step by step, then the one intake service the API calls too."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.catalog import selectors as catalog
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.results import counter_pickup
from motcua.core.devices import device_digest, remember_device
from motcua.core.errors import DomainError
from motcua.core.text import is_ascii_number
from motcua.dossiers import services, work
from motcua.identity import selectors as identity
from motcua.identity.oidc import assurance_of
from motcua.portal import filing, groups
from motcua.web.forms import ApplicantForm, DeliveryForm, DetailsForm
from motcua.web.pages import domain_pages, messages_of

Handler = Callable[[HttpRequest, ProcedureVersion, filing.Draft, list[str]], HttpResponse]
DONE_WHEN = {"applicant": "applicant", "details": "form", "documents": "documents_done"}
DONE_WHEN["delivery"] = "delivery"


def _version(request: HttpRequest, code: str) -> ProcedureVersion:
    version = catalog.get_published_version(code)  # 404
    if not version.files_online:
        raise Http404()
    return version


def _needs_higher_level(request: HttpRequest, version: ProcedureVersion) -> HttpResponse | None:
    """A level-2 procedure needs a level-2 sign-in (identity: `assurance_too_low`)."""
    if version.assurance_level <= 1 or assurance_of(request) >= version.assurance_level:
        return None
    sign_in = f"{reverse('oidc_authentication_init')}?next={request.path}"
    context = {"version": version, "sign_in": sign_in}
    return render(request, "portal/filing_level.html", context, status=403)


@login_required
@domain_pages
def start(request: HttpRequest, code: str) -> HttpResponse:
    version = _version(request, code)
    return begin(request, version, filing.Draft(request, code))


def begin(request: HttpRequest, version: ProcedureVersion, draft: filing.Draft) -> HttpResponse:
    """The first step of a filing (of a procedure, or of a group under its lead's version)."""
    refused = _needs_higher_level(request, version)
    if refused is not None:
        return refused
    steps = filing.steps_of(version)
    # A saved draft carries on: the review sends back to the first step not done yet.
    resume = draft["applicant"] is not None
    first = redirect(draft.url(steps[-1] if resume else steps[0]))
    return remember_device(request, first)  # the filing device, for the integrity scan


@login_required
@domain_pages
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, code: str, step: str) -> HttpResponse:
    version = _version(request, code)
    return run_step(request, version, filing.Draft(request, code), step)


def run_step(
    request: HttpRequest, version: ProcedureVersion, draft: filing.Draft, step: str
) -> HttpResponse:
    """One step of a filing, the earlier ones done first."""
    steps = filing.steps_of(version)
    if step not in steps:
        raise Http404()
    refused = _needs_higher_level(request, version)
    if refused is not None:
        return refused
    for earlier in steps[: steps.index(step)]:  # the steps are taken in order
        if draft[DONE_WHEN[earlier]] is None:
            return redirect(draft.url(earlier))
    return HANDLERS[step](request, version, draft, steps)


def _page(
    request: HttpRequest,
    version: ProcedureVersion,
    filed: filing.Draft,
    steps: list[str],
    current: str,
    **context: Any,
) -> HttpResponse:
    progress = [
        {"name": s, "label": filing.STEP_LABELS[s], "state": _state(steps, s, current)}
        for s in steps
    ]
    index = steps.index(current)
    context.update(
        version=version,
        steps=progress,
        current=current,
        previous=steps[index - 1] if index else "",
        base=filed.base,
        group=filed.group,
        title=groups.group_name(filed.group) if filed.group else version.name,
    )
    failed = context.get("errors") or context.get("problems")
    status = 400 if failed or getattr(context.get("form"), "errors", None) else 200
    return render(request, f"portal/filing_{current}.html", context, status=status)


def _state(steps: list[str], step: str, current: str) -> str:
    if step == current:
        return "current"
    return "done" if steps.index(step) < steps.index(current) else "todo"


def _next(
    request: HttpRequest, draft: filing.Draft, steps: list[str], current: str
) -> HttpResponse:
    """The following step; back to the review when the change was made from there."""
    following = steps[steps.index(current) + 1]
    if request.GET.get("next") == "review":
        following = "review"
    return redirect(draft.url(following))


def _applicant(
    request: HttpRequest, version: ProcedureVersion, draft: filing.Draft, steps: list[str]
) -> HttpResponse:
    known = filing.prefill(request.user)
    if known.verified and draft["residence"] is None:
        draft.update(residence=filing.residence(request.user, version, known.initial["id_number"]))
    found = draft["residence"] or {}
    initial = {**known.initial, **found, **(draft["applicant"] or {})}
    if known.verified:  # what the sign-in verified wins over anything kept or posted
        initial.update({k: known.initial[k] for k in filing.VERIFIED if known.initial.get(k)})
    form = ApplicantForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        units=filing.unit_choices(version),
        verified=known.verified,
        organisations=filing.organisation_choices(request.user, version),
    )
    if form.is_valid():
        data = {
            k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in form.cleaned_data.items()
        }
        draft.update(applicant=data)
        return _next(request, draft, steps, "applicant")
    unavailable = found.get("unavailable", False)
    return _page(
        request,
        version,
        draft,
        steps,
        "applicant",
        form=form,
        prefill=known,
        unavailable=unavailable,
    )


def _details(
    request: HttpRequest, version: ProcedureVersion, draft: filing.Draft, steps: list[str]
) -> HttpResponse:
    form = DetailsForm(
        request.POST if request.method == "POST" else None,
        initial=draft["form"] or None,
        questions=filing.questions(version),
    )
    if form.is_valid():
        draft.update(form=form.answers())
        return _next(request, draft, steps, "details")
    return _page(request, version, draft, steps, "details", form=form)


def _documents(
    request: HttpRequest, version: ProcedureVersion, draft: filing.Draft, steps: list[str]
) -> HttpResponse:
    applicant = draft["applicant"] or {}
    wallet = {w.pk: w for w in work.reusable_wallet(request.user, applicant.get("id_number", ""))}
    chosen: dict[str, Any] = dict(draft["documents"] or {})
    errors: dict[str, list[str]] = {}
    listed = groups.requirement_rows(version, draft.group)
    if request.method == "POST":
        for row in listed:
            requirement, key = row.requirement, str(row.requirement.pk)
            if row.eform:
                continue  # filled online: the declaration is drawn up from the e-form
            try:
                choice = filing.document_choice(request, requirement, chosen.get(key), wallet)
            except DomainError as exc:  # a refused file: say why, keep the others
                errors[key], choice = messages_of(exc), None
            if choice is None:
                chosen.pop(key, None)
                if requirement.required and key not in errors:
                    errors[key] = [_("Attach this document, or reuse one from your wallet.")]
            else:
                chosen[key] = choice
        draft.update(documents=chosen)
        if not errors:
            draft.update(documents_done=True)
            return _next(request, draft, steps, "documents")
    rows = [
        {
            "requirement": row.requirement,
            "choice": chosen.get(str(row.requirement.pk)),
            "errors": errors.get(str(row.requirement.pk)),
            "eform": row.eform,
            "part": row.part,
            "agency": row.agency,
        }
        for row in listed
    ]
    return _page(
        request,
        version,
        draft,
        steps,
        "documents",
        rows=rows,
        sections=_sections(rows, draft),
        wallet=list(wallet.values()),
        errors=errors,
        posted=request.method == "POST",  # an unticked "from national data" stays unticked
    )


def _sections(rows: list[dict[str, Any]], draft: filing.Draft) -> list[dict[str, Any]]:
    """The documents part by part (one section for a procedure filed alone; a part with none
    of its own shown too), each with its documents needed only in some cases apart."""
    order = (
        [(p.name, p.agency) for p in groups.parts_of(draft.group)] if draft.group else [("", "")]
    )
    sections = []
    for name, agency in order:
        mine = [row for row in rows if row["part"] == name]
        optional = [row for row in mine if not row["requirement"].required]
        sections.append(
            {
                "part": name,
                "agency": agency,
                "rows": mine,
                "optional": len(optional),
                "optional_open": any(row["choice"] or row["errors"] for row in optional),
            }
        )
    return sections


def _delivery(
    request: HttpRequest, version: ProcedureVersion, draft: filing.Draft, steps: list[str]
) -> HttpResponse:
    unit = (draft["applicant"] or {}).get("competent_unit", "")
    initial = draft["delivery"] or {
        "method": "online",
        "point": filing.receiving_point(version, unit),
    }
    form = DeliveryForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        points=filing.service_points(),
        counter=counter_pickup(version, timezone.localdate()) is not None,
    )
    if form.is_valid():
        data = form.cleaned_data
        draft.update(
            delivery={
                "method": data["method"],
                "point": data.get("point") or "" if data["method"] == "counter" else "",
                "address": data.get("address") or "" if data["method"] == "postal" else "",
            }
        )
        return _next(request, draft, steps, "delivery")
    return _page(request, version, draft, steps, "delivery", form=form)


def _review(
    request: HttpRequest, version: ProcedureVersion, draft: filing.Draft, steps: list[str]
) -> HttpResponse:
    """Check your answers: every step with a link to change it, the declaration to tick, and
    the one intake service (the API's) on submit."""
    errors: list[str] = []
    problems: dict[str, str] = {}
    declaration = filing.eform_declaration(version)
    if declaration is not None:  # the e-form is the declaration: drawn up from the answers
        documents = dict(draft["documents"] or {})
        documents[str(declaration.pk)] = filing.eform_file(draft, version, request.user)
        draft.update(documents=documents)
    if request.method == "POST" and not request.POST.get("declare"):
        problems["declare"] = _("Tick the box to declare that what you gave is true.")
    elif request.method == "POST":
        data = filing.intake_request(draft, version, request.user)
        try:
            dossier, _created = services.receive_dossier(
                data,
                actor=request.user,
                assurance=assurance_of(request),
                idempotency_key=f"portal-{draft['key']}",
                body_hash=services.request_hash(data),
                device=device_digest(request),
            )
        except DomainError as exc:
            errors = messages_of(exc)
        else:
            draft.clear()
            return redirect("portal:receipt", code=dossier.code)
    documents = draft["documents"] or {}
    rows = [
        (row.requirement, documents.get(str(row.requirement.pk)), row.part, row.eform)
        for row in groups.requirement_rows(version, draft.group)
    ]
    applicant = dict(draft["applicant"] or {})
    applicant["date_of_birth"] = filing.dmy(applicant.get("date_of_birth", ""))
    acting = identity.organisation_role(request.user, applicant.get("acting_for") or "")
    return _page(
        request,
        version,
        draft,
        steps,
        "review",
        draft=draft.data,
        applicant=applicant,
        organisation=acting.organisation if acting else None,
        rows=rows,
        units=dict(filing.unit_choices(version)),
        points=dict(filing.service_points()),
        answers=_answers(version, draft["form"] or {}),
        fee=_copies_fee(version, draft["form"] or {}),
        errors=errors,
        problems=problems,
    )


def _answers(version: ProcedureVersion, given: dict[str, Any]) -> list[tuple[str, Any]]:
    """The procedure's questions as the applicant saw them, with their answers."""
    labels = DetailsForm(questions=filing.questions(version)).fields
    return [(labels[k].label, filing.dmy(value)) for k, value in given.items() if k in labels]


def _copies_fee(version: ProcedureVersion, given: dict[str, Any]) -> dict[str, int] | None:
    """What copies cost, when the procedure charges per copy and the filer said how many."""
    copies = given.get("copies")
    if not is_ascii_number(copies, max_digits=6):
        return None
    each = next((f.amount_vnd for f in version.fees.all() if f.amount_vnd), None)
    if not each:
        return None
    return {"copies": int(copies), "each": each, "total": int(copies) * each}


HANDLERS: dict[str, Handler] = {
    "applicant": _applicant,
    "details": _details,
    "documents": _documents,
    "delivery": _delivery,
    "review": _review,
}
