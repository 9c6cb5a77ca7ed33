"""Log formatting: JSON lines, with personal data masked as a safety net (STYLE §9)."""

import json
import logging
import re
from typing import Any

# 12-digit personal ID numbers, 9–10 digit enterprise/ID card numbers, phone numbers, e-mails,
# and the values of query strings (a tracking look-up's digits, a phone typed into a filter).
_PATTERNS = [
    (re.compile(r"(?<!\d)(\d{3})\d{6}(\d{3})(?!\d)"), r"\1******\2"),
    (re.compile(r"(?<!\d)(0|\+84)(\d{2})\d{4,5}(\d{3})(?!\d)"), r"\1\2*****\3"),
    (re.compile(r"([\w.+-])[\w.+-]*@([\w-]+\.[\w.-]+)"), r"\1***@\2"),
    (re.compile(r"(?<=[?&])([^=&#?\s\"'<>]+)=[^&#\s\"'<>]*"), r"\1=***"),
]
_STANDARD = set(vars(logging.makeLogRecord({})))


def mask(text: str) -> str:
    """Return `text` with ID numbers, phone numbers, e-mail addresses and the values of query
    strings in URLs masked."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def mask_query(query: str) -> str:
    """Return a query string (without its "?") with every value masked."""
    return mask(f"?{query}")[1:] if query else query


def _masked(value: Any) -> Any:
    """Return a value with its strings masked, inside dicts, lists and tuples too; any other
    object (a request, an exception) as its masked text, as the formatter would write it."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(item) for item in value]
    if isinstance(value, bool | float | type(None)):
        return value
    text = str(value)
    masked = mask(text)
    return value if isinstance(value, int) and masked == text else masked


class MaskPersonalData(logging.Filter):
    """Mask personal data in the message, the extra fields (Django's `request` included), the
    exception and the stack of every record, whichever formatter writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage())
        record.args = None
        for key, value in list(vars(record).items()):
            if key not in _STANDARD:
                setattr(record, key, _masked(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)  # formatters write this text, not exc_info
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON line: time, level, logger, event and the extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
        }
        line.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info or record.exc_text:
            line["exc"] = mask(record.exc_text or self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)
