"""Read a bank statement export (CSV or XLSX) into credit lines (pure, apart from openpyxl).

Banks name their columns differently; a header is recognised by any of the names below (folded,
without diacritics). Only credits (money in) are read.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openpyxl import load_workbook

from motcua.core.errors import DomainError
from motcua.core.text import fold

MAX_LINES = 50_000
COLUMNS = {
    "date": {"date", "ngay", "ngay giao dich", "ngay gd", "thoi gian", "transaction date"},
    "reference": {
        "reference",
        "so tham chieu",
        "ma giao dich",
        "so giao dich",
        "ma gd",
        "transaction id",
    },
    "amount": {"amount", "so tien", "so tien ghi co", "ghi co", "credit", "so tien co"},
    "note": {"note", "noi dung", "dien giai", "mo ta", "description", "noi dung chuyen khoan"},
}
# Optional: the payer's account, which the integrity oversight counts (DOMAIN G1).
PAYER_COLUMNS = {"payer account", "tai khoan doi ung", "so tai khoan doi ung", "tk doi ung"}
DATE_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


class StatementUnreadable(DomainError):
    code = "statement_unreadable"
    message = _("The bank statement cannot be read: %(problem)s")


@dataclass(frozen=True)
class Line:
    reference: str
    amount_vnd: int
    paid_at: datetime
    note: str
    payer_account: str = ""


def _rows(name: str, content: bytes) -> list[list[object]]:
    if name.lower().endswith(".xlsx"):
        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
            raise StatementUnreadable(params={"problem": "xlsx"}) from exc
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_LINES + 1)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StatementUnreadable(params={"problem": "UTF-8"}) from exc
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), _dialect(text))][: MAX_LINES + 1]
    except csv.Error as exc:
        raise StatementUnreadable(params={"problem": "CSV"}) from exc


def _dialect(text: str) -> Any:
    """The statement's CSV dialect; when the sniffer cannot tell (rows of uneven width), the
    delimiter the header line uses most."""
    if not text.strip():
        return csv.excel
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        header = text.splitlines()[0]
        # The sniffer gave up: the excel dialect with the header's commonest delimiter.
        return type("Found", (csv.excel,), {"delimiter": max(",;\t", key=header.count)})


def _amount(value: object) -> int | None:
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = re.sub(r"[^\d,.\-]", "", str(value or ""))
        if not text:
            return None
        # Exports write 1.250.000, 1,250,000, 1.250.000,00 or 1,250,000.00 (VND has no cents).
        if "," in text and "." in text:
            cut = max(text.rfind(","), text.rfind("."))
            text = re.sub(r"[.,]", "", text[:cut]) + "." + text[cut + 1 :]
        elif re.search(r"[.,]\d{3}$", text):
            text = re.sub(r"[.,]", "", text)
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            return None
    return int(number) if number > 0 and number == int(number) else None


def _moment(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    text = str(value or "").strip()
    for pattern in DATE_FORMATS:
        try:
            return timezone.make_aware(datetime.strptime(text, pattern))  # noqa: DTZ007 - local time
        except ValueError:
            continue
    return None


def read(name: str, content: bytes) -> list[Line]:
    """Return the statement's credit lines, or refuse it naming what is missing."""
    rows = [r for r in _rows(name, content) if any(c not in (None, "") for c in r)]
    if not rows:
        raise StatementUnreadable(params={"problem": "empty"})
    header = [fold(str(c or "")).lower().strip() for c in rows[0]]
    where = {
        key: next((i for i, h in enumerate(header) if h in names), None)
        for key, names in COLUMNS.items()
    }
    payer = next((i for i, h in enumerate(header) if h in PAYER_COLUMNS), None)
    missing = [key for key, index in where.items() if index is None]
    if missing:
        raise StatementUnreadable(params={"problem": ", ".join(missing)})
    if len(rows) > MAX_LINES + 1:
        raise StatementUnreadable(params={"problem": f"> {MAX_LINES}"})
    lines = []
    for row in rows[1:]:
        cells = row + [None] * (len(header) - len(row))
        amount = _amount(cells[where["amount"]])
        moment = _moment(cells[where["date"]])
        reference = str(cells[where["reference"]] or "").strip()[:100]
        if amount is None or moment is None or not reference:
            continue  # debits, totals and blank lines
        account = str(cells[payer] or "").strip()[:34] if payer is not None else ""
        note = str(cells[where["note"]] or "")[:500]
        lines.append(Line(reference, amount, moment, note, account))
    return lines
