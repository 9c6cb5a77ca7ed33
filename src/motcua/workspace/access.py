"""Who may open the workspace: signed-in officials (with the second factor where required)."""

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from motcua.identity.selectors import official_scope
from motcua.web.pages import domain_pages


def signed_in_official(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    return not settings.MOTCUA_REQUIRE_OTP or user.is_verified()


def official_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send strangers to the officials' sign-in; refuse citizens (403)."""
    paged = domain_pages(view)

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not signed_in_official(request):
            return redirect_to_login(request.get_full_path(), reverse("workspace:sign_in"))
        if not official_scope(request.user).is_official:
            raise PermissionDenied()
        return paged(request, *args, **kwargs)

    return wrapped
