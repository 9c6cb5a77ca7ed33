"""Look inside an upload before it is stored: active PDF content, image bombs, office macros.

Each check returns None when the file is acceptable, or the reason it is refused (a lazy message
and a stable code). The type itself was told from the first bytes (sniffing.py).
"""

import re
import socket
import struct
import warnings
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import DictionaryObject, IndirectObject, NameObject

# PDF names that run code or other programs when the document is opened or clicked.
ACTIVE_PDF_NAMES = frozenset({"/JavaScript", "/JS", "/Launch"})
ZIP_MAX_ENTRIES = 5_000
ZIP_MAX_RATIO = 200  # a declared expansion larger than this is a zip bomb
OFFICE_MAX_UNPACKED = 200 * 1024 * 1024
_PDF_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str | Promise


def _raw_names(data: bytes) -> set[str]:
    """Return the names written in the file's dictionaries, #-escapes decoded.

    Stream contents (images, fonts, compressed objects) are skipped: their bytes are data, and
    the compressed object streams are walked by pypdf instead.
    """
    return {
        _HEX.sub(lambda m: bytes([int(m[1], 16)]), raw).decode("latin-1")
        for raw in _PDF_NAME.findall(_STREAM.sub(b"", data))
    }


def _has_active_content(reader: PdfReader) -> bool:
    """Return whether any object (also inside object streams) is an action that runs code."""
    references = {(num, gen) for gen, table in reader.xref.items() for num in table}
    references |= {(num, 0) for num in reader.xref_objStm}
    for number, generation in references:
        try:
            obj = reader.get_object(IndirectObject(number, generation, reader))
        except Exception:  # noqa: BLE001 - a broken object cannot run either
            continue
        if isinstance(obj, DictionaryObject):
            keys = {str(k) for k in obj}
            if keys & ACTIVE_PDF_NAMES or obj.get(NameObject("/S")) in ACTIVE_PDF_NAMES:
                return True
    return False


def check_pdf(file: IO[bytes]) -> Refusal | None:
    data = file.read()
    if _raw_names(data) & ACTIVE_PDF_NAMES:
        return Refusal("active_content", _("PDF files with scripts or launch actions are refused."))
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return Refusal("encrypted", _("Password-protected PDF files cannot be read."))
        if len(reader.pages) == 0:
            return Refusal("damaged", _("The PDF file is damaged or has no pages."))
        if _has_active_content(reader):
            return Refusal(
                "active_content", _("PDF files with scripts or launch actions are refused.")
            )
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return Refusal("damaged", _("The PDF file is damaged or has no pages."))
    return None


def check_image(file: IO[bytes]) -> Refusal | None:
    too_big = Refusal(
        "too_many_pixels", _("The image is too large in pixels; scan it at 300 dpi or less.")
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                if image.width * image.height > settings.MOTCUA_UPLOAD_MAX_PIXELS:
                    return too_big
                image.verify()  # checks the data without decoding it all
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return too_big
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for broken images
        return Refusal("damaged", _("The image is damaged and cannot be read."))
    return None


def check_office(file: IO[bytes], content_type: str) -> Refusal | None:
    macros = Refusal("macros", _("Office documents with macros are refused."))
    if "openxmlformats" not in content_type:  # OLE .doc/.xls: look for a VBA project
        if "_VBA_PROJECT".encode("utf-16-le") in file.read():
            return macros
        return None
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            unpacked = sum(e.file_size for e in entries)
            packed = sum(e.compress_size for e in entries) or 1
            names = {e.filename for e in entries}
    except (zipfile.BadZipFile, ValueError):
        return Refusal("damaged", _("The document is damaged and cannot be read."))
    if "[Content_Types].xml" not in names:
        return Refusal("type_not_accepted", _("This archive is not an Office document."))
    if (
        len(entries) > ZIP_MAX_ENTRIES
        or unpacked > OFFICE_MAX_UNPACKED
        or unpacked / packed > ZIP_MAX_RATIO
    ):
        return Refusal("too_large", _("The document unpacks to too much data."))
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return macros
    return None


def inspect(file: IO[bytes], content_type: str) -> Refusal | None:
    """Return why the file is refused, or None; the file is rewound afterwards."""
    try:
        if content_type == "application/pdf":
            return check_pdf(file)
        if content_type.startswith("image/"):
            return check_image(file)
        return check_office(file, content_type)
    finally:
        file.seek(0)


class ScannerUnavailable(Exception):
    """clamd did not answer: the upload is refused rather than stored unscanned."""


def clamav_scan(file: IO[bytes], socket_path: str, *, timeout: float = 30.0) -> str | None:
    """Scan with clamd's INSTREAM command; return the signature name when infected, else None."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout)
            conn.connect(socket_path)
            conn.sendall(b"zINSTREAM\0")
            while chunk := file.read(64 * 1024):
                conn.sendall(struct.pack("!L", len(chunk)) + chunk)
            conn.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = conn.recv(4096)
                if not part:
                    break
                reply += part
    except OSError as exc:
        raise ScannerUnavailable(str(exc)) from exc
    finally:
        file.seek(0)
    text = reply.rstrip(b"\0").decode("utf-8", "replace")
    if text.endswith("FOUND"):
        return text.removeprefix("stream:").removesuffix("FOUND").strip()
    if not text.endswith("OK"):
        raise ScannerUnavailable(text)
    return None
