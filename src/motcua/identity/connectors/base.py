"""The national data sources' interface: look a person up in one database (DOMAIN C4).

A connector answers a `Match` (found or not, with the facts the source holds), or raises
`SourceUnavailable` when the source cannot answer now (timeouts, errors, an open circuit):
intake then goes on and the match is retried later, never replaced by a paper demand.
"""

from dataclasses import dataclass, field
from typing import Any, Protocol


class SourceUnavailable(Exception):
    """The source did not answer; try again later."""


@dataclass(frozen=True)
class Match:
    source: str
    found: bool
    facts: dict[str, Any] = field(default_factory=dict)


class NationalData(Protocol):
    def lookup(self, source: str, *, id_number: str) -> Match:
        """Return what `source` holds on the person, or raise SourceUnavailable."""
        ...


class SignOnFailed(Exception):
    """The national portal's sign-on did not answer as it should (refused code, down, garbage)."""


class PortalSignOn(Protocol):
    """The national public service portal's single sign-on (DVCQG SSO), an OpenID Connect
    provider: the browser goes to `authorize_url`; the code comes back and is exchanged server
    to server. The relying party (`identity.portal_sso`) checks the ID token itself."""

    def authorize_url(self) -> str:
        """Where the browser is sent to sign in at the portal (the query is added)."""
        ...

    def exchange(self, *, code: str, redirect_uri: str, verifier: str) -> dict[str, Any]:
        """Return the token answer (`id_token`, `access_token`), or raise SignOnFailed."""
        ...

    def keys(self) -> dict[str, Any]:
        """Return the provider's public keys (a JWKS), or raise SignOnFailed."""
        ...

    def userinfo(self, access_token: str) -> dict[str, Any]:
        """Return the signed-in person's account at the portal, or raise SignOnFailed."""
        ...
