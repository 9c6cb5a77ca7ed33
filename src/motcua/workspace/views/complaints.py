"""The complaint inbox: the agency head, the inspection team and the centre answer the
complaints routed to them; the centre records media reports."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.dossiers import selectors as dossier_selectors
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.integrity import selectors, services
from motcua.integrity.models import ComplaintStatus
from motcua.web.pages import messages_of, paginate, query_without_page
from motcua.workspace.access import official_required
from motcua.workspace.oversight_forms import AnswerForm, CaseForm, MediaReportForm


@official_required
def inbox(request: HttpRequest) -> HttpResponse:
    rows = selectors.visible_complaints(request.user)  # 403
    state = request.GET.get("status", ComplaintStatus.RECEIVED)
    if state in ComplaintStatus.values:
        rows = rows.filter(status=state)
    is_centre = Role.COORDINATOR in official_scope(request.user).city_roles
    form = MediaReportForm(request.POST or None) if is_centre else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            complaint = services.file_complaint(
                {**form.cleaned_data, "source": "media"}, actor=request.user
            )
        except DomainError as exc:
            for message in messages_of(exc):
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The media report is recorded as %(code)s.") % {"code": complaint.code}
            )
            return redirect("workspace:complaint", code=complaint.code)
    context = {
        "page": paginate(request, rows),
        "status": state,
        "statuses": ComplaintStatus.choices,
        "form": form,
        "query": query_without_page(request),
        "nav": "complaints",
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "workspace/complaints.html", context, status=status)


@official_required
def complaint(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.get_complaint(request.user, code)  # 403, 404
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_complaint(code, actor=request.user, answer=form.cleaned_data["answer"])
        except DomainError as exc:
            for message in messages_of(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("The answer is sent to the citizen."))
            return redirect("workspace:complaint", code=code)
    dossier = (
        dossier_selectors.visible_dossiers(request.user)
        .select_related("handling_agency")
        .filter(code=found.dossier_code)
        .first()
        if found.dossier_code
        else None
    )
    case_agency = found.agency or (dossier.handling_agency if dossier else None)
    inspector = Role.INSPECTOR in official_scope(request.user).city_roles
    context = {
        "complaint": found,
        "form": form,
        "dossier_visible": dossier is not None,
        # the inspection team opens a case on the unit, with the complaint as its grounds
        "case_agency": case_agency,
        "case_form": CaseForm(
            initial={
                "title": _("Complaint %(code)s: %(category)s")
                % {"code": found.code, "category": found.get_category_display()},
                "grounds": found.text,
            }
        )
        if inspector and case_agency
        else None,
        "evidence": list(found.evidence.order_by("pk")),
        "nav": "complaints",
    }
    return render(request, "workspace/complaint.html", context, status=400 if form.errors else 200)


@official_required
def evidence_file(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """A file the complainant attached, for those who may read the complaint (403, 404)."""
    found = selectors.get_complaint(request.user, code)
    item = found.evidence.filter(pk=pk).first()
    if item is None:
        raise Http404()
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.code}-{item.pk}"'
    response["Cache-Control"] = "private, no-store"
    return response
