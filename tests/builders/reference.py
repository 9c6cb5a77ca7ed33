"""Hanoi's reference data and the packaged catalog, put back where a test emptied the database."""

from motcua.catalog import packaged
from motcua.catalog.joint import load_joint_groups
from motcua.catalog.services import import_catalog
from motcua.geography.models import AdministrativeUnit
from motcua.geography.services import load_reference_data


def reload_reference_data() -> None:
    """Load Hanoi and the catalog if the database holds no administrative unit."""
    if not AdministrativeUnit.objects.exists():
        load_reference_data("01")
        import_catalog(packaged.packaged_records())
        load_joint_groups()
