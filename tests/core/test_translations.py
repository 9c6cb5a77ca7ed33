"""One translation source (issue 20, item 8): the Vietnamese lives only in django.po; every entry
has its Vietnamese (none empty, none a fuzzy guess of msgmerge), and the compiled catalog the
server reads says the same."""

from pathlib import Path

from django.utils import translation

import polib

LOCALE = Path(__file__).resolve().parents[2] / "src/motcua/locale/vi/LC_MESSAGES"


def test_every_vietnamese_entry_is_written_and_none_is_a_guess():
    po = polib.pofile(str(LOCALE / "django.po"))
    empty = [e.msgid for e in po if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    assert not empty, f"write the Vietnamese of: {empty[:10]}"
    assert not fuzzy, f"check msgmerge's guesses (fuzzy): {fuzzy[:10]}"


def test_the_compiled_catalog_is_the_source():
    po = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(LOCALE / "django.po"))}
    mo = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(LOCALE / "django.mo"))}
    stale = [key for key, text in po.items() if text and mo.get(key) != text]
    assert not stale, f"run `make messages` to compile: {stale[:5]}"


def test_one_english_word_with_two_meanings_reads_right_in_each():
    """ "Active": a process step under way, a record that is in force."""
    from motcua.dossiers.models import Task
    from motcua.web.wording import FACT_VALUES

    with translation.override("vi"):
        assert str(Task.State.ACTIVE.label) == "Đang thực hiện"
        assert str(FACT_VALUES["active"]) == "Đang hoạt động"
