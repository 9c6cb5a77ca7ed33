"""An official's dossier page: documents, data matches, the history, and only the actions the
state machine allows this official now, each through the service the API's action calls: both
read the one registry, `dossiers.actions.REGISTRY`, which names each action's form here."""

from functools import cache
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.errors import DomainError, Forbidden
from motcua.delivery import selectors as postal
from motcua.documents import services as issuing
from motcua.documents.services import store_upload
from motcua.dossiers import actions, paperwork, selectors, work
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Action, Status
from motcua.integrity import selectors as integrity
from motcua.payments import services as payments
from motcua.web import wording
from motcua.web.pages import messages_of
from motcua.web.payments import payment_of
from motcua.web.templatetags.motcua_pages import vnd
from motcua.workspace import forms
from motcua.workspace.access import official_required


@cache
def form_of(spec: actions.ActionSpec) -> type[forms.VersionForm]:
    """The workspace form the registry names for an action (by its dotted path)."""
    if spec.form is None:
        raise LookupError(f"{spec.action}: not taken on the workspace page")
    return import_string(spec.form)


def _on_page(action: str) -> actions.ActionSpec | None:
    """The registry's entry of an action taken on the dossier page, or None."""
    spec = actions.REGISTRY.get(action)
    return spec if spec is not None and spec.form is not None and not spec.on_part else None


# Where the work on a dossier has ended: the page says so instead of "waiting for someone".
FINISHED = (Status.RETURNED, Status.REJECTED, Status.WITHDRAWN, Status.CLOSED)


def applicant_view(viewer: selectors.Viewer, dossier: Dossier) -> dict[str, Any]:
    """The applicant as this official may see them: the ID number only to handling officials
    (the API's own rule, `selectors.Viewer.applicant_of`)."""
    return viewer.applicant_shown(dossier)


def _last_opinion(events: list[Any], viewer: selectors.Viewer) -> wording.Step | None:
    """The handler's opinion (ý kiến xử lý) the dossier was last forwarded with, for the step
    that reads it now; the same words stay in the history."""
    forwarded = [e for e in events if e.action == Action.FORWARD and e.payload.get("opinion")]
    if not forwarded:
        return None
    return wording.history(forwarded[-1:], for_applicant=False, viewer=viewer)[0]


def _page(
    request: HttpRequest, dossier: Dossier, bound: dict[str, forms.VersionForm] | None = None
) -> HttpResponse:
    bound = bound or {}
    offered = [
        (
            action,
            action.label,
            bound.get(action)
            or form_of(spec)(initial={"version": dossier.version}, dossier=dossier),
        )
        for action in work.allowed_actions(request.user, dossier)
        if (spec := _on_page(action)) is not None
    ]
    viewer = selectors.viewer(request.user)
    events = list(selectors.events_of(dossier))
    context = {
        "dossier": dossier,
        "applicant": applicant_view(viewer, dossier),
        "actions": offered,
        "steps": wording.history(events, for_applicant=False, viewer=viewer),
        "opinion": _last_opinion(events, viewer),
        "preview": work.result_preview_offered(request.user, dossier),
        "finished": dossier.status in FINISHED,
        "cash": payments.cash_collectable(request.user, dossier),
        "paid": payments.paid_payment(dossier) if dossier.fee_paid_at else None,
        "postal": postal.tracking(dossier),
        "issued": selectors.readable_issued_documents(request.user, dossier),
        "documents": viewer.documents_of(dossier),
        "parts": [(p, work.part_actions(request.user, dossier, p)) for p in dossier.parts.all()],
        "payment": payment_of(dossier),
        "broker_mark": bool(integrity.broker_marks([dossier.code])),
        "sandbox_payments": settings.MOTCUA_SANDBOX_PAYMENTS,
        "errors": [e for form in bound.values() for e in form.non_field_errors()],
        "nav": "queue",
    }
    return render(request, "workspace/dossier.html", context, status=400 if bound else 200)


@official_required
def dossier_page(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, selectors.get_visible_dossier(request.user, code=code))  # 404


def _files(form: forms.VersionForm, request: HttpRequest) -> dict[str, Any]:
    """Store the scans or the result PDF posted with the form, as the API's uploads are."""
    kwargs = form.service_kwargs()
    if isinstance(form, forms.ScanForm):
        documents = []
        for requirement in form.listed:
            posted = request.FILES.get(f"scan_{requirement.pk}")
            if posted is not None:
                upload = store_upload(posted, actor=request.user)
                documents.append({"requirement": requirement.pk, "file": upload.pk})
            kwargs.pop(f"scan_{requirement.pk}", None)
        if not documents:
            raise DomainError(_("Attach at least one scanned document."))
        kwargs["documents"] = documents
    if isinstance(form, forms.SignResultForm):
        posted = kwargs.pop("result_file", None)
        if posted is not None:
            kwargs["result_file"] = store_upload(posted, actor=request.user).pk
    return kwargs


@official_required
@require_POST
def act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    dossier = selectors.get_visible_dossier(request.user, code=code)  # 404
    spec = _on_page(action)
    if spec is None:
        raise Http404()
    form = form_of(spec)(request.POST, request.FILES, dossier=dossier)
    if form.is_valid():
        try:
            spec.service(dossier, actor=request.user, **_files(form, request))
        except DomainError as exc:  # 403 role, 409 stale or not allowed, 422 rules
            for message in messages_of(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": Action(action).label})
            return redirect("workspace:dossier", code=code)
    fresh = selectors.get_visible_dossier(request.user, code=code)
    return _page(request, fresh, bound={Action(action): form})


@official_required
@require_POST
def cash(request: HttpRequest, code: str) -> HttpResponse:
    """The fee paid in cash at the counter: recorded, with its e-receipt."""
    dossier = selectors.get_visible_dossier(request.user, code=code)  # 404
    form = forms.VersionForm(request.POST, dossier=dossier)
    if not form.is_valid():
        messages.error(request, _("The page was out of date: look again and retry."))
        return redirect("workspace:dossier", code=code)
    try:
        payment = payments.record_cash(
            dossier, actor=request.user, expected_version=form.cleaned_data["version"]
        )
    except Forbidden as exc:  # not a receiving or handling official of the dossier
        raise PermissionDenied() from exc
    except DomainError as exc:
        messages.error(request, " ".join(messages_of(exc)))
    else:
        messages.success(
            request,
            _("Cash received: %(amount)s. E-receipt no. %(number)s.")
            % {"amount": vnd(payment.amount_vnd), "number": payment.receipt_number},
        )
    return redirect("workspace:dossier", code=code)


@official_required
def result_preview(request: HttpRequest, code: str) -> HttpResponse:
    """The result PDF as it will be signed, unsigned, for the approver (nothing is stored)."""
    dossier = selectors.get_visible_dossier(request.user, code=code)  # 404
    if not work.result_preview_offered(request.user, dossier):
        raise Http404()
    try:
        pdf = issuing.preview(paperwork.result(dossier, signer=request.user))
    except DomainError as exc:  # the form lacks what the result is drawn up from
        messages.error(request, " ".join(messages_of(exc)))
        return redirect("workspace:dossier", code=code)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{dossier.code}-xem-truoc.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@official_required
def document_file(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """A file of the dossier, for the officials who act on it (as the API's papers are)."""
    dossier = selectors.get_papers_dossier(request.user, code=code)  # 404, 403
    readable = selectors.viewer(request.user).documents_of(dossier)  # a part's official: its own
    found = next((d for d in readable if d.pk == pk and d.upload_id), None)
    if found is None:
        raise Http404()
    upload = found.upload
    response = FileResponse(upload.file.open("rb"), content_type=upload.content_type)
    response["Content-Disposition"] = f'inline; filename="{dossier.code}-{found.pk}"'
    response["Cache-Control"] = "private, no-store"
    return response


@official_required
@require_POST
def part_act(request: HttpRequest, code: str, part: int, action: str) -> HttpResponse:
    """Hand over, acknowledge or finish one part of a joint dossier (the API's part actions)."""
    dossier = selectors.get_visible_dossier(request.user, code=code)  # 404
    spec = actions.REGISTRY.get(action)
    if spec is None or not spec.on_part:
        raise Http404()
    form = form_of(spec)(request.POST, dossier=dossier)
    if not form.is_valid():
        messages.error(request, _("The page was out of date: look again and retry."))
        return redirect("workspace:dossier", code=code)
    try:
        spec.service(dossier, actor=request.user, part=part, **form.service_kwargs())
    except DomainError as exc:
        messages.error(request, " ".join(messages_of(exc)))
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": Action(action).label})
    return redirect("workspace:dossier", code=code)


@official_required
def parts_queue(request: HttpRequest) -> HttpResponse:
    """A participating agency's queue: the parts of joint dossiers handed to it."""
    found = list(selectors.parts_for(request.user))
    return render(request, "workspace/parts.html", {"parts": found, "nav": "parts"})
