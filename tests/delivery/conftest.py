"""The wards and their officials (tests/dossiers)."""

from tests.dossiers.conftest import ward_a, ward_b, ward_c  # noqa: F401 (fixtures)
