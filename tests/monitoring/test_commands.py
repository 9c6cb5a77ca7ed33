"""`motcua monitoring rebuild|refresh|report`."""

import json
from io import StringIO

from django.core.management import CommandError, call_command

import pytest
import time_machine

from motcua.documents.signing import Verdict, overall, verify_pdf
from tests.builders.dossiers import WARD_B, committee
from tests.builders.month import at


def run(*args: str) -> str:
    out = StringIO()
    call_command("monitoring", *args, stdout=out)
    return out.getvalue()


def test_rebuild_then_the_units_report_as_a_signed_pdf_and_as_json(month, tmp_path):
    with time_machine.travel(at(19, 16), tick=False):
        assert run("rebuild") == "rebuilt: 6 dossiers, 5 daily rows\n"  # 2, 3, 4, 5, 19/11
        assert run("refresh") == "rollups: 0 dossiers counted\n"

    pdf, body = tmp_path / "r.pdf", tmp_path / "r.json"
    run("report", "--period", "2026-11", "--unit", WARD_B, "--format", "pdf", "--output", str(pdf))
    run("report", "--period", "2026-Q4", "--format", "json", "--output", str(body))

    checks = verify_pdf(pdf.read_bytes())
    assert overall(checks) == Verdict.VALID
    assert committee(WARD_B).name in checks[0].signer + checks[0].signer_organisation
    rows = json.loads(body.read_text(encoding="utf-8"))
    assert [(r["agency"], r["received"], r["score_766"]) for r in rows] == [
        (committee(WARD_B).code, 6, 44.66)
    ]
    with pytest.raises(CommandError):
        run("report", "--period", "2026-13", "--format", "xlsx", "--output", str(pdf))
