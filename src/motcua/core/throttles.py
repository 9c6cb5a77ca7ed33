"""Rate limits on what the public can reach, counted in the shared cache (docs/security.md).

Each limit is a DRF throttle with a scope; its rate is REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
[scope], read when a request comes (so a changed setting counts at once). Every process and node
counts in the same cache ("shared"), so a client cannot spread its tries over the nodes.
"""

import ipaddress
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest

from rest_framework.throttling import BaseThrottle, SimpleRateThrottle


class SharedRateThrottle(SimpleRateThrottle):
    """Requests per signed-in user, or per client address for anonymous clients."""

    scope = ""

    @property
    def cache(self) -> BaseCache:  # type: ignore[override]
        return caches["shared"]

    def get_rate(self) -> str | None:
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].get(self.scope)

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.client(request)}

    def client(self, request: Any) -> str:
        """Return who counts as one client: the signed-in user, else the client's address."""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return f"user-{user.pk}"
        return str(self.get_ident(request))


class Tally(SharedRateThrottle):
    """One scope's count for one key that is not a request's client (e.g. a dossier code)."""

    def __init__(self, scope: str, key: str) -> None:
        self.scope = scope
        super().__init__()
        self.key = self.cache_format % {"scope": scope, "ident": key}

    def is_full(self) -> bool:
        """Return whether the rate is used up (this also starts the count of a later `add`)."""
        self.now, self.history = self.timer(), []
        if self.num_requests is None or self.duration is None:
            return False  # no rate set: no limit
        since = self.now - self.duration
        self.history = [moment for moment in self.cache.get(self.key, []) if moment > since]
        return len(self.history) >= self.num_requests

    def add(self) -> None:
        """Count one more, after `is_full`."""
        if self.duration is not None:
            self.history.insert(0, self.now)
            self.cache.set(self.key, self.history, self.duration)


def client_address(request: HttpRequest) -> str | None:
    """Return the client's own address: the one the last MOTCUA_NUM_PROXIES proxies forwarded.

    X-Forwarded-For is trusted for exactly that many proxies (DRF's rule, shared with the rate
    limits); with 0 it is ignored, so a forged header changes nothing. django-axes counts failed
    sign-ins per this address (AXES_CLIENT_IP_CALLABLE). A forwarded value that is not an
    address falls back to the connection's own; a request with none (a test client's login)
    has None, which the database's address column takes on PostgreSQL too.
    """
    for candidate in (BaseThrottle().get_ident(request), request.META.get("REMOTE_ADDR")):
        try:
            return str(ipaddress.ip_address(str(candidate).strip()))
        except ValueError:
            continue
    return None


def client_of(request: HttpRequest) -> str:
    """Return who counts as one client of `request` for the rate limits."""
    return SharedRateThrottle().client(request)


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
