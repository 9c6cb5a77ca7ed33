"""Counter intake at any service point for any competent unit (boundary-free, DOMAIN I1-I4):
pick the procedure, look the applicant up in the population database, tick and scan the
documents, then the same intake service as the API; print the receipt and take the fee."""

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.catalog import selectors as catalog
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.results import counter_pickup
from motcua.core.errors import DomainError, NotFound
from motcua.dossiers import services, work
from motcua.identity.connectors.base import SourceUnavailable
from motcua.identity.models import WalletConsent
from motcua.identity.services import look_up
from motcua.web import filing
from motcua.web.forms import DetailsForm
from motcua.web.pages import messages_of
from motcua.workspace.access import official_required
from motcua.workspace.forms import CounterApplicantForm


def _procedures() -> list[tuple[str, str]]:
    """Every published procedure, by code: a counter takes any of them."""
    versions = catalog.published_versions().values_list("procedure__code", "name")
    return [(code, f"{code} · {name[:70]}") for code, name in versions]


def _point(request: HttpRequest) -> Any:
    points = list(work.receiving_points(request.user))
    if not points:
        raise PermissionDenied()  # only receiving officers take dossiers at a counter
    wanted = request.POST.get("point") or request.GET.get("point")
    return next((p for p in points if p.code == wanted), points[0]), points


def _version(code: str) -> ProcedureVersion | None:
    try:
        return catalog.get_published_version(code) if code else None
    except NotFound:
        return None


def looked_up(request: HttpRequest, id_number: str, version: ProcedureVersion) -> dict[str, Any]:
    """Ask the population database who the applicant is; the call is logged (purpose, caller)."""
    try:
        match = look_up(
            "population_db",
            id_number=id_number,
            purpose=f"counter intake {version.procedure.code}: the applicant's identity",
            caller=request.user.get_username(),
        )
    except SourceUnavailable:
        return {"note": _("The population database does not answer now: type the details.")}
    if not match.found:
        return {"note": _("The population database holds nobody with this number.")}
    facts = match.facts
    return {
        "initial": {
            "id_number": id_number,
            "full_name": facts.get("full_name", ""),
            "date_of_birth": facts.get("date_of_birth", ""),
            "sex": facts.get("sex", ""),
            "address": facts.get("residence", ""),
        },
        "note": _("Found in the population database: check against the ID card."),
    }


def _render(request: HttpRequest, version: ProcedureVersion | None, **context: Any) -> HttpResponse:
    point, points = _point(request)
    context.update(version=version, point=point, points=points, nav="intake")
    context.setdefault("wallet_consents", WalletConsent.choices)
    context.setdefault("procedures", _procedures())
    status = 400 if context.get("errors") else 200
    return render(request, "workspace/intake.html", context, status=status)


def _rows(version: ProcedureVersion, chosen: dict[str, Any], errors: dict[str, Any]) -> list:
    return [
        {"requirement": r, "choice": chosen.get(str(r.pk)), "errors": errors.get(str(r.pk))}
        for r in version.documents.all()
    ]


@official_required
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    version = _version(request.POST.get("procedure") or request.GET.get("procedure", ""))
    if version is None:
        return _render(request, None)
    units = filing.unit_choices(version)
    if request.method == "GET":
        applicant = CounterApplicantForm(units=units, initial={})
        details = DetailsForm(questions=work.form_fields(version), prefix="q")
        return _render(
            request,
            version,
            applicant=applicant,
            details=details,
            rows=_rows(version, {}, {}),
            key=uuid.uuid4().hex,
        )
    return _submit(request, version, units)


def _submit(request: HttpRequest, version: ProcedureVersion, units: list) -> HttpResponse:
    point, _points = _point(request)
    key = request.POST.get("key", "")[:64] or uuid.uuid4().hex
    lookup: dict[str, Any] = {}
    if request.POST.get("lookup"):  # without JavaScript: the look-up button posts the form
        lookup = looked_up(request, request.POST.get("id_number", "")[:12], version)
    applicant = CounterApplicantForm(
        None if lookup.get("initial") else request.POST,
        units=units,
        initial={**lookup.get("initial", {}), "competent_unit": request.POST.get("competent_unit")},
    )
    details = DetailsForm(request.POST, questions=work.form_fields(version), prefix="q")
    consent = _wallet_consent(request)
    holder = request.POST.get("id_number", "")[:12]
    wallet = {w.pk: w for w in work.reusable_wallet(request.user, holder, consent=consent)}
    chosen, errors = _documents(request, version, wallet)
    page = {
        "applicant": applicant,
        "details": details,
        "key": key,
        "lookup": lookup,
        "wallet": list(wallet.values()),
        "wallet_consent": (consent or {}).get("method", ""),
    }
    if lookup or not (applicant.is_valid() and details.is_valid()) or errors:
        return _render(request, version, rows=_rows(version, chosen, errors), **page)
    person = {k: v for k, v in applicant.cleaned_data.items() if v and k != "competent_unit"}
    data = {
        "procedure": version.procedure.code,
        "channel": "counter",
        "receiving_point": point.code,
        "competent_unit": applicant.cleaned_data.get("competent_unit", ""),
        "applicant": person,
        "documents": filing.document_items(chosen),
        # Paper results go by post to the applicant's address unless the counter is allowed.
        "delivery": {"method": "counter", "point": point.code}
        if counter_pickup(version, timezone.localdate()) is not None
        else {"method": "postal", "address": person.get("address", "")},
        "form": details.answers(),
    }
    if consent:
        data["wallet_consent"] = consent
    stable = {k: v for k, v in data.items() if k != "documents"}  # a re-post re-uploads
    try:
        dossier, _created = services.receive_dossier(
            data,
            actor=request.user,
            idempotency_key=f"counter-{key}",
            body_hash=services.request_hash(stable),
        )
    except DomainError as exc:
        rows = _rows(version, chosen, {})
        return _render(request, version, rows=rows, errors=messages_of(exc), **page)
    messages.success(
        request,
        _("Received: %(code)s. Print the receipt and take the fee.") % {"code": dossier.code},
    )
    return redirect("workspace:dossier", code=dossier.code)


def _wallet_consent(request: HttpRequest) -> dict[str, str] | None:
    """The holder's consent to reuse their wallet, as the officer recorded it (or None)."""
    method = request.POST.get("wallet_consent", "")
    return {"method": method} if method in WalletConsent.values else None


def _documents(
    request: HttpRequest, version: ProcedureVersion, wallet: dict[int, Any]
) -> tuple[dict, dict]:
    chosen: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for requirement in version.documents.all():
        key = str(requirement.pk)
        try:
            choice = filing.document_choice(request, requirement, None, wallet)
        except DomainError as exc:
            errors[key], choice = messages_of(exc), None
        if choice is not None:
            chosen[key] = choice
        elif requirement.required and key not in errors and not request.POST.get("lookup"):
            errors[key] = [_("Scan the paper, or take it from national data.")]
    return chosen, errors


@official_required
@require_POST
def intake_lookup(request: HttpRequest) -> HttpResponse:
    """htmx: the applicant's fields, filled from the population database."""
    version = _version(request.POST.get("procedure", ""))
    if version is None:
        raise PermissionDenied()
    _point(request)  # receiving officers only
    lookup = looked_up(request, request.POST.get("id_number", "")[:12], version)
    initial = {**lookup.get("initial", {"id_number": request.POST.get("id_number", "")[:12]})}
    initial["competent_unit"] = request.POST.get("competent_unit", "")
    applicant = CounterApplicantForm(units=filing.unit_choices(version), initial=initial)
    context = {"applicant": applicant, "lookup": lookup, "version": version}
    return render(request, "workspace/_applicant.html", context)
