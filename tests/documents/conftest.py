"""Outside tools that check our PDFs independently: poppler (pdfsig, pdftotext, pdftoppm) and an
NSS database that trusts the demo root, as a relying party would configure it."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from motcua.documents import pki
from tests.dossiers.conftest import WARD_A, WARD_B, WARD_C, Ward, make_ward


@pytest.fixture
def ward_a(db) -> Ward:
    return make_ward(WARD_A)


@pytest.fixture
def ward_b(db) -> Ward:
    return make_ward(WARD_B)


@pytest.fixture
def ward_c(db) -> Ward:
    return make_ward(WARD_C)


def tool(name: str) -> str:
    """Return the path of a poppler/NSS tool; CI must have it (`make test` installs it)."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: `make test` installs poppler-utils and libnss3-tools")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture
def nss_trusting_demo_root(tmp_path) -> Path:
    """An NSS certificate database in which the demo root CA is a trusted signing root."""
    certutil = tool("certutil")
    database = tmp_path / "nss"
    database.mkdir()
    subprocess.run(
        [certutil, "-N", "-d", f"sql:{database}", "--empty-password"], check=True, timeout=30
    )
    root = pki.trust_root_files()[0]
    subprocess.run(
        [certutil, "-A", "-d", f"sql:{database}", "-n", "demo-root", "-t", "C,C,C", "-i", root],
        check=True,
        timeout=30,
    )
    return database


def pdfsig(pdf: Path, nss: Path) -> str:
    result = subprocess.run(
        [tool("pdfsig"), "-nssdir", f"sql:{nss}", str(pdf)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout + result.stderr
