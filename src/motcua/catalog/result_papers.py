"""The electronic results the system draws up itself: a procedure version's result template.

The template is catalog data (`ProcedureVersion.result_template`, shipped in
`data/result_templates.json` and loaded with the catalog): the paper's title, the sentence
before the data, its lines (a label and where the value comes from) and the signature block's
lines above the signer's name. A version without one has its result drawn up elsewhere.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import ProcedureVersion

# "form.<key>": the procedure's own question; "applicant.<key>[.<key>]": the applicant's data.
SOURCE_PATTERN = re.compile(r"^(form|applicant)\.[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
DEFAULT_SIGNER = ("Thủ trưởng cơ quan",)


@dataclass(frozen=True)
class ResultField:
    label: str
    source: str  # "form.<key>" or "applicant.<key>"
    required: bool = True
    default: str = ""


@dataclass(frozen=True)
class ResultTemplate:
    title: str
    fields: tuple[ResultField, ...]
    preamble: str = ""
    # The signature block's lines above the signer's name (Decree 30/2020, Appendix I §8):
    # on behalf of the body (TM.), for its head (KT.), then the signer's own position.
    signer_lines: tuple[str, ...] = DEFAULT_SIGNER


def template(version: ProcedureVersion) -> ResultTemplate | None:
    """The version's result template, or None when its result is drawn up elsewhere."""
    data = version.result_template
    if not data:
        return None
    return ResultTemplate(
        title=data["title"],
        fields=tuple(ResultField(**row) for row in data["fields"]),
        preamble=data.get("preamble", ""),
        signer_lines=tuple(data.get("signer_lines") or DEFAULT_SIGNER),
    )


@cache
def packaged_templates() -> dict[str, dict[str, Any]]:
    """The templates shipped with the package, by procedure code, in the stored form."""
    text = resources.files(__package__).joinpath("data/result_templates.json").read_text("utf-8")
    data = json.loads(text)
    return {code: normalised(raw) for code, raw in data.items() if not code.startswith("_")}


def normalised(raw: dict[str, Any]) -> dict[str, Any]:
    """A valid template with every key written out (how it is stored and compared)."""
    if not raw:
        return {}
    return {
        "title": raw["title"],
        "preamble": raw.get("preamble") or "",
        "signer_lines": list(raw.get("signer_lines") or DEFAULT_SIGNER),
        "fields": [
            {
                "label": row["label"],
                "source": row["source"],
                "required": bool(row.get("required", True)),
                "default": row.get("default") or "",
            }
            for row in raw["fields"]
        ],
    }


def problems(raw: Any) -> list[tuple[Promise, dict[str, Any]]]:
    """What is wrong with a record's result_template (empty: none, or no template at all)."""
    if raw in (None, {}):
        return []
    if not isinstance(raw, dict):
        return [(_("result_template must be an object"), {})]
    found: list[tuple[Promise, dict[str, Any]]] = []
    if not isinstance(raw.get("title"), str) or not raw["title"].strip():
        found.append((_("result_template needs a title"), {}))
    if not isinstance(raw.get("preamble", ""), str):
        found.append((_("result_template's preamble must be a text"), {}))
    lines = raw.get("signer_lines", [])
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        found.append((_("result_template's signer_lines must be a list of texts"), {}))
    rows = raw.get("fields")
    if not isinstance(rows, list) or not rows:
        return [*found, (_("result_template needs a list of fields"), {})]
    for number, row in enumerate(rows, start=1):
        if not _good_field(row):
            found.append(
                (
                    _(
                        "result_template's field %(number)d needs a label and a source "
                        "(form.<key> or applicant.<key>)"
                    ),
                    {"number": number},
                )
            )
    return found


def _good_field(row: Any) -> bool:
    if not isinstance(row, dict) or set(row) - {"label", "source", "required", "default"}:
        return False
    label, source = row.get("label"), row.get("source")
    return (
        isinstance(label, str)
        and bool(label.strip())
        and isinstance(source, str)
        and bool(SOURCE_PATTERN.match(source))
        and isinstance(row.get("required", True), bool)
        and isinstance(row.get("default", ""), str)
    )
