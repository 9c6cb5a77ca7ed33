"""The device a dossier is filed from, as the integrity oversight counts it (integrity/keys.py):
the portal's cookie or a mobile app's installation id, digested with the server's key."""

import hashlib
import hmac
import re
import secrets
from typing import Any

from django.conf import settings

# The device an online dossier is filed from: the portal's own long-lived cookie, or the
# installation id a mobile app sends. Not the network address: behind carriers' shared
# addresses (CGNAT) and office networks, thousands of residents share one.
DEVICE_COOKIE = "motcua_device"
DEVICE_HEADER = "HTTP_X_MOTCUA_DEVICE"
_DEVICE_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


def device_digest(request: Any) -> str:
    """Return a keyed digest of the filing device's id, or "" when the device is not known.

    The digest is stable for a device and tells nothing without the server's secret key."""
    found = request.COOKIES.get(DEVICE_COOKIE) or request.META.get(DEVICE_HEADER, "")
    if not _DEVICE_ID.fullmatch(found):
        return ""
    message = f"device|{found}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:24]


def remember_device(request: Any, response: Any) -> Any:
    """Give the browser its device cookie if it has none (fraud prevention: HttpOnly, first
    party, two years)."""
    if not _DEVICE_ID.fullmatch(request.COOKIES.get(DEVICE_COOKIE, "")):
        response.set_cookie(
            DEVICE_COOKIE,
            secrets.token_urlsafe(18),
            max_age=2 * 365 * 86400,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response
