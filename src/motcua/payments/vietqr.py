"""VietQR (NAPAS, on EMVCo Merchant-Presented QR): build and parse payloads (pure Python).

A payload is a list of TLV fields: a 2-digit id, a 2-digit length and the value; templates (38, 62)
nest fields the same way. The last field, 63, is the CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF)
of everything before it including "6304", as 4 uppercase hex digits. Lengths count bytes, so text
is folded to ASCII first (Vietnamese banking apps show the note without diacritics anyway).
"""

import binascii
import re
import unicodedata
from dataclasses import dataclass

NAPAS_GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"  # transfer to an account (QRIBFTTC: to a card)
STATIC, DYNAMIC = "11", "12"
PURPOSE_MAX = 25  # EMVCo caps 62.08 and 59 at 25 characters
NAME_MAX = 25
_ALLOWED = re.compile(r"[^A-Za-z0-9 .,\-_/:()]")


class VietQRError(ValueError):
    """A payload that breaks the format, or values that cannot be encoded."""


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE of the text's bytes, as 4 uppercase hex digits."""
    return f"{binascii.crc_hqx(data.encode('ascii'), 0xFFFF):04X}"


def fold(text: str) -> str:
    """Return text without diacritics, in the characters every bank accepts."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_ALLOWED.sub(" ", text).split())


def _field(tag: str, value: str) -> str:
    if not value.isascii():
        raise VietQRError(f"field {tag} is not ASCII")
    if len(value) > 99:
        raise VietQRError(f"field {tag} is longer than 99 bytes")
    return f"{tag}{len(value):02d}{value}"


@dataclass(frozen=True)
class Payment:
    bank_bin: str
    account: str
    amount: int | None = None  # VND, whole
    purpose: str = ""
    merchant_name: str = ""
    initiation: str = DYNAMIC
    service: str = TO_ACCOUNT
    category: str = ""  # 52, merchant category code, omitted when empty
    city: str = ""  # 60, omitted when empty


def build(payment: Payment) -> str:
    """Return the VietQR payload of a transfer to a bank account."""
    if not re.fullmatch(r"\d{6}", payment.bank_bin):
        raise VietQRError("the bank BIN has 6 digits")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", payment.account):
        raise VietQRError("the account number has 1 to 19 letters or digits")
    if payment.amount is not None and not 0 < payment.amount < 10**13:
        raise VietQRError("the amount is a positive whole number of dong")
    beneficiary = _field("00", payment.bank_bin) + _field("01", payment.account)
    account_info = (
        _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", payment.service)
    )
    body = _field("00", "01") + _field("01", payment.initiation) + _field("38", account_info)
    if payment.category:
        body += _field("52", payment.category)
    body += _field("53", "704")
    if payment.amount is not None:
        body += _field("54", str(payment.amount))
    body += _field("58", "VN")
    if payment.merchant_name:
        body += _field("59", fold(payment.merchant_name)[:NAME_MAX])
    if payment.city:
        body += _field("60", fold(payment.city))
    purpose = fold(payment.purpose)[:PURPOSE_MAX]
    if purpose:
        body += _field("62", _field("08", purpose))
    body += "6304"
    return body + crc16(body)


def tlv(text: str) -> dict[str, str]:
    """Split a TLV string into {tag: value}; refuse a truncated or malformed one."""
    fields: dict[str, str] = {}
    at = 0
    while at < len(text):
        head = text[at : at + 4]
        if len(head) < 4 or not (head.isascii() and head.isdigit()):
            raise VietQRError(f"bad field header at {at}")
        tag, size = head[:2], int(head[2:])
        value = text[at + 4 : at + 4 + size]
        if len(value) != size:
            raise VietQRError(f"field {tag} is cut short")
        if tag in fields:
            raise VietQRError(f"field {tag} appears twice")
        fields[tag] = value
        at += 4 + size
    return fields


@dataclass(frozen=True)
class Parsed:
    bank_bin: str
    account: str
    service: str
    amount: int | None
    currency: str
    country: str
    purpose: str
    merchant_name: str
    initiation: str
    fields: dict[str, str]


def parse(payload: str) -> Parsed:
    """Read a VietQR payload back, checking its CRC and its NAPAS account template."""
    if not payload.isascii() or len(payload) < 8 or payload[-8:-4] != "6304":
        raise VietQRError("the payload does not end with a CRC field")
    if crc16(payload[:-4]) != payload[-4:].upper():
        raise VietQRError("the CRC does not match")
    fields = tlv(payload)
    if fields.get("00") != "01":
        raise VietQRError("not an EMVCo payload (00 must be 01)")
    account_info = tlv(fields.get("38", ""))
    if account_info.get("00") != NAPAS_GUID:
        raise VietQRError("not a NAPAS VietQR (38.00)")
    beneficiary = tlv(account_info.get("01", ""))
    amount_text = fields.get("54")
    if amount_text is not None and not re.fullmatch(r"\d+(\.\d+)?", amount_text):
        raise VietQRError("the amount is not a number")
    extra = tlv(fields.get("62", ""))
    return Parsed(
        bank_bin=beneficiary.get("00", ""),
        account=beneficiary.get("01", ""),
        service=account_info.get("02", ""),
        amount=int(float(amount_text)) if amount_text is not None else None,
        currency=fields.get("53", ""),
        country=fields.get("58", ""),
        purpose=extra.get("08", ""),
        merchant_name=fields.get("59", ""),
        initiation=fields.get("01", ""),
        fields=fields,
    )
