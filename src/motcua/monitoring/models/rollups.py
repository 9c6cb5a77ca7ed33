"""Rollups of dossier facts: counters per day, agency and procedure; per day and agency; per
process step. Dashboards read these tables only (docs/monitoring.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Upper bounds, in working hours, of the processing-time buckets that give the percentiles;
# the last bucket (h14) holds everything longer than 480 h (60 working days).
BUCKET_BOUNDS_HOURS = (1, 2, 4, 8, 16, 24, 40, 64, 80, 120, 160, 240, 360, 480)
BUCKETS = tuple(f"h{i}" for i in range(len(BUCKET_BOUNDS_HOURS) + 1))

# The facts' yes/no columns, each counted as a rollup counter of the same name.
FLAG_COUNTERS = (
    "boundary_free",
    "full_online_eligible",
    "fully_online",
    "fee_bearing",
    "paid_online",
    "digitised",
    "reused",
    "from_wallet",
    "population_data",
    "supplemented",
    # filed by an organisation (issue 22: Letter 6379's enterprise figures), and of those online
    "organisation",
    "organisation_online",
)
# Counted on the day of receipt.
RECEIVED_COUNTERS = (
    "received",
    "received_online",
    "received_counter",
    "received_postal",
    *FLAG_COUNTERS,
    "open_on_time",
    "open_overdue",
)
# Counted on the day the dossier ended (result signed, refused, withdrawn or closed).
FINISHED_COUNTERS = (
    "finished",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "approved",
    "results_digitised",
    "refused",
    "withdrawn",
    "rated",
    "rating_sum",
    "disliked",
    "processing_seconds",
    *BUCKETS,
)
COUNTERS = RECEIVED_COUNTERS + FINISHED_COUNTERS


class Buckets(models.Model):
    """How many durations fell in each processing-time bucket (BUCKET_BOUNDS_HOURS)."""

    h0 = models.PositiveIntegerField(default=0)
    h1 = models.PositiveIntegerField(default=0)
    h2 = models.PositiveIntegerField(default=0)
    h3 = models.PositiveIntegerField(default=0)
    h4 = models.PositiveIntegerField(default=0)
    h5 = models.PositiveIntegerField(default=0)
    h6 = models.PositiveIntegerField(default=0)
    h7 = models.PositiveIntegerField(default=0)
    h8 = models.PositiveIntegerField(default=0)
    h9 = models.PositiveIntegerField(default=0)
    h10 = models.PositiveIntegerField(default=0)
    h11 = models.PositiveIntegerField(default=0)
    h12 = models.PositiveIntegerField(default=0)
    h13 = models.PositiveIntegerField(default=0)
    h14 = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class Counters(Buckets):
    """The sums a rollup row holds; every indicator is a ratio of two of them."""

    received = models.PositiveIntegerField(default=0)
    received_online = models.PositiveIntegerField(default=0)
    received_counter = models.PositiveIntegerField(default=0)
    received_postal = models.PositiveIntegerField(default=0)
    boundary_free = models.PositiveIntegerField(default=0)
    full_online_eligible = models.PositiveIntegerField(default=0)
    fully_online = models.PositiveIntegerField(default=0)
    fee_bearing = models.PositiveIntegerField(default=0)
    paid_online = models.PositiveIntegerField(default=0)
    digitised = models.PositiveIntegerField(default=0)
    reused = models.PositiveIntegerField(default=0)
    from_wallet = models.PositiveIntegerField(default=0)
    population_data = models.PositiveIntegerField(default=0)
    supplemented = models.PositiveIntegerField(default=0)
    organisation = models.PositiveIntegerField(default=0)
    organisation_online = models.PositiveIntegerField(default=0)
    open_on_time = models.PositiveIntegerField(default=0)
    open_overdue = models.PositiveIntegerField(default=0)
    finished = models.PositiveIntegerField(default=0)
    finished_early = models.PositiveIntegerField(default=0)
    finished_on_time = models.PositiveIntegerField(default=0)
    finished_late = models.PositiveIntegerField(default=0)
    approved = models.PositiveIntegerField(default=0)
    results_digitised = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)
    disliked = models.PositiveIntegerField(default=0)
    processing_seconds = models.BigIntegerField(default=0)

    class Meta:
        abstract = True


class DailyRollup(Counters):
    """One day, one competent agency, one procedure: the fine rollup (per procedure, field)."""

    day = models.DateField(_("day"))
    agency = models.ForeignKey("geography.Agency", on_delete=models.PROTECT, related_name="+")
    procedure = models.ForeignKey("catalog.Procedure", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("daily rollup")
        verbose_name_plural = _("daily rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "agency", "procedure"], name="daily_rollup_unique"
            ),
        ]
        indexes = [models.Index(fields=["agency", "day"], name="daily_rollup_agency_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id} {self.procedure_id}"


class AgencyDailyRollup(Counters):
    """One day, one competent agency: the sums of its DailyRollup rows (city-wide pages)."""

    day = models.DateField(_("day"))
    agency = models.ForeignKey("geography.Agency", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("daily rollup per agency")
        verbose_name_plural = _("daily rollups per agency")
        constraints = [
            models.UniqueConstraint(fields=["day", "agency"], name="agency_rollup_unique"),
        ]
        indexes = [models.Index(fields=["agency", "day"], name="agency_rollup_agency_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id}"


class AgencyMonthlyRollup(Counters):
    """One month, one competent agency: the sums of its daily rows (long periods read these)."""

    month = models.DateField(_("month (its first day)"))
    agency = models.ForeignKey("geography.Agency", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("monthly rollup per agency")
        verbose_name_plural = _("monthly rollups per agency")
        constraints = [
            models.UniqueConstraint(fields=["month", "agency"], name="agency_month_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.agency_id}"


class StepRollup(Buckets):
    """Time spent in one process step, by the day it finished (the bottleneck view)."""

    day = models.DateField(_("day"))
    agency = models.ForeignKey("geography.Agency", on_delete=models.PROTECT, related_name="+")
    procedure = models.ForeignKey("catalog.Procedure", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("step"))
    name = models.TextField(_("name"))
    steps = models.PositiveIntegerField(default=0)
    late_steps = models.PositiveIntegerField(default=0)
    seconds = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("step rollup")
        verbose_name_plural = _("step rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "agency", "procedure", "position"], name="step_rollup_unique"
            ),
        ]
        indexes = [models.Index(fields=["procedure", "day"], name="step_rollup_procedure_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.procedure_id} #{self.position}"
