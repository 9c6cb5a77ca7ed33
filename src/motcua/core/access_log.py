"""gunicorn's access log without personal data (`--logger-class` in the Makefile).

gunicorn's default access line carries the request line and the referrer with their query
strings (`/track/H26…/?id_last4=2345`, a phone number typed into a search). This logger writes
every query value as `***`, and masks ID numbers, phone numbers and e-mail addresses in the rest
(core/logs.py's rules), whatever `--access-logformat` says.
"""

from typing import Any

from gunicorn.glogging import Logger

from motcua.core.logs import mask, mask_query

QUERY_ATOMS = ("q", "{query_string}e")


class AccessLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str):
                atoms[key] = mask_query(value) if key in QUERY_ATOMS else mask(value)
        return atoms
