"""The benches still run (issue 27): a tiny run of each completes and prints its table.

Never a speed: only that the bench finishes and prints the table it is read for.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.ops.stack import database_url, live_database, pg_only, reference_data_back

__all__ = ["live_database", "reference_data_back"]  # fixtures

ROOT = Path(__file__).resolve().parents[2]


@pg_only
@pytest.mark.usefixtures("reference_data_back")
def test_intake_bench_with_its_raw_ceiling_runs(live_database):
    """A copy of the test database (migrated, Hanoi, the catalog, the cache table) is filed
    into over HTTP and then raw, and the bench prints its rows, the ratio and the statements."""
    target = f"{live_database}_bench"
    done = subprocess.run(
        [
            sys.executable,
            "bench/intake.py",
            "--database-url",
            database_url(target),
            "--template",
            live_database,
            "--workers",
            "1",
            "--clients",
            "2",
            "--wards",
            "2",
            "--requests",
            "3",
            "--warmup",
            "1",
            "--duration",
            "5",
            "--raw",
        ],  # fmt: skip
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    sys.path.insert(0, str(ROOT / "bench"))
    from intake import recreate_database

    recreate_database(database_url(target), create=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| sync 1w | 2 | 2 | 6 |" in done.stdout, done.stdout
    assert "| raw psycopg | 2 | 2 | 6 |" in done.stdout, done.stdout
    assert "application / raw" in done.stdout
    assert "statements per intake:" in done.stdout
    assert "MISMATCH" not in done.stderr
