import re
from pathlib import Path

# The contract (a copy of shared/API.md in the repository, so that this runs on any clone).
API_MD = Path(__file__).resolve().parents[2] / "docs" / "api.md"
# Paths the contract names that are not built yet, each with its issue; this list only shrinks.
NOT_YET_BUILT: dict[str, str] = {}


def _named_paths() -> set[str]:
    verbs = "GET|POST|PUT|PATCH|DELETE"
    return set(re.findall(rf"`(?:{verbs})(?:\|(?:{verbs}))* (/api/v1/[^`? ]+)", API_MD.read_text()))


def test_the_schema_serves_every_path_the_contract_names(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    served = set(response.json()["paths"])

    assert response.status_code == 200
    assert len(_named_paths()) > 20  # the contract was read, not an empty file
    missing = _named_paths() - served - set(NOT_YET_BUILT)
    assert missing == set()
    assert not set(NOT_YET_BUILT) & served, "built now: drop it from NOT_YET_BUILT"


def test_the_docs_page_is_served_without_a_cdn(client, db):
    page = client.get("/api/v1/docs/").content.decode()

    assert "swagger-ui" in page
    assert "cdn" not in page.lower()


def test_an_unknown_api_path_is_a_json_404_and_a_page_stays_html(client, db):
    api = client.get("/api/v1/track/a%2Fb/?id_last4=1234")
    page = client.get("/no-such-page/")

    assert api.status_code == 404
    assert api.json()["error"]["code"] == "not_found"
    assert api.json()["error"]["message_en"] == "Not found."
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def test_every_operation_documents_the_error_shape(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()

    action = schema["paths"]["/api/v1/dossiers/{code}/actions/{action}/"]["post"]
    statuses = set(action["responses"])
    assert {"200", "400", "401", "403", "404", "409", "422"} <= statuses
    assert "Error" in schema["components"]["schemas"]
    action_param = next(p for p in action["parameters"] if p["name"] == "action")
    assert "request-supplement" in str(action_param["schema"])


def _served(api) -> dict:
    return api.get("/api/v1/schema/", {"format": "json"}).json()


def test_the_served_schema_is_valid_openapi(api):
    from openapi_spec_validator import validate

    validate(_served(api))  # raises on the first error (e.g. a default against its own minLength)


def test_bodies_are_json_once_and_multipart_only_for_files(api):
    bodies = {
        (method, path): list(op["requestBody"]["content"])
        for path, ops in _served(api)["paths"].items()
        for method, op in ops.items()
        if "requestBody" in op
    }

    uploads = {("post", "/api/v1/uploads/"), ("post", "/api/v1/verify/")}
    uploads.add(("post", "/api/v1/payments/statements/"))
    assert {k: v for k, v in bodies.items() if k in uploads} == dict.fromkeys(
        uploads, ["multipart/form-data"]
    )
    assert {tuple(v) for k, v in bodies.items() if k not in uploads} == {("application/json",)}


def test_files_are_described_with_their_media_types_and_lists_are_paginated(api):
    paths = _served(api)["paths"]

    def media(path: str) -> list[str]:
        return list(paths[path]["get"]["responses"]["200"]["content"])

    assert media("/api/v1/dossiers/{code}/result.pdf") == ["application/pdf"]
    assert media("/api/v1/dossiers/{code}/payment/qr.{kind}") == ["image/svg+xml", "image/png"]
    assert media("/api/v1/indicators.csv") == ["text/csv"]
    assert "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" in media(
        "/api/v1/payments/report/"
    )
    events = paths["/api/v1/dossiers/{code}/events/"]["get"]
    assert {"page", "page_size"} <= {p["name"] for p in events["parameters"]}
    page = events["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert page.endswith("/PaginatedEventOutList")


def test_optional_text_left_empty_is_accepted_where_the_schema_defaults_to_empty(api):
    """A generated client sends a field's declared default; '' must then be valid input."""
    from motcua.payments.api import FeeAccountIn

    body = {
        "agency": "X",
        "purpose": "fees",
        "bank_bin": "970436",
        "account_number": "1",
        "account_name": "A",
        **{"tax_code": "", "budget_chapter": "", "budget_subitem": "", "treasury": ""},
    }

    assert FeeAccountIn(data=body).is_valid(), FeeAccountIn(data=body).errors
