"""The national data sources over HTTP (the data-sharing platform's API), for production.

`GET {MOTCUA_NATIONAL_DATA_URL}/{source}/{id_number}` with a bearer token; 200 with the facts
(JSON) is a match, 404 is "not held", anything else is unavailable: an error, a timeout, and an
answer that is not JSON or not in the source's shape (`SHAPES`), which is never stored as facts.
Each call has a timeout and
is retried with exponential backoff; after `FAILURES_TO_OPEN` failures in a row the circuit
opens for `OPEN_SECONDS` and calls fail at once instead of piling up on a source that is down.
"""

import threading
import time
from typing import Any

from django.conf import settings

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from motcua.identity.connectors.base import Match, SignOnFailed, SourceUnavailable

FAILURES_TO_OPEN = 5
OPEN_SECONDS = 30.0
# The facts each source answers that the workspace, the portal and the receipt read, with their
# JSON types; `True` marks the ones an answer must hold. Other keys are kept as they come.
SHAPES: dict[str, dict[str, tuple[type, bool]]] = {
    "population_db": {
        "full_name": (str, False),
        "date_of_birth": (str, False),
        "sex": (str, False),
        "residence": (str, False),
        "household": (str, False),
    },
    "civil_status_db": {
        "birth_registration": (str, False),
        "marital_status": (str, False),
        "spouse_id_number": (str, False),
    },
    "business_registry": {"enterprises": (list, True)},
    "land_db": {"parcels": (list, True)},
}


def check_shape(source: str, facts: object) -> dict[str, object]:
    """Return the facts when they are a JSON object in the source's shape; else ValueError."""
    if not isinstance(facts, dict):
        raise ValueError("not a JSON object")
    for key, (kind, required) in SHAPES.get(source, {}).items():
        if key not in facts:
            if required:
                raise ValueError(f"no {key}")
            continue
        if not isinstance(facts[key], kind):
            raise ValueError(f"{key} is not a {kind.__name__}")
        if kind is list and not all(isinstance(item, dict) for item in facts[key]):
            raise ValueError(f"{key} holds something other than objects")
    return facts


class CircuitBreaker:
    """Closed → open after consecutive failures → half-open after a pause (one trial call)."""

    def __init__(
        self, failures_to_open: int = FAILURES_TO_OPEN, open_seconds: float = OPEN_SECONDS
    ):
        self.failures_to_open, self.open_seconds = failures_to_open, open_seconds
        self.failures, self.opened_at = 0, 0.0
        self._lock = threading.Lock()

    def allow(self) -> bool:
        with self._lock:
            if self.failures < self.failures_to_open:
                return True
            return time.monotonic() - self.opened_at >= self.open_seconds  # half-open trial

    def record(self, *, ok: bool) -> None:
        with self._lock:
            if ok:
                self.failures = 0
                return
            self.failures += 1
            if self.failures >= self.failures_to_open:
                self.opened_at = time.monotonic()


_breakers: dict[str, CircuitBreaker] = {}


def breaker(source: str) -> CircuitBreaker:
    return _breakers.setdefault(source, CircuitBreaker())


def _session() -> requests.Session:
    retry = Retry(
        total=settings.MOTCUA_NATIONAL_DATA_RETRIES,
        backoff_factor=0.2,
        status_forcelist=(502, 503, 504),
        allowed_methods=("GET",),
        raise_on_status=False,
    )
    session = requests.Session()
    session.mount("http://", HTTPAdapter(max_retries=retry))
    session.mount("https://", HTTPAdapter(max_retries=retry))
    return session


class HttpNationalData:
    def lookup(self, source: str, *, id_number: str) -> Match:
        circuit = breaker(source)
        if not circuit.allow():
            raise SourceUnavailable(f"{source}: circuit open")
        url = f"{settings.MOTCUA_NATIONAL_DATA_URL.rstrip('/')}/{source}/{id_number}"
        try:
            response = _session().get(
                url,
                headers={"Authorization": f"Bearer {settings.MOTCUA_NATIONAL_DATA_TOKEN}"},
                timeout=settings.MOTCUA_NATIONAL_DATA_TIMEOUT,
            )
            if response.status_code == 404:
                circuit.record(ok=True)
                return Match(source, False)
            response.raise_for_status()
            facts = check_shape(source, response.json())
        except (requests.RequestException, ValueError) as exc:
            circuit.record(ok=False)
            raise SourceUnavailable(f"{source}: {type(exc).__name__}") from exc
        circuit.record(ok=True)
        return Match(source, True, {str(k): v for k, v in facts.items()})


class HttpPortalSignOn:
    """The national portal's sign-on over HTTP: `{MOTCUA_PORTAL_SSO_ISSUER}/authorize`,
    `/token` (client id and secret in the form, as OpenCPS's DVCQG client sends them),
    `/userinfo` (bearer) and `/jwks`; a timeout on each call, no redirects followed."""

    def _url(self, name: str) -> str:
        return f"{settings.MOTCUA_PORTAL_SSO_ISSUER.rstrip('/')}/{name}"

    def _json(self, method: str, name: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = requests.request(
                method,
                self._url(name),
                timeout=settings.MOTCUA_PORTAL_SSO_TIMEOUT,
                allow_redirects=False,
                **kwargs,
            )
            answer = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise SignOnFailed(f"{name}: {type(exc).__name__}") from exc
        if response.status_code != 200 or not isinstance(answer, dict):
            raise SignOnFailed(f"{name}: HTTP {response.status_code}")
        return answer

    def authorize_url(self) -> str:
        return self._url("authorize")

    def exchange(self, *, code: str, redirect_uri: str, verifier: str) -> dict[str, Any]:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": settings.MOTCUA_PORTAL_SSO_CLIENT_ID,
            "client_secret": settings.MOTCUA_PORTAL_SSO_CLIENT_SECRET,
            "code_verifier": verifier,
        }
        return self._json("POST", "token", data=form)

    def keys(self) -> dict[str, Any]:
        return self._json("GET", "jwks")

    def userinfo(self, access_token: str) -> dict[str, Any]:
        return self._json("GET", "userinfo", headers={"Authorization": f"Bearer {access_token}"})
