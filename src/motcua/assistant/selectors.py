"""Reads of the assistant: the catalog facts, the index of the current catalog, conversations."""

import hashlib
import logging
import os
import pickle
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Sum

from motcua.assistant.models import Conversation
from motcua.assistant.retrieval.facts import DocumentFact, FeeFact, ProcedureFacts
from motcua.assistant.retrieval.index import Index
from motcua.assistant.retrieval.paraphrases import packaged_vocabulary
from motcua.catalog import selectors as catalog
from motcua.catalog.models import Field, ProcedureVersion, VersionStatus
from motcua.catalog.words.vocabulary import Vocabulary
from motcua.core import clock

# One index per process, for the catalog revision it was loaded for. Every process computes the
# revision from the database on each question (one aggregate query), so a catalog published
# through any process is seen by all of them at their next question. The index itself is built
# once when the catalog is published (`build_index`), stored in MOTCUA_ASSISTANT_INDEX_DIR and
# loaded from there by every worker.
_loaded: dict[str, Index] = {}
_CODE = ("assistant/retrieval", "assistant/data", "catalog/words", "catalog/data/vocabulary.toml")


@lru_cache(maxsize=1)
def code_revision() -> str:
    """Return a fingerprint of the code and words an index is built with (a new release's
    workers never load a file that the previous one stored)."""
    root = Path(__file__).resolve().parents[1]
    files = sorted(f for part in _CODE for f in [root / part, *(root / part).rglob("*")])
    digest = hashlib.sha256()
    for file in files:
        if file.is_file() and file.suffix in (".py", ".toml"):
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


logger = logging.getLogger(__name__)


def facts_of(version: ProcedureVersion) -> ProcedureFacts:
    """Return the facts of a published version that answers may state."""
    return ProcedureFacts(
        code=version.procedure.code,
        version=version.number,
        name=version.name,
        name_en=version.name_en,
        field=version.field.name,
        field_en=version.field.name_en,
        level=version.level,
        time_limit_value=version.time_limit_value,
        time_limit_unit=version.time_limit_unit,
        result=version.result,
        result_en=version.result_en,
        online=version.online,
        boundary_free=version.boundary_free,
        place_restriction=version.place_restriction,
        presence_required_for=version.presence_required_for,
        documents=tuple(
            DocumentFact(
                d.name,
                d.name_en,
                d.kind,
                d.quantity,
                d.required,
                d.replaceable_by,
                d.condition,
                d.state,
            )
            for d in version.documents.all()
        ),
        fees=tuple(
            FeeFact(f.name, f.name_en, f.amount_vnd, f.condition, f.state)
            for f in version.fees.all()
        ),
        applicants=tuple(version.applicants or ()),
        time_limit_state=version.time_limit_state,
    )


def published_facts() -> list[ProcedureFacts]:
    """Return the facts of every published procedure, ordered by code."""
    return [facts_of(version) for version in catalog.published_versions()]


def catalog_revision() -> str:
    """Return a fingerprint of the published catalog (two small queries).

    Published versions never change (DOMAIN C2), so how many are published and the sum and
    largest of their ids say what is published; field names are editable and are indexed, so
    they count too.
    """
    published = ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED).aggregate(
        n=Count("pk"), total=Sum("pk"), last=Max("pk")
    )
    fields = Field.objects.order_by("pk").values_list("pk", "name", "name_en")
    seen = (code_revision(), sorted(published.items()), list(fields))
    return hashlib.sha256(repr(seen).encode()).hexdigest()[:16]


def _index_file(revision: str) -> Path:
    return Path(settings.MOTCUA_ASSISTANT_INDEX_DIR) / f"index-{revision}.pickle"


def build_index() -> Index:
    """Build the index of the published catalog and store it for every worker (at publish)."""
    revision = catalog_revision()
    index = Index(published_facts(), vocabulary())
    path = _index_file(revision)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    with partial.open("wb") as out:
        pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)  # atomic: a worker never reads half a file
    for old in path.parent.glob("index-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)
    _loaded.clear()
    _loaded[revision] = index
    logger.info("assistant_index_built", extra={"procedures": len(index.procedures)})
    return index


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return packaged_vocabulary()


def rebuild_after_publish(**kwargs: object) -> None:
    """Build and store the index once the publishing transaction has committed."""

    def build() -> None:
        try:
            build_index()
        except Exception:  # a failed build must not undo a publication: requests build it
            logger.exception("assistant_index_build_failed")

    transaction.on_commit(build)


def current_index() -> Index:
    """Return the stored index of the published catalog (loaded once per process and revision).

    It is built when the catalog is published; only a catalog published before this code ran
    (no stored file yet) has it built here, once, and stored for the other workers.
    """
    return stored_index() or build_index()


def stored_index() -> Index | None:
    """Return the stored index of the published catalog, or None if none is stored yet."""
    revision = catalog_revision()
    index = _loaded.get(revision)
    if index is not None:
        return index
    path = _index_file(revision)
    try:
        with path.open("rb") as stored:
            index = pickle.load(stored)  # noqa: S301 - our own file, written by build_index
    except (FileNotFoundError, EOFError, pickle.UnpicklingError, AttributeError):
        logger.warning("assistant_index_missing", extra={"revision": revision})
        return None
    _loaded.clear()
    _loaded[revision] = index
    return index


def live_conversation(conversation_id: str | None) -> Conversation | None:
    """Return the conversation if it exists and was active recently, else None."""
    if not conversation_id:
        return None
    since = clock.now() - timedelta(minutes=settings.MOTCUA_ASSISTANT_CONVERSATION_MINUTES)
    try:
        return Conversation.objects.filter(pk=conversation_id, updated_at__gte=since).first()
    except (ValueError, TypeError, ValidationError):  # not a UUID
        return None
