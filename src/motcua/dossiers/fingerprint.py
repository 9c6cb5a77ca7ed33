"""What a backup or a crash must not change: row counts, event chains and stored files."""

import hashlib
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.core.files.storage import default_storage

from motcua.documents.models import IssuedDocument, Upload
from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import Dossier


def _files() -> Iterator[tuple[str, str]]:
    for model in (Upload, IssuedDocument):
        for name in model.objects.order_by("pk").values_list("file", flat=True):
            digest = hashlib.sha256()
            with default_storage.open(name, "rb") as stored:
                for chunk in iter(lambda s=stored: s.read(1 << 20), b""):
                    digest.update(chunk)
            yield name, digest.hexdigest()


def store_fingerprint(*, with_files: bool = True) -> dict[str, Any]:
    """Return the count of rows of every model, the chains that fail, and each file's sha256.

    Two databases holding the same data (a backup and its restore) have equal fingerprints.
    """
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }
    broken = [
        dossier.code
        for dossier in Dossier.objects.order_by("pk").only("pk", "code").iterator()
        if not verify_chain(dossier).valid
    ]
    fingerprint: dict[str, Any] = {"rows": counts, "broken_chains": broken}
    if with_files:
        fingerprint["files"] = dict(_files())
    return fingerprint
