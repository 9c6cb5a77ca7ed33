"""gunicorn's settings for Motcua (`gunicorn -c python:motcua.gunicorn_conf motcua.wsgi`).

The application is loaded once in the master (`preload_app`) and made ready there: every view
and the libraries it needs are imported (WeasyPrint, pyHanko, openpyxl, pypdf, bm25s), the
templates compiled, both languages' translations read, and the assistant's stored index and
the procedure search's index loaded. The workers are forked from it and share those pages with
the master and each other (copy on write) instead of each holding its own copy: a worker's own
memory is what its requests add (docs/benchmarks.md, "memory per worker").
"""

import gc
import logging
import os
from pathlib import Path
from typing import Any

preload_app = True

logger = logging.getLogger("motcua.gunicorn")


def _compile_templates() -> None:
    """Compile every template of the apps once (the cached loader keeps them)."""
    from django.apps import apps
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template

    for config in apps.get_app_configs():
        root = Path(config.path) / "templates"
        for path in root.rglob("*.html"):
            try:
                get_template(path.relative_to(root).as_posix())
            except (TemplateDoesNotExist, TemplateSyntaxError):  # shadowed, or a fragment
                continue


def _read_translations() -> None:
    from django.conf import settings
    from django.utils.translation import trans_real

    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)  # reads and keeps the language's catalogs


def when_ready(server: Any) -> None:
    """In the master, before the first worker is forked: import, compile, read the indexes."""
    from django.db import DatabaseError, connections
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view and what it imports
    _compile_templates()
    _read_translations()
    try:
        from motcua.assistant import selectors
        from motcua.catalog import search

        index = selectors.stored_index()  # built at publish; a worker builds it if none is
        if index is not None:
            index.rank("đăng ký khai sinh cho con")  # the ranking core's own lazy parts
        search.current_index()  # the portal's procedure search
    except DatabaseError:
        logger.warning("preload_index_skipped")  # no database yet: each worker reads it
    finally:
        connections.close_all()  # never hand one connection to several processes
    # What the master made lives as long as it: the collector of each worker must not touch
    # (and so copy) those pages.
    gc.freeze()
    if port := os.environ.get("MOTCUA_BANNER_PORT"):  # `make run`: say where to go once it listens
        from django.core.management import call_command

        call_command("banner", port=port, ready=True)
