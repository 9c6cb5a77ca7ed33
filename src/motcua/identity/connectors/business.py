"""The national business registration database (issue 22): an organisation's registered data.

`lookup(code)` answers a `Match` on the enterprise code (found, with the registered name, kind,
head-office address, legal representative and status), or raises `SourceUnavailable`: intake
then goes on and the match is retried, never replaced by a paper demand (DOMAIN C4).

- `SandboxBusinessRegistry` holds the demo organisations (`DEMO_ORGANISATIONS`), never real ones.
- `HttpBusinessRegistry`: `GET {MOTCUA_BUSINESS_REGISTRY_URL}/enterprises/{code}` with a bearer
  token; 200 with the facts is a match, 404 is "not held", anything else (an error, a timeout, an
  answer not in `SHAPE`) is unavailable; retries and the circuit breaker are the national data's.
"""

from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

import requests

from motcua.identity.connectors.base import Match, SourceUnavailable
from motcua.identity.connectors.http import _session, breaker
from motcua.identity.connectors.sandbox_registry import DEMO_CITIZENS

SOURCE = "business_registry"
# The facts an answer holds, with their JSON types; True marks the ones it must hold.
SHAPE: dict[str, tuple[type, bool]] = {
    "enterprise_code": (str, True),
    "name": (str, True),
    "org_kind": (str, True),
    "address": (str, False),
    "status": (str, False),
    "registered_on": (str, False),
    "representative": (dict, False),
}

_PEOPLE = {c[0]: c[1] for c in DEMO_CITIZENS}


def _demo(code: str, kind: str, name: str, address: str, representative: str, since: str):
    return {
        "enterprise_code": code,
        "name": name,
        "org_kind": kind,
        "address": address,
        "status": "active",
        "registered_on": since,
        "representative": {"id_number": representative, "full_name": _PEOPLE[representative]},
    }


# The sandbox identity provider's demo organisations (VNeID organisation accounts): synthetic
# names and codes (valid check digits), each with its legal representative among the demo
# citizens; `DEMO_AUTHORISED` lists who else each one authorised.
DEMO_ORGANISATIONS: tuple[dict[str, Any], ...] = (
    _demo(
        "0108765438",
        "enterprise",
        "Công ty TNHH Phần mềm Sông Hồng",
        "12 Tràng Tiền, phường Hoàn Kiếm, Hà Nội",
        "001090012345",
        "2019-04-02",
    ),
    _demo(
        "0109555553",
        "enterprise",
        "Công ty Cổ phần Thực phẩm Kim Mã",
        "88 Kim Mã, phường Giảng Võ, Hà Nội",
        "001187654321",
        "2021-09-15",
    ),
    _demo(
        "8012345677",
        "household_business",
        "Hộ kinh doanh Bánh cuốn Bà Bình",
        "5 Hàng Bông, phường Hoàn Kiếm, Hà Nội",
        "001195004321",
        "2016-03-01",
    ),
)
# (enterprise code, ID number) of people an organisation authorised to file for it.
DEMO_AUTHORISED: tuple[tuple[str, str], ...] = (("0109555553", "031085111222"),)


def demo_organisations_of(id_number: str) -> list[dict[str, Any]]:
    """Return the organisations a demo citizen acts for, as the VNeID claim lists them."""
    found = []
    for org in DEMO_ORGANISATIONS:
        if org["representative"]["id_number"] == id_number:
            role = "representative"
        elif (org["enterprise_code"], id_number) in DEMO_AUTHORISED:
            role = "authorised"
        else:
            continue
        keys = ("enterprise_code", "name", "org_kind", "address", "representative")
        found.append({**{k: org[k] for k in keys}, "role": role})
    return found


class BusinessRegistry(Protocol):
    def lookup(self, code: str) -> Match:
        """Return what the registry holds on the enterprise code, or raise SourceUnavailable."""
        ...


def business_registry() -> BusinessRegistry:
    """Return the connector chosen by MOTCUA_BUSINESS_REGISTRY_CONNECTOR."""
    return import_string(settings.MOTCUA_BUSINESS_REGISTRY_CONNECTOR)()


def check_shape(facts: object) -> dict[str, Any]:
    """Return the facts when they are a JSON object in the registry's shape; else ValueError."""
    if not isinstance(facts, dict):
        raise ValueError("not a JSON object")
    for key, (kind, required) in SHAPE.items():
        if key not in facts:
            if required:
                raise ValueError(f"no {key}")
            continue
        if not isinstance(facts[key], kind):
            raise ValueError(f"{key} is not a {kind.__name__}")
    return {str(k): v for k, v in facts.items()}


class SandboxBusinessRegistry:
    def lookup(self, code: str) -> Match:
        if settings.MOTCUA_SANDBOX_DATA_DOWN:
            raise SourceUnavailable(f"{SOURCE}: timed out (sandbox down)")
        main = code.split("-")[0]
        for org in DEMO_ORGANISATIONS:
            if org["enterprise_code"] == code:
                return Match(SOURCE, True, dict(org))
            if org["enterprise_code"] == main:  # a dependent unit of a demo enterprise
                unit = {**org, "enterprise_code": code, "org_kind": "branch", "parent": main}
                return Match(SOURCE, True, {**unit, "name": f"Chi nhánh – {org['name']}"})
        return Match(SOURCE, False)


class HttpBusinessRegistry:
    def lookup(self, code: str) -> Match:
        circuit = breaker(SOURCE)
        if not circuit.allow():
            raise SourceUnavailable(f"{SOURCE}: circuit open")
        url = f"{settings.MOTCUA_BUSINESS_REGISTRY_URL.rstrip('/')}/enterprises/{code}"
        try:
            response = _session().get(
                url,
                headers={"Authorization": f"Bearer {settings.MOTCUA_BUSINESS_REGISTRY_TOKEN}"},
                timeout=settings.MOTCUA_NATIONAL_DATA_TIMEOUT,
            )
            if response.status_code == 404:
                circuit.record(ok=True)
                return Match(SOURCE, False)
            response.raise_for_status()
            facts = check_shape(response.json())
        except (requests.RequestException, ValueError) as exc:
            circuit.record(ok=False)
            raise SourceUnavailable(f"{SOURCE}: {type(exc).__name__}") from exc
        circuit.record(ok=True)
        return Match(SOURCE, True, facts)
