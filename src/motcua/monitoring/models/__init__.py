"""Monitoring's models, one module per concept (rollups and indicators, directives, readiness)."""

from motcua.monitoring.models.facts import DossierFact, StepFact
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
    "DailyRollup",
    "DossierFact",
    "StepFact",
    "StepRollup",
    "Watermark",
]
