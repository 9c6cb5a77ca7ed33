"""The catalog shipped with the package: the curated national catalog entries for Hanoi.

`data/procedures.json` is a copy of shared/data/procedures.json (its README describes the
sources). This module maps that schema onto the exchange form; where the source is silent it
applies the rules written next to each mapping.
"""

import copy
import json
import re
from importlib import resources
from typing import Any

from django.utils.text import slugify

from motcua.catalog.portal.sections import parse_applicants
from motcua.catalog.result_papers import packaged_templates
from motcua.core.text import fold

# The one-stop process of Decree 118/2025/ND-CP (receive → appraise → decide → return), applied
# to every procedure whose source lists no electronic process steps. The shares are this
# project's default and are edited per procedure version in the admin.
STANDARD_STEPS = [
    {
        "name": "Tiếp nhận hồ sơ",
        "name_en": "Receive the dossier",
        "role": "receiving_officer",
        "share_percent": 10,
    },
    {
        "name": "Thẩm định, xử lý hồ sơ",
        "name_en": "Appraise and process the dossier",
        "role": "specialist",
        "share_percent": 60,
    },
    {
        "name": "Phê duyệt, ký số kết quả",
        "name_en": "Approve and digitally sign the result",
        "role": "leader",
        "share_percent": 20,
    },
    {
        "name": "Trả kết quả",
        "name_en": "Return the result",
        "role": "receiving_officer",
        "share_percent": 10,
    },
]

# Folded words of the source's agency text → the competent agency's role, first match wins.
_AGENCY_ROLES = [
    ("cong an xa/phuong", "commune_police"),
    ("dang ky kinh doanh – so tai chinh", "business_registration"),
    ("van phong dang ky dat dai", "land_registration"),
    ("canh sat giao thong", "police"),
    ("cong an thanh pho", "police"),
    ("bao hiem xa hoi", "social_insurance"),
]
# Words of the source's "Boundary-free:" note → where filing is tied to (when not boundary-free).
_PLACE_WORDS = [
    ("residence", "residence"),
    ("located", "property_location"),
    ("holding the original", "record_holder"),
    ("head office", "head_office"),
    ("first issu", "first_issuance"),
]
# Words of the source's "Online:" note → what the applicant must come in person for.
_PRESENCE_WORDS = [
    ("sign", "signing"),
    ("collect", "receiving_result"),
    ("biometric", "biometrics"),
    ("on-site", "site_visit"),
    ("field", "site_visit"),
    ("present", "appearance"),
    ("attend", "appearance"),
]
_BUSINESS_FIELD_WORDS = ("doanh nghiep", "kinh doanh", "dau tu")
# Words of a curator's fee note saying the amount is not established: such a fee is imported
# as unverified (shown as such, never collected until an official confirms it).
_UNVERIFIED_WORDS = re.compile(
    r"verif|not checked|memory|secondary|not found|unclear|uncertain|unconfirmed", re.I
)


def _note(entry: dict[str, Any], prefix: str) -> str:
    return next((n.lower() for n in entry.get("notes", []) if n.startswith(prefix)), "")


def _first(table: list[tuple[str, str]], text: str, default: str = "") -> str:
    return next((value for words, value in table if words in text), default)


def agency_role(entry: dict[str, Any]) -> str:
    """Return the role of the agency that resolves the entry."""
    default = "commune_committee" if entry["level"] == "commune" else "peoples_committee"
    return _first(_AGENCY_ROLES, fold(entry["agency_vi"]), default)


# A curator's remark in English inside a legal-basis line: "(cited by a secondary source, …)".
_REMARK = re.compile(r"\s*\((?=[^)]*\b(?:cited|secondary|verified|not read|source)\b)[^)]*\)")


def _legal_basis(entry: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The legal basis without the curators' remarks, and the remarks (internal notes)."""
    lines, remarks = [], []
    for line in entry.get("legal_basis") or []:
        remarks += [m.group(0).strip() for m in _REMARK.finditer(line)]
        lines.append(_REMARK.sub("", line))
    return lines, remarks


def _fee_state(fee: dict[str, Any]) -> str:
    unsure = fee.get("amount_vnd") is None or _UNVERIFIED_WORDS.search(fee.get("note") or "")
    return "unverified" if unsure else "curated"


# A Hanoi rate: set by a resolution of the city People's Council (HĐND), e.g. Resolution
# 06/2020/NQ-HĐND for civil-status charges; a circular (TT-BTC) sets a national amount.
_CITY_FEE = re.compile(r"HĐND|Hà Nội")
_NATIONAL_FEE = re.compile(r"TT-BTC")


def fee_setter(fee: dict[str, Any]) -> str:
    """Who sets a packaged fee: "city", "national", or "" when the catalog does not say."""
    text = f"{fee['name_vi']} {fee.get('note') or ''}"
    if _CITY_FEE.search(text):
        return "city"
    return "national" if _NATIONAL_FEE.search(text) else ""


def curator_notes(entry: dict[str, Any]) -> list[str]:
    """Every note of the curators on an entry (internal: the admin shows them, no public page)."""
    notes = [*entry.get("notes", []), entry["time_limit"].get("note") or ""]
    notes += _legal_basis(entry)[1]
    notes += [part.get("note") or "" for part in [*entry["documents"], *entry["fees"]]]
    return [note for note in notes if note]


def _applicants() -> dict[str, str]:
    """Who may apply, in the portal page's words, by procedure code (data/applicants.json,
    written by scripts/catalog_applicants.py from the crawled pages)."""
    text = resources.files(__package__).joinpath("data/applicants.json").read_text("utf-8")
    return json.loads(text)["applicants"]


def to_record(entry: dict[str, Any], applicants: str = "") -> dict[str, Any]:
    """Map one entry of the packaged catalog onto the exchange form.

    The curators' notes go to the internal `curator_note(s)` fields, never to a public text."""
    limit = entry["time_limit"]
    online = entry["online"]
    legal_basis, remarks = _legal_basis(entry)
    return {
        "code": entry["code"],
        "name": entry["name_vi"],
        "name_en": entry["name_en"],
        "field": {
            "code": slugify(fold(entry["field_vi"])),
            "name": entry["field_vi"],
            "name_en": entry["field_en"],
            "is_business": any(w in fold(entry["field_vi"]) for w in _BUSINESS_FIELD_WORDS),
        },
        "level": entry["level"],
        "agency_role": agency_role(entry),
        "time_limit": {"value": limit["value"], "unit": limit["unit"]},
        "time_limit_state": "curated" if limit["value"] is not None else "",
        "time_limit_source": "curated" if limit["value"] is not None else "",
        "source": "curated",
        "portal_levels": entry.get("portal_level_vi") or "",
        "curator_notes": [
            n for n in [*entry.get("notes", []), limit.get("note") or "", *remarks] if n
        ],
        "result": entry.get("result_vi") or "",
        "result_en": entry.get("result_en") or "",
        "legal_basis": legal_basis,
        "applicants": parse_applicants(applicants),
        "online": online,
        "boundary_free": entry["boundary_free"],
        "place_restriction": ""
        if entry["boundary_free"]
        else _first(_PLACE_WORDS, _note(entry, "Boundary-free:")),
        "presence_required_for": ""
        if online == "full"
        else _first(_PRESENCE_WORDS, _note(entry, "Online:")),
        "documents": [
            {
                "name": d["name_vi"],
                "name_en": d.get("name_en") or "",
                "kind": d["kind"],
                "quantity": d.get("quantity") or 1,
                "required": d.get("required", True),
                "replaceable_by": d.get("replaceable_by_data") or "",
                "subject": d.get("subject") or "",
                "state": "curated",
                "source": "curated",
                "curator_note": d.get("note") or "",
            }
            for d in entry["documents"]
        ],
        "fees": [
            {
                "name": f["name_vi"],
                "name_en": f.get("name_en") or "",
                "amount_vnd": f.get("amount_vnd"),
                "condition": "",
                "collected_by": "",
                "set_by": fee_setter(f),
                "state": _fee_state(f),
                "source": "curated",
                "curator_note": f.get("note") or "",
            }
            for f in entry["fees"]
        ],
        "steps": entry.get("steps") or STANDARD_STEPS,
    }


def packaged_records() -> list[dict[str, Any]]:
    """Return the packaged catalog in the exchange form, with the results the system draws up
    itself (`data/result_templates.json`)."""
    text = resources.files(__package__).joinpath("data/procedures.json").read_text("utf-8")
    who = _applicants()
    papers = packaged_templates()
    records = [
        to_record(entry, who.get(entry["code"], ""))
        | {"result_template": copy.deepcopy(papers.get(entry["code"], {}))}
        for entry in json.loads(text)["procedures"]
    ]
    # The source translates one field's name differently in places; the first translation wins.
    fields: dict[str, dict[str, Any]] = {}
    for record in records:
        record["field"] = fields.setdefault(record["field"]["code"], record["field"])
    return records
