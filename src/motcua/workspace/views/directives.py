"""Directives in the workspace: the coordinator issues them and follows every assignment (the
overdue first) and compiles the difficulties; an assignee official reports progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core import clock
from motcua.core.errors import DomainError, Forbidden
from motcua.directives import report as directive_report
from motcua.directives import selectors
from motcua.directives import services as directive_services
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.web.pages import paginate
from motcua.workspace.access import official_required
from motcua.workspace.coordination_forms import DirectiveForm, ReportForm


def _is_coordinator(request: HttpRequest) -> bool:
    return Role.COORDINATOR in official_scope(request.user).city_roles


@official_required
def directives(request: HttpRequest) -> HttpResponse:
    context = {
        "directives": selectors.visible_directives(request.user),
        "page": paginate(request, selectors.visible_assignments(request.user), per_page=50),
        "coordinator": _is_coordinator(request),
        "nav": "directives",
    }
    return render(request, "workspace/directives.html", context)


@official_required
def directive_new(request: HttpRequest) -> HttpResponse:
    if not _is_coordinator(request):
        raise PermissionDenied()
    form = DirectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            directive = directive_services.issue_directive(
                actor=request.user,
                title=data["title"],
                body=data["body"],
                theme=data["theme"],
                issued_by=data["issued_by"],
                deadline=data["deadline"],
                agencies=form.assignees(),
            )
        except DomainError as exc:
            for name, errors in exc.fields.items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
            if not exc.fields:
                form.add_error(None, exc.render())
        else:
            messages.success(request, _("The directive was issued."))
            return redirect("workspace:directive", pk=directive.pk)
    return render(request, "workspace/directive_new.html", {"form": form, "nav": "directives"})


@official_required
def directive(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.get_directive(request.user, pk)
    rows = selectors.visible_assignments(request.user).filter(directive=found)
    context = {
        "directive": found,
        "assignments": rows,
        "coordinator": _is_coordinator(request),
        "nav": "directives",
    }
    return render(request, "workspace/directive.html", context)


@official_required
@require_POST
def directive_urge(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator's "urge": a reminder now to every assignee that has not finished."""
    found = selectors.get_directive(request.user, pk)
    try:
        run = directive_services.urge_directive(found, actor=request.user)
    except DomainError as exc:
        if isinstance(exc, Forbidden):
            raise PermissionDenied() from exc
        messages.error(request, exc.render())
    else:
        messages.success(
            request,
            _("Urged %(urged)d assignees; %(skipped)d were already urged today.")
            % {"urged": run.urged, "skipped": run.skipped},
        )
    return redirect("workspace:directive", pk=pk)


@official_required
def assignment_report(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.get_assignment(request.user, pk)
    mine = assignment.agency_id in official_scope(request.user).roles_at_agency
    form = ReportForm(
        request.POST or None, initial={"progress_percent": assignment.progress_percent}
    )
    if request.method == "POST":
        if not mine:
            raise PermissionDenied()
        if form.is_valid():
            try:
                directive_services.report_progress(
                    assignment, actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(None, exc.render())
            else:
                messages.success(request, _("Your report was recorded."))
                return redirect("workspace:assignment_report", pk=pk)
    context = {
        "assignment": assignment,
        "reports": assignment.reports.select_related("author").order_by("-reported_at"),
        "urges": assignment.urges.all()[:10],
        "form": form,
        "may_report": mine and assignment.status != "done",
        "nav": "directives",
    }
    return render(request, "workspace/assignment.html", context)


@official_required
def difficulties_xlsx(request: HttpRequest) -> HttpResponse:
    content = directive_report.difficulties_xlsx(request.user)  # 403 but for the centre
    stamp = clock.now().strftime("%Y%m%d")
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="kho-khan-de-xuat-{stamp}.xlsx"'
    return response
