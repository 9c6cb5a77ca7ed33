"""What an attacker sends to the signed and authenticated endpoints answers a 4xx, never a 500.

`str.isdigit()` takes "²" (which `int()` refuses) and "٣"; `int()` refuses more than 4300 digits;
`hmac.compare_digest` raises TypeError on a str with a character outside ASCII; a Basic header
may be anything. Each of these was a 500 before (the attacker's probe of December 2026).
"""

import base64
import json
import time

from django.contrib.auth import get_user_model
from django.test import Client

import jwt
import pytest
from rest_framework.test import APIClient

from motcua.catalog.models import ProcedureVersion
from motcua.identity import portal_sso, sandbox_oidc, sandbox_portal_idp
from motcua.identity.models import SandboxPortalGrant
from motcua.identity.services import create_official
from motcua.integrations import webhooks
from motcua.integrity.models import InspectionCase
from motcua.payments import providers
from tests.builders.dossiers import committee

BAD_STAMPS = ["²", "٣", "1²", "9" * 5000, "-1", " 1", ""]
NON_ASCII = ["v1,é", "v1,ẞ", "ž" * 64, "\u00ff"]


def SHORT(value: object) -> str:  # noqa: N802 (a pytest ids function)
    return ascii(value)[:16]


def assert_the_error_shape(response) -> None:
    error = response.json()["error"]
    assert error["code"]
    assert error["message"]
    assert error["message_en"]


# --- The national portal's pushes (Standard Webhooks) ---------------------------------------


def _push(url: str, *, stamp: str, signature: str | None = None):
    raw = json.dumps({"national_code": "G22.99-261201-0001"}).encode()
    if signature is None:
        signature = "v1,AAAA"
    return APIClient().post(
        url,
        data=raw,
        content_type="application/json",
        HTTP_WEBHOOK_ID="push-1",
        HTTP_WEBHOOK_TIMESTAMP=stamp,
        HTTP_WEBHOOK_SIGNATURE=signature,
    )


PORTAL_PUSHES = ["/api/v1/national-portal/dossiers/", "/api/v1/national-portal/updates/"]


@pytest.mark.parametrize("url", PORTAL_PUSHES)
@pytest.mark.parametrize("stamp", BAD_STAMPS, ids=SHORT)
def test_a_push_with_a_timestamp_not_in_ascii_digits_is_refused(db, url, stamp):
    response = _push(url, stamp=stamp)

    assert response.status_code == 401, response.content
    assert_the_error_shape(response)


@pytest.mark.parametrize("url", PORTAL_PUSHES)
@pytest.mark.parametrize("signature", NON_ASCII, ids=SHORT)
def test_a_push_with_a_signature_outside_ascii_is_refused(db, url, signature):
    response = _push(url, stamp=str(int(time.time())), signature=signature)

    assert response.status_code == 401, response.content
    assert_the_error_shape(response)


def test_the_webhook_check_refuses_unicode_digits_and_non_ascii_signatures():
    secret = webhooks.new_secret()
    stamp = str(int(time.time()))
    good = webhooks.signature(secret, "m1", stamp, b"{}")
    headers = {"webhook-id": "m1", "webhook-timestamp": stamp, "webhook-signature": good}

    assert webhooks.verified(secret, b"{}", headers)
    assert not webhooks.verified(secret, b"{}", {**headers, "webhook-timestamp": "²"})
    assert not webhooks.verified(secret, b"{}", {**headers, "webhook-signature": f"é {good}x"})


# --- The postal operator's and the payment providers' callbacks -----------------------------


@pytest.mark.parametrize("stamp", BAD_STAMPS, ids=SHORT)
def test_a_postal_callback_with_a_bad_timestamp_is_refused(db, settings, stamp):
    settings.MOTCUA_POSTAL_CALLBACK_SECRET = "postal-secret"
    response = APIClient().post(
        "/api/v1/delivery/postal/callback/",
        b"{}",
        content_type="application/json",
        HTTP_X_MOTCUA_TIMESTAMP=stamp,
        HTTP_X_MOTCUA_SIGNATURE="00",
    )

    assert response.status_code == 403, response.content
    assert_the_error_shape(response)


@pytest.mark.parametrize("signature", NON_ASCII, ids=SHORT)
def test_a_postal_callback_with_a_signature_outside_ascii_is_refused(db, settings, signature):
    settings.MOTCUA_POSTAL_CALLBACK_SECRET = "postal-secret"
    response = APIClient().post(
        "/api/v1/delivery/postal/callback/",
        b"{}",
        content_type="application/json",
        HTTP_X_MOTCUA_TIMESTAMP=str(int(time.time())),
        HTTP_X_MOTCUA_SIGNATURE=signature,
    )

    assert response.status_code == 403, response.content
    assert_the_error_shape(response)


@pytest.mark.parametrize(
    ("stamp", "signature"),
    [("²", "00"), ("9" * 5000, "00"), *[(None, s) for s in NON_ASCII]],
    ids=SHORT,
)
def test_a_payment_callback_with_a_bad_stamp_or_signature_is_refused(
    db, settings, stamp, signature
):
    settings.MOTCUA_PAYGOV_SECRET = "paygov-test-secret"
    response = APIClient().post(
        "/api/v1/payments/providers/paygov/callback/",
        b"{}",
        content_type="application/json",
        HTTP_X_MOTCUA_TIMESTAMP=stamp or str(int(time.time())),
        HTTP_X_MOTCUA_SIGNATURE=signature,
    )

    assert response.status_code == 403, response.content
    assert_the_error_shape(response)


def test_a_provider_refuses_a_signature_outside_ascii_without_raising():
    provider = providers.Provider("paygov", "secret")
    stamp = str(int(time.time()))

    with pytest.raises(providers.CallbackRefused):
        provider.verify(b"{}", {"X-Motcua-Timestamp": stamp, "X-Motcua-Signature": "é"})


# --- /metrics --------------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["Bearer é", "Bearer ẞẞẞ", "Basic ÿ"])
def test_metrics_with_a_token_outside_ascii_is_a_401(db, settings, given):
    settings.MOTCUA_METRICS_TOKEN = "metrics-token"

    response = Client().get("/metrics", HTTP_AUTHORIZATION=given)

    assert response.status_code == 401


# --- The sandbox identity providers' token endpoints ----------------------------------------

TOKEN_URLS = ["/sandbox-idp/token", "/sandbox-portal/sso/token"]
BAD_BASIC = [
    "Basic !!!not-base64!!!",
    "Basic " + base64.b64encode(b"\xff\xfe:\xfa").decode(),  # not UTF-8
    "Basic " + base64.b64encode(b"no-colon-here").decode(),
    "Basic " + base64.b64encode("motcua-portal:é".encode()).decode(),  # a wrong secret
    "Basic =",
    "Basic ",
]


@pytest.mark.parametrize("url", TOKEN_URLS)
@pytest.mark.parametrize("header", BAD_BASIC)
def test_a_token_request_with_a_broken_basic_header_is_invalid_client(db, url, header):
    response = Client().post(url, {"code": "x"}, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401, response.content
    assert response.json() == {"error": "invalid_client"}


@pytest.mark.parametrize("url", TOKEN_URLS)
def test_a_token_request_with_a_secret_outside_ascii_is_invalid_client(db, url):
    response = Client().post(url, {"client_id": "x", "client_secret": "mật khẩu", "code": "x"})

    assert response.status_code == 401
    assert response.json() == {"error": "invalid_client"}


def test_the_basic_header_is_read_once_decoded():
    request = type("R", (), {})()
    request.headers = {"Authorization": "Basic " + base64.b64encode(b"id:se:cret").decode()}
    request.POST = {}

    assert sandbox_oidc.client_credentials(request) == ("id", "se:cret")


def test_an_id_token_with_a_nonce_outside_ascii_is_refused_not_a_500(db, settings):
    grant = sandbox_oidc.new_grant(
        SandboxPortalGrant,
        client_id=settings.MOTCUA_PORTAL_SSO_CLIENT_ID,
        redirect_uri="https://motcua.test/sso/national-portal/callback/",
        code_challenge="x",
        nonce="nonce-é",
        claims={"sub": "s", "loAs": "2"},
    )
    grant.used_at = grant.created_at
    grant.save()
    claims = {"sub": "s", "acr": "2", "nonce": "nonce-é"}
    key = sandbox_portal_idp._key()
    now = int(time.time())
    token = jwt.encode(
        {
            **claims,
            "iss": sandbox_portal_idp.issuer(),
            "aud": settings.MOTCUA_PORTAL_SSO_CLIENT_ID,
            "iat": now,
            "exp": now + 60,
        },
        key,
        algorithm="RS256",
        headers={"kid": sandbox_portal_idp.KEY_ID},
    )

    with pytest.raises(portal_sso.Refused):
        portal_sso.verified_token(token, sandbox_portal_idp.public_keys(), "nonce-x")
    assert portal_sso.verified_token(token, sandbox_portal_idp.public_keys(), "nonce-é")


# --- Numbers in the pages' query strings and forms ------------------------------------------


@pytest.mark.parametrize(
    "chosen", ["²", "٣", "9" * 5000, "99999999999999999999999", "-1"], ids=SHORT
)
def test_the_catalog_diff_with_a_version_not_in_ascii_digits_is_a_400(db, chosen):
    admin = get_user_model().objects.create_superuser("root", "root@motcua.test", "x-12345678")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(admin)
    version = ProcedureVersion.objects.order_by("pk").first()

    response = client.get(f"/admin/catalog/procedureversion/{version.pk}/diff/", {"with": chosen})

    assert response.status_code == 400
    assert "The version to compare with is not valid." in response.content.decode()


def test_the_catalog_diff_with_a_version_number_still_compares(db):
    admin = get_user_model().objects.create_superuser("root", "root@motcua.test", "x-12345678")
    client = Client()
    client.force_login(admin)
    version = ProcedureVersion.objects.order_by("pk").first()

    response = client.get(
        f"/admin/catalog/procedureversion/{version.pk}/diff/", {"with": str(version.pk)}
    )

    assert response.status_code == 200


@pytest.mark.parametrize("follow_up", ["²", "٣", "9" * 5000, "99999999999999999999999"], ids=SHORT)
def test_completing_a_follow_up_that_is_not_a_number_is_refused(db, follow_up):
    inspector = create_official("inspector1", role="inspector")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(inspector)
    client.post(
        "/workspace/integrity/cases/",
        {"agency": committee("00070").code, "title": "Kiểm tra", "grounds": "3 phản ánh"},
    )
    case = InspectionCase.objects.get()

    response = client.post(
        f"/workspace/integrity/cases/{case.pk}/", {"step": "done", "follow_up": follow_up}
    )

    assert response.status_code == 400
    assert "No such follow-up." in response.content.decode()
