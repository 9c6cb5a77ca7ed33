"""Readiness pages: the ranking of service points for budget priority, and each point's page
where its officials record resources and trainings."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.readiness import report as readiness_report
from motcua.readiness import selectors, services
from motcua.web.pages import paginate, query_without_page
from motcua.workspace.access import official_required
from motcua.workspace.coordination_forms import ResourcesForm, TrainingForm

FIELDS = list(ResourcesForm.base_fields)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@official_required
def ranking(request: HttpRequest) -> HttpResponse:
    rows = selectors.readiness(request.user)  # 403 for officials of no agency or point
    show = request.GET.get("show", "")
    if show == "under":
        rows = [r for r in rows if r.under_resourced]
    elif show == "merged":
        rows = [r for r in rows if r.newly_merged]
    if request.GET.get("format") == "xlsx":
        stamp = timezone.localdate().strftime("%Y%m%d")
        response = HttpResponse(readiness_report.readiness_xlsx(rows), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="san-sang-{stamp}.xlsx"'
        return response
    page = paginate(request, rows, per_page=25)
    context = {
        "rows": rows,
        "page": page,
        "query": query_without_page(request),
        "show": show,
        "capacity": settings.MOTCUA_READINESS_DOSSIERS_PER_COUNTER_DAY,
        "nav": "readiness",
    }
    return render(request, "workspace/readiness.html", context)


@official_required
def point(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.get_point(request.user, code)
    resources = getattr(found, "resources", None)
    initial = {f: getattr(resources, f) for f in FIELDS} if resources else {}
    form = ResourcesForm(initial=initial)
    training = TrainingForm()
    if request.method == "POST":
        kind = request.POST.get("form")
        form = ResourcesForm(request.POST) if kind == "resources" else form
        training = TrainingForm(request.POST) if kind == "training" else training
        bound = form if kind == "resources" else training
        if bound.is_bound and bound.is_valid():
            if kind == "resources":  # the services refuse (403) anyone but the point's own
                services.record_resources(found, actor=request.user, **bound.cleaned_data)
            else:
                services.record_training(found, actor=request.user, **bound.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("workspace:readiness_point", code=code)
    context = {
        "point": found,
        "resources": resources,
        "sessions": found.training_sessions.all()[:20],
        "form": form,
        "training": training,
        "nav": "readiness",
    }
    return render(request, "workspace/readiness_point.html", context)
