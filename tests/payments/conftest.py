"""The marital-status fee (tests/builders/payments.py) confirmed for the payments tests."""

import pytest

from motcua.catalog.models import Fee, FeeRule
from tests.builders.payments import MARITAL


@pytest.fixture(autouse=True)
def _marital_fee_confirmed(request):
    """The curated Hanoi rates (marital status 3,000 VND; late birth registration, copies) are
    unverified, so never asked for until an official confirms them (test_unverified.py); these
    tests start after one confirmed them in the admin."""
    if "db" not in request.fixturenames:
        return
    request.getfixturevalue("db")
    Fee.objects.filter(version__procedure__code__in=[MARITAL, "1.001193"]).update(
        state="curated", source="admin", source_detail="ward official, confirmed"
    )
    # Resolution 77/2025/NQ-HĐND makes this city fee free online (tests/dossiers/
    # test_fee_rules.py); these tests are about collecting a fee online, so they run without it.
    FeeRule.objects.filter(legal_source="Nghị quyết 77/2025/NQ-HĐND").delete()
