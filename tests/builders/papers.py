"""Outside tools that check our PDFs independently: poppler (pdfsig, pdftotext, pdftoppm), and
how the words of a paper are read back from them."""

import html
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest


def tool(name: str) -> str:
    """Return the path of a poppler/NSS tool; CI must have it (`make test` installs it)."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: `make test` installs poppler-utils and libnss3-tools")
        pytest.skip(f"{name} is not installed")
    return path


def pdfsig(pdf: Path, nss: Path) -> str:
    result = subprocess.run(
        [tool("pdfsig"), "-nssdir", f"sql:{nss}", str(pdf)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout + result.stderr


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(
    r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>'
)


def pages(pdf: bytes, tmp_path: Path) -> list[tuple[float, float, list[tuple]]]:
    """Each page's size and its words with their boxes, as `pdftotext -bbox` reads them."""
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        [tool("pdftotext"), "-bbox", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    found = []
    for width, height, body in _PAGE.findall(out):
        words = [
            (float(a), float(b), float(c), float(d), unicodedata.normalize("NFC", html.unescape(w)))
            for a, b, c, d, w in _WORD.findall(body)
        ]
        found.append((float(width), float(height), words))
    return found


def text_of(found) -> str:
    return " ".join(w[4] for _, _, words in found for w in words)


def assert_inside(found) -> None:
    for width, height, words in found:
        outside = [w for w in words if w[0] < 0 or w[1] < 0 or w[2] > width or w[3] > height]
        assert outside == []


def lines_of(found) -> list[str]:
    """The text line by line (words of one baseline joined), page by page, top to bottom."""
    out = []
    for _, _, words in found:
        rows: dict[int, list[tuple]] = {}
        for word in words:
            rows.setdefault(round(word[3]), []).append(word)
        out += [" ".join(w[4] for w in sorted(rows[y])) for y in sorted(rows)]
    return out
