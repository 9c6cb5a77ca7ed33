"""No test module imports a conftest module (issue 20, item 10): the helpers tests share are plain
functions in tests/builders, the fixtures several packages share are in tests/conftest.py, and the
browser tests' constants are in tests/browser/checks.py. A conftest that a module imports is loaded
twice (by pytest and by the import) and drags its fixtures into packages that never asked."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def _conftest_imports(tree: ast.AST) -> list[str]:
    """The import statements of a module that name a conftest module, as written."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        if any("conftest" in name.replace(".", " ").split() for name in names):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def test_no_test_module_imports_a_conftest_module():
    offenders = {}
    for path in sorted(TESTS.rglob("*.py")):
        if "node_modules" in path.parts:
            continue
        imports = _conftest_imports(ast.parse(path.read_text("utf-8"), filename=str(path)))
        if imports:
            offenders[str(path.relative_to(TESTS.parent))] = imports
    assert not offenders, (
        "import helpers from tests/builders and let pytest find the fixtures (tests/conftest.py); "
        f"these import a conftest module: {offenders}"
    )


def test_the_check_sees_each_way_of_importing_a_conftest():
    # Written with a placeholder so that a grep for such imports finds none in this file either.
    written = [
        "from tests.dossiers.{c} import act",
        "from .{c} import act",
        "from ..{c} import act",
        "from tests.dossiers import {c}",
        "from . import {c}",
        "import tests.dossiers.{c}",
        "import {c}",
        "def f():\n    from tests.dossiers.{c} import act",
    ]
    allowed = "from tests.builders.dossiers import act\nimport tests.builders\n{c} = 1"

    found = [_conftest_imports(ast.parse(code.format(c="conftest"))) for code in written]
    assert [bool(imports) for imports in found] == [True] * len(written)
    assert _conftest_imports(ast.parse(allowed.format(c="conftest"))) == []
