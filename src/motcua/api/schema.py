"""The OpenAPI description that integrators generate clients from (docs/api-changelog.md).

drf-spectacular builds it from the views; this module adds what the views cannot say: the
`Authorization: Token <key>` scheme, the servers, the tags' descriptions and the one error shape
of shared/API.md on every operation. `make lint` validates and lints the result.
"""

from typing import Any

from django.conf import settings

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "message_en", "fields"],
            "properties": {
                "code": {"type": "string", "description": "machine-readable, e.g. stale_version"},
                "message": {"type": "string", "description": "Vietnamese"},
                "message_en": {"type": "string", "description": "English"},
                "fields": {
                    "type": "object",
                    "additionalProperties": True,
                    "description": "the invalid fields with their messages (400)",
                },
            },
        }
    },
}
READ_ERRORS = {
    "400": "Bad input",
    "401": "Not signed in",
    "403": "Not allowed",
    "404": "Not found",
    "406": "No representation for the Accept header (the error body is JSON)",
    "429": "Too many requests",
}
WRITE_ERRORS = READ_ERRORS | {
    "409": "Conflict with the current state",
    "415": "Unsupported media type",
    "422": "Valid input that the rules refuse",
}


TAGS = {
    "units": "Administrative units of the province (public)",
    "agencies": "Agencies (public)",
    "service-points": "Where dossiers are received (public)",
    "procedures": "The published procedure catalog (public)",
    "catalog": "The catalog's compliance audit",
    "uploads": "Files to attach to a dossier (multipart)",
    "dossiers": "Dossiers: filing, actions, the event log, the issued documents, the payment",
    "track": "Public tracking of a dossier",
    "verify": "Check the signature of a PDF (public)",
    "fee-accounts": "Fee-collection accounts",
    "payments": "Provider callbacks, bank statements, reviews, the collections report",
    "complaints": "Complaints and feedback",
    "integrity": "Broker and extra-document flags (oversight)",
    "helpers": "Community digital team helpers",
    "assistant": "The virtual assistant (public)",
    "indicators": "Service-quality indicators (JSON or CSV)",
    "subscriptions": "Webhooks: dossier events as CloudEvents for systems (docs/webhooks.md)",
    "national-portal": "The National Public Service Portal: its dossiers in, the reconciliation",
}


class TokenScheme(OpenApiAuthenticationExtension):
    """`Authorization: Token <key>`: an HTTP authentication scheme named Token (RFC 7235), so
    that a generator knows the prefix (drf-spectacular's default says it in prose only)."""

    target_class = "rest_framework.authentication.TokenAuthentication"
    name = "tokenAuth"
    priority = 1

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "Token",
            "description": "Send `Authorization: Token <key>`; an official's or a system's key "
            "comes from `motcua token create USER`.",
        }


def _add_error_responses(result: dict[str, Any]) -> None:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for path, operations in result.get("paths", {}).items():
        if not path.startswith("/api/v1/") or path.startswith("/api/v1/schema"):
            continue
        for method, operation in operations.items():
            errors = READ_ERRORS if method == "get" else WRITE_ERRORS
            responses = operation.setdefault("responses", {})
            for status, description in errors.items():
                responses.setdefault(status, {"description": description, **ref})
            for status, response in responses.items():  # statuses a view documents itself
                if status[0] in "45" and "content" not in response:
                    response.update(ref)


def describe(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Post-process the generated description (SPECTACULAR_SETTINGS' POSTPROCESSING_HOOKS)."""
    _add_error_responses(result)
    result["servers"] = [
        {"url": settings.MOTCUA_PUBLIC_URL, "description": "this deployment (MOTCUA_PUBLIC_URL)"}
    ]
    used = {
        tag
        for ops in result.get("paths", {}).values()
        for op in ops.values()
        for tag in op.get("tags", [])
    }
    result["tags"] = [{"name": tag, "description": TAGS.get(tag, tag)} for tag in sorted(used)]
    return result
