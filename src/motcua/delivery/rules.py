"""Who pays the postage of a result (DOMAIN N5): Resolution 77/2025/NQ-HĐND (27/11/2025, in
force 1/1/2026) has the city pay 100% of the cost of returning results and dossiers to those who
file online, within the budget it allots; other dossiers' postage is the applicant's, paid to
the post on delivery."""

from datetime import date

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.delivery.models import CostPayer
from motcua.dossiers.models import Channel, Dossier

RESOLUTION_77 = "Nghị quyết 77/2025/NQ-HĐND"
RESOLUTION_77_FROM = date(2026, 1, 1)
CITY_PAYS = (
    "Thành phố hỗ trợ 100% chi phí chuyển trả kết quả khi thực hiện dịch vụ công trực tuyến "
    f"({RESOLUTION_77})"
)
APPLICANT_PAYS = "Người nhận trả cước bưu chính khi nhận kết quả (hồ sơ không nộp trực tuyến)"
# The order keeps the source in Vietnamese (the record of the rule applied); pages say it in
# their language. The Vietnamese msgstr of each is the stored text.
_SOURCE_WORDING: dict[str, Promise] = {
    CITY_PAYS: _(
        "The city pays the full cost of returning the result of a dossier filed online "
        "(Resolution 77/2025/NQ-HĐND)"
    ),
    APPLICANT_PAYS: _(
        "The recipient pays the postage on receiving the result (the dossier was not filed online)"
    ),
}


def postage(dossier: Dossier) -> tuple[str, str]:
    """Return (who pays, the source) for the dossier's postal order: by its filing channel and
    day (DOMAIN C2: the rule of the filing day)."""
    filed_on = timezone.localtime(dossier.received_at).date()
    if dossier.channel == Channel.ONLINE and filed_on >= RESOLUTION_77_FROM:
        return CostPayer.CITY, CITY_PAYS
    return CostPayer.APPLICANT, APPLICANT_PAYS


def source_wording(stored: str) -> str:
    """Return a postal order's stored postage source in the page's language (a source this
    module no longer writes stays as stored)."""
    wording = _SOURCE_WORDING.get(stored)
    return str(wording) if wording is not None else stored
