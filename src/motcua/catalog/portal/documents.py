"""The document list of a portal page: kind, quantity, whether required, conditions kept as text,
form templates, and national data in place of a paper only where the page says so."""

import re
from typing import Any

from motcua.core.text import fold

_DOC_HEAD = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
# A count is one or two digits; a year glued before it ("01/01/20051 bản chính") is the row's.
_COUNT = r"((?<=\d{4})\d|(?<!\d)\d{1,2})"
_QUANTITY = re.compile(rf"{_COUNT} bản chính(?:,(\d+) bản sao)?|{_COUNT} bản sao")
_TEMPLATE = re.compile(r"([^\s;:,()]*(?: [^\s;:,()]+){0,6}\.(?:docx?|pdf|xlsx?|rtf|odt))$", re.I)
_CONDITION = re.compile(
    r"\((?:nếu|trường hợp|đối với)[^)]*\)|(?:Trường hợp|trường hợp|Nếu|nếu)\b[^.;]*", re.U
)

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
