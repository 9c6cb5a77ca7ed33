"""What changed between two versions of a procedure, field by field, in words an official reads.

Both versions are compared in the exchange form (`spec.ProcedureSpec`), so the diff covers every
fact an import or an edit can change: the version's own fields, and its documents, fees and steps
row by row (a row is one line; a line only one side has is a change).
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Fee, ProcedureVersion, ProcessStep, RequiredDocument
from motcua.catalog.spec import ProcedureSpec

# The parts compared row by row, with the model whose field names label a row's values.
_PARTS = {
    "documents": (_("Documents"), RequiredDocument),
    "fees": (_("Fees"), Fee),
    "steps": (_("Process steps"), ProcessStep),
}


@dataclass(frozen=True)
class Line:
    text: str
    changed: bool


@dataclass(frozen=True)
class Change:
    label: str
    before: tuple[Line, ...]
    after: tuple[Line, ...]


def _label(model: Any, key: str) -> str:
    try:
        return str(model._meta.get_field(key).verbose_name)
    except Exception:  # a key of the exchange form that is not a model field (field, time_limit)
        return {"field": str(_("field")), "time_limit": str(_("time limit"))}.get(key, key)


def _text(value: Any) -> str:
    if value in (None, "", [], {}):
        return "–"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list | tuple):
        return "; ".join(_text(item) for item in value)
    return str(value)


def _row_text(model: Any, row: dict[str, Any]) -> str:
    rest = (f"{_label(model, k)}: {_text(v)}" for k, v in row.items() if k != "name" and v)
    return " — ".join([row["name"], ", ".join(rest)]) if row else ""


def _lines(texts: list[str], other: list[str]) -> tuple[Line, ...]:
    return tuple(Line(text, text not in other) for text in texts)


def spec_changes(before: ProcedureSpec, after: ProcedureSpec) -> list[Change]:
    """Return each field whose value differs, in the order of the exchange form."""
    old, new = before.to_json(), after.to_json()
    changes = []
    for key in new:
        if old.get(key) == new[key]:
            continue
        if key in _PARTS:
            label, model = _PARTS[key]
            was = [_row_text(model, row) for row in old.get(key, [])]
            now = [_row_text(model, row) for row in new[key]]
            changes.append(Change(str(label), _lines(was, now), _lines(now, was)))
            continue
        was_text, now_text = _text(old.get(key)), _text(new[key])
        changes.append(
            Change(
                _label(ProcedureVersion, key),
                (Line(was_text, True),),
                (Line(now_text, True),),
            )
        )
    return changes
