"""Decision 766/QĐ-TTg: each indicator's points and a unit's total (pure: no database).

DOMAIN.md gives the five groups and their points (transparency 18, progress 20, online services
22, digitisation 22, satisfaction 18) and the rule points = max × min(1, rate ÷ threshold), or
max × rate ÷ 100 without a threshold; DOMAIN-SOURCES.md §3 the indicators inside each group.
Indicators whose data this system does not hold (catalog publication) are listed as not
measured, with no points; 1.4 (synchronisation) comes from the daily reconciliation with the
national portal (nationalportal.reconciliation).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.monitoring.indicators import RATIOS

Counters = Mapping[str, int]

GROUPS: dict[str, tuple[Promise, int]] = {
    "transparency": (_("Transparency"), 18),
    "progress": (_("Progress and results"), 20),
    "online": (_("Online service provision"), 22),
    "digitisation": (_("Digitisation"), 22),
    "satisfaction": (_("Satisfaction"), 18),
}


@dataclass(frozen=True)
class Rule:
    code: str
    group: str
    name: Promise
    max_points: int
    threshold: float | None
    ratio: Callable[[Counters], float | None] | None  # None: not measured by this system


def _share(key: str) -> Callable[[Counters], float | None]:
    """The indicator's rate is the percentage `key` of `indicators.RATIOS` (its one definition)."""

    def ratio(c: Counters) -> float | None:
        return RATIOS[key].of(c)

    ratio.formula = RATIOS[key].formula  # type: ignore[attr-defined]
    return ratio


def _satisfaction(c: Counters) -> float | None:
    """5.4: 100% − (the late rate + the rate of dossiers rated as disliked)."""
    if not c["finished"]:
        return None
    late = RATIOS["late_rate"].of(c)
    disliked = round(100 * c["disliked"] / c["finished"], 2)
    return round(max(0.0, 100 - (late or 0) - disliked), 2)


_satisfaction.formula = _(  # type: ignore[attr-defined]
    "100% − (ended late ÷ ended × 100% + rated 1 or 2 of 5 ÷ ended × 100%)"
)


def _complaints(key: str) -> Callable[[Counters], float | None]:
    """5.2 and 5.3 over the complaints received in the period; a period without complaints
    scores 100 % (nothing answered late, nobody dissatisfied): a unit is not worse off for
    having had none than for having answered every one well."""

    def ratio(c: Counters) -> float | None:
        return RATIOS[key].of(c) if c.get("complaints", 0) else 100.0

    ratio.formula = RATIOS[key].formula  # type: ignore[attr-defined]
    return ratio


RULES: tuple[Rule, ...] = (
    Rule("1.1", "transparency", _("Procedures published on time"), 6, None, None),
    Rule("1.2", "transparency", _("Procedures made public on time"), 4, None, None),
    Rule("1.3", "transparency", _("Procedures published with all parts"), 2, None, None),
    Rule(
        "1.4",
        "transparency",
        _("Dossiers synchronised to the national portal"),
        6,
        None,
        _share("synchronisation_rate"),
    ),
    Rule(
        "2.1", "progress", _("Dossiers resolved early or on time"), 20, None, _share("on_time_rate")
    ),
    Rule(
        "3.x",
        "online",
        _("Fully online dossiers of fully online procedures"),
        12,
        None,
        _share("fully_online_share"),
    ),
    Rule(
        "3.3",
        "online",
        _("Online submission rate"),
        0,
        50,
        _share("online_share"),
    ),
    Rule("3.5", "online", _("Procedures with fees integrated for online payment"), 2, 80, None),
    Rule("3.5b", "online", _("Procedures with at least one online payment"), 2, 80, None),
    Rule("3.6", "online", _("Dossiers paid online"), 6, None, _share("online_payment_share")),
    Rule(
        "4.1",
        "digitisation",
        _("Dossiers with an electronic result"),
        6,
        None,
        _share("results_digitised_share"),
    ),
    Rule("4.2", "digitisation", _("Digitised dossiers"), 4, 80, _share("digitised_share")),
    Rule("4.x", "digitisation", _("Electronic certified copies offered"), 2, None, None),
    Rule("4.3", "digitisation", _("Reuse of digitised data"), 2, 80, _share("reused_share")),
    Rule(
        "4.4",
        "digitisation",
        _("Documents from the personal data store"),
        4,
        None,
        _share("from_wallet_share"),
    ),
    Rule("4.5a", "digitisation", _("Procedures connected to the population DB"), 2, None, None),
    Rule(
        "4.5b",
        "digitisation",
        _("Dossiers using population-DB data"),
        2,
        None,
        _share("population_data_share"),
    ),
    Rule(
        "5.2",
        "satisfaction",
        _("Complaints handled on time"),
        6,
        None,
        _complaints("complaints_on_time_rate"),
    ),
    Rule(
        "5.3",
        "satisfaction",
        _("Satisfaction with complaint handling"),
        6,
        None,
        _complaints("complaints_satisfactory_rate"),
    ),
    Rule(
        "5.4",
        "satisfaction",
        _("Satisfaction with reception and resolution"),
        6,
        90,
        _satisfaction,
    ),
)


def points(ratio: float | None, max_points: int, threshold: float | None) -> float:
    """Return the points of a rate: full at the threshold, proportional below it."""
    if ratio is None:
        return 0.0
    if threshold is not None:
        return float(max_points) if ratio >= threshold else round(ratio * max_points / threshold, 2)
    return round(ratio * max_points / 100, 2)


@dataclass(frozen=True)
class Line:
    rule: Rule
    ratio: float | None
    points: float | None  # None: not measured

    @property
    def measured(self) -> bool:
        return self.rule.ratio is not None

    @property
    def formula(self) -> Promise | None:
        """The rate's formula in words (the one definition in `indicators.RATIOS`)."""
        return getattr(self.rule.ratio, "formula", None)


@dataclass(frozen=True)
class Score:
    lines: tuple[Line, ...]

    @property
    def total(self) -> float:
        return round(sum(line.points or 0 for line in self.lines), 2)

    @property
    def measurable(self) -> int:
        """The points this system's data can give (the rest are not measured)."""
        return sum(line.rule.max_points for line in self.lines if line.measured)

    def group_points(self, group: str) -> float:
        return round(sum(li.points or 0 for li in self.lines if li.rule.group == group), 2)


def score(counters: Counters) -> Score:
    """Return the unit's points for every indicator of Decision 766."""
    lines = []
    for rule in RULES:
        if rule.ratio is None:
            lines.append(Line(rule, None, None))
            continue
        ratio = rule.ratio(counters)
        lines.append(Line(rule, ratio, points(ratio, rule.max_points, rule.threshold)))
    return Score(tuple(lines))
