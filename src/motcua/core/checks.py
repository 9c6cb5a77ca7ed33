"""System checks that refuse unsafe settings in production."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register(deploy=False)
def production_settings(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Refuse the demo secret key and DEBUG when MOTCUA_ENV=production."""
    if settings.MOTCUA_ENV != "production":
        return []
    errors = []
    if settings.SECRET_KEY.startswith("demo-only"):
        errors.append(Error("MOTCUA_SECRET_KEY must be set in production.", id="motcua.E001"))
    if settings.DEBUG:
        errors.append(Error("MOTCUA_DEBUG must be off in production.", id="motcua.E002"))
    if not settings.MOTCUA_REQUIRE_OTP:
        errors.append(Error("MOTCUA_REQUIRE_OTP must be on in production.", id="motcua.E006"))
    if settings.MOTCUA_SANDBOX_IDP:
        errors.append(Error("MOTCUA_SANDBOX_IDP must be off in production.", id="motcua.E005"))
    if settings.MOTCUA_SANDBOX_PAYMENTS:
        errors.append(Error("MOTCUA_SANDBOX_PAYMENTS must be off in production.", id="motcua.E004"))
    if settings.MOTCUA_SIGNING == "demo":
        errors.append(
            Error(
                "MOTCUA_SIGNING=demo signs with a demo CA; use pkcs12 in production.",
                id="motcua.E003",
            )
        )
    return errors
