"""Log formatting: JSON lines, with personal data masked as a safety net (STYLE §9)."""

import json
import logging
import re
from typing import Any

# 12-digit personal ID numbers, 9–10 digit enterprise/ID card numbers, phone numbers, e-mails.
_PATTERNS = [
    (re.compile(r"(?<!\d)(\d{3})\d{6}(\d{3})(?!\d)"), r"\1******\2"),
    (re.compile(r"(?<!\d)(0|\+84)(\d{2})\d{4,5}(\d{3})(?!\d)"), r"\1\2*****\3"),
    (re.compile(r"([\w.+-])[\w.+-]*@([\w-]+\.[\w.-]+)"), r"\1***@\2"),
]
_STANDARD = set(vars(logging.makeLogRecord({})))


def mask(text: str) -> str:
    """Return `text` with ID numbers, phone numbers and e-mail addresses masked."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _masked(value: Any) -> Any:
    """Return a value with its strings masked, inside dicts, lists and tuples too."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(item) for item in value]
    return value


class MaskPersonalData(logging.Filter):
    """Mask personal data in the message and the extra fields of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage())
        record.args = None
        for key, value in list(vars(record).items()):
            if key not in _STANDARD:
                setattr(record, key, _masked(value))
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
        if record.exc_info:
            line["exc"] = mask(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)
