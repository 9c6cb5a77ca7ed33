"""The demo and test stand-in for the national databases: synthetic people, never real data.

Every valid ID number is a synthetic person whose facts are derived from the number itself
(deterministic, so the same number always gives the same record), except a few numbers the
sandbox does not hold, so that demos and tests can show a refusal. `MOTCUA_SANDBOX_DATA_DOWN`
makes every source time out, to show intake going on without it.
"""

import hashlib

from django.conf import settings

from motcua.identity.connectors.base import Match, SourceUnavailable
from motcua.identity.idnumbers import id_number_problem

UNKNOWN_TO_SANDBOX = frozenset({"001099000000"})
_STREETS = ["Đội Cấn", "Quán Thánh", "Hàng Bông", "Kim Mã", "Giảng Võ", "Nguyễn Chí Thanh"]
_WARDS = ["phường Ngọc Hà", "phường Ba Đình", "phường Hoàn Kiếm", "phường Giảng Võ"]


def _facts(source: str, id_number: str) -> dict[str, str]:
    seed = int(hashlib.sha256(f"{source}:{id_number}".encode()).hexdigest(), 16)
    street, ward = _STREETS[seed % len(_STREETS)], _WARDS[(seed >> 8) % len(_WARDS)]
    if source == "population_db":
        return {
            "residence": f"Số {seed % 200 + 1} phố {street}, {ward}, thành phố Hà Nội",
            "household": f"HK{seed % 10**8:08d}",
        }
    if source == "civil_status_db":
        return {"birth_registration": f"KS-{seed % 10**6:06d}", "marital_status": "single"}
    if source == "business_registry":
        return {"enterprise_code": f"01{seed % 10**8:08d}"}
    return {"parcel": f"{seed % 100}-{seed % 1000}"}


class SandboxNationalData:
    def lookup(self, source: str, *, id_number: str) -> Match:
        if settings.MOTCUA_SANDBOX_DATA_DOWN:
            raise SourceUnavailable(f"{source}: timed out (sandbox down)")
        if id_number in UNKNOWN_TO_SANDBOX or id_number_problem(id_number) is not None:
            return Match(source, False)
        return Match(source, True, _facts(source, id_number))
