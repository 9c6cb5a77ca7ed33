from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from motcua.documents.models import Upload
from motcua.documents.sniffing import sniff
from tests.builders.dossiers import PDF, client_for


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (PDF, "a.pdf", "application/pdf"),
        (PDF, "a.exe", "application/pdf"),  # the bytes decide, not the name
        (b"\xff\xd8\xff\xe0", "photo.jpg", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n", "scan.png", "image/png"),
        (
            b"PK\x03\x04",
            "form.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (b"PK\x03\x04", "archive.zip", None),
        (b"MZ\x90\x00", "setup.pdf", None),
        (b"<html><script>", "page.pdf", None),
    ],
)
def test_the_real_type_comes_from_the_bytes(head, name, kind):
    assert sniff(head, name) == kind


def test_an_executable_is_refused_with_a_clear_error(citizen):
    response = client_for(citizen).post(
        "/api/v1/uploads/",
        {"file": SimpleUploadedFile("giay-to.pdf", b"MZ\x90\x00rest")},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "upload_refused"
    assert response.json()["error"]["message_en"] == (
        "Only PDF, JPEG, PNG and Word/Excel documents are accepted."
    )
    assert Upload.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(citizen, settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 10

    response = client_for(citizen).post(
        "/api/v1/uploads/", {"file": SimpleUploadedFile("a.pdf", PDF)}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"file": ["too_large"]}


def test_the_same_content_is_stored_once(citizen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(citizen)

    first = client.post(
        "/api/v1/uploads/", {"file": SimpleUploadedFile("a.pdf", PDF)}, format="multipart"
    ).json()
    second = client.post(
        "/api/v1/uploads/", {"file": SimpleUploadedFile("b.pdf", PDF)}, format="multipart"
    ).json()

    assert first["sha256"] == second["sha256"]
    uploads = Upload.objects.order_by("id")
    assert uploads[0].file.name == uploads[1].file.name
    assert len([path for path in tmp_path.rglob("*") if path.is_file()]) == 1


def test_anonymous_upload_is_401(api):
    response = api.post(
        "/api/v1/uploads/", {"file": SimpleUploadedFile("a.pdf", PDF)}, format="multipart"
    )

    assert response.status_code == 401


def test_s3_compatible_storage_is_chosen_by_settings(tmp_path):
    """MOTCUA_STORAGE=s3 puts uploads and issued PDFs in a private bucket (django-storages)."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "MOTCUA_VAR_DIR": str(tmp_path),
        "MOTCUA_STORAGE": "s3",
        "MOTCUA_S3_BUCKET": "motcua-ho-so",
        "MOTCUA_S3_ENDPOINT_URL": "https://s3.hn.example.vn",
    }
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.default_acl, s.file_overwrite)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout

    assert out.split() == [
        "S3Storage",
        "motcua-ho-so",
        "https://s3.hn.example.vn",
        "private",
        "False",
    ]
