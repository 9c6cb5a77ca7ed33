"""Store uploads: checked type and size, one copy per content."""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError
from motcua.documents.models import Upload
from motcua.documents.sniffing import sniff

logger = logging.getLogger(__name__)


class UploadRefused(DomainError):
    code = "upload_refused"
    message = _("This file is not accepted.")


@transaction.atomic(durable=True)
def store_upload(file: UploadedFile, *, actor: AbstractBaseUser) -> Upload:
    """Store an uploaded file for its owner after checking its real type and its size."""
    if file.size is None or file.size > settings.MOTCUA_UPLOAD_MAX_BYTES:
        raise UploadRefused(
            _("The file is larger than %(max)d MB."),
            fields={"file": ["too_large"]},
            params={"max": settings.MOTCUA_UPLOAD_MAX_BYTES // (1024 * 1024)},
        )
    head = file.read(16)
    file.seek(0)
    content_type = sniff(head, file.name or "")
    if content_type is None:
        raise UploadRefused(
            _("Only PDF, JPEG, PNG and Word/Excel documents are accepted."),
            fields={"file": ["type_not_accepted"]},
        )
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    sha256 = digest.hexdigest()
    same = Upload.objects.filter(sha256=sha256).first()
    upload = Upload(
        owner=actor,
        name=(file.name or "file")[:255],
        content_type=content_type,
        size=file.size,
        sha256=sha256,
    )
    if same is not None:
        upload.file.name = same.file.name  # the same bytes are stored once
    else:
        file.seek(0)
        upload.file.save(f"{sha256}", file, save=False)
    upload.save()
    logger.info("upload_stored", extra={"upload": upload.pk, "bytes": upload.size})
    return upload
