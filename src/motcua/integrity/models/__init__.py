"""The integrity app's models, one module per concept."""

from motcua.integrity.models.cases import CaseFollowUp, CaseStatus, InspectionCase
from motcua.integrity.models.complaints import (
    Complaint,
    ComplaintCategory,
    ComplaintEvidence,
    ComplaintSource,
    ComplaintStatus,
)
from motcua.integrity.models.events import IntegrityEvent, IntegrityKind
from motcua.integrity.models.flags import (
    BrokerMark,
    Flag,
    FlagKind,
    FlagSource,
    FlagStatus,
    KeyKind,
    ScanRun,
    Standing,
    StandingKind,
    SubmitterActivity,
)

__all__ = [
    "BrokerMark",
    "CaseFollowUp",
    "CaseStatus",
    "Complaint",
    "ComplaintCategory",
    "ComplaintEvidence",
    "ComplaintSource",
    "ComplaintStatus",
    "Flag",
    "FlagKind",
    "FlagSource",
    "FlagStatus",
    "InspectionCase",
    "IntegrityEvent",
    "IntegrityKind",
    "KeyKind",
    "ScanRun",
    "Standing",
    "StandingKind",
    "SubmitterActivity",
]
