"""The demo and test stand-in for the national databases, over seeded synthetic records.

`sandbox_registry` holds a few thousand synthetic people (never real data), the same in every
process. A number it does not hold, or a source that holds nothing on the person (no business,
no land), is "not found", so that demos and tests can show a refusal.
`MOTCUA_SANDBOX_DATA_DOWN` makes every source time out, to show intake going on without it.
"""

from typing import Any

from django.conf import settings

from motcua.identity.connectors import sandbox_registry
from motcua.identity.connectors.base import Match, SourceUnavailable


class SandboxNationalData:
    def lookup(self, source: str, *, id_number: str) -> Match:
        if settings.MOTCUA_SANDBOX_DATA_DOWN:
            raise SourceUnavailable(f"{source}: timed out (sandbox down)")
        person = sandbox_registry.people().get(id_number)
        held = sandbox_registry.facts(source, person) if person else None
        return Match(source, held is not None, held or {})


class SandboxPortalSignOn:
    """The sandbox national portal's sign-on in process (`identity.sandbox_portal_idp`): the
    browser still goes to its HTTP pages; the code exchange, the keys and the account are
    answered without a network hop. The HTTP adapter sees the same over HTTP."""

    def authorize_url(self) -> str:
        return f"{settings.MOTCUA_PORTAL_SSO_ISSUER.rstrip('/')}/authorize"

    def exchange(self, *, code: str, redirect_uri: str, verifier: str) -> dict[str, Any]:
        from motcua.identity import sandbox_portal_idp  # the sandbox's own module

        return sandbox_portal_idp.exchange(
            client_id=settings.MOTCUA_PORTAL_SSO_CLIENT_ID,
            secret=settings.MOTCUA_PORTAL_SSO_CLIENT_SECRET,
            code=code,
            redirect_uri=redirect_uri,
            verifier=verifier,
        )

    def keys(self) -> dict[str, Any]:
        from motcua.identity import sandbox_portal_idp

        return sandbox_portal_idp.public_keys()

    def userinfo(self, access_token: str) -> dict[str, Any]:
        from motcua.identity import sandbox_portal_idp

        return sandbox_portal_idp.account(access_token)
