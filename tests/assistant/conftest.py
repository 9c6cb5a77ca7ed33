"""An index of the packaged catalog built without a database."""

import pytest

from motcua.assistant.retrieval.index import Index
from motcua.assistant.retrieval.paraphrases import packaged_vocabulary
from motcua.catalog.packaged import packaged_records
from tests.builders.assistant import facts_of_record


@pytest.fixture(scope="session")
def index() -> Index:
    return Index([facts_of_record(r) for r in packaged_records()], packaged_vocabulary())
