"""The served description may only grow: docs/openapi.json is v1 as committed; a path, an
operation, a parameter, a property or an enum value that it has and the served one lacks is a
removal or a rename, which needs a new version (shared/API.md). Newly required inputs break
clients too. After an addition, refresh the snapshot and say what was added in
docs/api-changelog.md:

    .venv/bin/motcua spectacular --format openapi-json --file docs/openapi.json
"""

import json
from pathlib import Path
from typing import Any

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def _params(operation: dict[str, Any]) -> dict[tuple[str, str], bool]:
    return {(p["in"], p["name"]): p.get("required", False) for p in operation.get("parameters", [])}


def _body_schema(operation: dict[str, Any]) -> str:
    content = operation.get("requestBody", {}).get("content", {})
    schema = next(iter(content.values()), {}).get("schema", {})
    return schema.get("$ref", "").rsplit("/", 1)[-1]


def losses(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What `new` lacks of `old`, or requires that `old` did not, in words."""
    found = []
    for path, operations in old["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            now = new["paths"].get(path, {}).get(method)
            if now is None:
                found.append(f"{where}: removed")
                continue
            before, after = _params(operation), _params(now)
            found += [f"{where}: parameter {p[1]} removed" for p in before if p not in after]
            found += [
                f"{where}: parameter {p[1]} is now required"
                for p, required in after.items()
                if required and not before.get(p, False)
            ]
    old_schemas, new_schemas = old["components"]["schemas"], new["components"]["schemas"]
    requests = {_body_schema(op) for ops in old["paths"].values() for op in ops.values()}
    for name, schema in old_schemas.items():
        now = new_schemas.get(name)
        if now is None:
            found.append(f"schema {name}: removed")
            continue
        found += [
            f"schema {name}: property {prop} removed"
            for prop in schema.get("properties", {})
            if prop not in now.get("properties", {})
        ]
        found += [
            f"schema {name}: value {v!r} removed"
            for v in schema.get("enum", [])
            if v not in now.get("enum", [])
        ]
        if name in requests or name.endswith("Request"):
            added = set(now.get("required", [])) - set(schema.get("required", []))
            found += [f"schema {name}: {prop} is now required" for prop in sorted(added)]
    return found


def test_the_served_description_only_adds_to_the_committed_one(api):
    served = api.get("/api/v1/schema/", {"format": "json"}).json()

    assert losses(json.loads(COMMITTED.read_text()), served) == []


def test_a_removed_field_or_path_is_caught():
    old = json.loads(COMMITTED.read_text())
    new = json.loads(COMMITTED.read_text())
    del new["paths"]["/api/v1/dossiers/{code}/events/"]
    del new["components"]["schemas"]["DossierOut"]["properties"]["due_at"]
    new["components"]["schemas"]["DossierOutStatusEnum"]["enum"].remove("withdrawn")

    assert losses(old, new) == [
        "GET /api/v1/dossiers/{code}/events/: removed",
        "schema DossierOut: property due_at removed",
        "schema DossierOutStatusEnum: value 'withdrawn' removed",
    ]
