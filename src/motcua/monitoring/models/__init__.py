"""Monitoring's models, one module per concept (rollups and indicators, directives, readiness)."""

from motcua.monitoring.models.directives import (
    Assignment,
    AssignmentStatus,
    Directive,
    Issuer,
    ProgressReport,
    Urge,
)
from motcua.monitoring.models.facts import DossierFact, StepFact
from motcua.monitoring.models.readiness import PointResources, TrainingSession
from motcua.monitoring.models.rollups import (
    AgencyDailyRollup,
    AgencyMonthlyRollup,
    DailyRollup,
    StepRollup,
)
from motcua.monitoring.models.watermark import Watermark

__all__ = [
    "AgencyDailyRollup",
    "AgencyMonthlyRollup",
    "Assignment",
    "AssignmentStatus",
    "DailyRollup",
    "Directive",
    "DossierFact",
    "Issuer",
    "PointResources",
    "ProgressReport",
    "StepFact",
    "StepRollup",
    "TrainingSession",
    "Urge",
    "Watermark",
]
