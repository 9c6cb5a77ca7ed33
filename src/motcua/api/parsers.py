"""The API's JSON parser: a body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 413 before it is read,
nesting too deep for Python's parser is a 400 (both in the error shape of shared/API.md), and
every string is NFC, without text-direction controls (core/text.clean_data)."""

from typing import Any

from django.conf import settings

from rest_framework import exceptions, parsers

from motcua.core.text import clean_data


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        request = (parser_context or {}).get("request")
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if request is not None and limit is not None:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                raise PayloadTooLarge()
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:  # "[[[[…" nested deeper than the parser can follow
            raise exceptions.ParseError() from exc
        return clean_data(data)
