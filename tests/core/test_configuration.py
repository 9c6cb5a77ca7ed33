import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_environment_variable_has_a_row_in_the_configuration_doc():
    settings_text = (ROOT / "src/motcua/settings.py").read_text()
    doc = (ROOT / "docs/configuration.md").read_text()

    read = set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', settings_text))
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", doc, flags=re.MULTILINE))

    assert "DATABASE_URL" in read
    assert read - documented == set()
