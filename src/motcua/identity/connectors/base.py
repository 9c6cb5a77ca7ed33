from typing import Protocol


class NationalData(Protocol):
    """A national database that can stand in for a paper document (DOMAIN C4)."""

    def holds(self, source: str, *, id_number: str) -> bool:
        """Return whether `source` holds the person's record that the document would carry."""
        ...
