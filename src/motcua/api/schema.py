"""OpenAPI post-processing: every operation documents the one error shape of shared/API.md."""

from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "message_en", "fields"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string", "description": "Vietnamese"},
                "message_en": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": True},
            },
        }
    },
}
READ_ERRORS = {
    "400": "Bad input",
    "401": "Not signed in",
    "403": "Not allowed",
    "404": "Not found",
    "429": "Too many requests",
}
WRITE_ERRORS = READ_ERRORS | {
    "409": "Conflict with the current state",
    "415": "Unsupported media type",
    "422": "Valid input that the rules refuse",
}


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Add the Error component and the error statuses to every operation of the API."""
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
    return result
