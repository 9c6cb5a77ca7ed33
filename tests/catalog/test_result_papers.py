"""The results the system draws up itself are catalog data: each version's result template."""

import importlib
import json

from django.apps import apps as django_apps
from django.utils import translation

import pytest

from motcua.catalog import exchange, packaged, result_papers
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.services import CatalogImportRefused, import_catalog
from motcua.catalog.spec import Checker, parse_procedure

BIRTH = "1.001193"


def _published(code: str) -> ProcedureVersion:
    return ProcedureVersion.objects.get(procedure__code=code, status="published")


def test_the_packaged_catalog_gives_four_procedures_their_result_template(db):
    with_template = set(
        ProcedureVersion.objects.filter(status="published")
        .exclude(result_template={})
        .values_list("procedure__code", flat=True)
    )
    assert with_template == {"1.001193", "1.004873", "2.001583", "1.010041"}

    template = result_papers.template(_published(BIRTH))
    assert template.title == "Trích lục khai sinh"
    assert template.signer_lines == ("TM. Ủy ban nhân dân", "KT. Chủ tịch", "Phó Chủ tịch")
    assert template.fields[5] == result_papers.ResultField(
        "Dân tộc", "form.ethnicity", required=False, default="Kinh"
    )
    assert result_papers.template(_published("1.010041")).signer_lines == ("Thủ trưởng cơ quan",)


def test_a_procedure_without_one_has_its_result_drawn_up_elsewhere(db):
    version = ProcedureVersion.objects.filter(status="published", result_template={}).first()

    assert result_papers.template(version) is None


def test_the_template_travels_with_the_exported_catalog(db):
    body = json.loads(exchange.specs_to_json([]))
    record = next(r for r in packaged.packaged_records() if r["code"] == BIRTH)
    spec = parse_procedure(Checker(), record, ("x", {}))
    body["procedures"] = [spec.to_json()]

    again = exchange.records_from_json(json.dumps(body, ensure_ascii=False).encode())
    assert (
        parse_procedure(Checker(), again[0], ("x", {})).result_template
        == (result_papers.packaged_templates()[BIRTH])
    )
    book = exchange.records_from_xlsx(exchange.specs_to_xlsx([spec]))[0]
    assert parse_procedure(Checker(), book[0], ("x", {})) == spec


def test_an_import_with_a_broken_template_is_refused(db):
    record = next(r for r in packaged.packaged_records() if r["code"] == BIRTH)
    record["result_template"] = {"title": "", "fields": [{"label": "Họ tên", "source": "x"}]}

    with pytest.raises(CatalogImportRefused) as refused:
        import_catalog([record])

    with translation.override("en"):
        reasons = [p.render() for p in refused.value.problems]
    assert any("title" in r for r in reasons)
    assert any("field 1" in r for r in reasons)


def test_the_migration_fills_existing_versions_as_the_loader_stores_them(db):
    ProcedureVersion.objects.update(result_template={})  # a database from before the field
    migration = importlib.import_module(
        "motcua.catalog.migrations.0010_procedureversion_result_template"
    )

    migration.fill_result_templates(django_apps, None)

    assert _published(BIRTH).result_template == result_papers.packaged_templates()[BIRTH]
    summary = import_catalog(packaged.packaged_records())  # `catalog load` finds no change
    assert (summary.created, summary.updated) == (0, 0)
