"""Extreme input never gets a 500: every query parameter of the served schema with hostile values,
nested and oversized bodies, out-of-range dates (shared/API.md: a 4xx in the one error shape)."""

import pytest

from motcua.identity.models import Role
from motcua.identity.services import create_official
from tests.builders.dossiers import client_for

EXTREME = [
    "9999-12-31",
    "0000-01-01",
    "0001-01-01",
    "2026-02-30",
    "2026-13-01",
    "20261301",
    "-1",
    "99999999999999999999999",
    "1e400",
    "x" * 5000,
    "ʼ\u202e",
]


def _list_operations(client) -> list[tuple[str, str]]:
    schema = client.get("/api/v1/schema/?format=json").json()
    found = []
    for path, item in schema["paths"].items():
        get = item.get("get")
        if get is None or "{" in path:
            continue
        for parameter in get.get("parameters", []):
            if parameter["in"] == "query" and parameter["name"] != "format":
                found.append((path, parameter["name"]))
    return found


def assert_the_error_shape(response) -> None:
    error = response.json()["error"]
    assert error["code"]
    assert error["message"]
    assert error["message_en"]


@pytest.mark.parametrize("role", [Role.COORDINATOR, None])
def test_every_query_parameter_with_extreme_values_is_never_a_500(db, role):
    user = create_official("centre", role=Role.COORDINATOR) if role else None
    client = client_for(user) if user else client_for(None)
    failures = []
    operations = _list_operations(client)
    assert operations
    for path, name in operations:
        for value in EXTREME:
            response = client.get(path, {name: value})
            if response.status_code >= 500:
                failures.append((path, name, value, response.status_code))
            elif response.status_code >= 400 and "json" in response["Content-Type"]:
                assert_the_error_shape(response)
    assert failures == []


def _post_raw(path: str, body: bytes):
    from rest_framework.test import APIClient

    return APIClient().generic("POST", path, body, content_type="application/json")


def test_json_nested_deeper_than_the_parser_follows_is_a_400(db):
    response = _post_raw("/api/v1/complaints/", b"[" * 100_000 + b"]" * 100_000)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed"
    assert_the_error_shape(response)


@pytest.mark.parametrize(
    "path", ["/api/v1/complaints/", "/api/v1/payments/providers/paygov/callback/"]
)
def test_a_body_over_the_limit_is_a_413_with_the_error_body(db, settings, path):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = b'{"text": "' + b"a" * 2000 + b'"}'

    response = _post_raw(path, body)

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert_the_error_shape(response)
