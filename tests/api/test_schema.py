import re
from pathlib import Path

import pytest

API_MD = Path(__file__).resolve().parents[3] / "shared" / "API.md"
BUILT = [
    "/api/v1/units/",
    "/api/v1/agencies/",
    "/api/v1/service-points/",
    "/api/v1/procedures/",
    "/api/v1/procedures/{code}/",
    "/api/v1/catalog/audit/",
]


def test_the_schema_serves_every_path_built_so_far(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert set(BUILT) <= set(response.json()["paths"])


@pytest.mark.skipif(not API_MD.exists(), reason="shared/API.md is beside the repository in CI")
def test_the_paths_built_are_the_ones_api_md_names():
    named = set(re.findall(r"`(?:GET|POST)(?:\|POST)? (/api/v1/[^`? ]+)", API_MD.read_text()))

    assert {p for p in BUILT if p != "/api/v1/catalog/audit/"} <= named


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
