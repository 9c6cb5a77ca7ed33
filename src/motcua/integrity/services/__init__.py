"""The integrity app's writes, one module per use-case family."""

from motcua.integrity.services.cases import (
    add_follow_up,
    close_case,
    complete_follow_up,
    open_case,
    record_findings,
)
from motcua.integrity.services.complaints import answer_complaint, file_complaint, judge_answer
from motcua.integrity.services.events import record_integrity_event
from motcua.integrity.services.flags import (
    confirm_flag,
    dismiss_flag,
    escalate_flag,
    run_nightly_scan,
    scan,
)
from motcua.integrity.services.intake import note_intake
from motcua.integrity.services.standings import register_standing

__all__ = [
    "add_follow_up",
    "answer_complaint",
    "close_case",
    "complete_follow_up",
    "confirm_flag",
    "dismiss_flag",
    "escalate_flag",
    "file_complaint",
    "judge_answer",
    "note_intake",
    "open_case",
    "record_findings",
    "record_integrity_event",
    "register_standing",
    "run_nightly_scan",
    "scan",
]
