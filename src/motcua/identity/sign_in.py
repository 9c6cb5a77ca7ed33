"""Officials' sign-in: when the second factor is asked for.

django-axes locks one (username, client address) pair after AXES_FAILURE_LIMIT failures. Failures
for one username from many addresses lock nobody out (anyone could lock any official out, the
usernames being guessable); instead, once they reach MOTCUA_LOGIN_STEP_UP_LIMIT within the
cool-off, the password alone no longer signs that official in: the TOTP code is asked for, as in
production.
"""

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from axes.helpers import get_cool_off
from axes.models import AccessAttempt


def failures_for(username: str) -> int:
    """Return the failed sign-ins for `username` from every address within the cool-off."""
    if not username:
        return 0
    total = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=timezone.now() - get_cool_off()
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


def second_factor_required(request: HttpRequest | None) -> bool:
    """Return whether signing in now needs the TOTP code (always in production)."""
    if settings.MOTCUA_REQUIRE_OTP:
        return True
    username = request.POST.get("username", "") if request is not None else ""
    return failures_for(username) >= settings.MOTCUA_LOGIN_STEP_UP_LIMIT
