"""WSGI entry point: `gunicorn motcua.wsgi` and runserver; refuses demo settings in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
application = get_wsgi_application()

from motcua.core.checks import refuse_unsafe_production  # noqa: E402  (needs the settings)

refuse_unsafe_production()
