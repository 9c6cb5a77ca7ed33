import os
import subprocess
import sys
from pathlib import Path

import pytest

from motcua.core.checks import production_settings

# A production environment that passes every check (the connectors are the HTTP adapters).
PRODUCTION = {
    "MOTCUA_ENV": "production",
    "MOTCUA_SECRET_KEY": "a-real-secret-from-the-vault",
    "MOTCUA_SIGNING": "pkcs12",
    "MOTCUA_NATIONAL_DATA_CONNECTOR": "motcua.identity.connectors.http.HttpNationalData",
    "MOTCUA_NATIONAL_PORTAL_CONNECTOR": "motcua.integrations.connectors.http.HttpNationalPortal",
    "MOTCUA_SMS_CONNECTOR": "motcua.integrations.connectors.http.HttpSms",
    "MOTCUA_RECEIPT_PROVIDER_CONNECTOR": "motcua.integrations.connectors.http.HttpReceiptProvider",
    "MOTCUA_PORTAL_SSO_CONNECTOR": "motcua.identity.connectors.http.HttpPortalSignOn",
    "MOTCUA_PORTAL_SSO_ISSUER": "https://sso.dichvucong.gov.vn",
    "MOTCUA_PORTAL_SSO_CLIENT_SECRET": "a-real-client-secret-from-the-vault",
    "MOTCUA_OIDC_CLIENT_SECRET": "the-client-secret-vneid-issued",
    "MOTCUA_NATIONAL_PORTAL_TOKEN": "the-token-the-portal-issued",
    "MOTCUA_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "MOTCUA_POSTAL_CONNECTOR": "motcua.integrations.connectors.http.HttpPostalOperator",
    "MOTCUA_POSTAL_CALLBACK_SECRET": "the-operators-own-secret",
    "MOTCUA_BUSINESS_REGISTRY_CONNECTOR": (
        "motcua.identity.connectors.business.HttpBusinessRegistry"
    ),
    "MOTCUA_PARTICIPANT_CONNECTOR": "motcua.integrations.connectors.http.HttpParticipantSystem",
}
UNSAFE = {
    "the demo secret key": {"MOTCUA_SECRET_KEY": "demo-only-insecure-key-change-me-in-production"},
    "DEBUG": {"MOTCUA_DEBUG": "true"},
    "second factors off": {"MOTCUA_REQUIRE_OTP": "false"},
    "the sandbox identity provider": {"MOTCUA_SANDBOX_IDP": "true"},
    "a sandbox connector": {
        "MOTCUA_NATIONAL_DATA_CONNECTOR": "motcua.identity.connectors.sandbox.SandboxNationalData"
    },
    "the sandbox portal's sign-on": {
        "MOTCUA_PORTAL_SSO_CONNECTOR": "motcua.identity.connectors.sandbox.SandboxPortalSignOn"
    },
    "the sandbox portal as the sign-on's issuer": {
        "MOTCUA_PORTAL_SSO_ISSUER": "https://motcua.example/sandbox-portal/sso"
    },
}


def _start(command: list[str], extra: dict[str, str]) -> subprocess.CompletedProcess:
    """Run `command` under production settings; a server still up after 30 s has started."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MOTCUA_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env.update({**PRODUCTION, **extra, "MOTCUA_VAR_DIR": str(Path.cwd() / "var")})
    try:
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, 0, "serving", "")


WSGI = [sys.executable, "-c", "import motcua.wsgi; print('serving')"]


def test_the_wsgi_server_starts_with_production_settings():
    started = _start(WSGI, {})

    assert started.returncode == 0, started.stderr
    assert "serving" in started.stdout


@pytest.mark.parametrize("unsafe", UNSAFE, ids=list(UNSAFE))
def test_the_server_refuses_to_start_in_production_with(unsafe):
    gunicorn = _start(WSGI, UNSAFE[unsafe])  # what gunicorn motcua.wsgi imports

    assert gunicorn.returncode != 0
    assert "Refusing to serve with unsafe production settings" in gunicorn.stderr
    runserver = _start(  # even when told to skip the system checks
        [sys.executable, "-m", "motcua", "runserver", "--noreload", "--skip-checks", "127.0.0.1:0"],
        UNSAFE[unsafe],
    )
    assert runserver.returncode != 0
    assert "Refusing to serve with unsafe production settings" in runserver.stderr


def test_production_refuses_the_demo_secret_key_and_debug(settings):
    settings.MOTCUA_ENV = "production"
    settings.MOTCUA_SANDBOX_PORTAL = True
    settings.MOTCUA_NATIONAL_DATA_CONNECTOR = UNSAFE["a sandbox connector"][
        "MOTCUA_NATIONAL_DATA_CONNECTOR"
    ]
    settings.SECRET_KEY = "demo-only-insecure-key-change-me-in-production"
    settings.DEBUG = True
    settings.MOTCUA_SIGNING = "demo"
    settings.MOTCUA_SANDBOX_PAYMENTS = True
    settings.MOTCUA_SANDBOX_IDP = True
    settings.MOTCUA_REQUIRE_OTP = False

    assert [e.id for e in production_settings(None)] == [
        "motcua.E001",
        "motcua.E002",
        "motcua.E006",
        "motcua.E005",
        "motcua.E004",
        "motcua.E003",
        "motcua.E007",
        "motcua.E008",
        "motcua.E009",
        "motcua.E011",  # the sandbox e-receipt provider (the shipped default)
        "motcua.E010",
        "motcua.E012",  # the sandbox business registry (the shipped default)
        "motcua.E012",  # the sandbox participating systems
        "motcua.E012",  # the sandbox portal's sign-on
        "motcua.E012",  # the sandbox postal operator
        "motcua.E013",  # the sandbox's OIDC client secret
        "motcua.E014",  # the sandbox's national portal token
        "motcua.E016",  # the sandbox portal's sign-on client secret
        "motcua.E015",  # e-mail kept on this machine (the tests' locmem backend)
        "motcua.E017",  # the sandbox portal as the sign-on's issuer
        "motcua.E018",  # the sandbox postal callback secret
    ]


def test_production_with_a_real_key_passes_and_the_demo_is_never_checked(settings):
    settings.MOTCUA_ENV = "production"
    settings.SECRET_KEY = "a-real-secret-from-the-vault"
    settings.DEBUG = False
    settings.MOTCUA_SIGNING = "pkcs12"
    settings.MOTCUA_SANDBOX_PAYMENTS = False
    settings.MOTCUA_SANDBOX_IDP = False
    settings.MOTCUA_REQUIRE_OTP = True
    settings.MOTCUA_SANDBOX_PORTAL = False
    settings.MOTCUA_NATIONAL_DATA_CONNECTOR = PRODUCTION["MOTCUA_NATIONAL_DATA_CONNECTOR"]
    settings.MOTCUA_NATIONAL_PORTAL_CONNECTOR = PRODUCTION["MOTCUA_NATIONAL_PORTAL_CONNECTOR"]
    settings.MOTCUA_SMS_CONNECTOR = PRODUCTION["MOTCUA_SMS_CONNECTOR"]
    settings.MOTCUA_RECEIPT_PROVIDER_CONNECTOR = PRODUCTION["MOTCUA_RECEIPT_PROVIDER_CONNECTOR"]
    settings.MOTCUA_PORTAL_SSO_CONNECTOR = PRODUCTION["MOTCUA_PORTAL_SSO_CONNECTOR"]
    settings.MOTCUA_PORTAL_SSO_ISSUER = PRODUCTION["MOTCUA_PORTAL_SSO_ISSUER"]
    settings.MOTCUA_PORTAL_SSO_CLIENT_SECRET = PRODUCTION["MOTCUA_PORTAL_SSO_CLIENT_SECRET"]
    settings.MOTCUA_OIDC_CLIENT_SECRET = PRODUCTION["MOTCUA_OIDC_CLIENT_SECRET"]
    settings.MOTCUA_NATIONAL_PORTAL_TOKEN = PRODUCTION["MOTCUA_NATIONAL_PORTAL_TOKEN"]
    settings.EMAIL_BACKEND = PRODUCTION["MOTCUA_EMAIL_BACKEND"]
    settings.MOTCUA_POSTAL_CONNECTOR = PRODUCTION["MOTCUA_POSTAL_CONNECTOR"]
    settings.MOTCUA_POSTAL_CALLBACK_SECRET = PRODUCTION["MOTCUA_POSTAL_CALLBACK_SECRET"]
    settings.MOTCUA_BUSINESS_REGISTRY_CONNECTOR = PRODUCTION["MOTCUA_BUSINESS_REGISTRY_CONNECTOR"]
    settings.MOTCUA_PARTICIPANT_CONNECTOR = PRODUCTION["MOTCUA_PARTICIPANT_CONNECTOR"]

    assert production_settings(None) == []
    settings.MOTCUA_ENV = "demo"
    settings.SECRET_KEY = "demo-only-x"
    assert production_settings(None) == []


def test_production_refuses_a_sandbox_in_any_connector_setting(settings):
    """A connector an app adds later (MOTCUA_*_CONNECTOR) is refused as a sandbox too."""
    settings.MOTCUA_ENV = "production"
    settings.MOTCUA_POSTAL_CONNECTOR = "motcua.somewhere.connectors.sandbox.SandboxPost"

    refused = {e.id: e.msg for e in production_settings(None)}

    assert refused["motcua.E012"] == "MOTCUA_POSTAL_CONNECTOR must not be a sandbox in production."
