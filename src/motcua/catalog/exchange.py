"""Read and write the catalog as JSON and as an Excel workbook (the form agencies publish)."""

import contextlib
import io
import json
import zipfile
from typing import Any

from django.utils.translation import gettext_lazy as _

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from motcua.catalog.spec import Problem, ProcedureSpec
from motcua.core.spreadsheets import append_row
from motcua.core.text import fold

FORMAT_VERSION = 1

# Sheet key → (sheet title, [(column key, header label)]). The header label is Vietnamese, as
# agencies publish; either the label or the key is accepted when reading.
SHEETS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "procedures": (
        "Thủ tục",
        [
            ("code", "Mã thủ tục"),
            ("name", "Tên thủ tục"),
            ("name_en", "Tên tiếng Anh"),
            ("field_code", "Mã lĩnh vực"),
            ("field_name", "Lĩnh vực"),
            ("field_name_en", "Lĩnh vực (tiếng Anh)"),
            ("field_is_business", "Lĩnh vực doanh nghiệp"),
            ("level", "Cấp thực hiện"),
            ("agency_role", "Cơ quan có thẩm quyền"),
            ("time_limit_value", "Thời hạn giải quyết"),
            ("time_limit_unit", "Đơn vị thời hạn"),
            ("result", "Kết quả"),
            ("result_en", "Kết quả (tiếng Anh)"),
            ("legal_basis", "Căn cứ pháp lý"),
            ("online", "Mức độ trực tuyến"),
            ("boundary_free", "Không phụ thuộc địa giới hành chính"),
            ("payment_before_approval", "Nộp phí trước khi phê duyệt"),
            ("assurance_level", "Mức định danh điện tử"),
            ("place_restriction", "Nộp tại nơi"),
            ("presence_required_for", "Phải có mặt để"),
            ("handled_by_city", "Thành phố giải quyết"),
            ("portal_levels", "Cấp thực hiện trên Cổng DVC quốc gia"),
            ("ministry", "Bộ, ngành (thư mục nguồn)"),
            ("applicants", "Đối tượng thực hiện"),
            ("time_limit_state", "Trạng thái thời hạn"),
            ("time_limit_source", "Nguồn thời hạn"),
            ("time_limits", "Thời hạn theo hình thức nộp"),
            ("result_codes", "Mã kết quả"),
            ("decision", "Quyết định công bố"),
            ("portal_url", "Trang Cổng DVC quốc gia"),
            ("source", "Nguồn"),
            ("crawled_on", "Ngày thu thập"),
            ("unparsed", "Phần giữ nguyên văn"),
            ("curator_notes", "Ghi chú nội bộ"),
            ("result_template", "Mẫu kết quả điện tử"),
        ],
    ),
    "documents": (
        "Thành phần hồ sơ",
        [
            ("procedure", "Mã thủ tục"),
            ("name", "Tên giấy tờ"),
            ("name_en", "Tên tiếng Anh"),
            ("kind", "Loại"),
            ("quantity", "Số lượng"),
            ("required", "Bắt buộc"),
            ("replaceable_by", "Thay bằng dữ liệu từ"),
            ("note", "Ghi chú"),
            ("subject", "Giấy tờ của người"),
            ("condition", "Điều kiện"),
            ("form_template", "Mẫu đơn, tờ khai"),
            ("state", "Trạng thái"),
            ("source", "Nguồn"),
            ("source_detail", "Chi tiết nguồn"),
            ("curator_note", "Ghi chú nội bộ"),
        ],
    ),
    "fees": (
        "Phí, lệ phí",
        [
            ("procedure", "Mã thủ tục"),
            ("name", "Tên phí, lệ phí"),
            ("name_en", "Tên tiếng Anh"),
            ("amount_vnd", "Mức thu (đồng)"),
            ("condition", "Điều kiện"),
            ("collected_by", "Cơ quan thu"),
            ("channel", "Hình thức nộp"),
            ("set_by", "Cấp quy định mức thu"),
            ("legal_source", "Căn cứ mức thu"),
            ("state", "Trạng thái"),
            ("source", "Nguồn"),
            ("source_detail", "Chi tiết nguồn"),
            ("curator_note", "Ghi chú nội bộ"),
        ],
    ),
    "steps": (
        "Quy trình",
        [
            ("procedure", "Mã thủ tục"),
            ("name", "Tên bước"),
            ("name_en", "Tên tiếng Anh"),
            ("role", "Vai trò xử lý"),
            ("share_percent", "Tỷ lệ thời gian (%)"),
        ],
    ),
}


class UnreadableFile(Exception):
    """The file is not a catalog in a form we read."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.render())


def _file_problem(reason: Any, **params: Any) -> UnreadableFile:
    return UnreadableFile(Problem(_("the file"), {}, reason, params))


# --- JSON ----------------------------------------------------------------------------------


def specs_to_json(specs: list[ProcedureSpec]) -> str:
    """Return the catalog as a JSON document."""
    body = {
        "format": "motcua-catalog",
        "version": FORMAT_VERSION,
        "procedures": [spec.to_json() for spec in specs],
    }
    return json.dumps(body, ensure_ascii=False, indent=2)


def records_from_json(content: bytes) -> list[dict[str, Any]]:
    """Return the raw procedure records of a JSON catalog file."""
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _file_problem(_("it is not valid UTF-8 JSON (%(error)s)"), error=str(exc)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("procedures"), list):
        raise _file_problem(_("it has no list of procedures"))
    if not all(isinstance(item, dict) for item in data["procedures"]):
        raise _file_problem(_("every procedure must be a JSON object"))
    return list(data["procedures"])


# --- Excel -----------------------------------------------------------------------------------


# Procedure columns that hold a list of texts (one a line) or JSON.
_LINES = ("legal_basis", "applicants", "result_codes", "curator_notes")
_JSON = ("time_limits", "unparsed", "result_template")


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, dict) or (
        isinstance(value, list | tuple) and value and isinstance(value[0], dict)
    ):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "\n".join(value)
    return value


def _from_cells(row: dict[str, Any]) -> dict[str, Any]:
    """Turn the procedure row's list and JSON cells back into lists and objects."""
    for key in _LINES:
        if isinstance(row.get(key), str):
            row[key] = [line for line in row[key].splitlines() if line.strip()]
        elif row.get(key) is None:
            row[key] = []
    for key in _JSON:
        text = row.get(key)
        with contextlib.suppress(json.JSONDecodeError):  # left as text: the check names it
            row[key] = json.loads(text) if isinstance(text, str) and text.strip() else None
    return row


def specs_to_xlsx(specs: list[ProcedureSpec]) -> bytes:
    """Return the catalog as an .xlsx workbook: one sheet per kind of row."""
    rows: dict[str, list[dict[str, Any]]] = {key: [] for key in SHEETS}
    for spec in specs:
        data = spec.to_json()
        fld, limit = data.pop("field"), data.pop("time_limit")
        data |= {
            "field_code": fld["code"],
            "field_name": fld["name"],
            "field_name_en": fld["name_en"],
            "field_is_business": fld["is_business"],
            "time_limit_value": limit["value"],
            "time_limit_unit": limit["unit"],
        }
        rows["procedures"].append(data)
        for key in ("documents", "fees", "steps"):
            rows[key].extend({"procedure": spec.code, **part} for part in data[key])
    book = Workbook()
    book.remove(book.active)
    for key, (title, columns) in SHEETS.items():
        sheet = book.create_sheet(title)
        append_row(sheet, [label for _key, label in columns])
        for row in rows[key]:
            append_row(sheet, [_cell(row.get(column)) for column, _label in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_rows(book: Any, key: str) -> list[dict[str, Any]]:
    """Return a sheet's data rows as dicts keyed by column key, each with its `_where`."""
    title, columns = SHEETS[key]
    sheet = next((s for s in book.worksheets if fold(s.title) in (fold(title), key)), None)
    if sheet is None:
        if key == "procedures":
            raise _file_problem(_("it has no sheet named %(sheet)r"), sheet=title)
        return []
    lines = sheet.iter_rows(values_only=True)
    header = [fold(str(h or "")) for h in next(lines, ())]
    known = {fold(label): column for column, label in columns} | {c: c for c, _l in columns}
    keys = [known.get(h) for h in header]
    if key == "procedures" and "code" not in keys:
        raise _file_problem(
            _("sheet %(sheet)r has no column %(column)r"), sheet=title, column=columns[0][1]
        )
    result = []
    for number, values in enumerate(lines, start=2):
        if all(v in (None, "") for v in values):
            continue
        row = {k: v for k, v in zip(keys, values, strict=False) if k}
        row["_where"] = (_("sheet %(sheet)r, row %(row)d"), {"sheet": sheet.title, "row": number})
        result.append(row)
    return result


def records_from_xlsx(content: bytes) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Return the raw procedure records of a workbook, and rows that name unknown procedures."""
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _file_problem(_("it is not an .xlsx workbook")) from exc
    records: dict[str, dict[str, Any]] = {}
    for row in _sheet_rows(book, "procedures"):
        code = str(row.get("code") or "").strip()
        records[code or f"#{len(records)}"] = {
            **_from_cells(row),
            "code": code,
            "field": {
                "code": row.get("field_code"),
                "name": row.get("field_name"),
                "name_en": row.get("field_name_en"),
                "is_business": row.get("field_is_business"),
            },
            "time_limit": {
                "value": row.get("time_limit_value"),
                "unit": row.get("time_limit_unit"),
            },
            "documents": [],
            "fees": [],
            "steps": [],
        }
    orphans = []
    for key in ("documents", "fees", "steps"):
        for row in _sheet_rows(book, key):
            code = str(row.pop("procedure", "") or "").strip()
            if code not in records:
                where, params = row["_where"]
                orphans.append(
                    Problem(
                        where,
                        params,
                        _("procedure %(code)r is not in the sheet of procedures"),
                        {"code": code},
                    )
                )
                continue
            records[code][key].append(row)
    return list(records.values()), orphans
