"""A procedure imported from the national portal's page (not one of the 56 curated) is filed
through the generic path: its document list, national-data items and form templates."""

import shutil

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from motcua.catalog import services
from motcua.documents.pdf import blank_pdf
from motcua.dossiers.models import Dossier
from tests.builders.dossiers import WARD_B, make_ward
from tests.catalog.test_portal import RAW, needs_crawl
from tests.portal.test_pages import verified  # noqa: F401  (the level-2 citizen fixture)

GUARDIANSHIP = "1.001669"  # đăng ký giám hộ có yếu tố nước ngoài, commune level, online


@needs_crawl
@pytest.mark.django_db
def test_an_imported_procedure_is_read_and_filed_online(verified, tmp_path):  # noqa: F811
    user, client = verified
    (tmp_path / "bo-tu-phap").mkdir()
    shutil.copy(RAW / f"bo-tu-phap/{GUARDIANSHIP}.json", tmp_path / "bo-tu-phap")
    services.import_portal(tmp_path)
    make_ward(WARD_B)
    base = f"/procedures/{GUARDIANSHIP}/file"

    page = client.get(f"/procedures/{GUARDIANSHIP}/").content.decode()
    start = client.get(f"{base}/")
    client.post(
        f"{base}/applicant/",
        {"phone": "0912345678", "address": "Số 1 Hàng Bông", "competent_unit": WARD_B},
    )
    rows = client.get(f"{base}/documents/").context["rows"]
    posted = {}
    for row in rows:
        requirement = row["requirement"]
        if requirement.replaceable_by and requirement.required:
            posted[f"from_data_{requirement.pk}"] = "on"
        elif requirement.required:
            posted[f"file_{requirement.pk}"] = SimpleUploadedFile("gt.pdf", blank_pdf("giấy tờ"))
    documents = client.post(f"{base}/documents/", posted)
    client.post(f"{base}/delivery/", {"method": "online"})
    submitted = client.post(f"{base}/review/", {"declare": "yes"})

    assert "Nộp trực tuyến" in page
    assert "Cổng Dịch vụ công quốc gia" in page  # the source of every fact
    assert start.status_code == 302
    assert len(rows) >= 2
    assert documents.status_code == 302
    assert submitted.status_code == 302, submitted.content.decode()[:2000]
    dossier = Dossier.objects.get(owner=user)
    assert dossier.procedure_version.procedure.code == GUARDIANSHIP
    assert dossier.competent_unit.code == WARD_B
    assert dossier.documents.count() == sum(1 for row in rows if row["requirement"].required)
