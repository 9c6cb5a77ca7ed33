"""Public tracking: the one way to find a dossier by its code and the ID number's last 4 digits.

The API (`/api/v1/track/{code}/`), the page printed on the receipt (`/track/{code}`) and the
assistant all ask here, so that they share the limits on guessing (docs/security.md): every
look-up counts against the client (scope `tracking`), and every wrong one against the dossier
(scope `tracking_dossier`), so that guessing one dossier's 4 digits from many addresses is
bounded too. Both counts live in the shared cache.
"""

import hashlib

from motcua.core.errors import NotFound, TooManyRequests
from motcua.core.throttles import Tally
from motcua.dossiers import selectors
from motcua.dossiers.models import Dossier


def track(code: str, id_last4: str, *, client: str) -> Dossier:
    """Return the dossier whose code and ID digits match, or NotFound; TooManyRequests when the
    client or the dossier has used up its tries."""
    tries = Tally("tracking", client)
    # A digest keeps any text a client sends out of the cache's keys.
    wrong = Tally(
        "tracking_dossier", hashlib.sha256(code.encode(errors="surrogatepass")).hexdigest()[:32]
    )
    if tries.is_full() or wrong.is_full():
        raise TooManyRequests()
    tries.add()
    try:
        return selectors.tracked_dossier(code, id_last4)
    except NotFound:
        wrong.add()
        raise
