"""Monitoring's models, one module per concept (the facts, the rollups, the watermark)."""

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
