"""The demo's data: officials, dossiers, payments, integrity cases, directives and readiness, and
the integrity rehearsal over a simulated month. Installed only outside production
(settings.INSTALLED_APPS); no domain app imports it (import-linter: pyproject.toml)."""
