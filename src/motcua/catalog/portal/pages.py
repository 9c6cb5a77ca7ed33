"""One portal page read into the exchange form, and the figures of a whole crawl read."""

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from motcua.catalog import packaged
from motcua.catalog.portal.documents import parse_documents
from motcua.catalog.portal.sections import (
    CENTRAL_AGENCIES,
    agency_role,
    parse_applicants,
    parse_legal_basis,
    parse_level,
    parse_result,
)
from motcua.catalog.portal.table import CHANNELS, channel_fees, parse_channels, table_reasons
from motcua.core.text import fold

CRAWLED_ON = "2026-06-10"  # the crawl's commit date (the source folder's README)


@dataclass
class Parsed:
    """One page read: its record in the exchange form and what could not be read."""

    folder: str
    code: str
    record: dict[str, Any]
    reasons: list[str] = field(default_factory=list)
    failed: bool = False
    channels: list[str] = field(default_factory=list)  # the rows of the execution table

    @property
    def outcome(self) -> str:
        if self.failed:
            return "failed"
        return "partial" if self.reasons else "full"


def parse_page(page: dict[str, Any], folder: str) -> Parsed:
    """Read one raw page into the exchange form, naming what could not be read."""
    code = str(page.get("ma_thu_tuc") or "").strip()
    name = str(page.get("ten_thu_tuc") or "").strip()
    field_name = str(page.get("linh_vuc") or "").strip()
    levels = str(page.get("cap_thuc_hien") or "").strip()
    parsed = Parsed(folder, code, {})
    if not code or not name or not field_name or not levels:
        parsed.failed = True
        parsed.reasons.append("identity_missing")
        return parsed
    reasons = parsed.reasons
    unparsed: dict[str, str] = {}
    rows, problems = parse_channels(page.get("cach_thuc_thuc_hien") or "")
    parsed.channels = [row["channel"] for row in rows]
    reasons += problems
    if problems:
        unparsed["cach_thuc_thuc_hien"] = page.get("cach_thuc_thuc_hien") or ""
    limits = [
        {"channel": row["channel"], **row["limit"]} for row in rows if row["limit"] is not None
    ]
    reasons += table_reasons(rows, limits)
    main = next(
        (
            limit
            for kind in ("in_person", "online", "post")
            for limit in limits
            if limit["channel"] == kind and limit["value"] is not None
        ),
        None,
    )
    documents, problems = parse_documents(page.get("thanh_phan_ho_so") or "")
    reasons += problems
    if problems:
        unparsed["thanh_phan_ho_so"] = page.get("thanh_phan_ho_so") or ""
    legal, complete = parse_legal_basis(page.get("can_cu_phap_ly") or "")
    if not complete:
        reasons.append("legal_basis_unparsed")
    results, result_codes = parse_result(page.get("ket_qua_xu_ly") or "")
    if not results:
        reasons.append("result_unparsed")
        unparsed["ket_qua_xu_ly"] = (page.get("ket_qua_xu_ly") or "").split("Từ khóa", 1)[0]
    level, handled = parse_level(levels)
    if any(w in fold(page.get("co_quan_thuc_hien") or "") for w in CENTRAL_AGENCIES):
        handled = False  # the portal's "Cấp xã" of customs is a customs branch, not a ward
    online = "none"
    if any(row["channel"] == "online" for row in rows):
        online = "full" if "toàn trình" in (page.get("raw_text") or "") else "partial"
    parsed.record = {
        "code": code,
        "name": name,
        "name_en": "",
        "field": {
            "code": slugify(fold(field_name))[:100] or "khac",
            "name": field_name[:255],
            "name_en": "",
            "is_business": any(w in fold(field_name) for w in packaged._BUSINESS_FIELD_WORDS),
        },
        "level": level,
        "handled_by_city": handled,
        "portal_levels": levels[:100],
        "ministry": folder[:40],
        "agency_role": agency_role(page, folder, level, handled),
        "applicants": parse_applicants(page.get("doi_tuong_thuc_hien") or ""),
        "time_limit": {
            "value": main["value"] if main else None,
            "unit": main["unit"] if main else None,
        },
        "time_limit_state": main["state"] if main else "",
        "time_limit_source": "portal" if main else "",
        "time_limits": [
            {k: limit[k] for k in ("channel", "value", "unit", "state", "text")} for limit in limits
        ],
        "result": "; ".join(results),
        "result_codes": result_codes,
        "legal_basis": legal,
        "decision": str(page.get("so_quyet_dinh") or "")[:100],
        "portal_url": str(page.get("detail_url") or "")[:255],
        "source": "portal",
        "crawled_on": CRAWLED_ON,
        "online": online,
        "boundary_free": False,
        "documents": documents,
        "fees": channel_fees(rows),
        "steps": packaged.STANDARD_STEPS,
        "unparsed": unparsed,
    }
    return parsed


def read_pages(directory: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (ministry folder, page) for every raw page under `directory`, in code order."""
    for path in sorted(directory.glob("*/*.json")):
        yield path.parent.name, json.loads(path.read_text("utf-8"))


def parse_report(pages: list[Parsed]) -> dict[str, Any]:
    """Figures of a crawl read: outcomes and reasons per ministry, limits and fees per channel."""
    ministries: dict[str, dict[str, Any]] = {}
    channels = {c: {"rows": 0, "time_limit": 0, "fee": 0} for c in CHANNELS.values()}
    totals = {"pages": 0, "identity": 0, "time_limit": 0, "documents": 0}
    for page in pages:
        row = ministries.setdefault(
            page.folder, {"pages": 0, "full": 0, "partial": 0, "failed": 0, "reasons": {}}
        )
        row["pages"] += 1
        row[page.outcome] += 1
        for reason in page.reasons:
            row["reasons"][reason] = row["reasons"].get(reason, 0) + 1
        totals["pages"] += 1
        if page.failed:
            continue
        record = page.record
        totals["identity"] += 1
        totals["time_limit"] += record["time_limit"]["value"] is not None
        totals["documents"] += bool(record["documents"])
        limited = {limit["channel"] for limit in record["time_limits"] if limit["value"]}
        charged = {fee["channel"] for fee in record["fees"]}
        for channel in page.channels:
            channels[channel]["rows"] += 1
            channels[channel]["time_limit"] += channel in limited
            channels[channel]["fee"] += bool(charged & {"", channel})
    return {"totals": totals, "ministries": ministries, "channels": channels}
