"""Officials sign in with a username, a password and, where required, a TOTP code."""

from typing import Any

from django.contrib.auth import views as auth_views

from motcua.workspace.forms import sign_in_form


class SignInView(auth_views.LoginView):
    """django-axes throttles the failures (429); django-otp checks the code when required."""

    template_name = "workspace/sign_in.html"
    redirect_authenticated_user = False

    def get_form_class(self) -> Any:
        return sign_in_form(self.request)

    def get_default_redirect_url(self) -> str:
        return "/workspace/"


class SignOutView(auth_views.LogoutView):
    next_page = "/workspace/sign-in/"
