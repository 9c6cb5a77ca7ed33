"""Finding a procedure: the home page, search (with or without diacritics), fields and life
events, and the procedure page."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from motcua.catalog import selectors as catalog
from motcua.dossiers import selectors as dossiers
from motcua.portal import groups
from motcua.portal.life_events import BY_SLUG, LIFE_EVENTS
from motcua.web.forms import SearchForm
from motcua.web.pages import domain_pages, paginate, query_without_page


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {"form": SearchForm(), "events": LIFE_EVENTS, "fields": catalog.fields_in_use()},
    )


def procedures(request: HttpRequest) -> HttpResponse:
    """Search the published catalog in residents' words, with filters; htmx asks for the
    results alone as the person types. Nothing found: the closest names, the procedures most
    filed, the assistant and the hotline."""
    form = SearchForm(request.GET)
    query = form.cleaned_data if form.is_valid() else {}
    event = BY_SLUG.get(query.get("event", ""))
    codes = list(event.codes) if event is not None else None
    business = query.get("who") == "business"
    if business:  # the business section: what an enterprise or organisation may file
        allowed = set(catalog.organisation_codes())
        codes = [c for c in codes if c in allowed] if codes is not None else sorted(allowed)
    found = catalog.search_procedures(
        q=query.get("q", ""),
        field=query.get("field", ""),
        level=query.get("level", ""),
        online=query.get("online", ""),
        codes=codes,
    )
    fields = catalog.fields_in_use()
    page = paginate(request, found)
    context = {
        "form": form,
        "page": page,
        "event_groups": groups.of_event(event) if event is not None else [],
        "query": query_without_page(request),
        "event": event,
        "business": business,
        "fields": fields,
        "field": next((f for f in fields if f.code == query.get("field")), None),
        "nav": "procedures",
    }
    if not page.paginator.count:
        context["suggestions"] = _suggestions(query.get("q", ""))
    htmx = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    response = render(request, "portal/_results.html" if htmx else "portal/search.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _suggestions(q: str) -> dict[str, object]:
    popular = dossiers.most_filed_codes(limit=5) or [
        code for event in LIFE_EVENTS for code in event.codes[:1]
    ]
    return {
        "closest": catalog.closest_procedures(q) if q else [],
        "popular": catalog.search_procedures(codes=popular)[:5],
        "hotline": settings.MOTCUA_HOTLINE,
    }


@domain_pages
def procedure(request: HttpRequest, code: str) -> HttpResponse:
    version = catalog.get_published_version(code)  # 404
    context = {
        "version": version,
        "can_file_online": version.files_online,
        "applicants": catalog.applicant_labels(version),
        "time_limits": catalog.channel_limits(version),
        "groups": [(g, groups.group_name(g)) for g in groups.groups_with(code)],
        "nav": "procedures",
    }
    return render(request, "portal/procedure.html", context)
