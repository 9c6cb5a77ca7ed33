import io
import json

from django.core.management import call_command
from django.utils import translation

import pytest
from openpyxl import load_workbook

from motcua.catalog import services
from motcua.catalog.models import Procedure, ProcedureVersion, VersionStatus
from motcua.catalog.services import CatalogImportRefused, export_catalog, import_catalog_file


def _rendered(problems, language="en"):
    with translation.override(language):
        return [p.render() for p in problems]


def _wipe_catalog():
    ProcedureVersion.objects.all().delete()
    Procedure.objects.all().delete()


def _edit_xlsx(content: bytes, sheet_title: str, row: int, column: int, value) -> bytes:
    book = load_workbook(io.BytesIO(content))
    book[sheet_title].cell(row=row, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_exported_xlsx_imports_back_to_an_identical_catalog(db):
    original = json.loads(export_catalog("json"))
    workbook = export_catalog("xlsx")
    _wipe_catalog()

    summary = import_catalog_file(workbook, "catalog.xlsx")

    assert summary == services.ImportSummary(created=56, updated=0, unchanged=0)
    assert json.loads(export_catalog("json")) == original


def test_exported_json_imports_back_unchanged(db):
    content = export_catalog("json")

    summary = import_catalog_file(content, "catalog.json")

    assert summary == services.ImportSummary(created=0, updated=0, unchanged=56)
    assert ProcedureVersion.objects.count() == 56


def test_the_workbook_uses_vietnamese_sheets_and_headers(db):
    book = load_workbook(io.BytesIO(export_catalog("xlsx")))

    assert book.sheetnames == ["Thủ tục", "Thành phần hồ sơ", "Phí, lệ phí", "Quy trình"]
    assert book["Thủ tục"]["A1"].value == "Mã thủ tục"
    assert book["Thủ tục"].max_row == 57


def test_a_malformed_row_refuses_the_whole_file_naming_the_row(db):
    workbook = export_catalog("xlsx")
    workbook = _edit_xlsx(workbook, "Thủ tục", 2, 2, "Tên đã sửa")  # a valid change
    workbook = _edit_xlsx(workbook, "Thành phần hồ sơ", 7, 4, "giấy gì đó")  # kind column
    before = list(ProcedureVersion.objects.values_list("pk", "name", "status"))

    with pytest.raises(CatalogImportRefused) as refused:
        import_catalog_file(workbook, "catalog.xlsx")

    assert _rendered(refused.value.problems) == [
        "sheet 'Thành phần hồ sơ', row 7: kind 'giấy gì đó' is not one of: "
        "original, copy, certified_copy, form, present"
    ]
    assert _rendered(refused.value.problems, "vi") == [
        "trang tính 'Thành phần hồ sơ', dòng 7: kind 'giấy gì đó' không thuộc: "
        "original, copy, certified_copy, form, present"
    ]
    assert list(ProcedureVersion.objects.values_list("pk", "name", "status")) == before


def test_a_row_for_an_unknown_procedure_is_refused(db):
    workbook = _edit_xlsx(export_catalog("xlsx"), "Phí, lệ phí", 3, 1, "9.999999")

    with pytest.raises(CatalogImportRefused) as refused:
        import_catalog_file(workbook, "catalog.xlsx")

    assert _rendered(refused.value.problems) == [
        "sheet 'Phí, lệ phí', row 3: procedure '9.999999' is not in the sheet of procedures"
    ]


def test_every_problem_is_listed_at_once(db):
    workbook = export_catalog("xlsx")
    workbook = _edit_xlsx(workbook, "Thủ tục", 3, 1, "12345")  # bad code
    workbook = _edit_xlsx(workbook, "Quy trình", 2, 5, "abc")  # share not a number

    with pytest.raises(CatalogImportRefused) as refused:
        import_catalog_file(workbook, "catalog.xlsx")

    rendered = " | ".join(_rendered(refused.value.problems))
    assert "sheet 'Thủ tục', row 3: code '12345' is not a national procedure code" in rendered
    assert "sheet 'Quy trình', row 2: share_percent 'abc' is not a whole number" in rendered


def test_a_file_that_is_not_a_workbook_is_refused(db):
    with pytest.raises(CatalogImportRefused) as refused:
        import_catalog_file(b"not a zip", "catalog.xlsx")

    assert _rendered(refused.value.problems) == ["the file: it is not an .xlsx workbook"]


def test_broken_json_is_refused_and_the_message_is_in_both_languages(db):
    with pytest.raises(CatalogImportRefused) as refused:
        import_catalog_file(b"{not json", "catalog.json")

    with translation.override("vi"):
        assert refused.value.render() == (
            "Danh mục chưa được nhập: phát hiện 1 lỗi. Không có gì bị thay đổi."
        )
    with translation.override("en"):
        assert refused.value.render() == (
            "The catalog was not imported: 1 problem(s) found. Nothing was changed."
        )


def test_a_changed_procedure_gets_a_new_version_and_the_old_one_is_kept(db):
    data = json.loads(export_catalog("json"))
    birth = next(p for p in data["procedures"] if p["code"] == "1.001193")
    birth["time_limit"] = {"value": 2, "unit": "working_days"}

    summary = import_catalog_file(json.dumps(data).encode(), "catalog.json")

    assert summary == services.ImportSummary(created=0, updated=1, unchanged=55)
    versions = ProcedureVersion.objects.filter(procedure__code="1.001193").order_by("number")
    assert [(v.number, v.status, v.time_limit_value) for v in versions] == [
        (1, VersionStatus.RETIRED, 1),
        (2, VersionStatus.PUBLISHED, 2),
    ]


def test_command_export_then_import(db, tmp_path):
    path = tmp_path / "catalog.xlsx"
    out = io.StringIO()

    call_command("catalog", "export", str(path), stdout=out)
    call_command("catalog", "import", str(path), stdout=out)

    assert "catalog: 0 new, 0 updated, 56 unchanged" in out.getvalue()


def test_a_value_longer_than_its_column_is_refused_not_truncated(db):
    data = json.loads(export_catalog("json"))
    data["procedures"][0]["field"]["name"] = "x" * 300

    with pytest.raises(CatalogImportRefused) as refused:
        import_catalog_file(json.dumps(data).encode(), "catalog.json")

    assert _rendered(refused.value.problems)[0].endswith("name is longer than 255 characters")
    assert ProcedureVersion.objects.filter(status=VersionStatus.RETIRED).count() == 0
