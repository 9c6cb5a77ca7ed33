"""What residents see of the catalog: no curator note anywhere, unverified amounts said so
(tests/payments/test_unverified.py: never collected until an official confirms them)."""

import json
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest

from motcua.catalog import packaged, services
from motcua.catalog.models import ProcedureVersion
from tests.builders.dossiers import BIRTH, WARD_A, WARD_B, client_for, file_dossier, make_ward
from tests.builders.papers import tool
from tests.builders.payments import MARITAL

RAW = Path(__file__).resolve().parents[2].parent / "shared/data/sources/chatbot_tthc/raw"

NOT_VERIFIED_EN = "not verified — an official will confirm it"
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


def _leaks(where: str, text: str, fragments: set[str]) -> list[tuple[str, str]]:
    """Note fragments in `text`, and the notes' English words among its visible words."""
    visible = re.sub(r"<[^>]+>", " ", text)  # words, not attributes such as checked
    visible = visible.replace(NOT_VERIFIED_EN, "")  # the site's own English label, not a note
    found = [(where, f) for f in fragments if f in text]
    return found + [(where, m.group(0)) for m in ENGLISH_NOTE_WORDS.finditer(visible)]


def _with_their_pages(tmp_path) -> None:
    """The curated procedures as shipped: their portal pages imported under the curated facts."""
    for entry in _curated_entries():
        for page in RAW.glob(f"*/{entry['code']}.json"):
            (tmp_path / page.parent.name).mkdir(exist_ok=True)
            shutil.copy(page, tmp_path / page.parent.name / page.name)
    if any(tmp_path.iterdir()):
        services.import_portal(tmp_path)


def _listing(api) -> str:
    """Every page of the anonymous procedure list, as JSON text."""
    texts, url = [], "/api/v1/procedures/?page_size=100"
    while url:
        body = api.get(url).json()
        texts.append(json.dumps(body, ensure_ascii=False))
        url = body.get("next")
    return "\n".join(texts)


@pytest.mark.django_db
def test_no_public_page_or_anonymous_api_answer_shows_a_curator_note(client, api, tmp_path):
    _with_their_pages(tmp_path)
    fragments = _note_fragments()
    assert len(fragments) > 100
    codes = sorted(
        ProcedureVersion.objects.filter(status="published").values_list(
            "procedure__code", flat=True
        )
    )
    assert set(codes) >= {entry["code"] for entry in _curated_entries()}
    leaks = []
    for code in codes:
        page = client.get(f"/procedures/{code}/", HTTP_ACCEPT_LANGUAGE="vi")
        assert page.status_code == 200
        detail = api.get(f"/api/v1/procedures/{code}/").json()
        leaks += _leaks(code, page.content.decode(), fragments)
        leaks += _leaks(code, json.dumps(detail, ensure_ascii=False), fragments)
    leaks += _leaks("list", _listing(api), fragments)
    assert leaks == []


@pytest.mark.django_db
def test_no_assistant_answer_states_a_curator_note(api, settings):
    settings.MOTCUA_ASSISTANT_RATE = "100000/min"
    fragments = _note_fragments()
    leaks = []
    for entry in _curated_entries():
        for lang in ("vi", "en"):
            question = (
                f"{entry['name_vi'][:300]}: cần giấy tờ gì, lệ phí bao nhiêu, mất bao lâu, "
                "nộp ở đâu, có nộp trực tuyến được không, kết quả là gì?"
            )
            response = api.post(
                "/api/v1/assistant/ask", {"question": question, "lang": lang}, format="json"
            )
            assert response.status_code == 200, response.content.decode()
            body = response.json()
            leaks += _leaks(entry["code"], json.dumps(body, ensure_ascii=False), fragments)
    assert leaks == []


@pytest.mark.django_db
def test_the_receipt_a_resident_gets_shows_no_curator_note(tmp_path):
    ward = make_ward(WARD_A)
    make_ward(WARD_B)
    dossier = file_dossier(ward.receiving, channel="counter")
    response = client_for(ward.receiving).get(f"/api/v1/dossiers/{dossier['code']}/receipt.pdf")
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(b"".join(response.streaming_content))

    text = subprocess.run(
        [tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    birth = next(e for e in _curated_entries() if e["code"] == BIRTH)

    assert birth["name_vi"][:30] in " ".join(text.split())  # the receipt names the procedure
    assert packaged.curator_notes(birth)  # and that procedure has notes to leak
    assert _leaks("receipt", " ".join(text.split()), _note_fragments()) == []


@pytest.mark.django_db
def test_an_unverified_amount_is_shown_as_such(client):
    version = ProcedureVersion.objects.get(procedure__code=MARITAL, status="published")
    version.fees.update(state="unverified")

    page = client.get(f"/procedures/{MARITAL}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    assert "chưa xác minh — sẽ được cán bộ xác nhận" in page


@pytest.mark.django_db
def test_the_assistant_says_an_unverified_amount_is_not_verified(api, settings):
    settings.MOTCUA_ASSISTANT_RATE = "100000/min"
    version = ProcedureVersion.objects.get(procedure__code=MARITAL, status="published")
    version.fees.exclude(amount_vnd=None).update(state="unverified")

    body = api.post(
        "/api/v1/assistant/ask",
        {"question": f"{version.name} lệ phí bao nhiêu?", "lang": "vi"},
        format="json",
    ).json()

    assert "chưa xác minh — sẽ được cán bộ xác nhận" in json.dumps(body, ensure_ascii=False)
