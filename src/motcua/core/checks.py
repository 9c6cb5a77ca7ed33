"""System checks that refuse unsafe settings in production; the server refuses to start on them.

`motcua check` lists them; `refuse_unsafe_production` (called by motcua.wsgi, so gunicorn and
runserver alike, even with --skip-checks) stops the process before it serves one request.
"""

from typing import Any

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

# Connectors that answer from the sandbox, never a real national system.
SANDBOX_CONNECTORS = (
    ("MOTCUA_NATIONAL_DATA_CONNECTOR", "motcua.E007"),
    ("MOTCUA_NATIONAL_PORTAL_CONNECTOR", "motcua.E008"),
    ("MOTCUA_SMS_CONNECTOR", "motcua.E009"),
    ("MOTCUA_RECEIPT_PROVIDER_CONNECTOR", "motcua.E011"),
)


# Secrets whose shipped default is the sandbox's: production must set its own.
DEFAULT_SECRETS = (
    ("MOTCUA_OIDC_CLIENT_SECRET", "sandbox-only-secret", "motcua.E013"),
    ("MOTCUA_NATIONAL_PORTAL_TOKEN", "sandbox-only", "motcua.E014"),
    ("MOTCUA_PORTAL_SSO_CLIENT_SECRET", "sandbox-only-portal-sso-secret", "motcua.E016"),
)
# Django's e-mail backends that keep the notices on this machine instead of sending them.
LOCAL_EMAIL = ("filebased", "locmem", "console", "dummy")


def _connector_settings() -> list[str]:
    """Every connector setting (MOTCUA_*_CONNECTOR), the listed ones first, then any other app's,
    so that a connector added later is refused as a sandbox in production too."""
    listed = [name for name, _ in SANDBOX_CONNECTORS]
    others = sorted(
        name
        for name in dir(settings)
        if name.startswith("MOTCUA_") and name.endswith("_CONNECTOR") and name not in listed
    )
    return others


def _is_sandbox(path: str) -> bool:
    return ".sandbox." in path or path.split(".")[-1].startswith("Sandbox")


def _unsafe() -> list[tuple[bool, str, str]]:
    """(refused?, message, id) for each production rule."""
    return [
        (
            settings.SECRET_KEY.startswith("demo-only"),
            "MOTCUA_SECRET_KEY must be set in production.",
            "motcua.E001",
        ),
        (settings.DEBUG, "MOTCUA_DEBUG must be off in production.", "motcua.E002"),
        (
            not settings.MOTCUA_REQUIRE_OTP,
            "MOTCUA_REQUIRE_OTP must be on in production.",
            "motcua.E006",
        ),
        (
            settings.MOTCUA_SANDBOX_IDP,
            "MOTCUA_SANDBOX_IDP must be off in production.",
            "motcua.E005",
        ),
        (
            settings.MOTCUA_SANDBOX_PAYMENTS,
            "MOTCUA_SANDBOX_PAYMENTS must be off in production.",
            "motcua.E004",
        ),
        (
            settings.MOTCUA_SIGNING == "demo",
            "MOTCUA_SIGNING=demo signs with a demo CA; use pkcs12 in production.",
            "motcua.E003",
        ),
        *(
            (
                _is_sandbox(str(getattr(settings, name))),
                f"{name} must not be a sandbox in production.",
                check_id,
            )
            for name, check_id in SANDBOX_CONNECTORS
        ),
        (
            settings.MOTCUA_SANDBOX_PORTAL,
            "MOTCUA_SANDBOX_PORTAL must be off in production.",
            "motcua.E010",
        ),
        *(
            (
                _is_sandbox(str(getattr(settings, name))),
                f"{name} must not be a sandbox in production.",
                "motcua.E012",
            )
            for name in _connector_settings()
        ),
        *(
            (
                getattr(settings, name, "") == default,
                f"{name} must be set in production (the default is the sandbox's).",
                check_id,
            )
            for name, default, check_id in DEFAULT_SECRETS
        ),
        (
            any(f".{kind}." in settings.EMAIL_BACKEND for kind in LOCAL_EMAIL),
            "MOTCUA_EMAIL_BACKEND must send e-mail in production (smtp), not keep it here.",
            "motcua.E015",
        ),
        (
            "/sandbox-portal/" in settings.MOTCUA_PORTAL_SSO_ISSUER + "/",
            "MOTCUA_PORTAL_SSO_ISSUER must be the national portal's in production, not the "
            "sandbox portal's.",
            "motcua.E017",
        ),
        (
            settings.MOTCUA_POSTAL_CALLBACK_SECRET in ("", "sandbox-postal-secret"),
            "MOTCUA_POSTAL_CALLBACK_SECRET must be the postal operator's own in production.",
            "motcua.E018",
        ),
    ]


@register(deploy=False)
def production_settings(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Refuse the demo secret key, DEBUG, sandboxes and password-only sign-in in production."""
    if settings.MOTCUA_ENV != "production":
        return []
    return [Error(message, id=check_id) for refused, message, check_id in _unsafe() if refused]


def refuse_unsafe_production() -> None:
    """Stop the server when production runs with a demo setting (raises ImproperlyConfigured)."""
    errors = production_settings(None)
    if errors:
        raise ImproperlyConfigured(
            "Refusing to serve with unsafe production settings: "
            + "; ".join(f"{e.msg} ({e.id})" for e in errors)
        )
