"""The catalog shipped with the package: the curated national catalog entries for Hanoi.

`data/procedures.json` is a copy of shared/data/procedures.json (its README describes the
sources). This module maps that schema onto the exchange form; where the source is silent it
applies the rules written next to each mapping.
"""

import json
from importlib import resources
from typing import Any

from django.utils.text import slugify

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


def _note(entry: dict[str, Any], prefix: str) -> str:
    return next((n.lower() for n in entry.get("notes", []) if n.startswith(prefix)), "")


def _first(table: list[tuple[str, str]], text: str, default: str = "") -> str:
    return next((value for words, value in table if words in text), default)


def agency_role(entry: dict[str, Any]) -> str:
    """Return the role of the agency that resolves the entry."""
    default = "commune_committee" if entry["level"] == "commune" else "peoples_committee"
    return _first(_AGENCY_ROLES, fold(entry["agency_vi"]), default)


def to_record(entry: dict[str, Any]) -> dict[str, Any]:
    """Map one entry of the packaged catalog onto the exchange form."""
    limit = entry["time_limit"]
    online = entry["online"]
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
        "result": entry.get("result_vi") or "",
        "result_en": entry.get("result_en") or "",
        "legal_basis": entry.get("legal_basis") or [],
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
                "note": d.get("note") or "",
                "subject": d.get("subject") or "",
            }
            for d in entry["documents"]
        ],
        "fees": [
            {
                "name": f["name_vi"],
                "name_en": f.get("name_en") or "",
                "amount_vnd": f.get("amount_vnd"),
                "condition": f.get("note") or "",
                "collected_by": "",
            }
            for f in entry["fees"]
        ],
        "steps": entry.get("steps") or STANDARD_STEPS,
    }


def packaged_records() -> list[dict[str, Any]]:
    """Return the packaged catalog in the exchange form."""
    text = resources.files(__package__).joinpath("data/procedures.json").read_text("utf-8")
    records = [to_record(entry) for entry in json.loads(text)["procedures"]]
    # The source translates one field's name differently in places; the first translation wins.
    fields: dict[str, dict[str, Any]] = {}
    for record in records:
        record["field"] = fields.setdefault(record["field"]["code"], record["field"])
    return records
