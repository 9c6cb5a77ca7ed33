"""Refuse, with a 400, text that the database cannot store: the NUL character.

PostgreSQL refuses U+0000 in text (psycopg raises DataError on the query), so a `%00` in a query
string, a form field or a path would otherwise be a 500 on any page that looks it up or stores
it. The middleware refuses it before the view, in the project's error shape (shared/API.md) under
/api/ and as a short page elsewhere; a DataError a view still meets (a multipart form's field,
which the middleware does not parse so that the view can stream the upload) is a 400 too. The
API's own exception handler (api/errors.py) answers the DataErrors of its views the same way.
"""

import logging
from collections.abc import Callable, Iterable

from django.core.exceptions import SuspiciousOperation
from django.db import DataError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

NUL = "\x00"
UNSTORABLE = _("The request contains a character that is not accepted (NUL).")
FORM = "application/x-www-form-urlencoded"


def _has_nul(items: Iterable[tuple[str, list[str]]]) -> bool:
    return any(NUL in key or any(NUL in v for v in values) for key, values in items)


def carries_nul(request: HttpRequest) -> bool:
    """Whether the path, the query string or a URL-encoded form carries a NUL character."""
    if NUL in request.path or _has_nul(request.GET.lists()):
        return True
    if request.content_type != FORM:
        return False
    try:
        return _has_nul(request.POST.lists())
    except SuspiciousOperation:  # too large, too many fields: the view answers it (413, 400)
        return False


def refusal(request: HttpRequest, code: str = "unstorable_text") -> HttpResponse:
    """The 400 answer: JSON in the API's error shape under /api/, else a short page."""
    if request.path.startswith("/api/"):
        with translation.override("vi"):
            vi = str(UNSTORABLE)
        with translation.override("en"):
            en = str(UNSTORABLE)
        body = {"error": {"code": code, "message": vi, "message_en": en, "fields": {}}}
        return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
    return render(request, "core/refused.html", {"message": UNSTORABLE}, status=400)


class RefuseUnstorableText:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if carries_nul(request):
            logger.warning("request_refused_nul", extra={"path": request.path.replace(NUL, "")})
            return refusal(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DataError):
            logger.warning("request_data_error", extra={"path": request.path.replace(NUL, "")})
            return refusal(request)
        return None
