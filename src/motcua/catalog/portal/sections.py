"""The smaller sections of a portal page: legal basis, result, who may apply, level and agency."""

import re
from typing import Any

from motcua.catalog.portal.table import EMPTY
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

_CODE_PART = "(?:TTg|[A-Z0-9ĐƯƠÂÊÔĂ&]+)"
_LEGAL_CODE = re.compile(
    rf"(.+?)(\d+(?:\.\d+)?/(?:\d{{4}}/)?{_CODE_PART}(?:-{_CODE_PART})*)(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ]|$)",
    re.S,
)
_RESULT = re.compile(r"(.+?)Mã: ([A-Z0-9][A-Z0-9.\-]*\d|[A-Z]{2,}$)", re.S)

# Folded words of the resolving agency of central bodies' local branches, which are not the city's.
CENTRAL_AGENCIES = ("hai quan", "kho bac nha nuoc")

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


def _unglue(title: str, code: str) -> tuple[str, str]:
    """ "Luật 60/2014/QH" + "1360/2014/QH13" is "Luật 60/2014/QH13" + "60/2014/QH13"."""
    for cut in range(1, len(code) - len(code.lstrip("0123456789"))):
        if (title + code[:cut]).endswith(code[cut:]):
            return title + code[:cut], code[cut:]
    return title, code


def parse_legal_basis(text: str) -> tuple[list[str], bool]:
    """Read "Tên văn bản pháp lýMã văn bản" rows: [title (code)], and whether all was read."""
    head = "Tên văn bản pháp lýMã văn bản"
    if text.strip() in EMPTY:
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


def agency_role(page: dict[str, Any], folder: str, level: str, handled: bool) -> str:
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
