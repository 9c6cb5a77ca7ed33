"""The admin site: officials sign in with a password and, where required, a TOTP code."""

from typing import Any

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.http import HttpRequest

from django_otp.admin import OTPAdminAuthenticationForm, _admin_template_for_django_version


class AdminSignInForm:
    """The admin's sign-in form, with the TOTP code when required for this request."""

    def __new__(cls, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> Any:
        from motcua.identity.sign_in import second_factor_required  # the admin loads first

        form = OTPAdminAuthenticationForm if second_factor_required(request) else None
        return (form or AdminAuthenticationForm)(request, *args, **kwargs)


class MotcuaAdminSite(AdminSite):
    """Like django-otp's OTPAdminSite when MOTCUA_REQUIRE_OTP is on (production), else plain."""

    def has_permission(self, request: HttpRequest) -> bool:
        allowed = super().has_permission(request)
        if not settings.MOTCUA_REQUIRE_OTP:
            return allowed
        return allowed and request.user.is_verified()

    @property
    def login_form(self) -> Any:  # type: ignore[override]
        return AdminSignInForm

    @property
    def login_template(self) -> Any:  # type: ignore[override]
        return _admin_template_for_django_version() if settings.MOTCUA_REQUIRE_OTP else None
