"""The assistant's question set and the facts of packaged catalog records, without a database."""

import json
from pathlib import Path
from typing import Any

from motcua.assistant.retrieval.facts import DocumentFact, FeeFact, ProcedureFacts

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
        name_en=record.get("name_en", ""),
        field=record["field"]["name"],
        field_en=record["field"].get("name_en", ""),
        level=record["level"],
        time_limit_value=record["time_limit"]["value"],
        time_limit_unit=record["time_limit"]["unit"] or "",
        result=record["result"],
        result_en=record.get("result_en", ""),
        online=record["online"],
        boundary_free=record["boundary_free"],
        place_restriction=record.get("place_restriction") or "",
        presence_required_for=record.get("presence_required_for") or "",
        documents=tuple(
            DocumentFact(
                d["name"],
                d.get("name_en", ""),
                d["kind"],
                d["quantity"],
                d["required"],
                d["replaceable_by"],
                d.get("condition", ""),
                d.get("state", ""),
            )
            for d in record["documents"]
        ),
        fees=tuple(
            FeeFact(
                f["name"], f.get("name_en", ""), f["amount_vnd"], f["condition"], f.get("state", "")
            )
            for f in record["fees"]
        ),
        applicants=tuple(record.get("applicants") or ()),
        time_limit_state=record.get("time_limit_state") or "",
    )
