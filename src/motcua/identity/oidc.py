"""Citizens' sign-in through OpenID Connect (mozilla-django-oidc): VNeID in production, the
sandbox provider in the demo. The ID number claim is checked against DOMAIN I5; the assurance
level of the sign-in is kept in the session for the procedures that need level 2."""

import logging
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

import requests
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from motcua.core import clock
from motcua.identity.idnumbers import id_number_problem
from motcua.identity.models import Citizen
from motcua.identity.services import sync_organisations

logger = logging.getLogger(__name__)
SESSION_LEVEL = "motcua_assurance_level"


def assurance_of(request: HttpRequest) -> int:
    """The assurance level of this request's sign-in: 0 when not signed in through OIDC."""
    session = getattr(request, "session", None)
    return int(session.get(SESSION_LEVEL, 0)) if session is not None else 0


class CitizenBackend(OIDCAuthenticationBackend):
    def get_token(self, payload: dict[str, Any]) -> Any:
        """Exchange the code; a provider that refuses it (or cannot be reached) ends the sign-in
        with the page of `CallbackView`, never a 500."""
        try:
            return super().get_token(payload)
        except (requests.RequestException, ValueError) as exc:
            logger.warning("oidc_code_exchange_refused", extra={"error": type(exc).__name__})
            self.request.motcua_idp_refused = True  # type: ignore[union-attr]
            raise PermissionDenied from exc  # django.contrib.auth: no user, no other backend

    def _claims(self, claims: dict[str, Any]) -> tuple[str, date | None, str]:
        number = str(claims.get(settings.MOTCUA_OIDC_ID_NUMBER_CLAIM, ""))
        born = claims.get("birthdate")
        born_on = date.fromisoformat(born) if born else None
        sex = claims.get("gender") if claims.get("gender") in ("male", "female") else ""
        return number, born_on, sex

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        number, born_on, sex = self._claims(claims)
        problem = id_number_problem(number, born_on=born_on, sex=sex or None)
        if problem is not None:
            logger.warning("oidc_bad_id_number", extra={"rule": problem.rule})
            return False
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        number, _born, _sex = self._claims(claims)
        return get_user_model().objects.filter(citizen__id_number=number)

    @transaction.atomic
    def create_user(self, claims: dict[str, Any]) -> AbstractBaseUser:
        number, _born, _sex = self._claims(claims)
        user = get_user_model().objects.create_user(f"cd-{number}")
        user.set_unusable_password()
        user.save()
        Citizen.objects.create(user=user, id_number=number, verified_at=clock.now())
        return self.update_user(user, claims)

    def update_user(self, user: AbstractBaseUser, claims: dict[str, Any]) -> AbstractBaseUser:
        number, born_on, sex = self._claims(claims)
        level = 2 if str(claims.get(settings.MOTCUA_OIDC_LEVEL_CLAIM, "1")) == "2" else 1
        Citizen.objects.filter(user=user).update(
            full_name=str(claims.get("name", ""))[:200],
            date_of_birth=born_on,
            sex=sex,
            email=str(claims.get("email", ""))[:254],
            phone=str(claims.get("phone_number", ""))[:20],
            assurance_level=level,
            verified_at=clock.now(),
        )
        self.request.session[SESSION_LEVEL] = level
        # VNeID organisation accounts are trusted at level 2 only (issue 22)
        listed = claims.get(settings.MOTCUA_OIDC_ORGANISATIONS_CLAIM) if level == 2 else []
        sync_organisations(user, listed or [])
        return user


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's redirect back; when it refused to exchange the code, a 400 page says so."""

    def login_failure(self) -> HttpResponse:
        if getattr(self.request, "motcua_idp_refused", False):
            return TemplateResponse(self.request, "identity/sign_in_refused.html", status=400)
        return super().login_failure()
