"""The question set and an index of the packaged catalog built without a database."""

import json
from pathlib import Path
from typing import Any

import pytest

from motcua.assistant.retrieval.facts import DocumentFact, FeeFact, ProcedureFacts
from motcua.assistant.retrieval.index import Index
from motcua.assistant.retrieval.paraphrases import packaged_vocabulary
from motcua.catalog.packaged import packaged_records

BENCH = Path(__file__).resolve().parents[2] / "bench"


def questions() -> list[dict[str, Any]]:
    """Every question of the evaluation: the tuning set, the held-out parts and the blind set."""
    return [
        question
        for path in sorted(BENCH.glob("assistant_questions*.json"))
        for question in json.loads(path.read_text("utf-8"))["questions"]
    ]


def facts_of_record(record: dict[str, Any]) -> ProcedureFacts:
    """The facts of a packaged catalog record, as version 1 (what `catalog load` publishes)."""
    return ProcedureFacts(
        code=record["code"],
        version=1,
        name=record["name"],
        name_en=record["name_en"],
        field=record["field"]["name"],
        field_en=record["field"]["name_en"],
        level=record["level"],
        time_limit_value=record["time_limit"]["value"],
        time_limit_unit=record["time_limit"]["unit"] or "",
        result=record["result"],
        result_en=record["result_en"],
        online=record["online"],
        boundary_free=record["boundary_free"],
        place_restriction=record["place_restriction"],
        presence_required_for=record["presence_required_for"],
        documents=tuple(
            DocumentFact(
                d["name"],
                d["name_en"],
                d["kind"],
                d["quantity"],
                d["required"],
                d["replaceable_by"],
            )
            for d in record["documents"]
        ),
        fees=tuple(
            FeeFact(f["name"], f["name_en"], f["amount_vnd"], f["condition"])
            for f in record["fees"]
        ),
    )


@pytest.fixture(scope="session")
def index() -> Index:
    return Index([facts_of_record(r) for r in packaged_records()], packaged_vocabulary())
