"""Organisations as applicants (DOMAIN N3): their kinds and the enterprise code's rules.

Pure checks, no database. An enterprise code (mã số doanh nghiệp) is the tax code: 10 digits,
the 10th a check digit over the first nine; a dependent unit (branch, representative office,
business location) has 13: the parent's 10, a hyphen and a 3-digit serial (`0101248141-001`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.identity.idnumbers import IdNumberProblem

# The tax authority's weights for the check digit (Circular 105/2020/TT-BTC's code structure).
_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


class ApplicantKind(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    ORGANISATION = "organisation", _("Organisation")


class OrgKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    BRANCH = "branch", _("Branch or dependent unit")
    HOUSEHOLD_BUSINESS = "household_business", _("Household business")
    COOPERATIVE = "cooperative", _("Cooperative")
    ASSOCIATION = "association", _("Association")
    PUBLIC_BODY = "public_body", _("Public body")


class FilerRole(models.TextChoices):
    REPRESENTATIVE = "representative", _("Legal representative")
    AUTHORISED = "authorised", _("Authorised person")


class AuthorisationMethod(models.TextChoices):
    LETTER = "letter", _("Authorisation letter")
    VNEID_ORGANISATION = "vneid_organisation", _("Confirmed in the organisation's VNeID account")


def check_digit(first_nine: str) -> int | None:
    """Return the check digit of a tax code's first nine digits; None when no code can have
    them (the remainder leaves no single digit)."""
    total = sum(int(d) * w for d, w in zip(first_nine, _WEIGHTS, strict=True))
    digit = 10 - total % 11
    if digit == 10:
        return None
    return 0 if digit == 11 else digit


def make_enterprise_code(first_nine: str) -> str:
    """Return the 10-digit code with its check digit (for demo data and tests)."""
    digit = check_digit(first_nine)
    if digit is None:
        raise ValueError(f"no tax code starts with {first_nine}")
    return f"{first_nine}{digit}"


def normalise_enterprise_code(code: str) -> str:
    """Return the code as it is stored: spaces dropped; a 13-digit code written with its
    hyphen (`0101248141-001`)."""
    code = "".join(code.split())
    if len(code) == 13 and code.isdigit():
        return f"{code[:10]}-{code[10:]}"
    return code


def enterprise_code_problem(code: str) -> IdNumberProblem | None:
    """Return the first rule the enterprise code breaks (length, format, check digit)."""
    code = normalise_enterprise_code(code)
    main, _sep, unit = code.partition("-")
    if not (main.isascii() and main.isdigit()) or len(main) != 10:
        return IdNumberProblem(
            "enterprise_format",
            _("An enterprise code has 10 digits, or 13 for a dependent unit (0101248141-001)."),
        )
    if _sep and (len(unit) != 3 or not (unit.isascii() and unit.isdigit()) or unit == "000"):
        return IdNumberProblem(
            "enterprise_unit",
            _("A dependent unit's code ends with a hyphen and 3 digits from 001 (0101248141-001)."),
        )
    if check_digit(main[:9]) != int(main[9]):
        return IdNumberProblem(
            "enterprise_check_digit",
            _("The check digit (the 10th digit) of the enterprise code is wrong."),
        )
    return None


def is_dependent_unit(code: str) -> bool:
    return "-" in normalise_enterprise_code(code)
