"""Monitoring's models, one module per concept (rollups and indicators, directives, readiness)."""

from motcua.monitoring.models.directives import (
    Assignment,
    AssignmentStatus,
    Directive,
    Issuer,
    ProgressReport,
    Urge,
)
from motcua.monitoring.models.readiness import PointResources, TrainingSession

__all__ = [
    "Assignment",
    "AssignmentStatus",
    "Directive",
    "Issuer",
    "PointResources",
    "ProgressReport",
    "TrainingSession",
    "Urge",
]
