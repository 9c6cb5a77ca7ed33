"""Rows written to .xlsx and .csv files, every text as text and never as a formula.

Text from outside (a bank statement's note, a complaint, a name, a reported difficulty) may begin
with a character that spreadsheet programs take for the start of a formula (OWASP "CSV
injection": = + - @, a tab, a carriage return), and a formula can fetch a URL or run a command
when the file is opened. Every export writes its rows through this module:

- .xlsx: every string is a string cell (openpyxl would store a string beginning with "=" as a
  formula), and one that begins with such a character also gets the cell style quotePrefix
  (Excel's leading apostrophe), so that it stays text when a user edits the cell. The value is
  the text exactly as typed.
- .csv: a string that begins with such a character gets a leading apostrophe, as OWASP
  recommends; spreadsheet programs show the text after it, which is the text as typed.
"""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """Return whether a spreadsheet program would read `value` as the start of a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def text_cell(sheet: Worksheet, value: Any) -> Any:
    """Return `value` ready for `sheet.append`: a string as a string cell, anything else as is."""
    if not isinstance(value, str):
        return value
    cell = Cell(sheet)
    cell.value = value
    cell.data_type = "s"  # after the value: openpyxl's setter makes "=..." a formula
    if looks_like_formula(value):
        cell.quotePrefix = True
    return cell


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append one row to a worksheet, its strings as text."""
    sheet.append([text_cell(sheet, value) for value in values])


def csv_value(value: Any) -> Any:
    """Return `value` for a CSV cell: a string that would start a formula behind an apostrophe."""
    return f"'{value}" if looks_like_formula(value) else value


def csv_text(fieldnames: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """Return a CSV file with a header line and one line per row (keys not named are left out)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(fieldnames), extrasaction="ignore")
    writer.writerow({name: csv_value(name) for name in fieldnames})
    writer.writerows({key: csv_value(value) for key, value in row.items()} for row in rows)
    return out.getvalue()
