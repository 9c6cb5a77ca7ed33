"""The broker score: explainable signals over a rolling window, combined into points with
their reasons in words (DOMAIN G1). Pure: no database, no settings, no clock.

Each signal adds points up to its ceiling; the ceilings sum to 100. A submitter identity is
flagged when the score reaches the threshold AND it filed for enough distinct applicants (no
one is a broker for filing their own and their family's dossiers, however odd the hour).
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

# Ceilings (points) of each signal; docs/integrity.md explains how to tune them.
APPLICANTS_POINTS = 45  # distinct applicants filed for, from the 4th on, full at 10
UNITS_POINTS = 15  # spread across wards/communes, 5 a unit beyond the first
PACE_POINTS = 10  # filings per active day beyond 2
ODD_HOURS_POINTS = 20  # share of filings between 22:00 and 06:00
TROUBLE_POINTS = 10  # share needing supplementation or refused, beyond 35 %

FAMILY_SIZE = 3  # this many applicants are a household: no points
APPLICANTS_FULL = 10
TROUBLE_BASE = 0.35
ODD_START, ODD_END = 22, 6

REASONS = {
    "applicants": _("Filed for %(applicants)s different applicants in %(days)s days"),
    "contact_reuse": _("The same %(identity)s was given for %(applicants)s different applicants"),
    "payer": _("One bank account paid for %(applicants)s different applicants"),
    "device": _("One device filed online for %(applicants)s different applicants in %(days)s days"),
    "units": _("Spread across %(units)s wards or communes"),
    "pace": _("%(pace)s filings per active day"),
    "odd_hours": _("%(odd)s of %(dossiers)s filings between 22:00 and 06:00"),
    "trouble": _("%(percent)s%% of the dossiers needed a supplement or were refused"),
    "standing": _("Registered as: %(standing)s"),
    "helper": _("Registered community digital team helper"),
    "extra_requests": _("Asked %(count)s times for documents the procedure does not list"),
    "data_requests": _("Asked %(count)s times for data that national databases hold"),
    "repeated_rounds": _("Asked %(count)s times for another supplementation round"),
    "complaints": _("%(count)s complaints about extra documents name this unit"),
    "rounds": _("%(rounds)s supplementation rounds on one dossier (the rule allows %(limit)s)"),
}
CONTACT_WORDS = {
    "phone": _("phone number"),
    "email": _("email address"),
    "person": _("submitter's ID number"),
}


@dataclass(frozen=True)
class Evidence:
    """What one submitter identity did in the window."""

    key_kind: str
    dossiers: int
    applicants: int
    units: int = 1
    active_days: int = 1
    odd_hours: int = 0
    troubled: int | None = None  # unknown at intake: supplements and refusals come later
    window_days: int = 30


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    params: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "points": self.points, "params": self.params}


@dataclass(frozen=True)
class Assessment:
    score: int
    reasons: tuple[Reason, ...]


def assess(evidence: Evidence) -> Assessment:
    """Return the score (0–100) and its reasons, the heaviest first."""
    e = evidence
    found: list[Reason] = []
    extra = e.applicants - FAMILY_SIZE
    if extra > 0:
        points = min(APPLICANTS_POINTS, APPLICANTS_POINTS * extra / (APPLICANTS_FULL - FAMILY_SIZE))
        params: dict[str, Any] = {"applicants": e.applicants, "days": e.window_days}
        if e.key_kind == "bank":
            found.append(Reason("payer", round(points), params))
        elif e.key_kind == "device":
            found.append(Reason("device", round(points), params))
        elif e.key_kind in CONTACT_WORDS:
            found.append(Reason("contact_reuse", round(points), {**params, "identity": e.key_kind}))
        else:
            found.append(Reason("applicants", round(points), params))
    if e.units > 1:
        found.append(Reason("units", min(UNITS_POINTS, 5 * (e.units - 1)), {"units": e.units}))
    pace = e.dossiers / max(1, e.active_days)
    if pace > 2:
        points = min(PACE_POINTS, round(4 * (pace - 2)))
        found.append(Reason("pace", points, {"pace": round(pace, 1)}))
    if e.odd_hours >= 2:
        points = round(ODD_HOURS_POINTS * e.odd_hours / e.dossiers)
        found.append(Reason("odd_hours", points, {"odd": e.odd_hours, "dossiers": e.dossiers}))
    if e.troubled is not None and e.dossiers >= 5:
        share = e.troubled / e.dossiers
        if share > TROUBLE_BASE:
            points = round(TROUBLE_POINTS * (share - TROUBLE_BASE) / (1 - TROUBLE_BASE))
            found.append(Reason("trouble", points, {"percent": round(100 * share)}))
    reasons = tuple(sorted((r for r in found if r.points > 0), key=lambda r: -r.points))
    return Assessment(min(100, sum(r.points for r in reasons)), reasons)


def is_flagged(
    assessment: Assessment, evidence: Evidence, *, threshold: int, applicants: int
) -> bool:
    """Whether the identity goes to the review queue."""
    return assessment.score >= threshold and evidence.applicants >= applicants


def words(reason: dict[str, Any], language: str) -> str:
    """Return a stored reason in words, in `language` ("vi" or "en")."""
    template = REASONS.get(reason["code"])
    if template is None:
        return reason["code"]
    params = dict(reason.get("params") or {})
    with translation.override(language):
        if "identity" in params:
            params["identity"] = str(CONTACT_WORDS.get(params["identity"], params["identity"]))
        return str(template) % params


def both_languages(reasons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the stored reasons with their Vietnamese and English words."""
    return [{**r, "vi": words(r, "vi"), "en": words(r, "en")} for r in reasons]
