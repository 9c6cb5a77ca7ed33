"""Hypothesis over the parsers that take outside input: a catalog file, a bank statement, a
VietQR payload, an upload. Each answers with one of our domain errors or a result, never another
exception, and writes nothing when it refuses. Bounded and derandomised for CI."""

import contextlib
import copy
import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from motcua.catalog import packaged
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.services import CatalogImportRefused, import_catalog_file
from motcua.core.errors import DomainError
from motcua.documents.models import Upload
from motcua.documents.pdf import blank_pdf
from motcua.documents.services import store_upload
from motcua.documents.sniffing import sniff
from motcua.identity.services import create_official
from motcua.payments import statements, vietqr
from motcua.payments.models import Payment, ReviewItem, StatementImport
from motcua.payments.reconciliation import import_statement

FUZZ = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


# --- Catalog import ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def record():
    return packaged.packaged_records()[0]


def _mutated(record: dict, data) -> dict:
    """The real birth registration record with some fields (nested ones too) replaced by junk."""
    changed = copy.deepcopy(record)
    for _ in range(data.draw(st.integers(1, 4))):
        target = changed
        key = data.draw(st.sampled_from(sorted(target)))
        while isinstance(target[key], list | dict) and target[key] and data.draw(st.booleans()):
            target = target[key]
            key = data.draw(
                st.sampled_from(range(len(target)) if isinstance(target, list) else sorted(target))
            )
        target[key] = data.draw(JSON)
    return changed


@given(data=st.data())
@FUZZ
def test_a_mangled_catalog_file_is_imported_or_refused_whole(db, record, data):
    body = {"format": "motcua-catalog", "version": 1, "procedures": [_mutated(record, data)]}
    content = json.dumps(body, ensure_ascii=False).encode()
    before = ProcedureVersion.objects.count()

    try:
        import_catalog_file(content, "catalog.json")
    except CatalogImportRefused:
        assert ProcedureVersion.objects.count() == before  # nothing written


@given(content=st.binary(max_size=300) | JSON.map(lambda v: json.dumps(v).encode()))
@FUZZ
def test_any_bytes_as_a_catalog_file_are_refused_and_change_nothing(db, content):
    before = ProcedureVersion.objects.count()

    for name in ("catalog.json", "catalog.xlsx"):
        with pytest.raises(CatalogImportRefused):
            import_catalog_file(content, name)

    assert ProcedureVersion.objects.count() == before


# --- Bank statements --------------------------------------------------------------------------

HEADER = ["Ngày giao dịch", "Số tham chiếu", "Số tiền ghi có", "Nội dung"]
CELL = (
    st.text(max_size=15)
    | st.integers(-(10**15), 10**15).map(str)
    | st.sampled_from(
        ["23/11/2026 09:10:00", "2026-11-23", "3.000", "3,000.50", "-1.000", "", "31/02/2026"]
    )
)
ROWS = st.lists(st.lists(CELL, min_size=0, max_size=5), max_size=6)


def _csv(rows: list[list[str]]) -> bytes:
    lines = [";".join(HEADER)] + [";".join(cell.replace(";", ",") for cell in row) for row in rows]
    return "\n".join(lines).encode("utf-8-sig")


def _xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    for row in [HEADER, *rows]:
        book.active.append([cell if cell.isprintable() else "" for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@given(rows=ROWS, kind=st.sampled_from(["csv", "xlsx"]))
@FUZZ
def test_a_statement_of_odd_rows_is_read_or_refused_as_unreadable(rows, kind):
    content = _csv(rows) if kind == "csv" else _xlsx(rows)

    try:
        lines = statements.read(f"sao-ke.{kind}", content)
    except statements.StatementUnreadable:
        lines = []

    assert all(line.amount_vnd > 0 and line.reference for line in lines)


@given(content=st.binary(max_size=400), kind=st.sampled_from(["csv", "xlsx", "txt"]))
@FUZZ
def test_any_bytes_as_a_statement_are_refused_and_change_nothing(db, content, kind):
    centre = create_official("fuzz-centre", role="coordinator")
    before = (StatementImport.objects.count(), ReviewItem.objects.count(), Payment.objects.count())

    try:
        import_statement(f"sao-ke.{kind}", content, actor=centre)
    except DomainError:
        after = (
            StatementImport.objects.count(),
            ReviewItem.objects.count(),
            Payment.objects.count(),
        )
        assert after == before


# --- VietQR -----------------------------------------------------------------------------------


@given(
    st.text(max_size=120) | st.text(st.characters(min_codepoint=48, max_codepoint=57), max_size=60)
)
@FUZZ
def test_any_text_as_a_vietqr_payload_is_parsed_or_refused(text):
    signed = [text + "6304" + vietqr.crc16(text + "6304")] if text.isascii() else []
    for payload in [text, *signed]:
        with contextlib.suppress(vietqr.VietQRError):
            vietqr.parse(payload)


@given(
    bank_bin=st.from_regex(r"[0-9]{6}", fullmatch=True),
    account=st.from_regex(r"[0-9A-Za-z]{1,19}", fullmatch=True),
    amount=st.none() | st.integers(1, 10**12),
    purpose=st.text(max_size=40),
    name=st.text(max_size=30),
)
@FUZZ
def test_every_payload_built_parses_back(bank_bin, account, amount, purpose, name):
    payment = vietqr.Payment(bank_bin, account, amount, purpose=purpose, merchant_name=name)

    parsed = vietqr.parse(vietqr.build(payment))

    assert (parsed.bank_bin, parsed.account, parsed.amount) == (bank_bin, account, amount)
    assert parsed.purpose == vietqr.fold(purpose)[: vietqr.PURPOSE_MAX]


# --- Uploads ----------------------------------------------------------------------------------

PDF = blank_pdf("form")
HEADS = st.sampled_from(
    [b"", b"%PDF-1.7\n", PDF[:200], b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04"]
)


@given(head=HEADS, tail=st.binary(max_size=300), name=st.text(max_size=20))
@FUZZ
def test_any_upload_is_stored_or_refused_and_a_refusal_stores_nothing(db, ward_a, head, tail, name):
    content = head + tail
    assert sniff(content[:2048], name) is None or isinstance(sniff(content[:2048], name), str)
    before = Upload.objects.count()

    try:
        upload = store_upload(SimpleUploadedFile(name or "f", content), actor=ward_a.receiving)
    except DomainError:
        assert Upload.objects.count() == before
    else:
        assert upload.size == len(content)
