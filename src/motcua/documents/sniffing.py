"""Tell a file's real type from its first bytes, never from its name (pure)."""

# Signature → content type. Office formats are ZIP (docx, xlsx) or OLE (doc, xls) containers.
_SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"PK\x03\x04", "application/zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
]
_OFFICE_BY_SUFFIX = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
}
_CONTAINER_FOR = {
    ".docx": "application/zip",
    ".xlsx": "application/zip",
    ".doc": "application/x-ole-storage",
    ".xls": "application/x-ole-storage",
}


def sniff(head: bytes, name: str) -> str | None:
    """Return the accepted content type of a file, or None when it is not accepted.

    A ZIP or OLE container is accepted only as the office document its name says it is.
    """
    found = next((kind for signature, kind in _SIGNATURES if head.startswith(signature)), None)
    if found in ("application/pdf", "image/jpeg", "image/png"):
        return found
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    if found is not None and _CONTAINER_FOR.get(suffix) == found:
        return _OFFICE_BY_SUFFIX[suffix]
    return None
