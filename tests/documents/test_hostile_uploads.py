"""Hostile files are refused with a clear message in both languages, and nothing is stored."""

import io
import socket
import struct
import threading
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import PdfFileWriter
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from motcua.documents.models import Upload
from motcua.documents.pdf import blank_pdf
from tests.builders.dossiers import PDF, client_for

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200


def _pdf_with_open_action(kind: str) -> bytes:
    """A real PDF whose opening runs JavaScript or launches a program."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if kind == "js":
        action = {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert(1)"),
        }
    else:
        action = {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(DictionaryObject(action))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_with_hidden_javascript() -> bytes:
    """The same JavaScript action, but inside a compressed object stream: no visible name."""
    w = PdfFileWriter(stream_xrefs=True)
    action = generic.DictionaryObject(
        {
            generic.NameObject("/S"): generic.NameObject("/JavaScript"),
            generic.NameObject("/JS"): generic.TextStringObject("app.alert(1)"),
        }
    )
    w.root["/OpenAction"] = w.add_object(action, obj_stream=w.prepare_object_stream())
    box = generic.ArrayObject(generic.NumberObject(n) for n in (0, 0, 595, 842))
    w.insert_page(
        generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Page"),
                generic.NameObject("/MediaBox"): box,
            }
        )
    )
    out = io.BytesIO()
    w.write(out)
    data = out.getvalue()
    assert b"/JavaScript" not in data
    assert b"/ObjStm" in data
    return data


def _pdf_with(place: str, action: dict | None = None, *, xfa: bool = False) -> bytes:
    """A real one-page PDF (pypdf) with an action where readers run it: the document's
    /OpenAction, the page's /AA (on open) or a link annotation's /A; or an XFA form."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if action is not None:
        entry = DictionaryObject({NameObject(k): v for k, v in action.items()})
        if place == "open":
            writer._root_object[NameObject("/OpenAction")] = writer._add_object(entry)
        elif place == "page":
            page = writer.pages[0]
            page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): entry})
        else:
            link = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Annot"),
                    NameObject("/Subtype"): NameObject("/Link"),
                    NameObject("/Rect"): ArrayObject(NumberObject(n) for n in (0, 0, 595, 842)),
                    NameObject("/A"): entry,
                }
            )
            writer.add_annotation(0, link)
    if xfa:
        template = StreamObject()
        template.set_data(
            b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform><event '
            b'activity="initialize"><script contentType="application/x-javascript">'
            b"xfa.host.messageBox(1)</script></event></subform></template></xdp:xdp>"
        )
        form = DictionaryObject(
            {
                NameObject("/Fields"): ArrayObject(),
                NameObject("/XFA"): writer._add_object(template),
            }
        )
        writer._root_object[NameObject("/AcroForm")] = writer._add_object(form)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_with_attachment(name: str, data: bytes) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment(name, data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_with_hidden_submit_form() -> bytes:
    """A link whose click sends the form's data away, written by pyHanko inside a compressed
    object stream, the action a direct dictionary of the annotation: no visible name."""
    w = PdfFileWriter(stream_xrefs=True)
    box = generic.ArrayObject(generic.NumberObject(n) for n in (0, 0, 595, 842))
    submit = generic.DictionaryObject(
        {
            generic.NameObject("/S"): generic.NameObject("/SubmitForm"),
            generic.NameObject("/F"): generic.DictionaryObject(
                {
                    generic.NameObject("/FS"): generic.NameObject("/URL"),
                    generic.NameObject("/F"): generic.TextStringObject("https://thu-thap.example/"),
                }
            ),
        }
    )
    link = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Link"),
            generic.NameObject("/Rect"): box,
            generic.NameObject("/A"): submit,
        }
    )
    annotation = w.add_object(link, obj_stream=w.prepare_object_stream())
    w.insert_page(
        generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Page"),
                generic.NameObject("/MediaBox"): box,
                generic.NameObject("/Annots"): generic.ArrayObject([annotation]),
            }
        )
    )
    out = io.BytesIO()
    w.write(out)
    data = out.getvalue()
    assert b"/SubmitForm" not in data
    return data


def _png_bomb(side: int = 12_000) -> bytes:
    """A 1-bit PNG of side×side pixels (144 million, 432 MB once decoded to RGB) that is
    about 20 KB on disk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack("!I", len(data)) + body + struct.pack("!I", zlib.crc32(body))

    row = b"\x00" + b"\x00" * (side // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack("!IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def _docx(extra: dict[str, bytes] | None = None) -> bytes:
    """A small Word file, the same bytes in every process (a fixed date in the zip entries:
    pytest-xdist's workers must collect identical test ids)."""
    out = io.BytesIO()
    parts = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**parts, **(extra or {})}.items():
            entry = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            archive.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _post(user, name: str, content: bytes):
    return client_for(user).post(
        "/api/v1/uploads/",
        {"file": SimpleUploadedFile(name, content)},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="vi",
    )


HOSTILE = [
    ("elf-renamed.pdf", ELF, "type_not_accepted", "Only PDF, JPEG, PNG and Word/Excel"),
    (
        "trang.html",
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        "type_not_accepted",
        "Only PDF",
    ),
    ("to-khai.pdf", _pdf_with_open_action("js"), "active_content", "scripts or launch"),
    ("to-khai-nen.pdf", _pdf_with_hidden_javascript(), "active_content", "scripts or launch"),
    ("chay.pdf", _pdf_with_open_action("launch"), "active_content", "launch actions"),
    ("bomb.png", _png_bomb(), "too_many_pixels", "too large in pixels"),
    ("rong.pdf", b"", "empty", "The file is empty."),
    ("archive.zip", _docx(), "type_not_accepted", "Only PDF"),
    ("fake.docx", b"PK\x03\x04" + b"\x00" * 40, "damaged", "damaged"),
    ("macro.docx", _docx({"word/vbaProject.bin": b"\x00" * 64}), "macros", "macros"),
    ("cut.pdf", PDF[: len(PDF) // 3], "damaged", "damaged"),
]


@pytest.mark.parametrize(
    ("name", "content", "code", "english"), HOSTILE, ids=[h[0] for h in HOSTILE]
)
def test_a_hostile_file_is_refused_and_nothing_is_stored(
    citizen, settings, tmp_path, name, content, code, english
):
    settings.MEDIA_ROOT = tmp_path

    response = _post(citizen, name, content)

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "upload_refused"
    assert error["fields"] == {"file": [code]}
    assert english in error["message_en"]
    assert error["message"] != error["message_en"]  # the Vietnamese message is shown first
    assert Upload.objects.count() == 0
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


_URL = TextStringObject("https://thu-thap.example/")
ACTIVE = [
    ("xfa.pdf", _pdf_with("open", xfa=True), "an XFA form", "biểu mẫu XFA"),
    (
        "gui-di.pdf",
        _pdf_with("link", {"/S": NameObject("/SubmitForm"), "/F": _URL}),
        "a SubmitForm action",
        "hành động SubmitForm",
    ),
    ("gui-di-nen.pdf", _pdf_with_hidden_submit_form(), "a SubmitForm action", "SubmitForm"),
    (
        "mo-tep.pdf",
        _pdf_with(
            "page", {"/S": NameObject("/GoToR"), "/F": TextStringObject("//may-chu/chia-se/a.pdf")}
        ),
        "a GoToR action",
        "hành động GoToR",
    ),
    (
        "nhap.pdf",
        _pdf_with("open", {"/S": NameObject("/ImportData"), "/F": TextStringObject("a.fdf")}),
        "an ImportData action",
        "hành động ImportData",
    ),
    (
        "chay-link.pdf",
        _pdf_with("link", {"/S": NameObject("/Launch"), "/F": TextStringObject("cmd.exe")}),
        "a Launch action",
        "hành động Launch",
    ),
    (
        "trang.pdf",
        _pdf_with_attachment("huong-dan.html", b"<html><script>alert(1)</script></html>"),
        "an attached web page (huong-dan.html)",
        "trang web đính kèm (huong-dan.html)",
    ),
    (
        "anh.pdf",
        _pdf_with_attachment("anh-the.jpg", b"MZ\x90\x00" + b"\x00" * 60),  # a program, renamed
        "an attached program (anh-the.jpg)",
        "chương trình đính kèm (anh-the.jpg)",
    ),
    (
        "cai-dat.pdf",
        _pdf_with_attachment("cai-dat.exe", b"\x00" * 64),
        "an attached program (cai-dat.exe)",
        "chương trình đính kèm (cai-dat.exe)",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "english", "vietnamese"), ACTIVE, ids=[a[0] for a in ACTIVE]
)
def test_active_pdf_content_is_refused_naming_what_was_found(
    citizen, settings, tmp_path, name, content, english, vietnamese
):
    settings.MEDIA_ROOT = tmp_path

    response = _post(citizen, name, content)

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["fields"] == {"file": ["active_content"]}
    assert f"Found: {english}" in error["message_en"]
    assert vietnamese in error["message"]
    assert error["message"].startswith("Tệp PDF")
    assert Upload.objects.count() == 0


def test_a_pdf_with_ordinary_links_and_a_text_attachment_is_accepted(citizen):
    linked = _pdf_with("link", {"/S": NameObject("/URI"), "/URI": _URL})
    attached = _pdf_with_attachment("ghi-chu.txt", "Bản sao có chứng thực".encode())

    assert _post(citizen, "lien-ket.pdf", linked).status_code == 201
    assert _post(citizen, "dinh-kem.pdf", attached).status_code == 201


def test_an_oversized_file_is_refused_before_anything_is_read(citizen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1024 * 1024

    response = _post(citizen, "lon.pdf", PDF + b"%" * (1024 * 1024))

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"file": ["too_large"]}
    assert "1 MB" in response.json()["error"]["message_en"]
    assert Upload.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("scan.pdf", PDF, "application/pdf"),
        (
            "to-khai.docx",
            _docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_ordinary_documents_are_accepted(citizen, name, content, kind):
    response = _post(citizen, name, content)

    assert response.status_code == 201, response.content
    assert response.json()["content_type"] == kind


def test_a_real_photo_is_accepted(citizen):
    photo = io.BytesIO()
    Image.new("RGB", (1240, 1754), "white").save(photo, "JPEG")  # an A4 page at 150 dpi

    response = _post(citizen, "cccd.jpg", photo.getvalue())

    assert response.status_code == 201
    assert response.json()["content_type"] == "image/jpeg"


class FakeClamd:
    """clamd's INSTREAM protocol on a Unix socket: a file carrying the EICAR marker is a virus."""

    def __init__(self, path: str) -> None:
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while not data.startswith(b"zINSTREAM\0") or not data.endswith(b"\0\0\0\0"):
                    data += conn.recv(65536)
                infected = b"EICAR STANDARD ANTIVIRUS TEST FILE" in data
                conn.sendall(b"stream: Eicar-Signature FOUND\0" if infected else b"stream: OK\0")

    def close(self) -> None:
        self.server.close()


def test_clamav_refuses_an_infected_file_and_passes_a_clean_one(citizen, settings, tmp_path):
    path = str(tmp_path / "clamd.sock")
    clamd = FakeClamd(path)
    settings.MOTCUA_CLAMAV_SOCKET = path
    try:
        eicar = blank_pdf("EICAR STANDARD ANTIVIRUS TEST FILE")
        infected = _post(citizen, "virus.pdf", eicar)
        clean = _post(citizen, "sach.pdf", PDF)
    finally:
        clamd.close()

    assert infected.status_code == 400
    assert infected.json()["error"]["fields"] == {"file": ["infected"]}
    assert "Eicar-Signature" in infected.json()["error"]["message_en"]
    assert clean.status_code == 201
    assert Upload.objects.count() == 1


def test_an_unreachable_scanner_refuses_rather_than_stores_unscanned(citizen, settings, tmp_path):
    settings.MOTCUA_CLAMAV_SOCKET = str(tmp_path / "nobody-listens.sock")

    response = _post(citizen, "scan.pdf", PDF)

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "scanner_unavailable"
    assert Upload.objects.count() == 0
