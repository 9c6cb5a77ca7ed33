"""The queues per role, with filters, counts and the nearest deadline first; the centre's
overview of every unit."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from motcua.dossiers import selectors, work
from motcua.dossiers.selectors import Viewer
from motcua.integrity import selectors as integrity
from motcua.web.pages import paginate, query_without_page
from motcua.workspace.access import official_required
from motcua.workspace.forms import QueueFilterForm


def _procedures(viewer: Viewer) -> list[tuple[str, str]]:
    found = work.queue_procedures(viewer.scope)
    return [(code, f"{name[:70]} · {code}") for code, name in found]


@official_required
def queue(request: HttpRequest) -> HttpResponse:
    boxes = work.boxes_for(request.user)
    box = request.GET.get("box", "")
    if box not in boxes:
        box = boxes[0] if boxes else ""
    viewer = selectors.viewer(request.user)
    form = QueueFilterForm(request.GET or None, procedures=_procedures(viewer))
    filters = work.QueueFilters(**form.cleaned_data) if form.is_valid() else work.QueueFilters()
    rows = (
        work.queue(request.user, box, filters)
        if box
        else selectors.visible_dossiers(request.user).none()
    )
    page = paginate(request, rows)
    sorts = dict(form.fields["sort"].choices)
    context = {
        "boxes": [(b, work.Box(b).label) for b in boxes],
        "box": box,
        "counts": work.box_counts(request.user),
        "form": form,
        "page": page,
        "sort_label": sorts.get(filters.sort, sorts[""]),
        # dossiers a confirmed broker filed, for the receiving officer (docs/integrity.md)
        "broker_marks": integrity.broker_marks([d.code for d in page]),
        "query": query_without_page(request),
        "viewer": viewer,
        "nav": "queue",
    }
    htmx = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "workspace/_queue_table.html" if htmx else "workspace/queue.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@official_required
def overview(request: HttpRequest) -> HttpResponse:
    """Per handling agency: received, in progress, overdue, waiting for a supplement."""
    rows = work.unit_overview(request.user)  # 403 for anyone but the centre
    totals = {
        key: sum(getattr(r, key) for r in rows)
        for key in ("received", "in_progress", "overdue", "waiting_supplement")
    }
    context = {"rows": rows, "totals": totals, "nav": "overview"}
    return render(request, "workspace/overview.html", context)
