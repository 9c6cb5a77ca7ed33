import html

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from motcua.catalog import selectors, services
from motcua.catalog.models import ProcedureVersion, VersionStatus


@pytest.fixture
def birth(db) -> ProcedureVersion:
    return ProcedureVersion.objects.get(procedure__code="1.001193", status="published")


def test_a_published_version_cannot_be_changed(birth):
    with pytest.raises(services.PublishedVersionImmutable):
        services.ensure_draft(birth)


def test_a_new_draft_copies_the_content_and_publishing_it_retires_the_old(birth, admin_user):
    draft = services.create_draft(birth, actor=admin_user)
    draft.time_limit_value = 3
    draft.save()

    services.publish_version(draft, actor=admin_user)

    birth.refresh_from_db()
    draft.refresh_from_db()
    assert (birth.status, draft.status) == (VersionStatus.RETIRED, VersionStatus.PUBLISHED)
    assert draft.number == 2
    assert draft.documents.count() == birth.documents.count() == 7
    assert list(draft.fees.values_list("amount_vnd", flat=True)) == [0, 5000, 8000]


@pytest.mark.version_cache
def test_intake_reads_a_published_version_once_and_sees_a_new_publication(birth, admin_user):
    # DOMAIN C2: a published version never changes, so a process keeps it with its parts; the
    # version that is published is asked each time (one small query).
    first = selectors.get_published_version("1.001193")
    with CaptureQueriesContext(connection) as again:
        kept = selectors.get_published_version("1.001193")
        documents = [d.name for d in kept.documents.all()]
    assert kept.pk == first.pk
    assert len(documents) == 7
    assert len(again.captured_queries) == 1

    draft = services.create_draft(birth, actor=admin_user)
    draft.time_limit_value = 3
    draft.save()
    services.publish_version(draft, actor=admin_user)

    now = selectors.get_published_version("1.001193")
    assert (now.pk, now.time_limit_value, now.status) == (draft.pk, 3, VersionStatus.PUBLISHED)
    old = selectors.get_published_version("1.001193", number=first.number)
    assert old.status == VersionStatus.RETIRED
    with pytest.raises(services.PublishedVersionImmutable):
        services.ensure_draft(old)


def test_publishing_a_draft_with_bad_step_shares_is_refused_and_changes_nothing(birth, admin_user):
    draft = services.create_draft(birth, actor=admin_user)
    draft.steps.filter(position=0).update(share_percent=50)

    with pytest.raises(services.CatalogImportRefused) as refused:
        services.publish_version(draft, actor=admin_user)

    assert "tổng tỷ lệ thời gian các bước là 140%" in refused.value.problems[0].render()
    draft.refresh_from_db()
    birth.refresh_from_db()
    assert (draft.status, birth.status) == (VersionStatus.DRAFT, VersionStatus.PUBLISHED)


def test_a_published_version_cannot_be_published_again(birth, admin_user):
    with pytest.raises(services.PublishedVersionImmutable):
        services.publish_version(birth, actor=admin_user)


def test_the_admin_shows_a_published_version_read_only_and_refuses_a_post(admin_client_vi, birth):
    url = f"/admin/catalog/procedureversion/{birth.pk}/change/"

    page = admin_client_vi.get(url)
    posted = admin_client_vi.post(url, {"name": "Đã sửa"})

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert posted.status_code == 403
    birth.refresh_from_db()
    assert birth.name == "Thủ tục đăng ký khai sinh"


def test_the_admin_works_in_vietnamese(admin_client_vi):
    page = admin_client_vi.get("/admin/catalog/procedureversion/").content.decode()

    assert "Phiên bản thủ tục" in page
    assert "Nhập danh mục" in page
    assert "Quản trị Một cửa" in page
    assert "Đã công bố" in page


def test_the_admin_exports_and_imports_a_workbook(admin_client_vi):
    exported = admin_client_vi.post(
        "/admin/catalog/procedureversion/",
        {"action": "export_xlsx", "_selected_action": [ProcedureVersion.objects.first().pk]},
    )
    upload = ("catalog.xlsx", exported.content)

    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client_vi.post(
        "/admin/catalog/procedureversion/import/",
        {"file": SimpleUploadedFile(*upload)},
        follow=True,
    )

    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "0 mới, 0 cập nhật, 56 không đổi" in response.content.decode()


def test_the_admin_import_lists_problems_and_changes_nothing(admin_client_vi):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client_vi.post(
        "/admin/catalog/procedureversion/import/",
        {"file": SimpleUploadedFile("c.json", b'{"procedures": [{"code": "x"}]}')},
    )

    page = html.unescape(response.content.decode())
    assert "Danh mục chưa được nhập" in page
    assert "mã 'x' không phải là mã thủ tục quốc gia" in page
    assert ProcedureVersion.objects.count() == 56
