"""Vietnamese is the default language: every message of django.po has its Vietnamese, none fuzzy."""

import ast
from pathlib import Path

PO = Path(__file__).resolve().parents[2] / "src/motcua/locale/vi/LC_MESSAGES/django.po"


def _entries(text: str) -> list[dict]:
    """The entries of a .po file: msgid, msgstr (plural forms joined) and whether marked fuzzy."""
    entries, current, field = [], {"flags": ""}, None
    for line in text.splitlines() + [""]:
        if not line.strip():
            if "msgid" in current:
                entries.append(current)
            current, field = {"flags": ""}, None
        elif line.startswith("#,"):
            current["flags"] += line
        elif line.startswith(("msgid ", "msgid_plural ", "msgstr", "msgctxt ")):
            keyword, _, rest = line.partition(" ")
            field = "msgstr" if keyword.startswith("msgstr") else keyword
            current[field] = current.get(field, "") + ast.literal_eval(rest)
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
    return [e for e in entries if e["msgid"]]  # the header has an empty msgid


def test_every_message_has_its_vietnamese_and_none_is_fuzzy():
    entries = _entries(PO.read_text(encoding="utf-8"))

    assert len(entries) > 1000  # the catalogue was read
    assert [e["msgid"] for e in entries if not e.get("msgstr", "").strip()] == []
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
