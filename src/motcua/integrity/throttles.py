"""The complaints' rate limit, in the shared cache so every process counts the same."""

from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches

from rest_framework.throttling import SimpleRateThrottle


class ComplaintThrottle(SimpleRateThrottle):
    """Complaints filed and answers looked up, per client address (API and portal alike)."""

    scope = "complaints"

    @property
    def cache(self) -> BaseCache:  # type: ignore[override]
        return caches["shared"]

    def get_rate(self) -> str:
        return settings.MOTCUA_COMPLAINT_RATE

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
