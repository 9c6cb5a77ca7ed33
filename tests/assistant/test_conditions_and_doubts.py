"""Every condition and every doubt of the catalog reaches the answer (the whole catalog).

Over every procedure of the national portal's crawl (when it lies beside the clone) and of the
packaged catalog: a document's condition ("trường hợp…", "nếu…") is in the answer about
documents, an unverified fee is said to be unverified, and a paper the national databases may
supply is never said to be simply "not needed".
"""

import dataclasses
from pathlib import Path

from django.utils import translation

import pytest

from motcua.assistant import answers
from motcua.assistant.retrieval.facts import FeeFact
from motcua.catalog import packaged, services
from tests.builders.assistant import facts_of_record

RAW = Path(__file__).resolve().parents[2].parent / "shared/data/sources/chatbot_tthc/raw"


@pytest.fixture(scope="module")
def catalog():
    records = packaged.packaged_records()
    if RAW.is_dir():
        _pages, records = services.portal_records(RAW)
    return [facts_of_record(record) for record in records]


def test_every_document_condition_is_in_the_answer_about_documents(catalog):
    conditional = [p for p in catalog if any(d.condition for d in p.documents)]
    if RAW.is_dir():
        assert len(conditional) > 1000  # the whole catalog: about 2,600 procedures

    for facts in conditional:
        for lang in ("vi", "en"):
            with translation.override(lang):
                answer = answers.procedure_answer(facts, {"documents"})
            for document in facts.documents:
                if document.condition:
                    assert document.condition in answer, (facts.code, document.condition)


def test_every_unverified_fee_is_said_to_be_unverified(catalog):
    unverified = [p for p in catalog if any(f.state == "unverified" for f in p.fees)]
    assert unverified

    for facts in unverified:
        with translation.override("vi"):
            vi = answers.procedure_answer(facts, {"fees"})
        with translation.override("en"):
            en = answers.procedure_answer(facts, {"fees"})
        wanted = sum(f.state == "unverified" for f in facts.fees)
        assert vi.count("chưa xác minh — sẽ được cán bộ xác nhận") == wanted, facts.code
        assert en.count("not verified — an official will confirm it") == wanted, facts.code


def test_a_paper_from_a_national_database_is_never_simply_not_needed(catalog):
    with translation.override("vi"):
        for facts in catalog:
            answer = answers.procedure_answer(facts, {"documents"})
            for line in answer.splitlines():
                if "không cần mang" in line:
                    assert "chỉ không cần mang nếu" in line, (facts.code, line)
            for document in facts.documents:
                if document.replaceable_by and answers.is_original(document):
                    line = next(x for x in answer.splitlines() if document.name in x)
                    assert "nộp bản gốc" in line, facts.code
                    assert "không cần mang" not in line, facts.code


def test_an_english_answer_names_no_fee_in_vietnamese(catalog):
    with translation.override("en"):
        for facts in catalog:
            answer = answers.procedure_answer(facts, {"fees"})
            for fee in facts.fees:
                if fee.name and not fee.name_en:
                    assert f"- {fee.name}:" not in answer, (facts.code, fee.name)


def test_a_fee_line_named_free_is_not_said_free_twice(catalog):
    named_free = [
        p for p in catalog if any(f.name == "Miễn phí" and f.amount_vnd == 0 for f in p.fees)
    ]
    if RAW.is_dir():
        assert named_free  # the portal's pages name a free procedure's only fee line so

    facts = dataclasses.replace(catalog[0], fees=(FeeFact("Miễn phí", "", 0, "", "from_source"),))
    for each in (facts, *named_free):
        with translation.override("vi"):
            answer = answers.procedure_answer(each, {"fees"})
        assert "\n- Miễn phí" in answer, each.code
        assert "Miễn phí: miễn phí" not in answer, each.code
