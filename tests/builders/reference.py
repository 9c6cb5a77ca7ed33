"""Hanoi's reference data and the packaged catalog, put back where a test emptied the database."""

import importlib

from django.apps import apps

from motcua.catalog import packaged
from motcua.catalog.joint import load_joint_groups
from motcua.catalog.services import import_catalog
from motcua.geography.models import AdministrativeUnit
from motcua.geography.services import load_reference_data

# What the migrations write as data (the known working days, Resolution 77's fee rules): a
# live-server test's flush empties it with the rest, and the next tests would run without it.
MIGRATED_DATA = [
    ("motcua.workcalendar.migrations.0002_ship_known_days", "ship"),
    ("motcua.catalog.migrations.0006_fee_rules_by_channel_and_date", "resolution_77"),
    (
        "motcua.catalog.migrations.0008_resolution_77_subsidy_of_national_fees",
        "subsidy_of_national_fees",
    ),
]


def reload_reference_data() -> None:
    """Load Hanoi, the catalog and the migrations' data if the database holds no unit."""
    if not AdministrativeUnit.objects.exists():
        load_reference_data("01")
        import_catalog(packaged.packaged_records())
        load_joint_groups()
        for module, function in MIGRATED_DATA:
            getattr(importlib.import_module(module), function)(apps, None)
