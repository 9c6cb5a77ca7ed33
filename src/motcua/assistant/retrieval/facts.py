"""The catalog facts the assistant may state: plain records, one per published procedure version.

Everything an answer says comes from these records; the index is built from them too, so what is
found and what is said cannot drift apart.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentFact:
    name: str
    name_en: str
    kind: str
    quantity: int
    required: bool
    replaceable_by: str  # a national database that supplies it, or ""


@dataclass(frozen=True)
class FeeFact:
    name: str
    name_en: str
    amount_vnd: int | None
    condition: str
    unverified: bool = False  # an amount an official has yet to confirm (never collected)


@dataclass(frozen=True)
class ProcedureFacts:
    code: str
    version: int
    name: str
    name_en: str
    field: str
    field_en: str
    level: str
    time_limit_value: int | None
    time_limit_unit: str
    result: str
    result_en: str
    online: str
    boundary_free: bool
    place_restriction: str
    presence_required_for: str
    documents: tuple[DocumentFact, ...] = ()
    fees: tuple[FeeFact, ...] = ()

    def texts(self) -> list[str]:
        """Return every text of the record (names, field, result, documents, fees)."""
        parts = [self.name, self.name_en, self.field, self.field_en, self.result, self.result_en]
        for document in self.documents:
            parts += [document.name, document.name_en]
        for fee in self.fees:
            parts += [fee.name, fee.name_en, fee.condition]
        return [part for part in parts if part]
