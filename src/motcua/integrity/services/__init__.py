"""The integrity app's writes, one module per use-case family."""

from motcua.integrity.services.events import record_integrity_event
from motcua.integrity.services.intake import note_intake

__all__ = ["note_intake", "record_integrity_event"]
