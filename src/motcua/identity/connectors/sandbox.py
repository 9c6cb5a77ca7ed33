"""The demo and test stand-in for the national databases, over seeded synthetic records.

`sandbox_registry` holds a few thousand synthetic people (never real data), the same in every
process. A number it does not hold, or a source that holds nothing on the person (no business,
no land), is "not found", so that demos and tests can show a refusal.
`MOTCUA_SANDBOX_DATA_DOWN` makes every source time out, to show intake going on without it.
"""

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
