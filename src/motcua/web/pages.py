"""Helpers shared by the portal's and the workspace's views."""

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse

from motcua.core.errors import DomainError, Forbidden, NotFound


def domain_pages(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Turn the selectors' NotFound and Forbidden into Django's 404 and 403 pages."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404() from exc
        except Forbidden as exc:
            raise PermissionDenied() from exc

    return wrapped


def messages_of(error: DomainError) -> list[str]:
    """Return a refusal's message and every field message, in the active language."""
    found = [error.render()]

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif value and str(value) not in found:
            found.append(str(value))

    walk(error.fields)
    return found


def paginate(request: HttpRequest, rows: Any, per_page: int = 20) -> Page:
    """Return the requested page of rows (a bad or too large page number gives the last)."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """Return the query string without `page`, for the pager's links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
