import io
import json
from dataclasses import replace

from django.core.management import call_command

from motcua.catalog import packaged
from motcua.catalog.audit import audit_procedure
from motcua.catalog.spec import (
    Checker,
    DocumentSpec,
    FieldSpec,
    ProcedureSpec,
    StepSpec,
    parse_procedure,
)

CLEAN = ProcedureSpec(
    code="1.000001",
    name="Thủ tục mẫu",
    field=FieldSpec("ho-tich", "Hộ tịch"),
    level="commune",
    agency_role="commune_committee",
    time_limit_value=3,
    time_limit_unit="working_days",
    online="full",
    boundary_free=True,
    documents=(DocumentSpec("Tờ khai", kind="form"),),
    steps=(StepSpec("Xử lý", "specialist", 100),),
)
ROLES = {"commune_committee"}


def _barriers(spec):
    return sorted(f.barrier for f in audit_procedure(spec, ROLES).findings)


def test_a_clean_procedure_has_no_barrier():
    assert _barriers(CLEAN) == []


def test_each_barrier_is_found():
    assert _barriers(replace(CLEAN, documents=(DocumentSpec("Sổ đỏ", kind="original"),))) == [
        "original_paper"
    ]
    assert _barriers(replace(CLEAN, boundary_free=False, place_restriction="residence")) == [
        "not_boundary_free",
        "place_bound",
    ]
    assert _barriers(replace(CLEAN, online="partial", presence_required_for="signing")) == [
        "not_fully_online",
        "presence_for_result",
    ]
    assert _barriers(replace(CLEAN, steps=())) == ["no_steps"]
    assert _barriers(replace(CLEAN, time_limit_value=None, time_limit_unit="")) == ["no_time_limit"]
    assert _barriers(replace(CLEAN, agency_role="nobody")) == ["no_competent_agency"]


def test_a_paper_copy_of_data_a_national_database_holds_is_a_barrier():
    paper = DocumentSpec("Bản sao Giấy khai sinh của người con", kind="copy")
    from_data = replace(paper, replaceable_by="civil_status_db")

    assert _barriers(replace(CLEAN, documents=(paper,))) == ["paper_instead_of_data"]
    assert _barriers(replace(CLEAN, documents=(from_data,))) == []


def test_the_audit_command_summarises_the_packaged_catalog(db):
    records = packaged.packaged_records()
    out = io.StringIO()

    call_command("catalog", "audit", "--json", stdout=out)

    body = json.loads(out.getvalue())
    overall = body["summary"]["overall"]
    assert overall["procedures"] == 56
    assert overall["fully_online"] == sum(r["online"] == "full" for r in records) == 32
    assert overall["boundary_free"] == sum(r["boundary_free"] for r in records) == 31
    assert overall["fully_online_percent"] == 57.1
    business = body["summary"]["business"]
    assert business["procedures"] == sum(r["field"]["is_business"] for r in records) == 8
    marriage = next(p for p in body["procedures"] if p["code"] == "1.000894")
    assert {b["kind"] for b in marriage["barriers"]} == {
        "not_fully_online",
        "presence_for_result",
        "no_fee_account",  # a fee line, and no commune has an approved account yet (DOMAIN F2)
    }


def test_the_audit_table_ends_with_the_shares(db):
    out = io.StringIO()

    call_command("catalog", "audit", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["code", "online", "bfree", "barriers"]
    assert "overall: 56 procedures, 57.1% fully online, 55.4% boundary-free" in out.getvalue()


def test_the_audit_api_matches_the_command(api):
    out = io.StringIO()
    call_command("catalog", "audit", "--json", stdout=out)

    response = api.get("/api/v1/catalog/audit/")

    assert response.status_code == 200
    assert response.json() == json.loads(out.getvalue())


def test_every_packaged_record_is_valid():
    check = Checker()
    for record in packaged.packaged_records():
        parse_procedure(check, record, ("?", {}))

    assert check.problems == []
