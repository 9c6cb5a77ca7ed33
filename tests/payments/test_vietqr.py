"""VietQR payloads: byte for byte against published examples, field by field against an
independent decoder (vietqr-emvco), and round trips over generated input."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from vietqr_emvco import VietQRParser

from motcua.payments import vietqr

# DOMAIN-SOURCES §6: a VietinBank account, 120,000 VND, "ung ho lu lut", CRC recomputed: C15C.
PUBLISHED = (
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
    "530370454061200005802VN62170813ung ho lu lut6304C15C"
)
# shared/STACK.md §8: Vietcombank, 50,000 VND, merchant name and category, CRC DFEE.
WITH_NAME = (
    "00020101021238570010A00000072701270006970436011300110000123450208QRIBFTTA"
    "5204000053037045405500005802VN5912NGUYEN VAN A62280824Thanh toan don hang 12346304DFEE"
)


def test_the_published_example_byte_for_byte():
    built = vietqr.build(vietqr.Payment("970415", "0011001932418", 120000, "ung ho lu lut"))

    assert built == PUBLISHED


def test_a_payload_with_merchant_name_and_category_byte_for_byte():
    payment = vietqr.Payment(
        "970436",
        "0011000012345",
        50000,
        "Thanh toán đơn hàng 1234",  # folded to ASCII as banks show it
        merchant_name="NGUYEN VAN A",
        category="0000",
    )

    assert vietqr.build(payment) == WITH_NAME


def test_crc_is_ccitt_false():
    assert vietqr.crc16("123456789") == "29B1"  # the standard check value


def _independent(payload: str) -> dict:
    """What the vietqr-emvco package reads from the payload (its own TLV parser)."""
    parser = VietQRParser()
    assert parser.verify_checksum(payload)
    return parser.parse(payload)


def test_an_independent_decoder_reads_the_same_fields():
    payload = vietqr.build(
        vietqr.Payment(
            "970432",
            "11000000123",
            3000,
            "H26.50.00008-261123-0001",
            merchant_name="UBND PHUONG NGOC HA",
        )
    )
    theirs = _independent(payload)
    ours = vietqr.parse(payload)

    assert theirs["napas_guid"] == "A000000727"
    assert theirs["bank_bin"] == ours.bank_bin == "970432"
    assert theirs["account_number"] == ours.account == "11000000123"
    assert theirs["service_code"] == ours.service == "QRIBFTTA"
    assert theirs["amount"] == ours.amount == 3000
    assert theirs["memo"] == ours.purpose == "H26.50.00008-261123-0001"
    assert theirs["currency"] == ours.currency == "704"
    assert theirs["country_code"] == ours.country == "VN"
    assert theirs["merchant_name"] == ours.merchant_name == "UBND PHUONG NGOC HA"
    assert theirs["point_of_initiation_method"] == ours.initiation == "12"
    assert theirs["checksum"] == payload[-4:]
    assert theirs["raw_tags"] == ours.fields


@given(
    bank=st.sampled_from(["970415", "970436", "970432", "970418"]),
    account=st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=19),
    amount=st.none() | st.integers(min_value=1, max_value=10**12),
    purpose=st.text(max_size=60),
    name=st.text(max_size=40),
)
def test_what_we_build_we_read_back(bank, account, amount, purpose, name):
    payload = vietqr.build(vietqr.Payment(bank, account, amount, purpose, merchant_name=name))
    read = vietqr.parse(payload)

    assert (read.bank_bin, read.account, read.amount) == (bank, account, amount)
    assert read.purpose == vietqr.fold(purpose)[:25]
    assert len(read.purpose) <= 25


@given(st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=200))
def test_parsing_anything_with_a_good_crc_either_reads_it_or_says_why(body):
    """The TLV reader behind a valid CRC: every input is read or refused, never a crash."""
    payload = body + "6304" + vietqr.crc16(body + "6304")
    try:
        read = vietqr.parse(payload)
    except vietqr.VietQRError:
        return
    assert read.fields["00"] == "01"


def test_a_changed_byte_breaks_the_crc():
    broken = PUBLISHED.replace("120000", "920000")

    with pytest.raises(vietqr.VietQRError, match="CRC"):
        vietqr.parse(broken)
