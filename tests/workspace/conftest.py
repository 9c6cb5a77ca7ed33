"""The wards of the dossier tests and the monitoring month, for the workspace pages."""

from tests.dossiers.conftest import ward_a, ward_b, ward_c  # noqa: F401
from tests.monitoring.conftest import month  # noqa: F401
