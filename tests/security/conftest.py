"""The wards of the dossier tests, for the security tests."""

from tests.dossiers.conftest import ward_a, ward_b, ward_c  # noqa: F401
from tests.payments.conftest import centre  # noqa: F401
