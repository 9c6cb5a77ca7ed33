"""OpenAPI helpers every app's API views use (`extend_schema(responses=...)`); the schema's
description itself (tags, errors, the token scheme) is the api app's: api/schema.py."""

from typing import Any

from drf_spectacular.types import OpenApiTypes


def binary(*media_types: str) -> dict[tuple[int, str], Any]:
    """A 200 response of raw bytes in these media types (`responses=` of extend_schema)."""
    return {(200, media_type): OpenApiTypes.BINARY for media_type in media_types}


PDF_RESPONSE = binary("application/pdf")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
