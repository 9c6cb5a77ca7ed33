"""Plain functions and constants that build what tests need (officials, dossiers, fee accounts,
a month of monitored work, the papers' words), imported by test modules of any package.

The pytest fixtures several packages share are in tests/conftest.py; no test module imports a
conftest module (tests/core/test_test_imports.py).
"""
