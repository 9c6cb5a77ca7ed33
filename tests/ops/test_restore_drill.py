"""The restore drill of docs/operations.md: back up, restore into a scratch database, compare."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

import pytest

from motcua.geography.models import AdministrativeUnit
from tests.builders.dossiers import WARD_A, WARD_B, file_dossier, make_ward
from tests.builders.reference import reload_reference_data

pytestmark = pytest.mark.skipif(
    "postgresql" not in connection.settings_dict["ENGINE"],
    reason="pg_dump and pg_restore back up PostgreSQL",
)
SCRIPTS = Path(__file__).resolve().parents[2] / "scripts" / "ops"


def _env() -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "MOTCUA_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "MOTCUA_PKI_DIR": str(settings.MOTCUA_PKI_DIR),
        "MOTCUA_BIN": str(Path(sys.executable).parent / "motcua"),
    }


@pytest.fixture
def committed_dossiers(transactional_db, citizen):
    """Dossiers with uploaded files, committed so that pg_dump sees them."""
    if not AdministrativeUnit.objects.exists():
        reload_reference_data()
    make_ward(WARD_A), make_ward(WARD_B)
    codes = [file_dossier(citizen, channel="online")["code"] for _ in range(3)]
    yield codes
    reload_reference_data()  # the flush after a transactional test emptied the reference data


def test_the_drill_restores_every_row_file_and_chain(committed_dossiers):
    drill = subprocess.run(
        [SCRIPTS / "restore-drill"], env=_env(), capture_output=True, text=True, timeout=240
    )

    assert drill.returncode == 0, drill.stdout + drill.stderr
    assert "restore drill passed" in drill.stdout
    assert " 0 files" not in drill.stdout  # the uploads were in the backup


def test_a_damaged_backup_is_refused(committed_dossiers, tmp_path):
    env = _env()
    subprocess.run([SCRIPTS / "backup", tmp_path], env=env, check=True, capture_output=True)
    dump = tmp_path / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))

    restore = subprocess.run(
        [SCRIPTS / "restore", tmp_path],
        env={**env, "DATABASE_URL": env["DATABASE_URL"] + "_never_created"},
        capture_output=True,
        text=True,
    )

    assert restore.returncode != 0
    assert "FAILED" in restore.stdout + restore.stderr
