"""A result paper is drawn up from its procedure version's template (catalog data), in the
province this deployment serves."""

import io
import unicodedata

from pypdf import PdfReader

from motcua.catalog.models import ProcedureVersion
from motcua.documents import services as issuing
from motcua.dossiers import paperwork
from motcua.dossiers.models import Dossier
from motcua.geography.models import AdministrativeUnit, Agency, ServicePoint
from motcua.geography.selectors import forget_province_name
from tests.builders.dossiers import BIRTH, BIRTH_FORM, WARD_B, file_dossier

APPLICANT = {"id_number": "001090012345", "full_name": "Nguyễn Văn An"}


def _result_text(version: ProcedureVersion) -> str:
    dossier = Dossier(
        code="H26.50.00008-261207-0001",
        procedure_version=version,
        handling_agency=Agency.objects.get(role="commune_committee", unit__code=WARD_B),
        receiving_point=ServicePoint.objects.get(code=f"MC-{WARD_B}"),
        applicant=APPLICANT,
        form=BIRTH_FORM,
    )
    pdf = issuing.preview(paperwork.result(dossier))
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = unicodedata.normalize("NFC", "".join(page.extract_text() for page in pages))
    return " ".join(text.split())


def _birth() -> ProcedureVersion:
    return ProcedureVersion.objects.get(procedure__code=BIRTH, status="published")


def test_the_result_uses_the_wording_of_the_versions_template(db):
    version = _birth()
    assert "TRÍCH LỤC KHAI SINH" in _result_text(version).upper()

    template = version.result_template
    template["title"] = "Trích lục khai sinh (bản điện tử thử nghiệm)"
    template["fields"][0]["label"] = "Tên khai sinh của trẻ"
    ProcedureVersion.objects.filter(pk=version.pk).update(result_template=template)

    text = _result_text(_birth())
    assert "TRÍCH LỤC KHAI SINH (BẢN ĐIỆN TỬ THỬ NGHIỆM)" in text.upper()
    assert "Tên khai sinh của trẻ: Nguyễn Thị Hằng Nguyệt" in text


def test_a_version_without_a_template_has_no_result_of_ours(db):
    version = _birth()
    ProcedureVersion.objects.filter(pk=version.pk).update(result_template={})
    dossier = Dossier(procedure_version=_birth())

    assert not paperwork.has_result_template(dossier)


def test_the_result_is_dated_in_the_settings_province(db, settings):
    forget_province_name()
    AdministrativeUnit.objects.create(code="31", name="Thành phố Hải Phòng", level="city")
    settings.MOTCUA_PROVINCE = "31"
    try:
        text = _result_text(_birth())
    finally:
        forget_province_name()

    assert "Hải Phòng, ngày" in text
    assert "Hà Nội, ngày" not in text


def test_a_receipt_for_a_procedure_without_a_time_limit_promises_no_same_day_result(ward_a):
    # As the catalog has 2.002516 and 2.001263 ("Không có thông tin"): no time limit set.
    ProcedureVersion.objects.filter(pk=_birth().pk).update(
        time_limit_value=None, time_limit_unit=""
    )
    code = file_dossier(ward_a.receiving, channel="counter")["code"]
    dossier = Dossier.objects.get(code=code)
    assert dossier.due_at is None

    draft = paperwork.receipt(dossier, due_at=dossier.due_at, officer=ward_a.receiving)
    pages = PdfReader(io.BytesIO(issuing.preview(draft))).pages
    text = " ".join(unicodedata.normalize("NFC", "".join(p.extract_text() for p in pages)).split())

    assert "ngay trong ngày" not in text
    assert f"theo quy định là: {paperwork.NO_TIME_LIMIT}" in text
    assert f"trả kết quả giải quyết hồ sơ: {paperwork.NO_DUE_DATE}" in text
