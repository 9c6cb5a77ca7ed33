"""Rate limits on what the public can reach, counted in the shared cache (docs/security.md).

Each limit is a DRF throttle with a scope; its rate is REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
[scope], read when a request comes (so a changed setting counts at once). Every process and node
counts in the same cache ("shared"), so a client cannot spread its tries over the nodes.
"""

from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest

from rest_framework.throttling import SimpleRateThrottle


class SharedRateThrottle(SimpleRateThrottle):
    """Requests per signed-in user, or per client address for anonymous clients."""

    scope = ""

    @property
    def cache(self) -> BaseCache:  # type: ignore[override]
        return caches["shared"]

    def get_rate(self) -> str | None:
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].get(self.scope)

    def get_cache_key(self, request: Any, view: Any) -> str:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            ident = f"user-{user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class TrackingThrottle(SharedRateThrottle):
    """Public tracking (API and page): guessing codes and ID digits is slowed down."""

    scope = "tracking"


class UploadThrottle(SharedRateThrottle):
    scope = "uploads"


class VerifyThrottle(SharedRateThrottle):
    """Public verification of signed PDFs: each check costs a signature validation."""

    scope = "verify"


class ComplaintThrottle(SharedRateThrottle):
    scope = "complaints"


def page_allowed(throttle: type[SharedRateThrottle], request: HttpRequest) -> bool:
    """Count a page request against `throttle`; False when the client is over its rate."""
    return throttle().allow_request(request, None)  # type: ignore[arg-type]
