"""Joint groups (Decree 63/2024/ND-CP): the group page, and filing the group once through the
portal's procedure filing steps, under the lead's procedure version, into the one intake
service the API calls too (`views.filing`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from motcua.catalog import selectors as catalog
from motcua.catalog.models import JointGroup, ProcedureVersion
from motcua.portal import filing, groups
from motcua.portal.views import filing as steps
from motcua.web.pages import domain_pages


@domain_pages
def group(request: HttpRequest, code: str) -> HttpResponse:
    """What the group is, its parts and agencies, the documents, time and fees, with sources."""
    found = catalog.get_group(code)  # 404
    lead = groups.lead_version(found)
    context = {
        "group": found,
        "name": groups.group_name(found),
        "parts": groups.parts_of(found),
        "time_limit": groups.time_limit(found),
        "lead": lead,
        "can_file_online": lead.files_online,
        "nav": "procedures",
    }
    return render(request, "portal/group.html", context)


def _filing(request: HttpRequest, code: str) -> tuple[ProcedureVersion, JointGroup]:
    found = catalog.get_group(code)  # 404
    lead = groups.lead_version(found)
    if not lead.files_online:
        raise Http404()
    return lead, found


@login_required
@domain_pages
def start(request: HttpRequest, code: str) -> HttpResponse:
    lead, found = _filing(request, code)
    return steps.begin(request, lead, filing.Draft(request, lead.procedure.code, found))


@login_required
@domain_pages
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, code: str, step: str) -> HttpResponse:
    lead, found = _filing(request, code)
    return steps.run_step(request, lead, filing.Draft(request, lead.procedure.code, found), step)
