"""The execution table of a portal page: per channel (online, post, in person) a time limit and
fees, flattened by the crawl into text (`Trực tuyến7 Ngày làm việc10,000 Việt Nam Đồng(...)`)."""

import re
from typing import Any

from motcua.core.text import fold

CHANNELS = {"Trực tuyến": "online", "Dịch vụ bưu chính": "post", "Trực tiếp": "in_person"}
_TABLE_HEAD = "Hình thức nộpThời gianPhí, lệ phíMô tả"
_ROW = re.compile(r"(Trực tuyến|Dịch vụ bưu chính|Trực tiếp)(?=\d|Không)")
_TIME = re.compile(r"(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm)?")
_NO_INFO = re.compile(r"(Không có thông tin|Không quy định|Không)")
# Units of the time cell → TimeUnit, and whether the unit is the page's own word (from_source).
_UNITS = {
    "Ngày làm việc": ("working_days", True),
    "Ngày": ("days", True),
    "Giờ làm việc": ("working_hours", True),
    # The portal shows "Giờ" for hours without saying working hours; the model counts working
    # hours only, so the limit waits for an official (unverified).
    "Giờ": ("working_hours", False),
    # A bare number: Decree 61/2018/ND-CP counts time limits in working days unless a text
    # says otherwise; still, the page does not say it, so it is unverified.
    None: ("working_days", False),
}
_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)\s*(?:Việt Nam Đồng|VNĐ|Đồng|đồng)")
_FREE = "Miễn phí"
EMPTY = ("", "Không có thông tin")  # a cell the portal leaves empty
# An amount written in a fee's text ("8.000.000/lần", "50.000 đồng"), which a free cell contradicts.
_TEXT_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{4,}\s*(?:đồng|Đồng|/)")
_DESCRIBED_LIMIT = re.compile(r"(\d+)\s*(?:\([^)]*\)\s*)?ngày làm việc", re.IGNORECASE)


def _balanced(text: str, start: int) -> int:
    """Return the index just after the parenthesis opened at `start` (or the text's end)."""
    depth = 0
    for index in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    return len(text)


def parse_time(cell: str) -> tuple[dict[str, Any] | None, str]:
    """Read the time cell at the start of `cell`: ({value, unit, state, text} or None, rest)."""
    match = _TIME.match(cell)
    if match is None or "." in match.group(1) or "," in match.group(1):
        no_info = _NO_INFO.match(cell)
        rest = cell[no_info.end() :] if no_info else cell
        return None, rest
    word = match.group(2)
    if word in ("Tháng", "Năm"):  # no such unit in the model: kept as text
        return {"value": None, "unit": "", "state": "unverified", "text": match.group(0)}, cell[
            match.end() :
        ]
    unit, stated = _UNITS[word]
    limit = {
        "value": int(match.group(1)),
        "unit": unit,
        "state": "from_source" if stated else "unverified",
        "text": match.group(0).strip(),
    }
    return limit, cell[match.end() :]


def parse_fees(cell: str) -> tuple[list[dict[str, Any]], str, bool]:
    """Read the fee cell at the start of `cell`: (fees, the description after it, contradicted).

    A fee is "Miễn phí" or an amount in đồng, each optionally followed by its text in brackets.
    """
    fees: list[dict[str, Any]] = []
    contradicted = False
    rest = cell
    while True:
        text = rest.lstrip()
        if text.startswith(_FREE):
            amount, end = 0, len(_FREE)
        elif (match := _AMOUNT.match(text)) is not None:
            amount, end = int(match.group(1).replace(",", "")), match.end()
        else:
            if not fees and text.startswith(EMPTY[1]):
                rest = text[len(EMPTY[1]) :]  # the page states no fee
            break
        condition = ""
        if text[end : end + 1] == "(":
            close = _balanced(text, end)
            condition = text[end + 1 : close - 1].strip()
            end = close
        if amount == 0 and _TEXT_AMOUNT.search(condition):
            contradicted = True  # "free" next to amounts: the page contradicts itself
        fees.append({"amount_vnd": amount, "condition": condition})
        rest = text[end:]
    return fees, rest.strip(), contradicted


def _fee_name(condition: str, amount: int) -> str:
    head = re.split(r"[:(]", condition, maxsplit=1)[0].strip()
    if amount == 0 and not head:
        return "Miễn phí"
    if head and fold(head).startswith(("phi", "le phi")) and len(head) <= 200:
        return head
    return "Phí, lệ phí"


def parse_channels(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Split the execution table into rows: [{channel, limit, fees, description, contradicted}]."""
    if not text.startswith(_TABLE_HEAD):
        return [], ["channels_unparsed"]
    body = text[len(_TABLE_HEAD) :]
    cuts = list(_ROW.finditer(body))
    if not cuts or body[: cuts[0].start()].strip():
        return [], ["channels_unparsed"]
    rows = []
    for index, cut in enumerate(cuts):
        end = cuts[index + 1].start() if index + 1 < len(cuts) else len(body)
        cell = body[cut.end() : end]
        limit, rest = parse_time(cell)
        fees, description, contradicted = parse_fees(rest)
        if limit is None and (found := _DESCRIBED_LIMIT.search(description)):
            limit = {
                "value": int(found.group(1)),
                "unit": "working_days",
                "state": "from_source",
                "text": found.group(0),
            }
        rows.append(
            {
                "channel": CHANNELS[cut.group(1)],
                "limit": limit,
                "fees": fees,
                "description": description,
                "contradicted": contradicted,
            }
        )
    return rows, []


def _same_everywhere(rows: list[dict[str, Any]], key: str) -> bool:
    return all(row[key] == rows[0][key] for row in rows)


def channel_fees(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not rows:
        return []
    shared = _same_everywhere(rows, "fees") and _same_everywhere(rows, "contradicted")
    fees = []
    for row in rows[:1] if shared else rows:
        for fee in row["fees"]:
            fees.append(
                {
                    "name": _fee_name(fee["condition"], fee["amount_vnd"]),
                    "amount_vnd": None if row["contradicted"] else fee["amount_vnd"],
                    "condition": fee["condition"][:4000],
                    "channel": "" if shared else row["channel"],
                    "state": "unverified" if row["contradicted"] else "from_source",
                    "source": "portal",
                }
            )
    return fees


def table_reasons(rows: list[dict[str, Any]], limits: list[dict[str, Any]]) -> list[str]:
    """What the execution table leaves open: limits, units, fees."""
    reasons = []
    if rows and not limits:
        reasons.append("no_time_limit")
    elif any(row["limit"] is None for row in rows):
        reasons.append("time_limit_missing_for_a_channel")
    if any(limit["state"] == "unverified" for limit in limits):
        reasons.append("time_limit_unit_unclear")
    if rows and not any(row["fees"] for row in rows):
        reasons.append("fee_not_stated")
    if any(row["contradicted"] for row in rows):
        reasons.append("fee_contradicts_its_text")
    return reasons
