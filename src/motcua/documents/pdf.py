"""Render Vietnamese A4 documents from HTML templates (WeasyPrint, Be Vietnam Pro embedded)."""

import functools
from datetime import datetime
from io import BytesIO
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

import fontpkg
import segno
from pypdf import PdfWriter
from weasyprint import HTML
from weasyprint.urls import URLFetcher

FONT_FAMILY = "Be Vietnam Pro"


@functools.cache
def _fonts() -> dict[str, str]:
    """Return file URIs of the font faces the templates use (shipped in a PyPI package)."""
    return {
        "regular": fontpkg.path(FONT_FAMILY, 400).as_uri(),
        "italic": fontpkg.path(FONT_FAMILY, 400, "italic").as_uri(),
        "bold": fontpkg.path(FONT_FAMILY, 700).as_uri(),
        "bold_italic": fontpkg.path(FONT_FAMILY, 700, "italic").as_uri(),
    }


def qr_data_uri(text: str) -> str:
    """Return an SVG QR code of `text` as a data URI, for an <img> in a template."""
    return segno.make(text, error="m").svg_data_uri(scale=4, border=2)


def vietnamese_date(moment: datetime) -> str:
    """Return 'ngày 05 tháng 01 năm 2026', the date line of Vietnamese administrative documents."""
    local = timezone.localtime(moment)
    return f"ngày {local:%d} tháng {local:%m} năm {local:%Y}"


class _OwnFilesOnly(URLFetcher):
    """Fetch only inline data and our own font files: never the network or another file."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        if not (url.startswith("data:") or url in _fonts().values()):
            raise ValueError(f"refused to fetch {url[:40]}")
        return super().fetch(url, headers)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render a template of documents/pdf/ to PDF bytes, in Vietnamese (the legal language)."""
    with translation.override("vi"):
        html = render_to_string(template, {**context, "fonts": _fonts()})
    return HTML(string=html, url_fetcher=_OwnFilesOnly(fail_on_errors=True)).write_pdf()


def blank_pdf(title: str) -> bytes:
    """Return a one-page blank A4 PDF titled `title` (demo scans and test files)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
