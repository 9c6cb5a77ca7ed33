"""core/spreadsheets.py: the one way rows reach .xlsx and .csv files (the exports' end-to-end
tests are in tests/security/test_formula_injection.py)."""

import csv
import io

from openpyxl import Workbook, load_workbook

from motcua.core.spreadsheets import append_row, csv_text


def test_every_formula_start_gets_its_apostrophe_in_csv_and_other_values_stay():
    starts = ["=1+1", "+84 912", "-2", "@SUM(A1)", "\tx", "\rx"]
    rows = [{"text": text, "number": -2} for text in starts] + [{"text": "Hà Nội", "number": 3}]

    read = list(csv.DictReader(io.StringIO(csv_text(["text", "number"], rows), newline="")))

    assert [r["text"] for r in read] == [f"'{text}" for text in starts] + ["Hà Nội"]
    assert {r["number"] for r in read} == {"-2", "3"}  # numbers are not text: left as they are


def test_every_string_is_a_string_cell_and_only_formula_starts_get_the_quote_prefix():
    book = Workbook()
    append_row(book.active, ["=1+1", "Hà Nội", "-", 3, None, -2.5])
    out = io.BytesIO()
    book.save(out)

    cells = list(load_workbook(io.BytesIO(out.getvalue())).active[1])

    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [
        ("=1+1", "s", True),
        ("Hà Nội", "s", False),
        ("-", "s", True),
        (3, "n", False),
        (None, "n", False),
        (-2.5, "n", False),
    ]
