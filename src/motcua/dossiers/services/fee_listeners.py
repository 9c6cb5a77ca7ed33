"""What happens when a dossier's fee is set, or its result signed, inside the same transaction.

The payments app registers the making of the payment request here (its AppConfig.ready), so
that only intake and fee assessment ever write it, and the dossiers app does not import
payments. The delivery app registers the postal order of a paper result (RESULT_SIGNED).
"""

from collections.abc import Callable

from motcua.dossiers.models import Dossier

FEE_SET: list[Callable[[Dossier], None]] = []


def fee_set(dossier: Dossier) -> None:
    """Tell the listeners that the dossier's fee is now `fee_amount_vnd` (0: no fee)."""
    for listener in FEE_SET:
        listener(dossier)


RESULT_SIGNED: list[Callable[[Dossier], None]] = []


def result_signed(dossier: Dossier) -> None:
    """Tell the listeners that the dossier's result is signed (the row is locked)."""
    for listener in RESULT_SIGNED:
        listener(dossier)
