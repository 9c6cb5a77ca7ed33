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
