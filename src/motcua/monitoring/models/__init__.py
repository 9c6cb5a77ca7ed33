"""Monitoring's models, one module per concept (rollups and indicators, directives, readiness)."""
