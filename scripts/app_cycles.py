"""List the import cycles between Motcua's apps (issue 20: "no cycles between apps").

An app is a package directly under src/motcua. Every `import motcua.<app>...` or
`from motcua.<app>... import` in another app's modules (at any depth, including imports inside
functions) is an arrow from the importing app to the imported one. The strongly connected groups
of that graph of more than one app are the cycles. Prints each group and, for each arrow inside
it, one module that makes it; exits 1 when there is a cycle.

    python scripts/app_cycles.py            # the cycles, if any
    python scripts/app_cycles.py --arrows   # every arrow between apps
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "motcua"


def apps() -> list[str]:
    return sorted(p.name for p in SRC.iterdir() if (p / "__init__.py").exists())


# The worker is an entry point (issue 20, item 5: it collects each app's jobs); until it moves to
# its own app (motcua/worker/) it counts as one here, as pyproject.toml's contracts let it be.
ENTRY_MODULES = {"dossiers/management/commands/worker.py": "worker"}


def arrows() -> dict[tuple[str, str], str]:
    """(importer, imported) -> the first module seen making that import."""
    known, found = set(apps()), {}
    for app in sorted(known):
        for module in sorted((SRC / app).rglob("*.py")):
            if "migrations" in module.parts:
                continue
            importer = ENTRY_MODULES.get(str(module.relative_to(SRC)), app)
            tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                for name in names:
                    parts = name.split(".")
                    if len(parts) > 1 and parts[0] == "motcua" and parts[1] in known - {importer}:
                        found.setdefault((importer, parts[1]), str(module.relative_to(SRC)))
    return found


def cycles(edges: dict[tuple[str, str], str]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one member, largest first."""
    graph: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        graph[a].append(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in apps():
        if node not in index:
            visit(node)
    return sorted(groups, key=len, reverse=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--arrows", action="store_true", help="print every arrow between apps")
    args = parser.parse_args()
    edges = arrows()
    if args.arrows:
        for (a, b), where in sorted(edges.items()):
            print(f"{a} -> {b}   ({where})")
    groups = cycles(edges)
    if not groups:
        print(f"no import cycles between the {len(apps())} apps")
        return 0
    for group in groups:
        print(f"cycle: {' <-> '.join(group)}")
        for (a, b), where in sorted(edges.items()):
            if a in group and b in group:
                print(f"    {a} -> {b}   ({where})")
    return 1


if __name__ == "__main__":
    sys.exit(main())
