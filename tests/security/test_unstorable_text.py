"""A NUL character in a path, a query string or a form is a 400, never a 500 (PostgreSQL refuses
U+0000 in text: psycopg raises DataError on the query). core/unstorable.py refuses it before the
view; a DataError a view still meets is a 400 too. Run on PostgreSQL in CI."""

from django.db import DataError, connection
from django.test import Client, RequestFactory

import pytest
from rest_framework.test import APIClient

from motcua.core.unstorable import RefuseUnstorableText
from motcua.identity.models import Role
from motcua.identity.services import create_official
from tests.api.test_extreme_input import assert_the_error_shape

MESSAGE_EN = "The request contains a character that is not accepted (NUL)."


def _english() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize(
    "url",
    [
        "/procedures/?q=%00",
        "/procedures/?q=a%00b",
        "/procedures/?%00=1",
        "/track/?code=H26%00",
        "/track/H26%00/",
        "/verify/?code=%00",
        "/sandbox-idp/authorize?client_id=%00",
    ],
)
def test_a_nul_in_a_page_address_is_a_400_page(db, url):
    response = _english().get(url)

    assert response.status_code == 400
    assert MESSAGE_EN in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/api/v1/procedures/?q=%00", "/api/v1/track/H26%00/", "/api/v1/units/?parent=%00"]
)
def test_a_nul_in_an_api_address_is_a_400_in_the_error_shape(db, url):
    response = APIClient().get(url)

    assert response.status_code == 400
    assert response.json()["error"]["code"] in ("unstorable_text", "parse_error", "malformed")
    assert_the_error_shape(response)


def test_a_nul_in_a_url_encoded_form_is_a_400(db):
    response = _english().post(
        "/workspace/sign-in/",
        "username=a%00b&password=x",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert MESSAGE_EN in response.content.decode()


def test_a_nul_in_a_multipart_sign_in_is_a_400(db):
    """The attacker's probe: a NUL in the official's user name was a 500 on PostgreSQL."""
    response = _english().post("/workspace/sign-in/", {"username": "a\x00b", "password": "x"})

    if connection.vendor == "postgresql":
        assert response.status_code == 400
        assert MESSAGE_EN in response.content.decode()
    else:  # SQLite stores a NUL: the sign-in form refuses the unknown account
        assert response.status_code in (200, 400)


def test_a_nul_in_an_official_search_is_a_400(db):
    official = create_official("centre", role=Role.COORDINATOR)
    client = _english()
    client.force_login(official)

    response = client.get("/workspace/", {"q": "H26\x00"})

    assert response.status_code == 400


def test_a_data_error_met_by_a_page_is_a_400():
    def view(request):
        raise DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")

    middleware = RefuseUnstorableText(view)
    request = RequestFactory().post("/complaints/new/", {"text": "x"})

    answer = middleware.process_exception(request, DataError("NUL"))

    assert answer is not None
    assert answer.status_code == 400


def test_text_without_nul_goes_through(db):
    response = Client().get("/procedures/", {"q": "khai sinh"})

    assert response.status_code == 200
