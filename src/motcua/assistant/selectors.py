"""Reads of the assistant: the catalog facts, the index of the current catalog, conversations."""

import hashlib
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError

from motcua.assistant.models import Conversation
from motcua.assistant.retrieval.facts import DocumentFact, FeeFact, ProcedureFacts
from motcua.assistant.retrieval.index import Index
from motcua.assistant.retrieval.paraphrases import packaged_vocabulary
from motcua.catalog import selectors as catalog
from motcua.catalog.models import FactState, ProcedureVersion
from motcua.catalog.words.vocabulary import Vocabulary
from motcua.core import clock

# One index per process, for the catalog revision it was built from. Every process computes the
# revision from the database on each question, so a catalog published through any process is
# seen by all of them at their next question: nothing here has to be shared.
_built: dict[str, Index] = {}


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
            DocumentFact(d.name, d.name_en, d.kind, d.quantity, d.required, d.replaceable_by)
            for d in version.documents.all()
        ),
        fees=tuple(
            FeeFact(f.name, f.name_en, f.amount_vnd, f.condition, f.state == FactState.UNVERIFIED)
            for f in version.fees.all()
        ),
    )


def published_facts() -> list[ProcedureFacts]:
    """Return the facts of every published procedure, ordered by code."""
    return [facts_of(version) for version in catalog.published_versions()]


def catalog_revision() -> str:
    """Return a fingerprint of the published catalog (one small query).

    Published versions never change (DOMAIN C2), so their ids say what is published; field
    names are editable and are indexed, so they count too.
    """
    rows = (
        catalog.published_versions()
        .order_by("pk")
        .values_list("pk", "field__name", "field__name_en")
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return packaged_vocabulary()


def current_index() -> Index:
    """Return the index of the published catalog, building it when the catalog has changed."""
    revision = catalog_revision()
    index = _built.get(revision)
    if index is None:
        index = Index(published_facts(), vocabulary())
        _built.clear()
        _built[revision] = index
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
