"""How a paper result may reach the applicant (DOMAIN N5): since 1/1/2026 Hanoi returns paper
results by post only (no hand-over at the counter), "except where specialised law says
otherwise" (the city's Public Administrative Service Centre, notice of 31/12/2025). The
exceptions are configuration with their source: the catalog's "presence required to receive
the result", or the city's list MOTCUA_COUNTER_RESULT_PROCEDURES."""

from datetime import date

from django.conf import settings

from motcua.catalog.models import Presence, ProcedureVersion

CITY_NOTICE = (
    "Thông báo của Trung tâm Phục vụ hành chính công TP Hà Nội: từ 01/01/2026 trả 100% kết quả "
    "bản giấy qua dịch vụ bưu chính"
)


def by_post_from() -> date | None:
    """The day paper results go by post only (MOTCUA_RESULTS_BY_POST_FROM), or None."""
    value = settings.MOTCUA_RESULTS_BY_POST_FROM
    return date.fromisoformat(value) if value else None


def counter_pickup(version: ProcedureVersion, on: date) -> dict[str, str] | None:
    """Return why the result may be collected at the counter ({"source"}), or None when it
    goes by post only on that day."""
    start = by_post_from()
    if start is None or on < start:
        return {"source": "before the results-by-post rule"}
    if version.presence_required_for == Presence.RECEIVING_RESULT:
        return {"source": "catalog: presence required to receive the result (specialised law)"}
    if version.procedure.code in settings.MOTCUA_COUNTER_RESULT_PROCEDURES:
        return {"source": "MOTCUA_COUNTER_RESULT_PROCEDURES (the city's exception)"}
    return None
