"""Production settings (HSTS, HTTPS, secure cookies), the headers of every answer, and CSRF."""

import json
import os
import subprocess
import sys

from django.test import Client

import pytest

PRODUCTION = {
    "MOTCUA_ENV": "production",
    "MOTCUA_SECRET_KEY": "x" * 60,
    "MOTCUA_ALLOWED_HOSTS": "motcua.example.vn",
}
READ = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
    "s.CSRF_COOKIE_SECURE, s.MOTCUA_REQUIRE_OTP, s.MOTCUA_SANDBOX_IDP]))"
)


def test_production_turns_on_hsts_https_and_secure_cookies():
    env = {**os.environ, **PRODUCTION, "DJANGO_SETTINGS_MODULE": "motcua.settings"}

    out = subprocess.run(
        [sys.executable, "-c", READ], env=env, capture_output=True, text=True, check=True
    )

    assert json.loads(out.stdout) == [31_536_000, True, True, True, True, False]


def test_every_answer_forbids_framing_and_sniffing(db, client):
    for url in ("/", "/api/v1/units/", "/workspace/sign-in/"):
        response = client.get(url)

        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/workspace/sign-in/", {"username": "x", "password": "y"}),
        ("/verify/", {}),
        ("/assistant/ask/", {"question": "khai sinh"}),
        ("/i18n/setlang/", {"language": "en"}),
    ],
)
def test_a_form_post_without_the_csrf_token_is_refused(db, url, body):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(url, body)

    assert response.status_code == 403


def test_a_signed_in_official_cannot_act_without_the_csrf_token(ward_a):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ward_a.receiving)

    response = browser.post("/workspace/intake/lookup/", {"procedure": "1.001193"})

    assert response.status_code == 403
