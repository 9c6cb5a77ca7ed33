"""mypy over src/ against a baseline that only shrinks (issue 20: honest tooling).

The baseline, scripts/mypy-baseline.txt, holds the errors the code had when mypy came in: one
line per error, "path: [code] message" (no line numbers, so that moving code does not count as a
new error), repeated as often as it occurs. The check fails on any error not in the baseline (or
more often than there) and tells when errors were fixed, so the baseline is shrunk with
`--update`; `--update` never adds an error the baseline did not have.

    python scripts/mypy_baseline.py            # the check (`make lint`)
    python scripts/mypy_baseline.py --update   # write the baseline after fixing errors
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scripts" / "mypy-baseline.txt"
# src/motcua/x.py:12: error: Message  [code]
ERROR = re.compile(
    r"^(?P<path>[^:]+):\d+(?::\d+)?: error: (?P<message>.*?)(?:  \[(?P<code>[\w-]+)\])?$"
)


def current() -> Counter[str]:
    """Run mypy (configured in pyproject.toml) and return its errors, normalised."""
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-pretty", "--no-error-summary", "--hide-error-context"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode not in (0, 1):  # 2: mypy itself failed (a crash, a bad configuration)
        sys.stderr.write(run.stdout + run.stderr)
        raise SystemExit(f"mypy failed (exit {run.returncode})")
    errors: Counter[str] = Counter()
    for line in run.stdout.splitlines():
        found = ERROR.match(line.strip())
        if found:
            message = re.sub(r"\s+", " ", found["message"]).strip()
            errors[f"{found['path']}: [{found['code'] or 'misc'}] {message}"] += 1
    return errors


def baseline() -> Counter[str]:
    if not BASELINE.exists():
        return Counter()
    lines = BASELINE.read_text(encoding="utf-8").splitlines()
    return Counter(line for line in lines if line and not line.startswith("#"))


def write(errors: Counter[str]) -> None:
    header = "# mypy's errors when it came in (scripts/mypy_baseline.py): this file only shrinks.\n"
    body = "".join(f"{line}\n" for line in sorted(errors.elements()))
    BASELINE.write_text(header + body, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="shrink the baseline to today's")
    parser.add_argument("--init", action="store_true", help="write the first baseline")
    args = parser.parse_args()
    now, known = current(), baseline()
    if args.init:
        write(now)
        print(f"mypy baseline: {sum(now.values())} errors written to {BASELINE.name}")
        return 0
    new = now - known
    fixed = known - now
    if new:
        print(f"mypy: {sum(new.values())} error(s) not in the baseline (fix them):")
        for line in sorted(new.elements()):
            print(f"  {line}")
        return 1
    if args.update:
        write(now)
        print(f"mypy baseline: {sum(known.values())} -> {sum(now.values())} errors")
        return 0
    if fixed:
        print(
            f"mypy: {sum(fixed.values())} baseline error(s) fixed: shrink the baseline with "
            "`python scripts/mypy_baseline.py --update`"
        )
        return 1
    print(f"mypy: no new errors ({sum(now.values())} in the baseline)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
