"""The API's one error shape: {"error": {"code", "message", "message_en", "fields"}}."""

import logging
import sys
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import DataError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.views import defaults

from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from motcua.api.parsers import PayloadTooLarge
from motcua.core.errors import DomainError

logger = logging.getLogger(__name__)

_DRF_CODES: dict[type[exceptions.APIException], tuple[str, Any]] = {
    exceptions.ValidationError: ("invalid", _("Some fields are not valid.")),
    exceptions.ParseError: ("malformed", _("The request body could not be read.")),
    exceptions.NotAuthenticated: ("not_authenticated", _("Please sign in.")),
    exceptions.AuthenticationFailed: ("authentication_failed", _("The credentials are wrong.")),
    exceptions.PermissionDenied: ("forbidden", _("You do not have permission to do this.")),
    exceptions.NotFound: ("not_found", _("Not found.")),
    exceptions.MethodNotAllowed: ("method_not_allowed", _("This method is not allowed here.")),
    exceptions.NotAcceptable: ("not_acceptable", _("This response format is not available.")),
    exceptions.UnsupportedMediaType: (
        "unsupported_media_type",
        _("This content type is not accepted."),
    ),
    exceptions.Throttled: ("throttled", _("Too many requests. Please wait and try again.")),
    PayloadTooLarge: ("payload_too_large", _("The request body is too large.")),
}
# Input past what dates and numbers can hold (9999-12-31 plus a day, year 1 minus a month).
OUT_OF_RANGE = _("A date or number in the request is outside the range this service accepts.")


def _both(render: Any) -> tuple[str, str]:
    """Render a message under Vietnamese and under English."""
    with translation.override("vi"):
        vi = render()
    with translation.override("en"):
        en = render()
    return vi, en


def _fields(detail: Any) -> Any:
    """Turn DRF's nested error details into plain strings, translated in the active language."""
    if isinstance(detail, dict):
        return {key: _fields(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_fields(value) for value in detail]
    return str(detail)


def error_response(code: str, vi: str, en: str, status_code: int, fields: Any = None) -> Response:
    """Build the error response of shared/API.md."""
    body = {"error": {"code": code, "message": vi, "message_en": en, "fields": fields or {}}}
    return Response(body, status=status_code)


# The database is restarting, failing over or unreachable: a client may try again shortly.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5
UNAVAILABLE = _("The service is briefly unavailable. Please try again in a moment.")


def _unavailable(exc: BaseException, request: Any) -> Response:
    """503 with Retry-After; Django closes the broken connection and the next request opens one."""
    logger.warning(
        "database_unavailable",
        extra={"error": type(exc).__name__, "path": getattr(request, "path", "")},
    )
    vi, en = _both(lambda: str(UNAVAILABLE))
    response = error_response("service_unavailable", vi, en, status.HTTP_503_SERVICE_UNAVAILABLE)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _as_api_exception(exc: Exception, context: dict[str, Any]) -> Exception:
    """Map Django's and Python's errors a client can cause onto DRF's."""
    if isinstance(exc, DataError):  # input the database cannot store (e.g. NUL, out of range)
        logger.warning("api_data_error", extra={"view": type(context.get("view")).__name__})
        return exceptions.ParseError()
    if isinstance(exc, RequestDataTooBig):  # request.body or a form over the limit
        return PayloadTooLarge()
    if isinstance(exc, RecursionError):
        return exceptions.ParseError()
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Render domain and framework errors in the one shape; log and hide anything unexpected."""
    set_rollback()
    if isinstance(exc, DomainError):
        vi, en = _both(exc.render)
        return error_response(exc.code, vi, en, exc.status, exc.fields)
    if isinstance(exc, OverflowError):  # date arithmetic on an extreme date of the request
        vi, en = _both(lambda: str(OUT_OF_RANGE))
        return error_response("out_of_range", vi, en, status.HTTP_400_BAD_REQUEST)
    exc = _as_api_exception(exc, context)
    if isinstance(exc, exceptions.APIException):
        code, message = next(
            ((c, m) for kind, (c, m) in _DRF_CODES.items() if isinstance(exc, kind)),
            ("error", _("The request could not be completed.")),
        )
        vi, en = _both(lambda: str(message))
        fields = _fields(exc.detail) if isinstance(exc, exceptions.ValidationError) else {}
        if isinstance(fields, list):
            fields = {"non_field_errors": fields}
        return error_response(code, vi, en, exc.status_code, fields)
    if isinstance(exc, DATABASE_DOWN):
        return _unavailable(exc, context.get("request"))
    logger.error(
        "api_unhandled_error", exc_info=exc, extra={"view": type(context.get("view")).__name__}
    )
    vi, en = _both(lambda: str(_("An internal error occurred. It has been recorded.")))
    return error_response("internal_error", vi, en, status.HTTP_500_INTERNAL_SERVER_ERROR)


def _page_error(request: HttpRequest, code: str, message: Any, status_code: int) -> Any:
    """Answer API paths in the API's error shape; leave pages to Django's own handlers."""
    if not request.path.startswith("/api/"):
        return None
    vi, en = _both(lambda: str(message))
    body = {"error": {"code": code, "message": vi, "message_en": en, "fields": {}}}
    return JsonResponse(body, status=status_code)


def not_found(request: HttpRequest, exception: Exception | None = None) -> Any:
    """handler404: a JSON 404 under /api/, Django's page elsewhere."""
    return _page_error(request, "not_found", _("Not found."), 404) or defaults.page_not_found(
        request, exception
    )


def server_error(request: HttpRequest) -> Any:
    """handler500: a JSON 500 under /api/, Django's page elsewhere; 503 while the database is
    unreachable (a page's middleware or view met the error), so clients and proxies retry."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        vi, en = _both(lambda: str(UNAVAILABLE))
        if request.path.startswith("/api/"):
            error = {"code": "service_unavailable", "message": vi, "message_en": en, "fields": {}}
            response: HttpResponse = JsonResponse({"error": error})
        else:
            response = HttpResponse(
                f'<!doctype html><html lang="vi"><title>503</title><p>{escape(vi)}</p>'
                f'<p lang="en">{escape(en)}</p></html>'
            )
        response.status_code = 503
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    message = _("An internal error occurred. It has been recorded.")
    return _page_error(request, "internal_error", message, 500) or defaults.server_error(request)
