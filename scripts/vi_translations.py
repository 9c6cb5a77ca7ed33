"""Fill the Vietnamese django.po from the tables in scripts/vi/ (run after makemessages)."""

import runpy
import sys
from pathlib import Path

import polib

TABLES = Path(__file__).resolve().parent / "vi"


def load_table() -> dict[str, str]:
    """Merge the tables of scripts/vi/*.py (one per area, so parallel work does not collide)."""
    table: dict[str, str] = {}
    for path in sorted(TABLES.glob("*.py")):
        table.update(runpy.run_path(str(path))["VI"])
    return table


def main() -> int:
    path = Path(__file__).resolve().parents[1] / "src/motcua/locale/vi/LC_MESSAGES/django.po"
    po = polib.pofile(str(path))
    table = load_table()
    missing = []
    for entry in po:
        if entry.msgid in table and entry.msgid_plural:  # Vietnamese has one plural form
            entry.msgstr_plural = {0: table[entry.msgid]}
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif entry.msgid in table:
            entry.msgstr = table[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif not entry.msgstr or "fuzzy" in entry.flags:
            missing.append(entry.msgid)
    po.metadata["Language"] = "vi"
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    for msgid in missing:
        print(f"missing: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
