"""Finding a procedure: the home page, search (with or without diacritics), fields and life
events, and the procedure page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from motcua.catalog import selectors as catalog
from motcua.portal.forms import SearchForm
from motcua.portal.life_events import BY_SLUG, LIFE_EVENTS
from motcua.portal.pages import domain_pages, paginate, query_without_page


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {"form": SearchForm(), "events": LIFE_EVENTS, "fields": catalog.fields_in_use()},
    )


def procedures(request: HttpRequest) -> HttpResponse:
    """Search the published catalog; htmx asks for the results alone as the person types."""
    form = SearchForm(request.GET)
    query = form.cleaned_data if form.is_valid() else {}
    event = BY_SLUG.get(query.get("event", ""))
    found = catalog.search_procedures(q=query.get("q", ""), field=query.get("field", ""))
    if event is not None:
        found = found.filter(procedure__code__in=event.codes)
    field = next((f for f in catalog.fields_in_use() if f.code == query.get("field")), None)
    context = {
        "form": form,
        "page": paginate(request, found),
        "query": query_without_page(request),
        "event": event,
        "field": field,
        "nav": "procedures",
    }
    htmx = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    response = render(request, "portal/_results.html" if htmx else "portal/search.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@domain_pages
def procedure(request: HttpRequest, code: str) -> HttpResponse:
    version = catalog.get_published_version(code)  # 404
    context = {
        "version": version,
        "can_file_online": version.files_online,
        "applicants": catalog.applicant_labels(version),
        "time_limits": catalog.channel_limits(version),
        "nav": "procedures",
    }
    return render(request, "portal/procedure.html", context)
