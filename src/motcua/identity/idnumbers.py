"""Personal identification numbers (DOMAIN I5): pure checks, no database.

12 digits = 3-digit place-of-birth registration code + 1 digit for century and sex + 2 digits of
the birth year + 6 random digits.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The 63 place codes of the provinces as they were when the codes were assigned (Circular
# 07/2016/TT-BCA); numbers issued before and after the 2025 merger keep them.
_PLACE_CODES_TEXT = (
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 "
    "033 034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 "
    "064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 "
    "094 095 096 "
)
PLACE_CODES = frozenset(_PLACE_CODES_TEXT.split())
# Century/sex digit → (first year of the century, sex).
_CENTURY = {
    0: (1900, "male"),
    1: (1900, "female"),
    2: (2000, "male"),
    3: (2000, "female"),
    4: (2100, "male"),
    5: (2100, "female"),
    6: (2200, "male"),
    7: (2200, "female"),
    8: (1800, "male"),
    9: (1800, "female"),
}


@dataclass(frozen=True)
class IdNumberProblem:
    rule: str  # machine-readable: format, place_code, century, year, sex
    message: Promise
    params: dict[str, Any] = field(default_factory=dict)

    def render(self) -> str:
        """Return the rule that failed, in the active language."""
        return str(self.message) % self.params if self.params else str(self.message)


def id_number_problem(
    number: str, *, born_on: date | None = None, sex: str | None = None
) -> IdNumberProblem | None:
    """Return the first rule the number breaks, or None when it is valid."""
    if len(number) != 12 or not (number.isascii() and number.isdigit()):
        return IdNumberProblem("format", _("The ID number must have exactly 12 digits."))
    if number[:3] not in PLACE_CODES:
        return IdNumberProblem(
            "place_code", _("%(code)s is not a province code."), {"code": number[:3]}
        )
    century, number_sex = _CENTURY[int(number[3])]
    if born_on is not None:
        if not century <= born_on.year < century + 100:
            return IdNumberProblem("century", _("The 4th digit does not match the birth century."))
        if int(number[4:6]) != born_on.year % 100:
            return IdNumberProblem("year", _("Digits 5-6 do not match the year of birth."))
    if sex is not None and sex != number_sex:
        return IdNumberProblem("sex", _("The 4th digit does not match the sex."))
    return None


def mask_id_number(number: str) -> str:
    """Return the number with all but the last 4 digits hidden."""
    return "*" * max(len(number) - 4, 0) + number[-4:]


_ID_NUMBER_IN_NAME = re.compile(r"(?<!\d)\d{12}(?!\d)")


def mask_account_name(name: str) -> str:
    """Return an account name with any ID number in it masked: a citizen's VNeID account is
    named after the number (`cd-001090012345` → `cd-********2345`)."""
    return _ID_NUMBER_IN_NAME.sub(lambda found: mask_id_number(found.group()), name)


def make_id_number(*, born_on: date, sex: str, place: str = "001", serial: int = 0) -> str:
    """Return the ID number DOMAIN I5 gives a person (the 6 random digits are `serial`)."""
    digit = next(
        d
        for d, (century, s) in _CENTURY.items()
        if s == sex and century <= born_on.year < century + 100
    )
    return f"{place}{digit}{born_on.year % 100:02d}{serial:06d}"
