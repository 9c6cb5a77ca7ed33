"""Vietnamese is the default language: every message of django.po has its Vietnamese, none fuzzy."""

from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[2] / "src/motcua/locale/vi/LC_MESSAGES/django.po"


def test_every_message_has_its_vietnamese_and_none_is_fuzzy():
    catalogue = polib.pofile(str(PO))

    assert len(catalogue) > 1000  # the catalogue was read
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
