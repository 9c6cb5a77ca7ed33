"""Who pays the postage of a result (DOMAIN N5): Resolution 77/2025/NQ-HĐND (27/11/2025, in
force 1/1/2026) has the city pay 100% of the cost of returning results and dossiers to those who
file online, within the budget it allots; other dossiers' postage is the applicant's, paid to
the post on delivery."""

from datetime import date

from django.utils import timezone

from motcua.delivery.models import CostPayer
from motcua.dossiers.models import Channel, Dossier

RESOLUTION_77 = "Nghị quyết 77/2025/NQ-HĐND"
RESOLUTION_77_FROM = date(2026, 1, 1)
CITY_PAYS = (
    "Thành phố hỗ trợ 100% chi phí chuyển trả kết quả khi thực hiện dịch vụ công trực tuyến "
    f"({RESOLUTION_77})"
)
APPLICANT_PAYS = "Người nhận trả cước bưu chính khi nhận kết quả (hồ sơ không nộp trực tuyến)"


def postage(dossier: Dossier) -> tuple[str, str]:
    """Return (who pays, the source) for the dossier's postal order: by its filing channel and
    day (DOMAIN C2: the rule of the filing day)."""
    filed_on = timezone.localtime(dossier.received_at).date()
    if dossier.channel == Channel.ONLINE and filed_on >= RESOLUTION_77_FROM:
        return CostPayer.CITY, CITY_PAYS
    return CostPayer.APPLICANT, APPLICANT_PAYS
