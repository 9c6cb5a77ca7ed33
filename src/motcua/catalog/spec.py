"""The catalog's exchange form: plain records, validated field by field (no database).

One `ProcedureSpec` is what an import file says about one procedure; an export writes the same
shape, so an exported catalog imports back to an identical one.
"""

import re
from dataclasses import asdict, dataclass, field
from dataclasses import field as _field  # ProcedureSpec has a member named `field`
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.catalog import result_papers
from motcua.catalog.models import (
    Applicant,
    Channel,
    DataSource,
    DocumentKind,
    DocumentSubject,
    FactSource,
    FactState,
    FeeSetter,
    Level,
    OnlineLevel,
    PlaceRestriction,
    Presence,
    TimeUnit,
)

CODE_PATTERN = re.compile(r"^\d\.\d{6}$")  # DOMAIN C1: d.dddddd
ROLE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


@dataclass(frozen=True)
class DocumentSpec:
    name: str
    name_en: str = ""
    kind: str = DocumentKind.ORIGINAL
    quantity: int = 1
    required: bool = True
    replaceable_by: str = ""
    note: str = ""
    subject: str = ""
    condition: str = ""
    form_template: str = ""
    state: str = FactState.FROM_SOURCE
    source: str = ""
    source_detail: str = ""
    curator_note: str = ""


@dataclass(frozen=True)
class FeeSpec:
    name: str
    name_en: str = ""
    amount_vnd: int | None = None
    condition: str = ""
    collected_by: str = ""
    channel: str = ""
    set_by: str = ""
    legal_source: str = ""
    state: str = FactState.FROM_SOURCE
    source: str = ""
    source_detail: str = ""
    curator_note: str = ""


@dataclass(frozen=True)
class StepSpec:
    name: str
    role: str
    share_percent: int
    name_en: str = ""


@dataclass(frozen=True)
class FieldSpec:
    code: str
    name: str
    name_en: str = ""
    is_business: bool = False


@dataclass(frozen=True)
class ProcedureSpec:
    code: str
    name: str
    field: FieldSpec
    level: str
    agency_role: str
    name_en: str = ""
    time_limit_value: int | None = None
    time_limit_unit: str = ""
    result: str = ""
    result_en: str = ""
    legal_basis: tuple[str, ...] = ()
    online: str = OnlineLevel.NONE
    boundary_free: bool = False
    payment_before_approval: bool = False
    assurance_level: int = 1
    place_restriction: str = ""
    presence_required_for: str = ""
    documents: tuple[DocumentSpec, ...] = ()
    fees: tuple[FeeSpec, ...] = ()
    steps: tuple[StepSpec, ...] = ()
    handled_by_city: bool = True
    portal_levels: str = ""
    ministry: str = ""
    applicants: tuple[str, ...] = ()
    time_limit_state: str = ""
    time_limit_source: str = ""
    time_limits: tuple[dict[str, Any], ...] = ()
    result_codes: tuple[str, ...] = ()
    decision: str = ""
    portal_url: str = ""
    source: str = ""
    crawled_on: str = ""
    unparsed: dict[str, str] = _field(default_factory=dict)
    curator_notes: tuple[str, ...] = ()
    result_template: dict[str, Any] = _field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Return the record in the JSON exchange form."""
        data = asdict(self)
        data["time_limit"] = {
            "value": data.pop("time_limit_value"),
            "unit": data.pop("time_limit_unit") or None,
        }
        for key in ("legal_basis", "applicants", "time_limits", "result_codes", "curator_notes"):
            data[key] = list(data[key])
        for key in ("documents", "fees", "steps"):
            data[key] = list(data[key])
        return data


@dataclass(frozen=True)
class Problem:
    """One reason an import is refused, with where it is in the file."""

    where: Promise
    where_params: dict[str, Any]
    reason: Promise
    reason_params: dict[str, Any] = field(default_factory=dict)

    def render(self) -> str:
        """Return the problem in the active language."""
        return f"{str(self.where) % self.where_params}: {str(self.reason) % self.reason_params}"


class Checker:
    """Read values out of raw records, collecting every problem instead of stopping at one."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, where: tuple[Promise, dict[str, Any]], reason: Promise, **params: Any) -> None:
        self.problems.append(Problem(where[0], where[1], reason, params))

    def text(
        self,
        raw: dict[str, Any],
        key: str,
        where: Any,
        *,
        required: bool = False,
        max_length: int = 100_000,
    ) -> str:
        value = raw.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str | int | float):
            self.fail(where, _("%(field)s must be text"), field=key)
            return ""
        value = str(value).strip()
        if required and not value:
            self.fail(where, _("%(field)s is required"), field=key)
        if len(value) > max_length:
            self.fail(
                where, _("%(field)s is longer than %(max)d characters"), field=key, max=max_length
            )
        return value

    def choice(self, raw: dict[str, Any], key: str, where: Any, choices: Any) -> str:
        value = self.text(raw, key, where)
        allowed = [c.value for c in choices]
        if value not in allowed:
            listed = ", ".join(a or "''" for a in allowed)
            self.fail(
                where,
                _("%(field)s %(value)r is not one of: %(allowed)s"),
                field=key,
                value=value,
                allowed=listed,
            )
        return value

    def integer(
        self,
        raw: dict[str, Any],
        key: str,
        where: Any,
        *,
        default: int | None = None,
        minimum: int = 0,
        maximum: int = 10**12,
    ) -> int | None:
        value = raw.get(key)
        if value is None or value == "":
            return default
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value.strip()):
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, _("%(field)s %(value)r is not a whole number"), field=key, value=value)
            return default
        if not minimum <= value <= maximum:
            self.fail(
                where,
                _("%(field)s must be between %(min)d and %(max)d"),
                field=key,
                min=minimum,
                max=maximum,
            )
        return value

    def boolean(self, raw: dict[str, Any], key: str, where: Any, *, default: bool) -> bool:
        value = raw.get(key)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        words = {
            "true": True,
            "1": True,
            "có": True,
            "yes": True,
            "false": False,
            "0": False,
            "không": False,
            "no": False,
        }
        text = str(value).strip().lower()
        if text not in words:
            self.fail(where, _("%(field)s %(value)r is not yes or no"), field=key, value=value)
            return default
        return words[text]


def _document(check: Checker, raw: dict[str, Any], where: Any) -> DocumentSpec:
    return DocumentSpec(
        name=check.text(raw, "name", where, required=True),
        name_en=check.text(raw, "name_en", where),
        kind=check.choice(raw, "kind", where, DocumentKind),
        quantity=check.integer(raw, "quantity", where, default=1, minimum=1, maximum=100) or 1,
        required=check.boolean(raw, "required", where, default=True),
        replaceable_by=check.choice(raw, "replaceable_by", where, DataSource),
        note=check.text(raw, "note", where),
        subject=check.choice(raw, "subject", where, DocumentSubject),
        condition=check.text(raw, "condition", where),
        form_template=check.text(raw, "form_template", where, max_length=255),
        **_provenance(check, raw, where),
    )


def _provenance(check: Checker, raw: dict[str, Any], where: Any) -> dict[str, str]:
    """The state and source of a fee or document (absent: as published by the source)."""
    return {
        "state": check.choice(raw, "state", where, FactState)
        if raw.get("state")
        else "from_source",
        "source": check.choice(raw, "source", where, FactSource),
        "source_detail": check.text(raw, "source_detail", where, max_length=255),
        "curator_note": check.text(raw, "curator_note", where),
    }


def _fee(check: Checker, raw: dict[str, Any], where: Any) -> FeeSpec:
    return FeeSpec(
        name=check.text(raw, "name", where, required=True),
        name_en=check.text(raw, "name_en", where),
        amount_vnd=check.integer(raw, "amount_vnd", where),
        condition=check.text(raw, "condition", where),
        collected_by=check.text(raw, "collected_by", where, max_length=40),
        channel=check.choice(raw, "channel", where, Channel),
        set_by=check.choice(raw, "set_by", where, FeeSetter),
        legal_source=check.text(raw, "legal_source", where, max_length=255),
        **_provenance(check, raw, where),
    )


def _step(check: Checker, raw: dict[str, Any], where: Any) -> StepSpec:
    role = check.text(raw, "role", where, required=True)
    if role and not ROLE_PATTERN.match(role):
        check.fail(
            where, _("role %(value)r is not a role name (lower case, digits, _)"), value=role
        )
    return StepSpec(
        name=check.text(raw, "name", where, required=True),
        name_en=check.text(raw, "name_en", where),
        role=role,
        share_percent=check.integer(raw, "share_percent", where, minimum=1, maximum=100) or 0,
    )


def parse_procedure(check: Checker, raw: dict[str, Any], where: Any) -> ProcedureSpec:
    """Validate one raw record (the JSON exchange form) into a ProcedureSpec."""
    code = check.text(raw, "code", where, required=True)
    if code and not CODE_PATTERN.match(code):
        check.fail(
            where, _("code %(value)r is not a national procedure code (d.dddddd)"), value=code
        )
    fld = raw.get("field") if isinstance(raw.get("field"), dict) else {}
    fld = {f"field.{key}": value for key, value in fld.items()}  # so problems name field.code
    time_limit = raw.get("time_limit") if isinstance(raw.get("time_limit"), dict) else {}
    agency_role = check.text(raw, "agency_role", where, required=True)
    if agency_role and not ROLE_PATTERN.match(agency_role):
        check.fail(where, _("agency_role %(value)r is not a role name"), value=agency_role)
    spec = ProcedureSpec(
        code=code,
        name=check.text(raw, "name", where, required=True),
        name_en=check.text(raw, "name_en", where),
        field=FieldSpec(
            code=check.text(fld, "field.code", where, required=True, max_length=100),
            name=check.text(fld, "field.name", where, required=True, max_length=255),
            name_en=check.text(fld, "field.name_en", where, max_length=255),
            is_business=check.boolean(fld, "field.is_business", where, default=False),
        ),
        level=check.choice(raw, "level", where, Level),
        agency_role=agency_role,
        time_limit_value=check.integer(time_limit, "value", where, maximum=3650),
        time_limit_unit=_time_unit(check, time_limit, where),
        result=check.text(raw, "result", where),
        result_en=check.text(raw, "result_en", where),
        legal_basis=_legal_basis(check, raw.get("legal_basis"), where),
        online=check.choice(raw, "online", where, OnlineLevel),
        boundary_free=check.boolean(raw, "boundary_free", where, default=False),
        payment_before_approval=check.boolean(raw, "payment_before_approval", where, default=False),
        assurance_level=2 if str(raw.get("assurance_level") or "1") == "2" else 1,
        place_restriction=check.choice(raw, "place_restriction", where, PlaceRestriction),
        presence_required_for=check.choice(raw, "presence_required_for", where, Presence),
        documents=tuple(
            _document(check, item, _part_where(raw, "documents", i, item))
            for i, item in enumerate(_items(check, raw, "documents", where))
        ),
        fees=tuple(
            _fee(check, item, _part_where(raw, "fees", i, item))
            for i, item in enumerate(_items(check, raw, "fees", where))
        ),
        steps=tuple(
            _step(check, item, _part_where(raw, "steps", i, item))
            for i, item in enumerate(_items(check, raw, "steps", where))
        ),
        **_portal_facts(check, raw, where),
        result_template=_result_template(check, raw.get("result_template"), where),
    )
    if spec.steps and sum(step.share_percent for step in spec.steps) != 100:
        check.fail(
            where,
            _("the process steps' shares add up to %(total)d%%, not 100%%"),
            total=sum(step.share_percent for step in spec.steps),
        )
    if (spec.time_limit_value is None) != (not spec.time_limit_unit):
        check.fail(where, _("a time limit needs both a value and a unit"))
    return spec


def _texts(check: Checker, raw: dict[str, Any], key: str, where: Any) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        check.fail(where, _("%(field)s must be a list of texts"), field=key)
        return ()
    return tuple(value)


def _channel_limits(check: Checker, raw: dict[str, Any], where: Any) -> tuple[dict[str, Any], ...]:
    limits = []
    for item in _items(check, raw, "time_limits", where):
        limits.append(
            {
                "channel": check.choice(item, "channel", where, Channel),
                "value": check.integer(item, "value", where, maximum=3650),
                "unit": _time_unit(check, item, where),
                "state": check.choice(item, "state", where, FactState),
                "text": check.text(item, "text", where, max_length=255),
            }
        )
    return tuple(limits)


def _portal_facts(check: Checker, raw: dict[str, Any], where: Any) -> dict[str, Any]:
    """What the national portal's page adds: who may apply, per-channel limits, provenance."""
    applicants = _texts(check, raw, "applicants", where)
    for kind in applicants:
        if kind not in Applicant.values:
            check.fail(where, _("applicant %(value)r is not a known kind"), value=kind)
    unparsed = raw.get("unparsed") or {}
    if not isinstance(unparsed, dict) or not all(isinstance(v, str) for v in unparsed.values()):
        check.fail(where, _("unparsed must map section names to texts"))
        unparsed = {}
    return {
        "handled_by_city": check.boolean(raw, "handled_by_city", where, default=True),
        "portal_levels": check.text(raw, "portal_levels", where, max_length=100),
        "ministry": check.text(raw, "ministry", where, max_length=40),
        "applicants": applicants,
        "time_limit_state": check.choice(raw, "time_limit_state", where, FactState)
        if raw.get("time_limit_state")
        else "",
        "time_limit_source": check.choice(raw, "time_limit_source", where, FactSource),
        "time_limits": _channel_limits(check, raw, where),
        "result_codes": _texts(check, raw, "result_codes", where),
        "decision": check.text(raw, "decision", where, max_length=100),
        "portal_url": check.text(raw, "portal_url", where, max_length=255),
        "source": check.choice(raw, "source", where, FactSource),
        "crawled_on": check.text(raw, "crawled_on", where, max_length=10),
        "unparsed": dict(unparsed),
        "curator_notes": _texts(check, raw, "curator_notes", where),
    }


def _result_template(check: Checker, raw: Any, where: Any) -> dict[str, Any]:
    found = result_papers.problems(raw)
    for reason, params in found:
        check.fail(where, reason, **params)
    return {} if found else result_papers.normalised(raw or {})


def _time_unit(check: Checker, raw: dict[str, Any], where: Any) -> str:
    if raw.get("unit") in (None, ""):
        return ""
    return check.choice(raw, "unit", where, TimeUnit)


def _legal_basis(check: Checker, value: Any, where: Any) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        check.fail(where, _("legal_basis must be a list of texts"))
        return ()
    return tuple(v.strip() for v in value if v.strip())


def _items(check: Checker, raw: dict[str, Any], key: str, where: Any) -> list[dict[str, Any]]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        check.fail(where, _("%(field)s must be a list of records"), field=key)
        return []
    return value


def _part_where(raw: dict[str, Any], key: str, index: int, item: dict[str, Any]) -> Any:
    """Name where a document, fee or step is: its spreadsheet row if it came from one."""
    if isinstance(item.get("_where"), tuple):
        return item["_where"]
    return (
        _("procedure %(code)s, %(part)s #%(index)d"),
        {"code": raw.get("code"), "part": key, "index": index + 1},
    )


def parse_catalog(records: list[dict[str, Any]]) -> tuple[list[ProcedureSpec], list[Problem]]:
    """Validate every record; return the specs and every problem found (empty when valid)."""
    check = Checker()
    specs = []
    for index, raw in enumerate(records):
        where = (
            raw["_where"]
            if isinstance(raw.get("_where"), tuple)
            else (
                _("procedure #%(index)d (%(code)s)"),
                {"index": index + 1, "code": raw.get("code", "?")},
            )
        )
        specs.append(parse_procedure(check, raw, where))
    fields: dict[str, FieldSpec] = {}
    for spec in specs:
        known = fields.setdefault(spec.field.code, spec.field)
        if known != spec.field:
            check.fail(
                (_("procedure %(code)s"), {"code": spec.code}),
                _("field %(field)r is described differently by another procedure"),
                field=spec.field.code,
            )
    seen: set[str] = set()
    for spec in specs:
        if spec.code in seen:
            check.fail(
                (_("procedure %(code)s"), {"code": spec.code}),
                _("the code appears more than once in the file"),
            )
        seen.add(spec.code)
    return specs, check.problems
