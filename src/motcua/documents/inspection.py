"""Look inside an upload before it is stored: active PDF content (scripts, XFA, actions that
run or send something, attached web pages and programs), image bombs, office macros.

Each check returns None when the file is acceptable, or the reason it is refused (a lazy message
and a stable code). The type itself was told from the first bytes (sniffing.py).
"""

import re
import socket
import struct
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

# What makes a PDF active, each with the words that name it in a refusal. Actions are told by
# their type (/S); XFA forms carry their own scripts; /JS is a script wherever it is.
_ACTIVE_LABELS: dict[str, Promise] = {
    "javascript": _("JavaScript"),
    "xfa": _("an XFA form (it can run scripts)"),
    "launch": _("a Launch action (it starts a program)"),
    "submit_form": _("a SubmitForm action (it sends the form's data elsewhere)"),
    "goto_remote": _("a GoToR action (it opens another file)"),
    "goto_embedded": _("a GoToE action (it opens an attached document)"),
    "import_data": _("an ImportData action (it loads data from a file)"),
}
_ACTIVE_NAMES = {
    "/JavaScript": "javascript",
    "/JS": "javascript",
    "/XFA": "xfa",
    "/Launch": "launch",
    "/SubmitForm": "submit_form",
    "/GoToR": "goto_remote",
    "/GoToE": "goto_embedded",
    "/ImportData": "import_data",
}
# Attached files a reader opens in a browser or runs: told by their name, declared type or bytes.
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".hta", ".svg", ".mht", ".mhtml")
_PROGRAM_SUFFIXES = (
    ".exe", ".dll", ".com", ".scr", ".msi", ".bat", ".cmd", ".ps1", ".vbs", ".vbe", ".js",
    ".jse", ".wsf", ".jar", ".sh", ".lnk", ".pif", ".cpl", ".apk", ".app", ".elf",
)  # fmt: skip
_HTML_TYPES = ("text/html", "application/xhtml+xml", "image/svg+xml")
_PROGRAM_TYPES = (
    "application/x-msdownload", "application/x-dosexec", "application/x-executable",
    "application/vnd.microsoft.portable-executable", "application/x-sh", "application/javascript",
    "text/javascript", "application/java-archive",
)  # fmt: skip
_PROGRAM_HEADS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")
_HTML_HEADS = (b"<!doctype html", b"<html", b"<script", b"<svg")
_ATTACHMENT_NAME_MAX = 80
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
    params: dict[str, Any] = field(default_factory=dict)


def _raw_names(data: bytes) -> set[str]:
    """Return the names written in the file's dictionaries, #-escapes decoded.

    Stream contents (images, fonts, compressed objects) are skipped: their bytes are data, and
    the compressed object streams are walked by pypdf instead.
    """
    return {
        _HEX.sub(lambda m: bytes([int(m[1], 16)]), raw).decode("latin-1")
        for raw in _PDF_NAME.findall(_STREAM.sub(b"", data))
    }


def _attachment_name(spec: DictionaryObject) -> str:
    name = str(spec.get("/UF") or spec.get("/F") or "")
    printable = "".join(c for c in name if c.isprintable())
    return printable[:_ATTACHMENT_NAME_MAX] or "?"


def _kinds_of_stream(stream: StreamObject) -> set[str]:
    """Whether an embedded file's declared type or first bytes say HTML or program."""
    declared = str(stream.get("/Subtype", "")).lstrip("/").lower()
    try:
        head = stream.get_data()[:512]
    except Exception:  # noqa: BLE001 - an undecodable attachment is judged by its name
        head = b""
    kinds = set()
    if declared in _HTML_TYPES or head.lstrip().lower().startswith(_HTML_HEADS):
        kinds.add("html")
    if declared in _PROGRAM_TYPES or head.startswith(_PROGRAM_HEADS):
        kinds.add("program")
    return kinds


def _attachment(spec: DictionaryObject) -> Promise | None:
    """Name an attached file (a /Filespec's embedded stream) that is HTML or a program."""
    embedded = spec.get("/EF")
    if not isinstance(embedded, DictionaryObject):
        return None
    name = _attachment_name(spec)
    kinds = set()
    for stream in embedded.values():
        stream = stream.get_object()
        if isinstance(stream, StreamObject):
            kinds |= _kinds_of_stream(stream)
    if name.lower().endswith(_HTML_SUFFIXES):
        kinds.add("html")
    if name.lower().endswith(_PROGRAM_SUFFIXES):
        kinds.add("program")
    if "program" in kinds:
        return format_lazy(_("an attached program ({name})"), name=name)
    if "html" in kinds:
        return format_lazy(_("an attached web page ({name})"), name=name)
    return None


def _active_in(obj: object, found: dict[str, Promise]) -> None:
    """Record what is active in one object and in the direct objects it holds (indirect ones
    are visited on their own)."""
    if isinstance(obj, DictionaryObject):
        names = {str(k) for k in obj}
        action = obj.get(NameObject("/S"))
        if isinstance(action, NameObject):
            names.add(str(action))
        for kind in filter(None, map(_ACTIVE_NAMES.get, names)):
            found.setdefault(kind, _ACTIVE_LABELS[kind])
        attachment = _attachment(obj) if "/EF" in names else None
        if attachment is not None:
            found.setdefault(f"attachment:{_attachment_name(obj)}", attachment)
        children = list(obj.values())
    elif isinstance(obj, ArrayObject):
        children = list(obj)
    else:
        return
    for child in children:
        if not isinstance(child, IndirectObject):
            _active_in(child, found)


def _active_content(reader: PdfReader, found: dict[str, Promise]) -> None:
    """Walk every object (also inside object streams) for actions, scripts and attachments."""
    references = {(num, gen) for gen, table in reader.xref.items() for num in table}
    references |= {(num, 0) for num in reader.xref_objStm}
    for number, generation in sorted(references):
        try:
            obj = reader.get_object(IndirectObject(number, generation, reader))
        except Exception:  # noqa: BLE001 - a broken object cannot run either
            continue
        _active_in(obj, found)
    _active_in(reader.trailer, found)


def _active_refusal(found: dict[str, Promise]) -> Refusal:
    order = [*_ACTIVE_LABELS]
    kinds = sorted(found, key=lambda k: (order.index(k) if k in order else len(order), k))
    labels = [found[k] for k in kinds]
    return Refusal(
        "active_content",
        _(
            "PDF files with scripts or launch actions, forms that send data elsewhere or "
            "attached web pages and programs are refused. Found: %(found)s."
        ),
        {"found": format_lazy("; ".join(["{}"] * len(labels)), *labels)},
    )


def check_pdf(file: IO[bytes]) -> Refusal | None:
    data = file.read()
    found: dict[str, Promise] = {}
    for name in _raw_names(data):
        if name in _ACTIVE_NAMES:
            found.setdefault(_ACTIVE_NAMES[name], _ACTIVE_LABELS[_ACTIVE_NAMES[name]])
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return Refusal("encrypted", _("Password-protected PDF files cannot be read."))
        if len(reader.pages) == 0:
            return Refusal("damaged", _("The PDF file is damaged or has no pages."))
        _active_content(reader, found)
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        if found:
            return _active_refusal(found)
        return Refusal("damaged", _("The PDF file is damaged or has no pages."))
    return _active_refusal(found) if found else None


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
