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
    condition: str = ""  # when it is asked for ("trường hợp…", "nếu…"), as the catalog says
    state: str = ""  # "unverified" when an official has still to confirm it


@dataclass(frozen=True)
class FeeFact:
    name: str
    name_en: str
    amount_vnd: int | None
    condition: str
    state: str = ""  # "unverified" when an official has still to confirm the amount


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
    applicants: tuple[str, ...] = ()  # who may apply (catalog.models.Applicant values)
    time_limit_state: str = ""

    def resident_texts(self) -> list[str]:
        """Return what says who needs the procedure beyond its names: result and documents."""
        parts = [self.result, self.result_en]
        parts += [d.name for d in self.documents] + [d.name_en for d in self.documents]
        return [part for part in parts if part]

    def texts(self) -> list[str]:
        """Return every text of the record (names, field, result, documents, fees)."""
        parts = [self.name, self.name_en, self.field, self.field_en, self.result, self.result_en]
        for document in self.documents:
            parts += [document.name, document.name_en, document.condition]
        for fee in self.fees:
            parts += [fee.name, fee.name_en, fee.condition]
        return [part for part in parts if part]
