"""What residents see of the catalog: no curator note anywhere, unverified amounts said so
(tests/payments/test_unverified.py: never collected until an official confirms them)."""

import json
import re
from importlib import resources

import pytest

from motcua.catalog import packaged
from motcua.catalog.models import ProcedureVersion
from tests.payments.conftest import MARITAL

ENGLISH_NOTE_WORDS = re.compile(r"\b(verify|verified|memory|secondary|checked)\b", re.I)


def _curated_entries():
    text = resources.files("motcua.catalog").joinpath("data/procedures.json").read_text("utf-8")
    return json.loads(text)["procedures"]


def _note_fragments():
    """Distinctive pieces of every curator note (the start of each sentence of 25+ letters)."""
    fragments = set()
    for entry in _curated_entries():
        for note in packaged.curator_notes(entry):
            for sentence in re.split(r"(?<=[.;])\s+", note):
                if len(sentence) >= 25:
                    fragments.add(sentence[:40])
    return fragments


@pytest.mark.django_db
def test_no_public_page_or_anonymous_api_answer_shows_a_curator_note(client, api):
    fragments = _note_fragments()
    assert len(fragments) > 100
    codes = [entry["code"] for entry in _curated_entries()]
    leaks = []
    for code in codes:
        for text in (
            client.get(f"/procedures/{code}/").content.decode(),
            api.get(f"/api/v1/procedures/{code}/").content.decode(),
        ):
            visible = re.sub(r"<[^>]+>", " ", text)  # words, not attributes such as checked
            leaks += [(code, f) for f in fragments if f in text]
            leaks += [(code, m.group(0)) for m in ENGLISH_NOTE_WORDS.finditer(visible)]
    listing = api.get("/api/v1/procedures/?page_size=100").content.decode()
    leaks += [("list", f) for f in fragments if f in listing]
    assert leaks == []


@pytest.mark.django_db
def test_an_unverified_amount_is_shown_as_such(client):
    version = ProcedureVersion.objects.get(procedure__code=MARITAL, status="published")
    version.fees.update(state="unverified")

    page = client.get(f"/procedures/{MARITAL}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    assert "chưa xác minh — sẽ được cán bộ xác nhận" in page
