"""Pages of the National Public Service Portal (dichvucong.gov.vn) read into the exchange form.

One raw page (`shared/data/sources/chatbot_tthc/raw/<ministry>/<code>.json`, its README says
where the crawl comes from) becomes one record of `spec.parse_procedure`'s form. Each section is
read by a written rule; what a rule cannot read is kept verbatim in `unparsed` and the page is
counted as partly parsed, with the reason. Nothing is guessed: a value the page leaves open (a
time limit without its unit, a fee cell that says free next to amounts) is imported with the
state `unverified` so that an official confirms it.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from motcua.catalog import packaged
from motcua.core.text import fold

# The ministry folders of the crawl → the city department that handles their provincial
# procedures (geography/data/agencies.json). The State Bank's branches are not the city's.
FOLDER_ROLES = {
    "bo-cong-an": "police",
    "bo-nong-nghiep-mt": "agriculture_environment",
    "bo-tai-chinh": "finance",
    "bo-tu-phap": "justice",
    "bo-xay-dung": "construction",
    "ngan-hang-nha-nuoc": "state_bank",
    "toa-an-nhan-dan": "court",
}
CRAWLED_ON = "2026-06-10"  # the crawl's commit date (the source folder's README)

CHANNELS = {"Trực tuyến": "online", "Dịch vụ bưu chính": "post", "Trực tiếp": "in_person"}
_TABLE_HEAD = "Hình thức nộpThời gianPhí, lệ phíMô tả"
_ROW = re.compile(r"(Trực tuyến|Dịch vụ bưu chính|Trực tiếp)(?=\d|Không)")
_TIME = re.compile(r"(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm)?")
_NO_INFO = re.compile(r"(Không có thông tin|Không quy định|Không)")
# Units of the time cell → TimeUnit, and whether the unit is the page's own word (from_source).
_UNITS = {
    "Ngày làm việc": ("working_days", True),
    "Ngày": ("days", True),
    "Giờ làm việc": ("working_hours", True),
    # The portal shows "Giờ" for hours without saying working hours; the model counts working
    # hours only, so the limit waits for an official (unverified).
    "Giờ": ("working_hours", False),
    # A bare number: Decree 61/2018/ND-CP counts time limits in working days unless a text
    # says otherwise; still, the page does not say it, so it is unverified.
    None: ("working_days", False),
}
_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)\s*(?:Việt Nam Đồng|VNĐ|Đồng|đồng)")
_FREE = "Miễn phí"
_EMPTY = ("", "Không có thông tin")
# An amount written in a fee's text ("8.000.000/lần", "50.000 đồng"), which a free cell contradicts.
_TEXT_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{4,}\s*(?:đồng|Đồng|/)")
_DESCRIBED_LIMIT = re.compile(r"(\d+)\s*(?:\([^)]*\)\s*)?ngày làm việc", re.IGNORECASE)

_DOC_HEAD = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
# A count is one or two digits; a year glued before it ("01/01/20051 bản chính") is the row's.
_COUNT = r"((?<=\d{4})\d|(?<!\d)\d{1,2})"
_QUANTITY = re.compile(rf"{_COUNT} bản chính(?:,(\d+) bản sao)?|{_COUNT} bản sao")
_TEMPLATE = re.compile(r"([^\s;:,()]*(?: [^\s;:,()]+){0,6}\.(?:docx?|pdf|xlsx?|rtf|odt))$", re.I)
_CONDITION = re.compile(
    r"\((?:nếu|trường hợp|đối với)[^)]*\)|(?:Trường hợp|trường hợp|Nếu|nếu)\b[^.;]*", re.U
)
_CODE_PART = "(?:TTg|[A-Z0-9ĐƯƠÂÊÔĂ&]+)"
_LEGAL_CODE = re.compile(
    rf"(.+?)(\d+(?:\.\d+)?/(?:\d{{4}}/)?{_CODE_PART}(?:-{_CODE_PART})*)(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ]|$)",
    re.S,
)
_RESULT = re.compile(r"(.+?)Mã: ([A-Z0-9][A-Z0-9.\-]*\d|[A-Z]{2,}$)", re.S)

# Folded words of the resolving agency of central bodies' local branches, which are not the city's.
_CENTRAL_AGENCIES = ("hai quan", "kho bac nha nuoc")

# Who may apply (doi_tuong_thuc_hien), longest words first.
APPLICANTS = [
    ("Người Việt Nam định cư ở nước ngoài", "overseas_vietnamese"),
    ("Doanh nghiệp có vốn đầu tư nước ngoài", "foreign_invested_enterprises"),
    ("Tổ chức (không bao gồm doanh nghiệp, HTX)", "organisations"),
    ("Cán bộ, công chức, viên chức", "officials"),
    ("Người nước ngoài cư trú tại Việt Nam", "foreigners"),
    ("Doanh nghiệp Việt Nam", "enterprises"),
    ("Tổ chức nước ngoài", "foreign_organisations"),
    ("Công dân Việt Nam", "citizens"),
    ("Người nước ngoài", "foreigners"),
    ("Doanh nghiệp", "enterprises"),
    ("Hợp tác xã", "cooperatives"),
    ("Tổ chức Đảng", "party_organisations"),
    ("Đảng viên", "party_members"),
]
# National databases a page may say a document is taken from (folded words → DataSource).
_DATABASES = [
    ("ho tich", "civil_status_db"),
    ("dang ky doanh nghiep", "business_registry"),
    ("dat dai", "land_db"),
    ("dan cu", "population_db"),
    ("vneid", "population_db"),
    ("dinh danh", "population_db"),
]
_NOT_NEEDED = ("khong phai nop", "khong phai xuat trinh", "khong phai cung cap", "khong yeu cau")
_FORM_WORDS = ("to khai", "don ", "don de nghi", "giay de nghi", "van ban de nghi", "theo mau")


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


# --- the execution table: per channel, a time limit and fees --------------------------------


def _balanced(text: str, start: int) -> int:
    """Return the index just after the parenthesis opened at `start` (or the text's end)."""
    depth = 0
    for index in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    return len(text)


def parse_time(cell: str) -> tuple[dict[str, Any] | None, str]:
    """Read the time cell at the start of `cell`: ({value, unit, state, text} or None, rest)."""
    match = _TIME.match(cell)
    if match is None or "." in match.group(1) or "," in match.group(1):
        no_info = _NO_INFO.match(cell)
        rest = cell[no_info.end() :] if no_info else cell
        return None, rest
    word = match.group(2)
    if word in ("Tháng", "Năm"):  # no such unit in the model: kept as text
        return {"value": None, "unit": "", "state": "unverified", "text": match.group(0)}, cell[
            match.end() :
        ]
    unit, stated = _UNITS[word]
    limit = {
        "value": int(match.group(1)),
        "unit": unit,
        "state": "from_source" if stated else "unverified",
        "text": match.group(0).strip(),
    }
    return limit, cell[match.end() :]


def parse_fees(cell: str) -> tuple[list[dict[str, Any]], str, bool]:
    """Read the fee cell at the start of `cell`: (fees, the description after it, contradicted).

    A fee is "Miễn phí" or an amount in đồng, each optionally followed by its text in brackets.
    """
    fees: list[dict[str, Any]] = []
    contradicted = False
    rest = cell
    while True:
        text = rest.lstrip()
        if text.startswith(_FREE):
            amount, end = 0, len(_FREE)
        elif (match := _AMOUNT.match(text)) is not None:
            amount, end = int(match.group(1).replace(",", "")), match.end()
        else:
            if not fees and text.startswith(_EMPTY[1]):
                rest = text[len(_EMPTY[1]) :]  # the page states no fee
            break
        condition = ""
        if text[end : end + 1] == "(":
            close = _balanced(text, end)
            condition = text[end + 1 : close - 1].strip()
            end = close
        if amount == 0 and _TEXT_AMOUNT.search(condition):
            contradicted = True  # "free" next to amounts: the page contradicts itself
        fees.append({"amount_vnd": amount, "condition": condition})
        rest = text[end:]
    return fees, rest.strip(), contradicted


def _fee_name(condition: str, amount: int) -> str:
    head = re.split(r"[:(]", condition, maxsplit=1)[0].strip()
    if amount == 0 and not head:
        return "Miễn phí"
    if head and fold(head).startswith(("phi", "le phi")) and len(head) <= 200:
        return head
    return "Phí, lệ phí"


def parse_channels(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Split the execution table into rows: [{channel, limit, fees, description, contradicted}]."""
    if not text.startswith(_TABLE_HEAD):
        return [], ["channels_unparsed"]
    body = text[len(_TABLE_HEAD) :]
    cuts = list(_ROW.finditer(body))
    if not cuts or body[: cuts[0].start()].strip():
        return [], ["channels_unparsed"]
    rows = []
    for index, cut in enumerate(cuts):
        end = cuts[index + 1].start() if index + 1 < len(cuts) else len(body)
        cell = body[cut.end() : end]
        limit, rest = parse_time(cell)
        fees, description, contradicted = parse_fees(rest)
        if limit is None and (found := _DESCRIBED_LIMIT.search(description)):
            limit = {
                "value": int(found.group(1)),
                "unit": "working_days",
                "state": "from_source",
                "text": found.group(0),
            }
        rows.append(
            {
                "channel": CHANNELS[cut.group(1)],
                "limit": limit,
                "fees": fees,
                "description": description,
                "contradicted": contradicted,
            }
        )
    return rows, []


# --- documents -----------------------------------------------------------------------------


def _replaceable_by(text: str) -> str:
    """The national database a document comes from, only where the page says it need not be
    handed in because the data is taken from that database."""
    folded = fold(text)
    if not any(words in folded for words in _NOT_NEEDED):
        return ""
    if "co so du lieu" not in folded and "csdl" not in folded and "vneid" not in folded:
        return ""
    return next((source for words, source in _DATABASES if words in folded), "")


def _is_join(text: str, index: int) -> bool:
    """Whether two table cells were glued at `index` ("…thống nhấtMẫu TP…", "…mẫu)12.1.PL…")."""
    before, here = text[index - 1], text[index]
    return (before.islower() and here.isupper()) or (before == ")" and here.isalnum())


def _split_template(text: str) -> tuple[str, str]:
    """Split "…theo mẫuMẫu TP-LS-02.docx" into the document's name and the template's."""
    match = _TEMPLATE.search(text)
    if match is None:
        return text, ""
    joins = [i for i in range(max(match.end() - 200, 1), match.end() - 5) if _is_join(text, i)]
    # A cell that follows a bracket ("(theo mẫu)12.1.PL….docx") first, else the last glued cell
    # ("…Giấy chứng nhậnMẫu đơn xin cấp lại (gia hạn) ….docx").
    start = next((i for i in joins if text[i - 1] == ")"), joins[-1] if joins else None)
    if start is None:  # no glued cells: the template's name is its last word
        start = text.rfind(" ", 0, match.end()) + 1
    return text[:start].strip(), text[start:].strip()


def _document(text: str, section: str, copies: tuple[int, int]) -> dict[str, Any]:
    originals, copy_count = copies
    name, template = _split_template(text.strip().lstrip("-+•* ").strip())
    name = name.rstrip(";").strip() or text.strip()
    folded = fold(name)
    presented = "xuat trinh" in fold(section)
    if template or folded.startswith(_FORM_WORDS[:4]) or _FORM_WORDS[5] in folded:
        kind = "form"
    elif presented:
        kind = "present"
    elif originals == 0 and copy_count > 0:
        kind = "copy"
    else:
        kind = "original"
    conditions = [m.group(0).strip(" ()") for m in _CONDITION.finditer(name)]
    heading = section.strip(" :*-")
    if heading and any(w in fold(heading) for w in ("truong hop", "doi voi", "neu")):
        conditions.insert(0, heading)
    optional = "neu co" in folded or folded.startswith(("truong hop", "neu "))
    return {
        "name": name[:4000],
        "kind": kind,
        "quantity": max(originals, copy_count, 1),
        "required": not optional,
        "replaceable_by": _replaceable_by(name),
        "condition": "; ".join(dict.fromkeys(conditions))[:4000],
        "form_template": template[:255],
        "state": "from_source",
        "source": "portal",
    }


def parse_documents(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Read the document table(s): each row ends with its quantity ("1 bản chính,1 bản sao")."""
    if _DOC_HEAD not in text:
        return [], ["documents_unparsed"]
    documents = []
    leftover = False
    parts = text.split(_DOC_HEAD)
    section = parts[0]
    for index, body in enumerate(parts[1:], start=1):
        is_last = index == len(parts) - 1
        position = 0
        for match in _QUANTITY.finditer(body):
            row_start, position = position, match.end()
            originals = int(match.group(1) or 0)
            copies = int(match.group(2) or match.group(3) or 0)
            row = body[row_start : match.start()]
            if not row.strip():
                continue
            documents.append(_document(row, section, (originals, copies)))
        tail = body[position:].strip()
        if is_last and tail:
            leftover = True
        section = tail  # the heading of the next table
    reasons = []
    if not documents:
        reasons.append("documents_unparsed")
    elif leftover:
        reasons.append("documents_leftover")
    return documents, reasons


# --- legal basis, result, who may apply -----------------------------------------------------


def _unglue(title: str, code: str) -> tuple[str, str]:
    """ "Luật 60/2014/QH" + "1360/2014/QH13" is "Luật 60/2014/QH13" + "60/2014/QH13"."""
    for cut in range(1, len(code) - len(code.lstrip("0123456789"))):
        if (title + code[:cut]).endswith(code[cut:]):
            return title + code[:cut], code[cut:]
    return title, code


def parse_legal_basis(text: str) -> tuple[list[str], bool]:
    """Read "Tên văn bản pháp lýMã văn bản" rows: [title (code)], and whether all was read."""
    head = "Tên văn bản pháp lýMã văn bản"
    if text.strip() in _EMPTY:
        return [], True
    if not text.startswith(head):
        return ([text.strip()] if text.strip() else []), not text.strip()
    body = text[len(head) :]
    lines, position = [], 0
    for match in _LEGAL_CODE.finditer(body):
        title, code = _unglue(match.group(1).strip(), match.group(2))
        lines.append(title if code in title else f"{title} ({code})")
        position = match.end()
    rest = body[position:].strip()
    if rest:
        lines.append(rest)
    return lines, not rest


def parse_result(text: str) -> tuple[list[str], list[str]]:
    """Read the result section: ([names], [result-type codes such as KQ.G15.000031])."""
    text = text.split("Từ khóa", 1)[0]
    found = _RESULT.findall(text)
    return [name.strip() for name, _code in found], [code for _name, code in found]


def parse_applicants(text: str) -> list[str]:
    """Return who may apply, as kinds (citizens, enterprises, …) in the page's order."""
    found: list[tuple[int, str]] = []
    rest = text
    for words, kind in APPLICANTS:
        while (at := rest.find(words)) >= 0:
            found.append((at, kind))
            rest = rest[:at] + " " * len(words) + rest[at + len(words) :]
    return list(dict.fromkeys(kind for _at, kind in sorted(found)))


def parse_level(text: str) -> tuple[str, bool]:
    """Map the portal's levels onto Hanoi's two tiers: (level, handled by the city)."""
    if "Cấp xã" in text:
        return "commune", True
    return "city", "Cấp tỉnh" in text


def _agency_role(page: dict[str, Any], folder: str, level: str, handled: bool) -> str:
    if not handled:
        return "ministry"
    agency = fold(page.get("co_quan_thuc_hien") or "")
    if level == "commune":
        return "commune_police" if "cong an" in agency else "commune_committee"
    for words, role in (
        ("van phong dang ky dat dai", "land_registration"),
        ("dang ky kinh doanh", "business_registration"),
        ("bao hiem xa hoi", "social_insurance"),
    ):
        if words in agency:
            return role
    return FOLDER_ROLES.get(folder, "peoples_committee")


# --- one page ----------------------------------------------------------------------------


def _same_everywhere(rows: list[dict[str, Any]], key: str) -> bool:
    return all(row[key] == rows[0][key] for row in rows)


def _fees(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not rows:
        return []
    shared = _same_everywhere(rows, "fees") and _same_everywhere(rows, "contradicted")
    fees = []
    for row in rows[:1] if shared else rows:
        for fee in row["fees"]:
            fees.append(
                {
                    "name": _fee_name(fee["condition"], fee["amount_vnd"]),
                    "amount_vnd": None if row["contradicted"] else fee["amount_vnd"],
                    "condition": fee["condition"][:4000],
                    "channel": "" if shared else row["channel"],
                    "state": "unverified" if row["contradicted"] else "from_source",
                    "source": "portal",
                }
            )
    return fees


def _table_reasons(rows: list[dict[str, Any]], limits: list[dict[str, Any]]) -> list[str]:
    """What the execution table leaves open: limits, units, fees."""
    reasons = []
    if rows and not limits:
        reasons.append("no_time_limit")
    elif any(row["limit"] is None for row in rows):
        reasons.append("time_limit_missing_for_a_channel")
    if any(limit["state"] == "unverified" for limit in limits):
        reasons.append("time_limit_unit_unclear")
    if rows and not any(row["fees"] for row in rows):
        reasons.append("fee_not_stated")
    if any(row["contradicted"] for row in rows):
        reasons.append("fee_contradicts_its_text")
    return reasons


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
    reasons += _table_reasons(rows, limits)
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
    if any(w in fold(page.get("co_quan_thuc_hien") or "") for w in _CENTRAL_AGENCIES):
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
        "agency_role": _agency_role(page, folder, level, handled),
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
        "fees": _fees(rows),
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
